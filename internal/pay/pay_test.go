package pay

import (
	"context"
	"crypto/rand"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/provider"
	"github.com/deco-network/deco/internal/wire"
)

// TestCycleReconciles runs a job paid by vouchers to two providers, one
// redeeming early and one just before the deadline, then the refund, and
// checks every figure against the chain.
func TestCycleReconciles(t *testing.T) {
	e := newEnv(t)
	cons := e.newConsumer(e.consumer, nil)
	pa := e.newProvider(e.provA, nil, ProviderOptions{RedeemThreshold: 1000 * deco, RedeemAge: time.Hour})
	pb := e.newProvider(e.provB, nil, ProviderOptions{RedeemThreshold: 1000 * deco, RedeemAge: 100 * time.Hour})
	me, a, b := e.consumer.Address(), e.provA.Address(), e.provB.Address()
	start := map[common.Address]wire.Amount{me: e.balance(me), a: e.balance(a), b: e.balance(b)}

	job := e.newJob()
	const deposit = 2 * deco
	deadline := e.now().Add(time.Hour)
	must(t, cons.Open(e.ctx, job, deposit, deadline))
	must(t, cons.Open(e.ctx, job, deposit, deadline)) // idempotent
	eqAmount(t, "consumer balance after open", e.balance(me), start[me]-deposit)

	// Tasks: A runs 3 at 0.1, B runs 2 at 0.25 and one that fails.
	type task struct {
		p     *Provider
		addr  common.Address
		price wire.Amount
		ok    bool
	}
	tasks := []task{
		{pa, a, 100 * milli, true}, {pb, b, 250 * milli, true}, {pa, a, 100 * milli, true},
		{pb, b, 250 * milli, false}, {pb, b, 250 * milli, true}, {pa, a, 100 * milli, true},
	}
	for i, tk := range tasks {
		if cover, err := tk.p.Cover(e.ctx, job, me); err != nil || cover < tk.price {
			t.Fatalf("task %d: check escrow: %s left, %v", i, cover, err)
		}
		if !tk.ok { // receipt failed verification: no voucher
			continue
		}
		v, err := cons.Voucher(e.ctx, job, tk.addr, tk.price)
		must(t, err)
		if err := tk.p.Accept(e.ctx, v); err != nil {
			t.Fatalf("task %d: accept voucher: %v", i, err)
		}
	}
	const spendA, spendB = 300 * milli, 500 * milli

	// A redeems now (one transaction for its three tasks); B waits.
	must(t, pa.RedeemAll(e.ctx))
	st, err := cons.Status(e.ctx, job)
	must(t, err)
	eqAmount(t, "spent", st.Spent, spendA+spendB)
	eqAmount(t, "redeemed", st.Redeemed, spendA)
	eqAmount(t, "pending", st.Pending, spendB)
	eqAmount(t, "spent = redeemed + pending", st.Spent, st.Redeemed+st.Pending)
	if len(st.Providers) != 2 {
		t.Fatalf("providers = %+v", st.Providers)
	}
	for _, ps := range st.Providers {
		if ps.Spent != ps.Redeemed+ps.Pending {
			t.Fatalf("provider %s does not reconcile: %+v", ps.Provider, ps)
		}
	}

	// B's voucher falls due when the deadline passes; its Run redeems it
	// before the consumer can refund.
	run(t, redeemer(pb))
	e.advance(time.Hour + time.Second)
	eventually(t, "B redeems after the deadline", func() bool { return e.redeemed(job, b) == spendB })
	if _, err := pa.Cover(e.ctx, job, me); !errors.Is(err, ErrEscrowExpired) {
		t.Fatalf("work after the deadline: got %v, want ErrEscrowExpired", err)
	}

	cons.Finish(job)
	run(t, cons.Run)
	e.advance(testGrace)
	eventually(t, "refund", func() bool {
		st, err := cons.Status(e.ctx, job)
		return err == nil && st.Closed
	})
	st, err = cons.Status(e.ctx, job)
	must(t, err)
	if !st.Finished || !st.Closed {
		t.Fatalf("status = %+v", st)
	}
	eqAmount(t, "refunded = deposit − spend", st.Refunded, deposit-spendA-spendB)
	eqAmount(t, "pending after all redeemed", st.Pending, 0)
	eqAmount(t, "consumer paid exactly the spend", start[me]-e.balance(me), spendA+spendB)
	eqAmount(t, "A earned", e.balance(a)-start[a], spendA)
	eqAmount(t, "B earned", e.balance(b)-start[b], spendB)

	for _, tc := range []struct {
		p    *Provider
		want wire.Amount
	}{{pa, spendA}, {pb, spendB}} {
		earn, err := tc.p.Earnings(e.ctx)
		must(t, err)
		if len(earn) != 1 || earn[0].Latest != tc.want || earn[0].Redeemed != tc.want || earn[0].Pending != 0 || earn[0].Consumer != me.Hex() {
			t.Fatalf("earnings = %+v, want %s redeemed", earn, tc.want)
		}
	}
	if _, err := cons.Voucher(e.ctx, job, a, milli); !errors.Is(err, ErrEscrowClosed) {
		t.Fatalf("voucher after refund: %v, want ErrEscrowClosed", err)
	}
}

