package chain

import (
	"errors"
	"flag"
	"fmt"
	"math/big"
	"os"
	"testing"
	"time"

	"pgregory.net/rapid"
)

// unit is the smallest amount the property test moves: 0.1 DECO.
var unit = big.NewInt(1e17)

func units(n int64) *big.Int { return new(big.Int).Mul(big.NewInt(n), unit) }

type propVoucher struct {
	amount *big.Int
	sig    []byte
}

type propJob struct {
	id                  [32]byte
	consumer            int
	deposited, redeemed *big.Int
	refunded            bool
	deadline            time.Time
	vouchers            map[int][]propVoucher // by provider index, increasing amounts
	paid                map[int]*big.Int
}

func (j *propJob) available() *big.Int { return sub(j.deposited, j.redeemed) }

// propLedger is what the model knows across all checks (the chain persists).
type propLedger struct {
	supply                       *big.Int
	deposits, redeemed, refunded *big.Int
	stakes                       []*big.Int     // slashable stake per provider
	reported                     []propEvidence // equivocations already punished
	next                         int            // fresh id counter
}

type propEvidence struct {
	provider int
	task     string
}

type propMachine struct {
	e         *testEnv
	consumers []*Client
	providers []*Client
	reporter  *Client
	holders   []*Client
	slashBps  int64
	grace     time.Duration
	l         *propLedger
	jobs      []*propJob
}

// expect compares a chain result with the model's prediction ("" = success).
func expect(t *rapid.T, what string, err error, want string) {
	switch {
	case want == "" && err != nil:
		t.Fatalf("%s: want success, got %v", what, err)
	case want != "" && !errorsIsName(err, want):
		t.Fatalf("%s: want revert %s, got %v", what, want, err)
	}
}

func errorsIsName(err error, name string) bool {
	if err == nil {
		return false
	}
	var rv *RevertError
	return errors.As(err, &rv) && rv.Name == name
}

func (m *propMachine) pickJob(t *rapid.T) *propJob {
	if len(m.jobs) == 0 {
		t.Skip("no job yet")
	}
	return rapid.SampledFrom(m.jobs).Draw(t, "job")
}

func (m *propMachine) open(t *rapid.T) {
	ci := rapid.IntRange(0, len(m.consumers)-1).Draw(t, "consumer")
	amount := units(rapid.Int64Range(1, 200).Draw(t, "amount"))
	deadline := m.e.now().Add(time.Duration(rapid.IntRange(10, 180).Draw(t, "deadline min")) * time.Minute)
	m.l.next++
	j := &propJob{
		id: jobIDOf(m.consumers[ci].Address(), fmt.Sprintf("prop/%d", m.l.next)), consumer: ci, deposited: amount, redeemed: new(big.Int),
		deadline: time.Unix(deadline.Unix(), 0), vouchers: map[int][]propVoucher{}, paid: map[int]*big.Int{},
	}
	expect(t, "openJob", m.consumers[ci].OpenJob(m.e.ctx, j.id, amount, deadline), "")
	m.jobs = append(m.jobs, j)
	m.l.deposits.Add(m.l.deposits, amount)
}

func (m *propMachine) topUp(t *rapid.T) {
	j := m.pickJob(t)
	ci := rapid.IntRange(0, len(m.consumers)-1).Draw(t, "caller")
	amount := units(rapid.Int64Range(1, 100).Draw(t, "amount"))
	want := ""
	switch {
	case j.refunded:
		want = "JobClosed"
	case ci != j.consumer:
		want = "NotConsumer"
	}
	expect(t, "topUp", m.consumers[ci].TopUp(m.e.ctx, j.id, amount), want)
	if want == "" {
		j.deposited.Add(j.deposited, amount)
		m.l.deposits.Add(m.l.deposits, amount)
	}
}

// sign is the consumer paying for verified tasks: a new cumulative voucher.
func (m *propMachine) sign(t *rapid.T) {
	j := m.pickJob(t)
	pi := rapid.IntRange(0, len(m.providers)-1).Draw(t, "provider")
	prev := new(big.Int)
	if vs := j.vouchers[pi]; len(vs) > 0 {
		prev = vs[len(vs)-1].amount
	}
	amount := add(prev, units(rapid.Int64Range(1, 60).Draw(t, "increment")))
	sig, err := m.consumers[j.consumer].SignVoucher(j.id, m.providers[pi].Address(), amount)
	if err != nil {
		t.Fatal(err)
	}
	j.vouchers[pi] = append(j.vouchers[pi], propVoucher{amount, sig})
}

