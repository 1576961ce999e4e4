package node

import (
	"context"
	"errors"
	"math/big"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/exec"
	"github.com/deco-network/deco/internal/exec/wasm"
	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/p2p"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
)

// countRuns wraps an executor and counts its runs.
type countRuns struct {
	exec.Executor
	mu *sync.Mutex
	n  *int
}

func (c countRuns) Run(ctx context.Context, s exec.Spec) (exec.Result, error) {
	c.mu.Lock()
	*c.n++
	c.mu.Unlock()
	return c.Executor.Run(ctx, s)
}

// Fair exchange, issue 14: a provider serves a result's outputs only
// once the consumer's voucher for it has arrived. Before the voucher the
// consumer's own fetch is refused; after it, the task completes with its
// outputs (here its stdout) stored on the consumer.
func TestOutputsReleasedOnlyOnVoucher(t *testing.T) {
	stdout := wire.CIDOf([]byte(wasm.MinimalMessage))
	var consumer *Node
	var mu sync.Mutex // the hook runs on the consumer's loop
	var before error
	var checked bool
	c := startCluster(t, ClusterOptions{Providers: 1, Chain: true, Configure: func(i int, o *Options) {
		if i != 0 {
			return
		}
		// Called on the consumer's loop when the market pays a verified
		// root, before the voucher is signed: the outputs are not here and
		// the provider refuses them.
		o.WithholdVoucher = func(e market.Pay) bool {
			mu.Lock()
			defer mu.Unlock()
			if checked {
				return false
			}
			checked = true
			if consumer.blobs.Has(stdout) {
				before = errors.New("the outputs were on the consumer before it paid")
				return false
			}
			p, _ := peerDecode(e.Peer)
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			before = consumer.sessions.Fetch(ctx, p, stdout, nil, 1<<20)
			return false
		}
	}})
	consumer = c.Consumer
	prog := upload(t, c.Client, wasm.MinimalModule())
	j := runJob(t, c.Client, spec.Job{Program: spec.Program{CID: prog}, Tasks: spec.Tasks{Count: 1}, Price: spec.Price{Max: 5000}, Verification: spec.VerifyReceipt})
	if j.State != api.JobCompleted {
		t.Fatalf("job %s: %s", j.State, j.Reason)
	}
	mu.Lock()
	defer mu.Unlock()
	if !checked || before == nil || !errors.Is(before, p2p.ErrDenied) {
		t.Fatalf("fetch before the voucher: %v (checked %v), want refused (%v)", before, checked, p2p.ErrDenied)
	}
	if !c.Consumer.blobs.Has(stdout) || j.Tasks[0].Stdout != stdout {
		t.Fatalf("after the voucher the task's stdout %s should be stored on the consumer (task stdout %s)", stdout.Short(), j.Tasks[0].Stdout.Short())
	}
}