func TestOpenRefusesShortWallet(t *testing.T) {
	e := newEnv(t)
	poor, noGas := newKey(t), newKey(t)
	must(t, e.sim.Fund(e.ctx, addrOf(poor), chain.Ether(1), chain.DECO(3)))
	must(t, e.sim.Fund(e.ctx, addrOf(noGas), nil, chain.DECO(50)))
	tests := []struct {
		name     string
		key      func() chain.Chain
		deposit  wire.Amount
		want     error
		mentions []string
	}{
		{"short DECO", func() chain.Chain { c, _ := e.sim.Client(poor); return c }, 5 * deco, chain.ErrInsufficientFunds,
			[]string{"needs a deposit of 5 DECO", "holds 3 DECO", "deco wallet balance", addrOf(poor).Hex()}},
		{"no gas", func() chain.Chain { c, _ := e.sim.Client(noGas); return c }, 5 * deco, ErrNoGas,
			[]string{addrOf(noGas).Hex(), "fund it"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cons := e.newConsumer(tc.key(), nil)
			job := e.newJob()
			err := cons.Open(e.ctx, job, tc.deposit, e.now().Add(time.Hour))
			wantErr(t, err, tc.want)
			for _, m := range tc.mentions {
				if !strings.Contains(err.Error(), m) {
					t.Errorf("error %q does not mention %q", err, m)
				}
			}
			if _, err := cons.Status(e.ctx, job); !errors.Is(err, ErrNoEscrow) {
				t.Fatalf("a refused job left an escrow record: %v", err)
			}
			if _, err := e.consumer.Job(e.ctx, job.Bytes32()); !errors.Is(err, chain.ErrUnknownJob) {
				t.Fatalf("a refused job was opened on chain: %v", err)
			}
		})
	}
}