func (m *propMachine) redeem(t *rapid.T) {
	type pair struct {
		j  *propJob
		pi int
	}
	var held []pair
	for _, j := range m.jobs {
		for pi := range m.providers {
			if len(j.vouchers[pi]) > 0 {
				held = append(held, pair{j, pi})
			}
		}
	}
	if len(held) == 0 {
		t.Skip("no voucher yet")
	}
	h := rapid.SampledFrom(held).Draw(t, "held voucher")
	j, pi := h.j, h.pi
	vs := j.vouchers[pi]
	// Mostly the latest voucher, sometimes a stale one.
	v := vs[len(vs)-1]
	if rapid.Bool().Draw(t, "stale") {
		v = rapid.SampledFrom(vs).Draw(t, "voucher")
	}
	paid := j.paid[pi]
	if paid == nil {
		paid = new(big.Int)
	}
	want := ""
	switch {
	case j.refunded:
		want = "JobClosed"
	case v.amount.Cmp(paid) <= 0:
		want = "NothingToRedeem"
	case j.available().Sign() == 0:
		want = "DepositExhausted"
	}
	p := m.providers[pi]
	expect(t, "redeem", p.Redeem(m.e.ctx, j.id, p.Address(), v.amount, v.sig), want)
	if want == "" {
		pay := sub(v.amount, paid)
		if pay.Cmp(j.available()) > 0 {
			pay = j.available()
		}
		j.paid[pi] = add(paid, pay)
		j.redeemed.Add(j.redeemed, pay)
		m.l.redeemed.Add(m.l.redeemed, pay)
	}
}

// forged: a voucher signed by someone other than the job's consumer.
func (m *propMachine) forged(t *rapid.T) {
	j := m.pickJob(t)
	pi := rapid.IntRange(0, len(m.providers)-1).Draw(t, "provider")
	other := m.consumers[(j.consumer+1)%len(m.consumers)]
	amount := units(rapid.Int64Range(1, 100).Draw(t, "amount"))
	sig, err := other.SignVoucher(j.id, m.providers[pi].Address(), amount)
	if err != nil {
		t.Fatal(err)
	}
	want := "BadVoucherSignature"
	if j.refunded {
		want = "JobClosed"
	}
	expect(t, "forged redeem", m.providers[pi].Redeem(m.e.ctx, j.id, m.providers[pi].Address(), amount, sig), want)
}

func (m *propMachine) refund(t *rapid.T) {
	j := m.pickJob(t)
	now := m.e.now()
	refundAt := j.deadline.Add(m.grace)
	want := ""
	switch {
	case j.refunded:
		want = "JobClosed"
	case now.Add(5 * time.Minute).Before(refundAt):
		want = "RefundTooEarly"
	case now.Before(refundAt):
		t.Skip("too close to the refund time to predict the next block's timestamp")
	}
	expect(t, "refund", m.consumers[rapid.IntRange(0, len(m.consumers)-1).Draw(t, "caller")].Refund(m.e.ctx, j.id), want)
	if want == "" {
		j.refunded = true
		m.l.refunded.Add(m.l.refunded, j.available())
	}
}

func (m *propMachine) advance(t *rapid.T) {
	m.e.advance(time.Duration(rapid.IntRange(1, 120).Draw(t, "minutes")) * time.Minute)
}

func (m *propMachine) slash(t *rapid.T) {
	var ev propEvidence
	repeat := len(m.l.reported) > 0 && rapid.Bool().Draw(t, "repeat evidence")
	if repeat {
		ev = rapid.SampledFrom(m.l.reported).Draw(t, "old evidence")
	} else {
		m.l.next++
		ev = propEvidence{provider: rapid.IntRange(0, len(m.providers)-1).Draw(t, "provider"), task: fmt.Sprintf("prop/%d", m.l.next)}
	}
	p := m.providers[ev.provider]
	a, b := receiptPair(p.Address(), ev.task)
	d := p.Domain()
	sa, err := SignReceipt(m.e.key(p), d, a)
	if err != nil {
		t.Fatal(err)
	}
	sb, _ := SignReceipt(m.e.key(p), d, b)
	stake := m.l.stakes[ev.provider]
	amount := new(big.Int).Div(new(big.Int).Mul(stake, big.NewInt(m.slashBps)), big.NewInt(10_000))
	want := ""
	switch {
	case repeat:
		want = "AlreadyReported"
	case amount.Sign() == 0:
		want = "NothingToSlash"
	}
	expect(t, "reportEquivocation", m.reporter.ReportEquivocation(m.e.ctx, a, sa, b, sb), want)
	if want == "" {
		m.l.stakes[ev.provider] = sub(stake, amount)
		m.l.reported = append(m.l.reported, ev)
	}
}

