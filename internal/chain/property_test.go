package chain

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"math"
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
	deadline            uint64                // unix seconds, as the contract holds it
	vouchers            map[int][]propVoucher // by provider index, increasing amounts
	paid                map[int]*big.Int
}

func (j *propJob) available() *big.Int { return sub(j.deposited, j.redeemed) }

// propLedger is what the model knows across all checks (the chain persists).
type propLedger struct {
	supply                       *big.Int
	deposits, redeemed, refunded *big.Int
	stakes                       []*propStake   // per provider
	reported                     []propEvidence // equivocations already punished
	next                         int            // fresh id counter
}

// propStake is a provider's position in the registry.
type propStake struct {
	bonded, unbonding *big.Int
	unlockAt          time.Time
}

func (s *propStake) slashable() *big.Int { return add(s.bonded, s.unbonding) }

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
	unbonding time.Duration
	minStake  *big.Int
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
	j := m.newJob(ci, amount, uint64(deadline.Unix()))
	expect(t, "openJob", m.consumers[ci].OpenJob(m.e.ctx, j.id, amount, deadline), "")
	m.opened(j)
}

func (m *propMachine) newJob(ci int, amount *big.Int, deadline uint64) *propJob {
	m.l.next++
	return &propJob{
		id: jobIDOf(m.consumers[ci].Address(), fmt.Sprintf("prop/%d", m.l.next)), consumer: ci, deposited: amount, redeemed: new(big.Int),
		deadline: deadline, vouchers: map[int][]propVoucher{}, paid: map[int]*big.Int{},
	}
}

func (m *propMachine) opened(j *propJob) {
	m.jobs = append(m.jobs, j)
	m.l.deposits.Add(m.l.deposits, j.deposited)
}

// openRaw opens a job by calling the contract directly (allowance first),
// with data the Go client would not send: a deadline anywhere up to
// uint64's end, or an id that names the other consumer (a squatter).
func (m *propMachine) openRaw(t *rapid.T) {
	ci := rapid.IntRange(0, len(m.consumers)-1).Draw(t, "consumer")
	c := m.consumers[ci]
	amount := units(rapid.Int64Range(1, 50).Draw(t, "amount"))
	grace := uint64(m.grace / time.Second)
	now := uint64(m.e.now().Unix())
	// The last deadline accepted: its refund time is the unbonding delay
	// from the block's timestamp (a little after now).
	lastOK := now + uint64(m.unbonding/time.Second) - grace
	overflow := math.MaxUint64 - grace
	deadline := rapid.SampledFrom([]uint64{
		now + 3600, lastOK - 600, lastOK + 600, overflow, overflow + 1, math.MaxUint64,
		rapid.Uint64Range(now+600, math.MaxUint64).Draw(t, "any deadline"),
	}).Draw(t, "deadline")
	squat := rapid.Bool().Draw(t, "squat")
	owner := ci
	if squat {
		owner = (ci + 1) % len(m.consumers)
	}
	j := m.newJob(owner, amount, deadline)
	j.consumer = ci
	want := ""
	switch {
	case squat:
		want = "JobIdNotYours"
	case deadline > lastOK+300:
		want = "DeadlineBeyondUnbonding"
	case deadline > lastOK:
		t.Skip("too close to the last deadline accepted to predict the next block's timestamp")
	}
	escrow := c.Contracts().Escrow
	expect(t, "approve", c.Approve(m.e.ctx, escrow, amount), "")
	_, err := c.transact(m.e.ctx, "escrow.openJob", &escrow, escrowABI().PackOpenJob(j.id, amount, deadline), nil)
	expect(t, "openJob (raw)", err, want)
	if want == "" {
		m.opened(j)
	}
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
	case m.l.stakes[pi].bonded.Cmp(m.minStake) < 0:
		want = "PayeeNotStaked" // unbonded or slashed below the minimum: not paid
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
	now := uint64(m.e.now().Unix())
	refundAt := j.deadline + uint64(m.grace/time.Second) // no overflow: openJob refuses such deadlines
	want := ""
	switch {
	case j.refunded:
		want = "JobClosed"
	case now+300 < refundAt:
		want = "RefundTooEarly"
	case now < refundAt:
		t.Skip("too close to the refund time to predict the next block's timestamp")
	}
	expect(t, "refund", m.consumers[rapid.IntRange(0, len(m.consumers)-1).Draw(t, "caller")].Refund(m.e.ctx, j.id), want)
	if want == "" {
		j.refunded = true
		m.l.refunded.Add(m.l.refunded, j.available())
	}
}