// Issue 14: a consumer that stops signing vouchers gets at most one more
// task done per provider (each holds its next assignment until the
// voucher, then records it as a non-payer and refuses its bids and
// assignments), gets no outputs it did not pay for, and its refund is the
// deposit minus exactly what the tasks it paid for (and fetched) cost:
// the providers redeem first, the chain says so to the wei.
func TestConsumerThatStopsPayingGetsOneMoreTaskPerProvider(t *testing.T) {
	const paidTasks = 3
	var mu sync.Mutex
	runs := map[int]*int{1: new(int), 2: new(int)}
	paidBy := map[string]wire.Amount{} // by provider EVM
	paidRuns := map[string]int{}
	signed := 0
	c := startCluster(t, ClusterOptions{Providers: 2, Slots: 1, Chain: true, Configure: func(i int, o *Options) {
		o.EscrowWindow = 15 * time.Second
		if i == 0 {
			o.WithholdVoucher = func(e market.Pay) bool {
				mu.Lock()
				defer mu.Unlock()
				if signed >= paidTasks {
					return true
				}
				signed++
				paidBy[strings.ToLower(e.EVM)] += e.Price
				paidRuns[strings.ToLower(e.EVM)]++
				return false
			}
			return
		}
		o.Redeem.PayGrace = 2 * time.Second
		n := runs[i]
		o.WrapExecutor = func(kind string, e exec.Executor) exec.Executor { return countRuns{Executor: e, mu: &mu, n: n} }
	}})
	ctx := context.Background()
	balance := func(a common.Address) *big.Int {
		b, err := c.Sim.Deployer().Balance(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	consumerBefore := balance(c.Consumer.EVM())
	prog := upload(t, c.Client, wasm.MinimalModule())
	sub, err := c.Client.Submit(ctx, spec.Job{Program: spec.Program{CID: prog}, Tasks: spec.Tasks{Count: 8}, Price: spec.Price{Max: 5000}, Verification: spec.VerifyReceipt})
	if err != nil {
		t.Fatal(err)
	}
	id := string(sub.ID)
	// Wait until both providers refuse the consumer and no more work runs.
	deadline := time.Now().Add(90 * time.Second)
	for {
		refused := 0
		for _, p := range c.Providers {
			if len(p.prov.Debtors()) > 0 {
				refused++
			}
		}
		if refused == len(c.Providers) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("providers did not record the consumer as not paying (%d of %d did)", refused, len(c.Providers))
		}
		time.Sleep(200 * time.Millisecond)
	}
	time.Sleep(3 * time.Second) // anything still allowed would run now
	mu.Lock()
	for i, p := range c.Providers {
		evm := strings.ToLower(p.EVM().Hex())
		if got, paid := *runs[i+1], paidRuns[evm]; got > paid+1 {
			t.Errorf("provider %d ran %d tasks for a consumer that paid for %d: more than one unpaid", i+1, got, paid)
		} else {
			t.Logf("provider %d ran %d tasks, %d paid", i+1, got, paid)
		}
		if d := p.prov.Debtors(); !strings.EqualFold(d[0].Consumer, c.Consumer.EVM().Hex()) {
			t.Errorf("provider %d records %+v, want the consumer", i+1, d)
		}
	}
	var spent wire.Amount
	for _, v := range paidBy {
		spent += v
	}
	mu.Unlock()
	if _, err := c.Client.Cancel(ctx, id); err != nil {
		t.Fatal(err)
	}
	j, err := c.Client.Job(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	// Every task completed on the consumer was paid; every unpaid result
	// says why the consumer has no outputs for it.
	var fetched wire.Amount
	for _, tk := range j.Tasks {
		for _, a := range tk.Attempts {
			if a.Paid {
				fetched += a.Price
			}
			if a.Unpaid != "" && !strings.Contains(a.Reason, "did not pay") {
				t.Errorf("task %d attempt %d unpaid without saying the outputs stay with the provider: %q", tk.Index, a.N, a.Reason)
			}
		}
		if tk.State == api.TaskVerified && !paidTask(tk) {
			t.Errorf("task %d verified on the consumer without a paid attempt", tk.Index)
		}
	}
	if fetched != spent {
		t.Fatalf("describe says %s paid, the vouchers signed %s", fetched, spent)
	}
	// The providers redeem on shutdown; then the consumer is refunded the rest.
	for _, p := range c.Providers {
		p.Close()
	}
	deadline = time.Now().Add(2 * time.Minute)
	for {
		v, err := c.Client.Job(ctx, id)
		if err == nil && v.Payment != nil && v.Payment.Closed && v.Payment.Redeemed == spent {
			if v.Payment.Refunded != v.Payment.Deposit-spent {
				t.Fatalf("refunded %s, want deposit %s − paid %s", v.Payment.Refunded, v.Payment.Deposit, spent)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("escrow not settled: %+v %v (paid %s)", v.Payment, err, spent)
		}
		time.Sleep(200 * time.Millisecond)
	}
	if loss := new(big.Int).Sub(consumerBefore, balance(c.Consumer.EVM())); loss.Cmp(spent.Wei()) != 0 {
		t.Fatalf("the consumer lost %s wei on chain, it paid for %s", loss, spent.Wei())
	}
}

func paidTask(tk api.TaskView) bool {
	for _, a := range tk.Attempts {
		if a.Paid {
			return true
		}
	}
	return false
}