func TestCoverRefusals(t *testing.T) {
	e := newEnv(t)
	cons := e.newConsumer(e.consumer, nil)
	me := e.consumer.Address()

	open := e.newJob()
	must(t, cons.Open(e.ctx, open, deco, e.now().Add(time.Hour)))
	expiring := e.newJob()
	must(t, cons.Open(e.ctx, expiring, deco, e.now().Add(time.Minute)))

	prov := e.newProvider(e.provA, nil, ProviderOptions{})
	tests := []struct {
		name     string
		job      wire.JobID
		consumer common.Address
		want     error
	}{
		{"no escrow", e.newJob(), me, ErrNoEscrow},
		{"other consumer", open, e.stranger.Address(), ErrWrongConsumer},
		{"covered", open, me, nil},
		{"bad job id", "nope", me, wire.ErrBadJobID},
	}
	for _, tc := range tests {
		cover, err := prov.Cover(e.ctx, tc.job, tc.consumer)
		if tc.want == nil && (err != nil || cover != deco) || tc.want != nil && !errors.Is(err, tc.want) {
			t.Fatalf("%s: got %s, %v, want %v", tc.name, cover, err, tc.want)
		}
	}

	// The provider machine reserves against the cover; a voucher held
	// lowers the cover by what it has not redeemed.
	m := provider.New(provider.Config{Slots: 4})
	// Assignments follow a bid (payments off here: the cover is what is tested).
	if rd := m.Step(e.now(), provider.BidRequested{Peer: "c", Req: wire.BidRequest{Job: open, Tasks: []int{0, 1, 2, 3}, MaxPrice: 10 * deco, Consumer: me.Hex()}}); !rd.Answers[0].Bid.Accept {
		t.Fatalf("no bid: %+v", rd.Answers[0].Bid)
	}
	assign := func(index int, price wire.Amount) string {
		cover, err := prov.Cover(e.ctx, open, me)
		must(t, err)
		rd := m.Step(e.now(), provider.TaskAssigned{Session: 1, Peer: "c", Escrow: provider.Escrow{On: true, Cover: cover},
			Assign: wire.Assign{Spec: wire.TaskSpec{Task: wire.TaskID{Job: open, Index: index}}, Price: price, Consumer: me.Hex()}})
		if len(rd.Sends) > 0 {
			return rd.Sends[0].Result.Message
		}
		return ""
	}
	key := func(index int) provider.Key { return provider.Key{Task: wire.TaskID{Job: open, Index: index}} }
	if msg := assign(0, deco+1); !strings.Contains(msg, "escrow has 1 DECO left") {
		t.Fatalf("price above deposit: %q", msg)
	}
	for i := range 2 {
		if msg := assign(1+i, 400*milli); msg != "" {
			t.Fatalf("task %d refused: %s", 1+i, msg)
		}
		m.Step(e.now(), provider.ExecutionFinished{Key: key(1 + i)})
	}
	if msg := assign(3, 400*milli); !strings.Contains(msg, "0.8 DECO reserved") {
		t.Fatalf("reservations should exhaust it: %q", msg)
	}
	// A voucher pays for task 1: still 0.8 owed (0.4 unredeemed) or reserved.
	v, err := cons.Voucher(e.ctx, open, e.provA.Address(), 400*milli)
	must(t, err)
	must(t, prov.Accept(e.ctx, v))
	m.Step(e.now(), provider.VoucherAccepted{Key: key(1), Held: provider.Held{Job: open}})
	if cover, err := prov.Cover(e.ctx, open, me); err != nil || cover != 600*milli {
		t.Fatalf("cover after a 0.4 voucher = %s, %v", cover, err)
	}
	if msg := assign(3, 400*milli); msg == "" {
		t.Fatal("took a task the escrow cannot pay")
	}
	// The consumer will not pay task 2. It waited in the queue until task
	// 1's voucher came (a consumer owing a voucher gets no new slot,
	// docs/economics.md), so it is running now: cancelling stops it, and
	// its reservation ends when the execution returns.
	m.Step(e.now(), provider.Cancelled{Key: key(2)})
	m.Step(e.now(), provider.ExecutionFinished{Key: key(2)})
	if msg := assign(3, 400*milli); msg != "" {
		t.Fatalf("refused after the release: %s", msg)
	}

	// Past the deadline no new work; refunded: closed.
	e.advance(time.Minute + time.Second)
	_, err = prov.Cover(e.ctx, expiring, me)
	wantErr(t, err, ErrEscrowExpired)
	e.advance(testGrace)
	cons.Finish(expiring)
	run(t, cons.Run)
	eventually(t, "refund", func() bool { st, _ := cons.Status(e.ctx, expiring); return st.Closed })
	fresh := e.newProvider(e.provB, nil, ProviderOptions{})
	_, err = fresh.Cover(e.ctx, expiring, me)
	wantErr(t, err, ErrEscrowClosed)
}

func TestCoverCachesTheChainRead(t *testing.T) {
	e := newEnv(t)
	cons := e.newConsumer(e.consumer, nil)
	job := e.newJob()
	must(t, cons.Open(e.ctx, job, 100*deco, e.now().Add(time.Hour)))
	cc := &countingChain{Chain: e.provA}
	prov := e.newProvider(cc, nil, ProviderOptions{CacheTTL: time.Hour})
	for range 50 {
		_, err := prov.Cover(e.ctx, job, e.consumer.Address())
		must(t, err)
	}
	if n := cc.jobs.Load(); n != 1 {
		t.Fatalf("50 checks read the escrow %d times, want 1", n)
	}
}

