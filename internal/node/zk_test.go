package node

import (
	"context"
	"github.com/deco-network/deco/internal/api"
	"math/big"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/cheat"
	"github.com/deco-network/deco/internal/clock"
	"github.com/deco-network/deco/internal/devnet"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
	"github.com/deco-network/deco/internal/zk"
)

// zkKeys is one key cache for the package's tests: each circuit is set up
// once per test binary.
var zkKeys = sync.OnceValues(func() (string, error) { return os.MkdirTemp("", "deco-node-zk-keys-") })

func zkCache(t *testing.T) zk.Cache {
	t.Helper()
	dir, err := zkKeys()
	if err != nil {
		t.Fatal(err)
	}
	return zk.Cache{Dir: dir}
}

// A zk job runs end to end on a simulated chain: every task's proof is
// checked by the consumer and paid by the escrow to the provider that
// settled it with the proof, with no voucher; a provider returning proofs
// that fail is caught with fraud evidence, earns nothing, and its tasks
// complete elsewhere. After deadline + grace the consumer gets back what
// the proofs did not take.
func TestZKJobPaidOnProof(t *testing.T) {
	cache := zkCache(t)
	clk := &aheadClock{}
	c := startCluster(t, ClusterOptions{Providers: 2, Slots: 1, Chain: true, Configure: func(i int, o *Options) {
		o.ZKKeys = cache.Dir
		if i == 0 {
			o.Clock = clk
		}
		if i == 1 {
			ch := cheat.New(cheat.Config{Mode: cheat.BadProof}, o.Identity.EVM)
			o.WrapExecutor, o.EditReceipt = ch.Executor, ch.Receipt
		}
	}})
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	const circuit = "mimc-chain/8"
	if err := devnet.SetupCircuits(ctx, c.Sim.Deployer(), cache, []string{circuit}); err != nil {
		t.Fatal(err)
	}
	cheater, honest := c.Providers[0], c.Providers[1]
	balance := func(a common.Address) *big.Int {
		b, err := c.Sim.Deployer().Balance(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	stakeOf := func(a common.Address) *big.Int {
		st, err := c.Sim.Deployer().StakeOf(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	cheaterStake := stakeOf(cheater.EVM())
	before := map[common.Address]*big.Int{}
	for _, n := range []*Node{c.Consumer, cheater, honest} {
		before[n.EVM()] = balance(n.EVM())
	}

	const tasks, price = 3, wire.Amount(4000)
	j := runJob(t, c.Client, spec.Job{Tasks: spec.Tasks{Count: tasks}, Price: spec.Price{Max: price, Budget: 5 * price},
		Circuit: &spec.Circuit{Name: "mimc-chain", Set: map[string]string{"seed": "{{index}}", "n": "5"}}})
	if j.State != api.JobCompleted {
		t.Fatalf("job %s: %s", j.State, j.Reason)
	}
	if j.Spec.Circuit.Name != circuit {
		t.Fatalf("circuit resolved to %q, want the cached %s", j.Spec.Circuit.Name, circuit)
	}
	// The providers bid the escrow's price (what it pays), not their own
	// ask: the market's record, before any display, says so.
	raw, err := c.Consumer.jobs.Job(j.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, tk := range raw.Tasks {
		for _, a := range tk.Attempts {
			if a.Price != price {
				t.Fatalf("task %d: %s bid %s, the escrow pays %s", tk.Index, a.Provider, a.Price, price)
			}
		}
	}
	caught := 0
	for _, tk := range j.Tasks {
		if tk.Provider != honest.PeerID().String() {
			t.Fatalf("task %d accepted from %s", tk.Index, tk.Provider)
		}
		// The outputs are the proof the receipt signed for, and it checks.
		files := map[string][]byte{}
		for _, e := range tk.Outputs.Entries {
			b, err := c.Consumer.Blobs().Get(e.CID, 1<<20)
			if err != nil {
				t.Fatal(err)
			}
			files[e.Path] = b
		}
		p, err := zk.ParseFiles(string(files["circuit"]), files["proof.bin"], files["public.bin"])
		if err != nil {
			t.Fatalf("task %d outputs: %v", tk.Index, err)
		}
		want := zk.MimcChain(big.NewInt(int64(tk.Index)), 5)
		if out := p.PublicInputs[2]; out.Cmp(want) != 0 || p.Payee() != honest.EVM() {
			t.Fatalf("task %d proves out %s for %s, want %s for %s", tk.Index, out, p.Payee().Hex(), want, honest.EVM().Hex())
		}
		t.Logf("task %d proved in %d ms", tk.Index, tk.DurationMs)
		for _, a := range tk.Attempts {
			if a.Provider == cheater.PeerID().String() {
				if a.State != "failed" || !strings.Contains(a.Reason, "does not verify") {
					t.Fatalf("cheater attempt %+v", a)
				}
				caught++
			}
		}
	}
	if caught == 0 {
		t.Fatal("the cheating provider got no task (one slot each, three tasks): the test proves nothing")
	}
	logs, err := c.Client.Logs(ctx, string(j.ID), 0)
	if err != nil {
		t.Fatal(err)
	}
	fraud := false
	for _, l := range logs {
		fraud = fraud || strings.Contains(l.Text, "provable fraud")
	}
	if !fraud {
		t.Fatal("no fraud evidence in the job's log")
	}

	// The honest provider settles every task on chain: wait for it.
	pe := c.Sim.Deployer()
	deadline := time.Now().Add(2 * time.Minute)
	for i := 0; i < tasks; i++ {
		for {
			ok, err := pe.Settled(ctx, j.ID.Bytes32(), uint64(i))
			if err != nil {
				t.Fatal(err)
			}
			if ok {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("task %d not settled on chain", i)
			}
			time.Sleep(100 * time.Millisecond) // polling interval
		}
	}
	// The cheater signed a proof claim for each failing proof: the consumer
	// reported it on chain (reportBadProof) and its stake was slashed.
	for stakeOf(cheater.EVM()).Cmp(cheaterStake) >= 0 {
		if time.Now().After(deadline) {
			t.Fatalf("the cheater's stake is still %s: its bad proof was not slashed on chain", cheaterStake)
		}
		time.Sleep(100 * time.Millisecond) // polling interval
	}
	t.Logf("cheater's stake slashed from %s to %s", cheaterStake, stakeOf(cheater.EVM()))
	gain := new(big.Int).Sub(balance(honest.EVM()), before[honest.EVM()])
	if want := new(big.Int).Mul(price.Wei(), big.NewInt(tasks)); gain.Cmp(want) != 0 {
		t.Fatalf("honest provider gained %s wei, want %s", gain, want)
	}
	if g := new(big.Int).Sub(balance(cheater.EVM()), before[cheater.EVM()]); g.Sign() != 0 {
		t.Fatalf("the cheater earned %s", g)
	}
	view, err := c.Client.Job(ctx, string(j.ID))
	if err != nil || view.Payment == nil {
		t.Fatalf("payment view: %v %+v", err, view)
	}
	if view.Payment.Redeemed != price*tasks || !strings.Contains(view.Payment.Note, "paid on proof: 3 of 3") {
		t.Fatalf("payment view %+v", view.Payment)
	}
	// Providers bid their ask (0.001) but the escrow pays the job's price:
	// every task shows what was paid.
	if view.Payment.PerTask != price || len(view.Payment.Settled) != tasks {
		t.Fatalf("payment view: %s per task, settled %v; want %s and all %d", view.Payment.PerTask, view.Payment.Settled, price, tasks)
	}
	for _, tk := range view.Tasks {
		if tk.Price != price {
			t.Fatalf("task %d shows price %s, the escrow paid %s", tk.Index, tk.Price, price)
		}
	}

	// Move the chain and the consumer's clock past deadline + grace: the
	// consumer refunds the rest of the deposit.
	pv := view.Payment
	if pv.Deposit <= price*tasks {
		t.Fatalf("deposit %s leaves nothing to refund after %d tasks at %s", pv.Deposit, tasks, price)
	}
	chainNow, err := pe.ChainTime(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Sim.AdjustTime(pv.RefundAt.Sub(chainNow) + time.Second); err != nil {
		t.Fatal(err)
	}
	clk.ahead.Store(int64(time.Until(pv.RefundAt) + time.Second))
	deadline = time.Now().Add(time.Minute)
	for {
		v, err := c.Client.Job(ctx, string(j.ID))
		if err == nil && v.Payment != nil && v.Payment.Closed {
			pv = v.Payment
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("proof escrow not refunded after deadline + grace: %+v %v", v.Payment, err)
		}
		time.Sleep(100 * time.Millisecond) // polling interval
	}
	if pv.Refunded != pv.Deposit-price*tasks {
		t.Fatalf("refunded %s, want deposit %s − %d tasks × %s", pv.Refunded, pv.Deposit, tasks, price)
	}
	// The consumer reported the bad proofs: it got the reporter's share of
	// what was slashed.
	slashed := new(big.Int).Sub(cheaterStake, stakeOf(cheater.EVM()))
	reward := new(big.Int).Div(new(big.Int).Mul(slashed, big.NewInt(int64(chain.DefaultParams().ReporterBps))), big.NewInt(10_000))
	want := new(big.Int).Sub((price * tasks).Wei(), reward)
	if loss := new(big.Int).Sub(before[c.Consumer.EVM()], balance(c.Consumer.EVM())); loss.Cmp(want) != 0 {
		t.Fatalf("consumer paid %s wei in all, want %s (the tasks less a reporter's reward of %s)", loss, want, reward)
	}
}

// aheadClock is the system clock plus an offset a test moves forward (with
// the chain's clock), so a node sees a refund come due without waiting.
type aheadClock struct {
	clock.Real // timers and tickers run on real time
	ahead      atomic.Int64
}

func (c *aheadClock) Now() time.Time { return time.Now().Add(time.Duration(c.ahead.Load())) }

func TestMain(m *testing.M) {
	code := m.Run()
	if dir, err := zkKeys(); err == nil {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}
