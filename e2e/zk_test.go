package e2e

import (
	"encoding/json"
	"math/big"
	"strings"
	"testing"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/wire"
)

// TestZKJobSettledOnChain: a zk job on a 2-provider devnet, run with
// --wait, comes back completed with every task settled on chain by its
// provider (the run waits for the settlements), each task shown at the
// price the proof escrow paid, and each provider's DECO balance up by
// exactly what it was paid.
func TestZKJobSettledOnChain(t *testing.T) {
	dir, dn := startDevnet(t, 2)
	var providers []string
	for _, n := range dn.Nodes {
		for _, r := range n.Roles {
			if r == "provider" {
				providers = append(providers, n.EVM)
			}
		}
	}
	if len(providers) != 2 {
		t.Fatalf("devnet.json names %d providers, want 2", len(providers))
	}
	before := map[string]*big.Int{}
	for _, p := range providers {
		before[strings.ToLower(p)] = decoBalance(t, dir, p)
	}

	const tasks = 3
	out, err := deco(t, dir, "run", "--circuit", "mimc-chain", "--set", "seed={{index}}", "--set", "n=10",
		"--tasks", "3", "--wait", "-o", "json")
	if err != nil {
		t.Fatal(err)
	}
	var run api.JobView
	if err := json.Unmarshal([]byte(out), &run); err != nil {
		t.Fatalf("run -o json: %v\n%s", err, out)
	}
	if run.State != api.JobCompleted {
		t.Fatalf("zk job %s: %s", run.State, run.Reason)
	}
	// --wait returned after the settlements, not before.
	if p := run.Payment; p == nil || p.PerTask == 0 || len(p.Settled) != tasks {
		t.Fatalf("run --wait returned with payment %+v, want all %d tasks settled", run.Payment, tasks)
	}

	// describe agrees, and says so in words.
	var view api.JobView
	out, err = deco(t, dir, "job", "describe", string(run.ID), "-o", "json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(out), &view); err != nil {
		t.Fatal(err)
	}
	p := view.Payment
	if p == nil || len(p.Settled) != tasks || !strings.Contains(p.Note, "3 of 3 tasks settled") {
		t.Fatalf("describe: payment %+v", p)
	}
	if p.Redeemed != p.PerTask*tasks {
		t.Fatalf("escrow paid out %s, want %d × %s", p.Redeemed, tasks, p.PerTask)
	}
	text, err := deco(t, dir, "job", "describe", string(run.ID))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(text, p.PerTask.String()+" settled"); n != tasks {
		t.Fatalf("describe's table shows %d tasks %q, want %d:\n%s", n, p.PerTask.String()+" settled", tasks, text)
	}

	// Each provider gained exactly the price of the tasks it proved.
	owed := map[string]wire.Amount{}
	for _, tk := range view.Tasks {
		if tk.Price != p.PerTask {
			t.Fatalf("task %d shows %s, the escrow pays %s", tk.Index, tk.Price, p.PerTask)
		}
		owed[strings.ToLower(tk.ProviderEVM)] += tk.Price
	}
	for _, a := range providers {
		gain := new(big.Int).Sub(decoBalance(t, dir, a), before[strings.ToLower(a)])
		if want := owed[strings.ToLower(a)].Wei(); gain.Cmp(want) != 0 {
			t.Fatalf("provider %s gained %s wei, was paid for tasks worth %s wei", a, gain, want)
		}
		t.Logf("provider %s paid %s DECO", a, owed[strings.ToLower(a)])
	}
}

// decoBalance is addr's DECO balance in wei, from `deco wallet balance`.
func decoBalance(t *testing.T, devnet, addr string) *big.Int {
	t.Helper()
	out, err := deco(t, devnet, "wallet", "balance", addr, "-o", "json")
	if err != nil {
		t.Fatal(err)
	}
	var b struct {
		DECO string `json:"deco"`
	}
	if err := json.Unmarshal([]byte(out), &b); err != nil {
		t.Fatalf("wallet balance: %v\n%s", err, out)
	}
	r, ok := new(big.Rat).SetString(b.DECO)
	if !ok {
		t.Fatalf("wallet balance %q is not a number", b.DECO)
	}
	r.Mul(r, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil)))
	if !r.IsInt() {
		t.Fatalf("wallet balance %q has more than 18 decimals", b.DECO)
	}
	return r.Num()
}