func TestAcceptRejectsBadVouchers(t *testing.T) {
	e := newEnv(t)
	cons := e.newConsumer(e.consumer, nil)
	job := e.newJob()
	must(t, cons.Open(e.ctx, job, deco, e.now().Add(time.Hour)))
	prov := e.newProvider(e.provA, nil, ProviderOptions{})
	a := e.provA.Address()

	good, err := cons.Voucher(e.ctx, job, a, 300*milli)
	must(t, err)
	strangerSig, err := e.stranger.SignVoucher(job.Bytes32(), a, (500 * milli).Wei())
	must(t, err)
	forB, err := cons.Voucher(e.ctx, job, e.provB.Address(), 100*milli)
	must(t, err)

	with := func(f func(v *wire.Voucher)) wire.Voucher {
		v := good
		v.Signature = append([]byte(nil), good.Signature...)
		f(&v)
		return v
	}
	tests := []struct {
		name string
		v    wire.Voucher
		want error
	}{
		{"signed by a stranger", with(func(v *wire.Voucher) { v.Cumulative, v.Signature = 500*milli, strangerSig }), ErrBadVoucher},
		{"amount raised after signing", with(func(v *wire.Voucher) { v.Cumulative = 900 * milli }), ErrBadVoucher},
		{"signature flipped", with(func(v *wire.Voucher) { v.Signature[10] ^= 1 }), ErrBadVoucher},
		{"signature truncated", with(func(v *wire.Voucher) { v.Signature = v.Signature[:64] }), ErrBadVoucher},
		{"for another provider", forB, ErrBadVoucher},
		{"claims another consumer", with(func(v *wire.Voucher) { v.Consumer = e.stranger.Address().Hex() }), ErrBadVoucher},
		{"unknown job", with(func(v *wire.Voucher) { v.Job = e.newJob() }), ErrNoEscrow},
		{"bad job id", with(func(v *wire.Voucher) { v.Job = "x" }), ErrBadVoucher},
	}
	for _, tc := range tests {
		if err := prov.Accept(e.ctx, tc.v); !errors.Is(err, tc.want) {
			t.Fatalf("%s: got %v, want %v", tc.name, err, tc.want)
		}
	}
	earn, err := prov.Earnings(e.ctx)
	must(t, err)
	if len(earn) != 0 {
		t.Fatalf("rejected vouchers were stored: %+v", earn)
	}

	must(t, prov.Accept(e.ctx, good))
	must(t, prov.Accept(e.ctx, good)) // a repeat is fine
	newer, err := cons.Voucher(e.ctx, job, a, 100*milli)
	must(t, err)
	must(t, prov.Accept(e.ctx, newer))
	wantErr(t, prov.Accept(e.ctx, good), ErrStaleVoucher)
	earn, err = prov.Earnings(e.ctx)
	must(t, err)
	if len(earn) != 1 || earn[0].Latest != 400*milli || earn[0].Pending != 400*milli {
		t.Fatalf("earnings = %+v, want 0.4 pending", earn)
	}
}

func TestVoucherNeverExceedsDeposit(t *testing.T) {
	e := newEnv(t)
	cons := e.newConsumer(e.consumer, nil)
	job := e.newJob()
	must(t, cons.Open(e.ctx, job, 300*milli, e.now().Add(time.Hour)))

	// 50 concurrent tasks at 0.01 against a 0.3 deposit: exactly 30 paid.
	provs := []common.Address{e.provA.Address(), e.provB.Address()}
	var wg sync.WaitGroup
	var mu sync.Mutex
	ok, over := 0, 0
	latest := map[common.Address]wire.Amount{}
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			p := provs[i%2]
			v, err := cons.Voucher(e.ctx, job, p, 10*milli)
			mu.Lock()
			defer mu.Unlock()
			switch {
			case err == nil:
				ok++
				latest[p] = max(latest[p], v.Cumulative)
			case errors.Is(err, ErrOverDeposit):
				over++
			default:
				t.Errorf("voucher: %v", err)
			}
		}()
	}
	wg.Wait()
	if ok != 30 || over != 20 {
		t.Fatalf("%d vouchers signed and %d refused, want 30 and 20", ok, over)
	}
	eqAmount(t, "vouchers add up to the deposit", latest[provs[0]]+latest[provs[1]], 300*milli)
	st, err := cons.Status(e.ctx, job)
	must(t, err)
	eqAmount(t, "spent", st.Spent, 300*milli)

	// Both providers redeem in full: the deposit pays every voucher.
	for _, c := range []*chain.Client{e.provA, e.provB} {
		p := e.newProvider(c, nil, ProviderOptions{})
		v, err := cons.Voucher(e.ctx, job, c.Address(), 0) // re-sign the latest
		must(t, err)
		must(t, p.Accept(e.ctx, v))
		must(t, p.RedeemAll(e.ctx))
		eqAmount(t, "redeemed", e.redeemed(job, c.Address()), latest[c.Address()])
	}

	// A top-up made outside the node (deco wallet deposit) is picked up.
	_, err = cons.Voucher(e.ctx, job, provs[0], 200*milli)
	wantErr(t, err, ErrOverDeposit)
	if !strings.Contains(err.Error(), "deco wallet deposit") {
		t.Errorf("error %q does not say how to top up", err)
	}
	must(t, e.consumer.TopUp(e.ctx, job.Bytes32(), (200*milli).Wei()))
	v, err := cons.Voucher(e.ctx, job, provs[0], 200*milli)
	must(t, err)
	eqAmount(t, "after top-up", v.Cumulative, latest[provs[0]]+200*milli)
}