func (m *propMachine) advance(t *rapid.T) {
	if rapid.IntRange(0, 9).Draw(t, "past the unbonding delay") == 0 {
		m.e.advance(m.unbonding + time.Duration(rapid.IntRange(0, 120).Draw(t, "minutes more"))*time.Minute)
		return
	}
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
	s := m.l.stakes[ev.provider]
	amount := new(big.Int).Div(new(big.Int).Mul(s.slashable(), big.NewInt(m.slashBps)), big.NewInt(10_000))
	want := ""
	switch {
	case repeat:
		want = "AlreadyReported"
	case amount.Sign() == 0:
		want = "NothingToSlash"
	}
	expect(t, "reportEquivocation", m.reporter.ReportEquivocation(m.e.ctx, a, sa, b, sb), want)
	if want == "" {
		// Bonded stake goes first, then unbonding.
		fromBonded := amount
		if fromBonded.Cmp(s.bonded) > 0 {
			fromBonded = s.bonded
		}
		s.bonded = sub(s.bonded, fromBonded)
		s.unbonding = sub(s.unbonding, sub(amount, fromBonded))
		m.l.reported = append(m.l.reported, ev)
	}
}

// badEvidence reports evidence the contract cannot verify: a receipt not
// signed by the provider it names, two receipts with the same output or
// about different tasks, a bad-proof claim about a job paid by vouchers.
// Each reverts, and no stake moves (check compares every stake).
func (m *propMachine) badEvidence(t *rapid.T) {
	pi := rapid.IntRange(0, len(m.providers)-1).Draw(t, "provider")
	p := m.providers[pi]
	m.l.next++
	a, b := receiptPair(p.Address(), fmt.Sprintf("bad/%d", m.l.next))
	key := m.e.key(p)
	signB := key
	var want string
	switch kind := rapid.IntRange(0, 4).Draw(t, "kind"); kind {
	case 0:
		signB = m.e.key(m.reporter) // forged: someone else signs the provider's name
		want = "BadReceiptSignature"
	case 1:
		b.OutputRoot = a.OutputRoot
		want = "SameOutput"
	case 2:
		b.TaskID[0] ^= 1
		want = "ReceiptsNotComparable"
	case 3:
		b.Provider = m.providers[(pi+1)%len(m.providers)].Address()
		want = "ReceiptsNotComparable"
	case 4:
		j := m.pickJob(t)
		claim := ProofClaim{Proof: [8]*big.Int{}, PublicInputs: []*big.Int{big.NewInt(1), new(big.Int).SetBytes(p.Address().Bytes())}}
		for i := range claim.Proof {
			claim.Proof[i] = big.NewInt(int64(i + 1))
		}
		sig, err := SignProofClaim(key, p.Domain(), j.id, claim)
		if err != nil {
			t.Fatal(err)
		}
		expect(t, "reportBadProof", m.reporter.ReportBadProof(m.e.ctx, j.id, claim, sig), "NotProofJob")
		return
	}
	sa, err := SignReceipt(key, p.Domain(), a)
	if err != nil {
		t.Fatal(err)
	}
	sb, err := SignReceipt(signB, p.Domain(), b)
	if err != nil {
		t.Fatal(err)
	}
	expect(t, "reportEquivocation", m.reporter.ReportEquivocation(m.e.ctx, a, sa, b, sb), want)
}

func (m *propMachine) stake(t *rapid.T) {
	pi := rapid.IntRange(0, len(m.providers)-1).Draw(t, "provider")
	s := m.l.stakes[pi]
	amount := units(rapid.Int64Range(1, 2000).Draw(t, "amount"))
	want := ""
	if add(s.bonded, amount).Cmp(m.minStake) < 0 {
		want = "BelowMinimumStake"
	}
	expect(t, "stake", m.providers[pi].Stake(m.e.ctx, amount), want)
	if want == "" {
		s.bonded = add(s.bonded, amount)
	}
}

func (m *propMachine) unbond(t *rapid.T) {
	pi := rapid.IntRange(0, len(m.providers)-1).Draw(t, "provider")
	s := m.l.stakes[pi]
	amount := units(rapid.Int64Range(1, 3000).Draw(t, "amount"))
	want := ""
	if amount.Cmp(s.bonded) > 0 {
		want = "InsufficientStake"
	}
	before := m.e.now()
	expect(t, "requestUnbond", m.providers[pi].RequestUnbond(m.e.ctx, amount), want)
	if want == "" {
		s.bonded = sub(s.bonded, amount)
		s.unbonding = add(s.unbonding, amount)
		// The block's timestamp is a little after before: within the margin withdraw leaves.
		s.unlockAt = before.Add(m.unbonding)
	}
}

