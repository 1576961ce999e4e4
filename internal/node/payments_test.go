package node

import (
	"context"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/exec/wasm"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
)

// A job's payments reconcile exactly, from the chain: the consumer's spend
// equals what providers redeemed plus vouchers pending, the refund is the
// deposit minus the spend, and a provider whose receipts failed
// verification gets nothing.
func TestPaymentsReconcile(t *testing.T) {
	c := startCluster(t, ClusterOptions{Providers: 3, Chain: true, Configure: func(i int, o *Options) {
		o.EscrowWindow = 8 * time.Second
		if i == 3 { // provider-3 forges its receipts
			o.Malice = func(res *wire.Result) {
				if res.Receipt != nil {
					res.Receipt.OutputRoot = wire.CIDOf([]byte("forged"))
				}
			}
		}
	}})
	ctx := context.Background()
	cheater := c.Providers[2]
	balance := func(a common.Address) *big.Int {
		b, err := c.Sim.Deployer().Balance(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	before := map[common.Address]*big.Int{c.Consumer.EVM(): balance(c.Consumer.EVM())}
	for _, p := range c.Providers {
		before[p.EVM()] = balance(p.EVM())
	}

	prog := upload(t, c.Client, wasm.MinimalModule())
	j := runJob(t, c.Client, spec.Job{Program: spec.Program{CID: prog}, Tasks: spec.Tasks{Count: 9}, Price: spec.Price{Max: 5000}, Verification: spec.VerifyReceipt})
	if j.State != api.JobCompleted {
		t.Fatalf("job %s: %s", j.State, j.Reason)
	}
	var spent wire.Amount
	byProvider := map[string]wire.Amount{}
	for _, tk := range j.Tasks {
		if tk.Provider == cheater.PeerID().String() {
			t.Fatalf("task %d accepted from the cheater", tk.Index)
		}
		spent += tk.Price
		byProvider[tk.ProviderEVM] += tk.Price
	}
	view, err := c.Client.Job(ctx, string(j.ID))
	if err != nil || view.Payment == nil {
		t.Fatalf("payment view: %v %+v", err, view)
	}
	if view.Payment.Spent != spent || view.Payment.Deposit != 9*5000 {
		t.Fatalf("escrow %+v, want spent %s of 0.045", view.Payment, spent)
	}
	// Providers redeem on shutdown; then the consumer refunds the rest.
	for _, p := range c.Providers {
		p.Close()
	}
	deadline := time.Now().Add(2 * time.Minute)
	for {
		v, err := c.Client.Job(ctx, string(j.ID))
		if err == nil && v.Payment != nil && v.Payment.Closed && v.Payment.Redeemed == spent {
			if v.Payment.Refunded != v.Payment.Deposit-spent {
				t.Fatalf("refunded %s, want deposit %s − spent %s", v.Payment.Refunded, v.Payment.Deposit, spent)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("escrow not settled: %+v %v", v.Payment, err)
		}
		time.Sleep(200 * time.Millisecond) // polling interval
	}
	// The chain agrees to the wei.
	consumerLoss := new(big.Int).Sub(before[c.Consumer.EVM()], balance(c.Consumer.EVM()))
	if consumerLoss.Cmp(spent.Wei()) != 0 {
		t.Fatalf("consumer paid %s wei, spent %s", consumerLoss, spent.Wei())
	}
	for _, p := range c.Providers {
		gain := new(big.Int).Sub(balance(p.EVM()), before[p.EVM()])
		if gain.Cmp(byProvider[p.EVM().Hex()].Wei()) != 0 {
			t.Fatalf("provider %s gained %s wei, vouchers say %s", p.EVM().Hex(), gain, byProvider[p.EVM().Hex()].Wei())
		}
	}
	if g := new(big.Int).Sub(balance(cheater.EVM()), before[cheater.EVM()]); g.Sign() != 0 {
		t.Fatalf("the cheater earned %s", g)
	}
}

// Issue 14: under replicate:K the escrow held tasks × max price but paid
// up to K providers a task, so vouchers past the deposit were skipped while
// describe showed those attempts paid. The deposit now covers every replica
// the policy pays, every verified attempt is paid, and describe's paid
// flags add up to what the escrow paid out. A job whose explicit budget is
// too small shows the attempts it could not pay as unpaid, with the reason.
func TestReplicatedJobPaysEveryReplica(t *testing.T) {
	c := startCluster(t, ClusterOptions{Providers: 3, Chain: true, Configure: func(i int, o *Options) {
		o.EscrowWindow = 8 * time.Second
	}})
	ctx := context.Background()
	balance := func(a common.Address) *big.Int {
		b, err := c.Sim.Deployer().Balance(ctx, a)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	before := map[common.Address]*big.Int{}
	for _, p := range c.Providers {
		before[p.EVM()] = balance(p.EVM())
	}
	prog := upload(t, c.Client, wasm.MinimalModule())
	const price = 5000
	job := func(budget wire.Amount) spec.Job {
		return spec.Job{Program: spec.Program{CID: prog}, Tasks: spec.Tasks{Count: 6}, Price: spec.Price{Max: price, Budget: budget}, Verification: "replicate:3"}
	}
	// paidSum checks describe's paid flags and returns what they add up to,
	// by provider EVM address, and how many verified attempts were unpaid.
	paidSum := func(j *api.JobView, byProvider map[string]wire.Amount) (wire.Amount, int) {
		var sum wire.Amount
		unpaid := 0
		for _, tk := range j.Tasks {
			for _, a := range tk.Attempts {
				switch {
				case a.Paid && a.Unpaid != "":
					t.Fatalf("task %d attempt %d both paid and unpaid (%s)", tk.Index, a.N, a.Unpaid)
				case a.Paid:
					sum += a.Price
					byProvider[a.EVM] += a.Price
				case a.State == "verified":
					if a.Unpaid == "" || !strings.Contains(a.Reason, "not paid") {
						t.Fatalf("task %d attempt %d verified, not paid, and no reason why: %+v", tk.Index, a.N, a)
					}
					unpaid++
				}
			}
		}
		return sum, unpaid
	}

	full := runJob(t, c.Client, job(0))
	if full.State != api.JobCompleted {
		t.Fatalf("job %s: %s", full.State, full.Reason)
	}
	byProvider := map[string]wire.Amount{}
	spent, unpaid := paidSum(full, byProvider)
	if unpaid != 0 || spent == 0 {
		t.Fatalf("%d verified attempts unpaid (paid %s)", unpaid, spent)
	}
	if full.Payment == nil || full.Payment.Deposit != 6*3*price || full.Payment.Spent != spent {
		t.Fatalf("escrow %+v, want a deposit of 6 tasks × 3 replicas × %d and spent %s", full.Payment, price, spent)
	}

	// A budget of one task at max price (providers bid below it) runs out.
	// Providers refuse work the escrow cannot cover, so it may fail.
	short := runJob(t, c.Client, job(price))
	shortSpent, shortUnpaid := paidSum(short, byProvider)
	t.Logf("budget of one task: job %s, %d verified attempts unpaid, %s paid", short.State, shortUnpaid, shortSpent)
	// Whether vouchers run out before providers refuse work is a race; when
	// they do, paidSum has checked each unpaid attempt says why.
	if short.Payment == nil || short.Payment.Spent != shortSpent || shortSpent > price {
		t.Fatalf("short budget: paid flags sum to %s, escrow %+v", shortSpent, short.Payment)
	}

	// Providers redeem on shutdown: what the escrows paid out equals the
	// paid flags, to the wei, per provider.
	for _, p := range c.Providers {
		p.Close()
	}
	for _, jv := range []struct {
		id    wire.JobID
		spent wire.Amount
	}{{full.ID, spent}, {short.ID, shortSpent}} {
		deadline := time.Now().Add(2 * time.Minute)
		for {
			v, err := c.Client.Job(ctx, string(jv.id))
			if err == nil && v.Payment != nil && v.Payment.Closed && v.Payment.Redeemed == jv.spent {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("escrow of %s not settled to %s: %+v %v", jv.id, jv.spent, v.Payment, err)
			}
			time.Sleep(200 * time.Millisecond) // polling interval
		}
	}
	for _, p := range c.Providers {
		gain := new(big.Int).Sub(balance(p.EVM()), before[p.EVM()])
		if want := byProvider[p.EVM().Hex()].Wei(); gain.Cmp(want) != 0 {
			t.Fatalf("provider %s gained %s wei, paid flags say %s", p.EVM().Hex(), gain, want)
		}
	}
}