func TestRestartKeepsAmounts(t *testing.T) {
	e := newEnv(t)
	dir := t.TempDir()
	consPath, provPath := dir+"/consumer.db", dir+"/provider.db"
	job := e.newJob()
	a := e.provA.Address()

	db := openDB(t, consPath)
	cons := e.newConsumer(e.consumer, db)
	must(t, cons.Open(e.ctx, job, deco, e.now().Add(time.Hour)))
	pdb := openDB(t, provPath)
	prov := e.newProvider(e.provA, pdb, ProviderOptions{})
	for range 2 {
		v, err := cons.Voucher(e.ctx, job, a, 100*milli)
		must(t, err)
		must(t, prov.Accept(e.ctx, v))
	}
	must(t, db.Close())
	must(t, pdb.Close())

	cons = e.newConsumer(e.consumer, openDB(t, consPath))
	prov = e.newProvider(e.provA, openDB(t, provPath), ProviderOptions{})
	must(t, cons.Open(e.ctx, job, deco, e.now().Add(time.Hour))) // already open: no second deposit
	v, err := cons.Voucher(e.ctx, job, a, 100*milli)
	must(t, err)
	eqAmount(t, "cumulative after restart", v.Cumulative, 300*milli)
	stale, err := e.consumer.SignVoucher(job.Bytes32(), a, (150 * milli).Wei())
	must(t, err)
	wantErr(t, prov.Accept(e.ctx, wire.Voucher{Job: job, Provider: a.Hex(), Cumulative: 150 * milli, Signature: stale}), ErrStaleVoucher)
	must(t, prov.Accept(e.ctx, v))
	must(t, prov.RedeemAll(e.ctx))
	eqAmount(t, "redeemed after restart", e.redeemed(job, a), 300*milli)
	st, err := cons.Status(e.ctx, job)
	must(t, err)
	eqAmount(t, "deposit counted once", st.Deposit, deco)
	eqAmount(t, "spent", st.Spent, 300*milli)
}

func TestRedeemAllOnShutdown(t *testing.T) {
	e := newEnv(t)
	cons := e.newConsumer(e.consumer, nil)
	prov := e.newProvider(e.provA, nil, ProviderOptions{RedeemThreshold: 1000 * deco, RedeemAge: time.Hour})
	stop := run(t, redeemer(prov))
	a := e.provA.Address()
	var jobs []wire.JobID
	for range 3 {
		job := e.newJob()
		must(t, cons.Open(e.ctx, job, deco, e.now().Add(time.Hour)))
		for range 4 {
			v, err := cons.Voucher(e.ctx, job, a, 10*milli)
			must(t, err)
			must(t, prov.Accept(e.ctx, v))
		}
		jobs = append(jobs, job)
	}
	stop()
	ctx, cancel := context.WithTimeout(e.ctx, time.Minute)
	defer cancel()
	must(t, prov.RedeemAll(ctx))
	for _, job := range jobs {
		eqAmount(t, "redeemed on shutdown", e.redeemed(job, a), 40*milli)
	}
	earn, err := prov.Earnings(e.ctx)
	must(t, err)
	for _, x := range earn {
		if x.Pending != 0 || x.Redeemed != 40*milli {
			t.Fatalf("earning %+v not fully redeemed", x)
		}
	}
	must(t, prov.RedeemAll(ctx)) // nothing left: no-op
}