func (m *propMachine) withdraw(t *rapid.T) {
	pi := rapid.IntRange(0, len(m.providers)-1).Draw(t, "provider")
	s := m.l.stakes[pi]
	now := m.e.now()
	want := ""
	switch {
	case s.unbonding.Sign() == 0:
		want = "NothingToWithdraw"
	case now.Add(5 * time.Minute).Before(s.unlockAt):
		want = "StillUnbonding"
	case now.Before(s.unlockAt.Add(5 * time.Minute)):
		t.Skip("too close to the unlock time to predict the next block's timestamp")
	}
	expect(t, "withdraw", m.providers[pi].Withdraw(m.e.ctx), want)
	if want == "" {
		s.unbonding = new(big.Int)
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
	for pi, s := range m.l.stakes {
		stakes.Add(stakes, s.slashable())
		got, err := c.Stakes(ctx, m.providers[pi].Address())
		if err != nil {
			t.Fatal(err)
		}
		if got.Bonded.Cmp(s.bonded) != 0 || got.Unbonding.Cmp(s.unbonding) != 0 {
			t.Fatalf("provider %d: chain bonded %s unbonding %s, model %s %s", pi, got.Bonded, got.Unbonding, s.bonded, s.unbonding)
		}
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
		if info.Consumer != m.consumers[j.consumer].Address() {
			t.Fatalf("job %x: consumer %s, opened by %s", j.id[:4], info.Consumer.Hex(), m.consumers[j.consumer].Address().Hex())
		}
		if info.Redeemed.Cmp(info.Deposited) > 0 {
			t.Fatalf("job %x: paid %s, more than its deposit %s", j.id[:4], info.Redeemed, info.Deposited)
		}
		paid := new(big.Int)
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
			paid.Add(paid, got)
			latest := new(big.Int)
			if vs := j.vouchers[pi]; len(vs) > 0 {
				latest = vs[len(vs)-1].amount
			}
			if got.Cmp(latest) > 0 {
				t.Fatalf("job %x provider %d: paid %s, more than its latest voucher %s", j.id[:4], pi, got, latest)
			}
		}
		if paid.Cmp(info.Redeemed) != 0 {
			t.Fatalf("job %x: providers were paid %s in all, the job records %s", j.id[:4], paid, info.Redeemed)
		}
	}
}

// Randomized sequences of open (by the client and raw: any deadline up to
// uint64's end, ids naming someone else), top-up, vouchers, redeem,
// refund, time, stake, unbond, withdraw, slashing and unverifiable evidence
// keep the money invariants: supply conserved and every token in some
// account, escrow balance = deposits - redeemed - refunded, registry
// balance = every stake, no job pays above its deposit, no provider beyond
// its latest voucher, no stake moves without evidence the contract checked,
// no job opened by anyone but the consumer its id names, no refund before
// deadline + grace, no job whose refund time lies beyond the unbonding
// delay, no payment to a provider whose bonded stake fell below the minimum. Each check sends dozens of transactions: CI runs 25
// (about 15 s); run more with -rapid.checks=N or RAPID_CHECKS=N.
func TestEscrowProperties(t *testing.T) {
	if !flagSet("rapid.checks") && os.Getenv("RAPID_CHECKS") == "" {
		old := flag.Lookup("rapid.checks").Value.String()
		must(t, flag.Set("rapid.checks", "25"))
		defer func() { _ = flag.Set("rapid.checks", old) }()
	}
	e := newTestEnv(t)
	// A long local run (-rapid.checks=1000) outlasts the env's two minutes.
	ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	e.ctx = ctx
	m := &propMachine{
		e:         e,
		consumers: []*Client{e.consumer, e.stranger},
		providers: []*Client{e.provider, e.provider2},
		reporter:  e.reporter,
		holders:   []*Client{e.consumer, e.stranger, e.provider, e.provider2, e.reporter, e.sim.Deployer()},
		slashBps:  5000,
		grace:     DefaultParams().RefundGrace,
		unbonding: DefaultParams().UnbondingDelay,
		minStake:  DECO(100),
	}
	for _, p := range m.providers {
		e.stake(p, DECO(1000))
		e.bond(p)
	}
	supply, err := e.consumer.TotalSupply(e.ctx)
	must(t, err)
	m.l = &propLedger{
		supply: supply, deposits: new(big.Int), redeemed: new(big.Int), refunded: new(big.Int),
		stakes: []*propStake{{bonded: DECO(1000), unbonding: new(big.Int)}, {bonded: DECO(1000), unbonding: new(big.Int)}},
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
			"open raw":     m.openRaw,
			"refund":       m.refund,
			"advance":      m.advance,
			"slash":        m.slash,
			"bad evidence": m.badEvidence,
			"stake":        m.stake,
			"unbond":       m.unbond,
			"withdraw":     m.withdraw,
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
