package node

import (
	"context"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/deco-network/deco/examples"
	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/exec"
	"github.com/deco-network/deco/internal/pricing"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
)

// settledBalances closes c's providers (they redeem on shutdown), waits
// until job's escrow paid out spent, and returns each provider's balance
// gain since before.
func settledBalances(t *testing.T, c *Cluster, job wire.JobID, spent wire.Amount, before map[common.Address]*big.Int) map[string]*big.Int {
	t.Helper()
	ctx := context.Background()
	for _, p := range c.Providers {
		p.Close()
	}
	deadline := time.Now().Add(2 * time.Minute)
	for {
		v, err := c.Client.Job(ctx, string(job))
		if err == nil && v.Payment != nil && v.Payment.Closed && v.Payment.Redeemed == spent {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("escrow of %s not settled to %s: %+v %v", job, spent, v.Payment, err)
		}
		time.Sleep(200 * time.Millisecond) // polling interval
	}
	gains := map[string]*big.Int{}
	for _, p := range c.Providers {
		b, err := c.Sim.Deployer().Balance(ctx, p.EVM())
		if err != nil {
			t.Fatal(err)
		}
		gains[p.EVM().Hex()] = new(big.Int).Sub(b, before[p.EVM()])
	}
	return gains
}

func balancesOf(t *testing.T, c *Cluster) map[common.Address]*big.Int {
	t.Helper()
	out := map[common.Address]*big.Int{}
	for _, p := range c.Providers {
		b, err := c.Sim.Deployer().Balance(context.Background(), p.EVM())
		if err != nil {
			t.Fatal(err)
		}
		out[p.EVM()] = b
	}
	return out
}

// Issue 14: providers worked for free whenever a task failed by the
// program's own fault. A program that exits non-zero under replicate:2
// now fails the job with the program's reason once both replicas report
// the same exit code, and each replica is paid the failure's share of its
// bid (pricing.FailurePay) through the same cumulative vouchers as a
// result: describe, the escrow and the providers' balances agree.
func TestProgramFailurePaysEveryReplicaItsShare(t *testing.T) {
	c := startCluster(t, ClusterOptions{Providers: 2, Chain: true, Configure: func(i int, o *Options) {
		o.EscrowWindow = 8 * time.Second
	}})
	before := balancesOf(t, c)
	prog := upload(t, c.Client, examples.HelloWASM())
	j := runJob(t, c.Client, spec.Job{Program: spec.Program{CID: prog}, Tasks: spec.Tasks{Count: 1, Env: map[string]string{"HELLO_EXIT": "3"}},
		Price: spec.Price{Max: 5000}, Verification: "replicate:2"})
	if j.State != api.JobFailed || !strings.Contains(j.Reason, "exited with code 3") {
		t.Fatalf("job %s: %s", j.State, j.Reason)
	}
	tk := j.Tasks[0]
	if !strings.Contains(tk.Reason, "confirmed by 2 of 2 providers") {
		t.Fatalf("task reason %q", tk.Reason)
	}
	var spent wire.Amount
	byProvider := map[string]wire.Amount{}
	for _, a := range tk.Attempts {
		want := pricing.FailurePay(a.Price, "", 3)
		if a.State != "failed" || !a.Paid || a.Unpaid != "" || a.Failure != "exit 3" || a.FailurePay != want || want == 0 || want >= a.Price {
			t.Fatalf("attempt %d: %s paid=%v failure=%q pays %s of %s (want %s): %s", a.N, a.State, a.Paid, a.Failure, a.FailurePay, a.Price, want, a.Reason)
		}
		spent += a.FailurePay
		byProvider[a.EVM] += a.FailurePay
	}
	if len(tk.Attempts) != 2 || len(byProvider) != 2 {
		t.Fatalf("%d attempts on %d providers, want one on each", len(tk.Attempts), len(byProvider))
	}
	if j.Payment == nil || j.Payment.Spent != spent || j.Payment.Deposit != 2*5000 {
		t.Fatalf("escrow %+v, want a deposit of 1 task × 2 replicas × 5000 and spent %s", j.Payment, spent)
	}
	gains := settledBalances(t, c, j.ID, spent, before)
	for evm, gain := range gains {
		if want := byProvider[evm].Wei(); gain.Cmp(want) != 0 {
			t.Fatalf("provider %s gained %s wei, describe says %s", evm, gain, want)
		}
	}
}

// lyingExecutor claims a time limit the moment it is asked to run,
// without running anything: a provider trying to be paid for a failure
// without working.
type lyingExecutor struct{ exec.Executor }

func (lyingExecutor) Run(context.Context, exec.Spec) (exec.Result, error) {
	return exec.Result{}, exec.ErrTimeLimit
}

// slowExecutor runs the task after a pause, so the liar always answers
// first.
type slowExecutor struct{ exec.Executor }

func (s slowExecutor) Run(ctx context.Context, sp exec.Spec) (exec.Result, error) {
	select {
	case <-time.After(300 * time.Millisecond):
	case <-ctx.Done():
		return exec.Result{}, ctx.Err()
	}
	return s.Executor.Run(ctx, sp)
}

// A provider that claims a time limit without running the program (it
// answers long before the timeout could pass) is not paid: the claim is
// its own fault, the consumer tells it so, and the honest replicas decide
// the task. Only they are paid, on chain too.
func TestFalseTimeLimitIsNotPaid(t *testing.T) {
	c := startCluster(t, ClusterOptions{Providers: 3, Chain: true, Configure: func(i int, o *Options) {
		o.EscrowWindow = 8 * time.Second
		switch i {
		case 1:
			o.WrapExecutor = func(_ string, e exec.Executor) exec.Executor { return lyingExecutor{e} }
		case 2, 3:
			o.WrapExecutor = func(_ string, e exec.Executor) exec.Executor { return slowExecutor{e} }
		}
	}})
	liar := c.Providers[0]
	before := balancesOf(t, c)
	prog := upload(t, c.Client, examples.HelloWASM())
	j := runJob(t, c.Client, spec.Job{Program: spec.Program{CID: prog}, Tasks: spec.Tasks{Count: 1},
		Price: spec.Price{Max: 5000}, Verification: "replicate:3"})
	if j.State != api.JobCompleted {
		t.Fatalf("job %s: %s", j.State, j.Reason)
	}
	var spent wire.Amount
	lied := false
	for _, a := range j.Tasks[0].Attempts {
		if a.Provider == liar.PeerID().String() {
			lied = true
			if a.Paid || a.State != "failed" || !strings.Contains(a.Reason, "cannot have reached") {
				t.Fatalf("liar's attempt %s paid=%v: %s", a.State, a.Paid, a.Reason)
			}
			continue
		}
		if a.Paid {
			spent += a.Price
		}
	}
	if !lied {
		t.Fatal("the liar took no replica of a replicate:3 job on three providers")
	}
	if j.Payment == nil || j.Payment.Spent != spent || spent == 0 {
		t.Fatalf("escrow %+v, want spent %s (the honest replicas only)", j.Payment, spent)
	}
	gains := settledBalances(t, c, j.ID, spent, before)
	if g := gains[liar.EVM().Hex()]; g.Sign() != 0 {
		t.Fatalf("the liar gained %s wei", g)
	}
}