func TestProviderRunRedeemsByThresholdAndAge(t *testing.T) {
	e := newEnv(t)
	cons := e.newConsumer(e.consumer, nil)
	prov := e.newProvider(e.provA, nil, ProviderOptions{RedeemThreshold: 200 * milli, RedeemAge: 10 * time.Minute})
	run(t, redeemer(prov))
	a := e.provA.Address()
	job := e.newJob()
	must(t, cons.Open(e.ctx, job, deco, e.now().Add(time.Hour)))

	accept := func(price wire.Amount) {
		v, err := cons.Voucher(e.ctx, job, a, price)
		must(t, err)
		must(t, prov.Accept(e.ctx, v))
	}
	accept(100 * milli)
	accept(150 * milli) // 0.25 ≥ threshold
	eventually(t, "redeem by threshold", func() bool { return e.redeemed(job, a) == 250*milli })

	accept(50 * milli) // below the threshold: waits for its age
	e.advance(10*time.Minute + time.Second)
	eventually(t, "redeem by age", func() bool { return e.redeemed(job, a) == 300*milli })
}

func TestConsumerRetriesEarlyRefund(t *testing.T) {
	e := newEnv(t)
	// A consumer whose clock runs ahead of the chain: it tries to refund
	// too early, is told so by the contract, and retries until it works.
	var mu sync.Mutex
	ahead := time.Duration(0)
	now := func() time.Time { mu.Lock(); defer mu.Unlock(); return e.now().Add(ahead) }
	cons := NewConsumer(e.consumer, openDB(t, ""), testLog(t), nowClock{now: now}, WithRefundInterval(10*time.Millisecond))
	job := e.newJob()
	must(t, cons.Open(e.ctx, job, deco, e.now().Add(time.Minute)))
	mu.Lock()
	ahead = 2 * time.Hour
	mu.Unlock()
	cons.Finish(job)
	cons.step(e.ctx) // refused by the contract: too early
	st, err := cons.Status(e.ctx, job)
	must(t, err)
	if st.Closed {
		t.Fatal("refunded before deadline + grace")
	}
	cons.mu.Lock()
	retry := cons.retry[job]
	cons.mu.Unlock()
	if retry.at.IsZero() {
		t.Fatal("a failed refund was not scheduled for a retry")
	}
	run(t, cons.Run)
	e.advance(time.Minute + testGrace + time.Second)
	eventually(t, "refund", func() bool { st, _ := cons.Status(e.ctx, job); return st.Closed })
	st, err = cons.Status(e.ctx, job)
	must(t, err)
	eqAmount(t, "refunded", st.Refunded, deco)
}

func TestPeerBinding(t *testing.T) {
	e := newEnv(t)
	key := peerKey(t)
	addrs := e.provA.Contracts()
	id, sig, err := SignPeerBinding(key, e.provA.ChainID(), addrs.Registry, e.provA.Address())
	must(t, err)
	must(t, e.provA.BindPeer(e.ctx, id, sig))
	b, err := e.consumer.Peer(e.ctx, e.provA.Address())
	must(t, err)
	got, err := VerifyPeerBinding(e.consumer.ChainID(), addrs.Registry, e.provA.Address(), b)
	must(t, err)
	if got.String() != id {
		t.Fatalf("bound peer %s, want %s", got, id)
	}
	// The same signature does not bind another address or deployment.
	_, err = VerifyPeerBinding(e.consumer.ChainID(), addrs.Registry, e.provB.Address(), b)
	wantErr(t, err, ErrBadPeerBinding)
	_, err = VerifyPeerBinding(e.consumer.ChainID(), addrs.Escrow, e.provA.Address(), b)
	wantErr(t, err, ErrBadPeerBinding)
	none, err := e.consumer.Peer(e.ctx, e.provB.Address())
	must(t, err)
	_, err = VerifyPeerBinding(e.consumer.ChainID(), addrs.Registry, e.provB.Address(), none)
	wantErr(t, err, ErrBadPeerBinding)
}