// check compares the chain with the model.
func (m *propMachine) check(t *rapid.T) {
	e, ctx := m.e, m.e.ctx
	c := m.reporter
	supply, err := c.TotalSupply(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if supply.Cmp(m.l.supply) != 0 {
		t.Fatalf("total supply %s, want %s (no mint, no burn)", supply, m.l.supply)
	}
	addrs := c.Contracts()
	sum := new(big.Int)
	for _, h := range m.holders {
		sum.Add(sum, e.balance(h.Address()))
	}
	escrowBal, registryBal := e.balance(addrs.Escrow), e.balance(addrs.Registry)
	sum.Add(sum, escrowBal).Add(sum, registryBal)
	if sum.Cmp(supply) != 0 {
		t.Fatalf("balances add up to %s, supply is %s: tokens appeared or vanished", sum, supply)
	}
	wantEscrow := sub(sub(m.l.deposits, m.l.redeemed), m.l.refunded)
	if escrowBal.Cmp(wantEscrow) != 0 {
		t.Fatalf("escrow holds %s, deposits - redeemed - refunded = %s", escrowBal, wantEscrow)
	}
	stakes := new(big.Int)
	for _, s := range m.l.stakes {
		stakes.Add(stakes, s)
	}
	if registryBal.Cmp(stakes) != 0 {
		t.Fatalf("registry holds %s, stakes add up to %s", registryBal, stakes)
	}
	for _, j := range m.jobs {
		info, err := c.Job(ctx, j.id)
		if err != nil {
			t.Fatal(err)
		}
		if info.Deposited.Cmp(j.deposited) != 0 || info.Redeemed.Cmp(j.redeemed) != 0 || info.Closed != j.refunded {
			t.Fatalf("job %x: chain %+v, model deposited %s redeemed %s refunded %v", j.id[:4], info, j.deposited, j.redeemed, j.refunded)
		}
		for pi, p := range m.providers {
			got, err := c.Redeemed(ctx, j.id, p.Address())
			if err != nil {
				t.Fatal(err)
			}
			want := j.paid[pi]
			if want == nil {
				want = new(big.Int)
			}
			if got.Cmp(want) != 0 {
				t.Fatalf("job %x provider %d: paid %s, model %s", j.id[:4], pi, got, want)
			}
			latest := new(big.Int)
			if vs := j.vouchers[pi]; len(vs) > 0 {
				latest = vs[len(vs)-1].amount
			}
			if got.Cmp(latest) > 0 {
				t.Fatalf("job %x provider %d: paid %s, more than its latest voucher %s", j.id[:4], pi, got, latest)
			}
		}
	}
}

// Randomized sequences of open, top-up, vouchers, redeem, refund, time and
// slashing keep the money invariants: supply conserved, escrow balance =
// deposits - redeemed - refunded, no provider paid beyond its latest voucher.
func TestEscrowProperties(t *testing.T) {
	if !flagSet("rapid.checks") && os.Getenv("RAPID_CHECKS") == "" {
		// Each check sends dozens of transactions; keep the suite quick.
		old := flag.Lookup("rapid.checks").Value.String()
		must(t, flag.Set("rapid.checks", "25"))
		defer func() { _ = flag.Set("rapid.checks", old) }()
	}
	e := newTestEnv(t)
	m := &propMachine{
		e:         e,
		consumers: []*Client{e.consumer, e.stranger},
		providers: []*Client{e.provider, e.provider2},
		reporter:  e.reporter,
		holders:   []*Client{e.consumer, e.stranger, e.provider, e.provider2, e.reporter, e.sim.Deployer()},
		slashBps:  5000,
		grace:     time.Hour,
	}
	for _, p := range m.providers {
		e.stake(p, DECO(1000))
	}
	supply, err := e.consumer.TotalSupply(e.ctx)
	must(t, err)
	m.l = &propLedger{
		supply: supply, deposits: new(big.Int), redeemed: new(big.Int), refunded: new(big.Int),
		stakes: []*big.Int{DECO(1000), DECO(1000)},
	}
	rapid.Check(t, func(t *rapid.T) {
		m.jobs = nil
		t.Repeat(map[string]func(*rapid.T){
			"open":   m.open,
			"topUp":  m.topUp,
			"sign":   m.sign,
			"redeem": m.redeem,
			// Paying for work is the common case: weigh it up.
			"sign again":   m.sign,
			"redeem again": m.redeem,
			"forged":       m.forged,
			"refund":       m.refund,
			"advance":      m.advance,
			"slash":        m.slash,
			"":             m.check,
		})
	})
}

func flagSet(name string) bool {
	set := false
	flag.Visit(func(f *flag.Flag) {
		if f.Name == name {
			set = true
		}
	})
	return set
}
