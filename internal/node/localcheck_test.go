package node

import (
	"strings"
	"testing"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/cheat"
	"github.com/deco-network/deco/internal/exec/wasm"
	"github.com/deco-network/deco/internal/spec"
)

// A provider that returns wrong outputs under valid receipts passes the
// receipt policy, but the consumer re-runs the task itself (every result
// here: checks.local 1): the lie is proven, its provider is convicted, its
// result struck, and the task runs again on the honest provider. Under
// receipt the lie was paid at once (the provider holds the consumer's next
// tasks until that voucher comes, so pay cannot wait for a check as long as
// the task): one task's price, and no more work.
func TestLocalCheckConvictsALiar(t *testing.T) {
	c := startCluster(t, ClusterOptions{Providers: 2, Configure: func(i int, o *Options) {
		if i == 1 {
			ch := cheat.New(cheat.Config{Mode: cheat.Wrong}, o.Identity.EVM)
			o.WrapExecutor, o.EditReceipt = ch.Executor, ch.Receipt
		}
	}})
	liar := c.Providers[0].PeerID().String()
	prog := upload(t, c.Client, wasm.MinimalModule())
	all := 1.0
	j := runJob(t, c.Client, spec.Job{Program: spec.Program{CID: prog}, Tasks: spec.Tasks{Count: 4}, Verification: spec.VerifyReceipt,
		Checks: &spec.Checks{Local: &all}})
	if j.State != api.JobCompleted {
		t.Fatalf("job %s: %s", j.State, j.Reason)
	}
	caught := 0
	for _, tk := range j.Tasks {
		if tk.Provider == liar {
			t.Fatalf("task %d accepted from the liar: %s", tk.Index, tk.Reason)
		}
		for _, a := range tk.Attempts {
			if a.Provider != liar {
				continue
			}
			if a.State != "struck" || !strings.Contains(a.Reason, "consumer's own run") {
				t.Fatalf("liar's attempt %+v", a)
			}
			caught++
		}
	}
	if caught == 0 {
		t.Skip("the liar won no auction; nothing to catch this run")
	}
}
