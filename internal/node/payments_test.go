package node

import (
	"context"
	"math/big"
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