// TestVouchersNeedNoChain: once a job's escrow was checked, paying and
// accepting its tasks needs no chain round trip, so a chain outage does
// not stall work; redemption waits for the chain.
func TestVouchersNeedNoChain(t *testing.T) {
	e := newEnv(t)
	frozen := e.now()
	now := func() time.Time { return frozen } // the chain's clock is gone with it
	cons := NewConsumer(e.consumer, openDB(t, ""), testLog(t), nowClock{now: now})
	prov := NewProvider(e.provA, openDB(t, ""), testLog(t), nowClock{now: now}, ProviderOptions{})
	job := e.newJob()
	must(t, cons.Open(e.ctx, job, deco, frozen.Add(time.Hour)))
	_, err := prov.Cover(e.ctx, job, e.consumer.Address())
	must(t, err)
	must(t, e.sim.Close())

	ctx, cancel := context.WithTimeout(e.ctx, 5*time.Second)
	defer cancel()
	for range 3 {
		v, err := cons.Voucher(ctx, job, e.provA.Address(), 100*milli)
		must(t, err)
		must(t, prov.Accept(ctx, v))
	}
	short, cancel2 := context.WithTimeout(e.ctx, 500*time.Millisecond)
	defer cancel2()
	if err := prov.RedeemAll(short); err == nil {
		t.Fatal("redeemed with the chain down")
	}
	prov.mu.Lock()
	h := *prov.held[job]
	prov.mu.Unlock()
	eqAmount(t, "voucher kept for later", h.Cumulative, 300*milli)
	eqAmount(t, "nothing redeemed", h.Redeemed, 0)
}

// TestForgedAndReplayedVouchers: a provider is never paid twice for one
// voucher nor paid with a voucher of another job. A voucher moved to
// another job of the same consumer is refused (the signature covers the
// job); an old voucher replayed after a newer one is refused as stale; a
// redeemed voucher replayed, to the provider or straight to the escrow,
// pays nothing more; a voucher of a job opened by someone else, signed
// by that someone, pays nothing out of this consumer's escrow.
func TestForgedAndReplayedVouchers(t *testing.T) {
	e := newEnv(t)
	cons := e.newConsumer(e.consumer, nil)
	jobA, jobB := e.newJob(), e.newJob()
	must(t, cons.Open(e.ctx, jobA, deco, e.now().Add(time.Hour)))
	must(t, cons.Open(e.ctx, jobB, deco, e.now().Add(time.Hour)))
	prov := e.newProvider(e.provA, nil, ProviderOptions{})
	a := e.provA.Address()

	old, err := cons.Voucher(e.ctx, jobA, a, 200*milli)
	must(t, err)
	moved := old
	moved.Job = jobB
	wantErr(t, prov.Accept(e.ctx, moved), ErrBadVoucher)

	must(t, prov.Accept(e.ctx, old))
	newer, err := cons.Voucher(e.ctx, jobA, a, 100*milli)
	must(t, err)
	must(t, prov.Accept(e.ctx, newer))
	wantErr(t, prov.Accept(e.ctx, old), ErrStaleVoucher)

	before := e.balance(a)
	if r := prov.Redeem(e.ctx, jobA); r.Err != "" {
		t.Fatalf("redeem: %s", r.Err)
	}
	eqAmount(t, "redeemed", e.redeemed(jobA, a), 300*milli)
	must(t, prov.Accept(e.ctx, newer)) // a repeat: accepted, nothing new held
	if r := prov.Redeem(e.ctx, jobA); r.Err != "" || r.Held.Pending != 0 {
		t.Fatalf("second redeem: %+v", r)
	}
	// Straight to the escrow: the cumulative amount was paid already.
	_ = e.provA.Redeem(e.ctx, jobA.Bytes32(), a, newer.Cumulative.Wei(), newer.Signature)
	_ = e.provA.Redeem(e.ctx, jobA.Bytes32(), a, old.Cumulative.Wei(), old.Signature)
	eqAmount(t, "redeemed after replays", e.redeemed(jobA, a), 300*milli)
	eqAmount(t, "provider's balance", e.balance(a)-before, 300*milli)

	// The stranger opens its own job and signs itself a voucher on it; the
	// provider holds it for the stranger's job only, and this consumer's
	// escrows pay nothing.
	var ent [6]byte
	rand.Read(ent[:])
	jobS := chain.NewJobID(e.stranger.Address(), ent)
	strangerCons := e.newConsumer(e.stranger, nil)
	must(t, strangerCons.Open(e.ctx, jobS, deco, e.now().Add(time.Hour)))
	sv, err := strangerCons.Voucher(e.ctx, jobS, a, 500*milli)
	must(t, err)
	forged := sv
	forged.Job = jobB
	wantErr(t, prov.Accept(e.ctx, forged), ErrBadVoucher)
	eqAmount(t, "job B redeemed", e.redeemed(jobB, a), 0)
	st, err := cons.Status(e.ctx, jobB)
	must(t, err)
	if st.Spent != 0 {
		t.Fatalf("job B spent %s after forged vouchers", st.Spent)
	}
}
