package e2e

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/deco-network/deco/examples"
	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/wire"
)

// TestMaliciousProvidersCaught: a devnet of 5 providers, 2 of which return
// wrong outputs under valid receipts (--malicious 2 --malice wrong). Jobs
// under adaptive and replicate:3 verification must complete with every
// accepted output correct (byte-identical to a local run), the cheaters
// must earn nothing, and their reputation must end below every honest
// provider's.
func TestMaliciousProvidersCaught(t *testing.T) {
	dir, dn := startDevnet(t, 5, "--slots", "2", "--malicious", "2", "--malice", "wrong")
	cheaters := map[string]bool{}   // peer IDs
	cheaterEVM := map[string]bool{} // lower-case addresses
	for _, n := range dn.Nodes {
		if n.Malice != "" {
			cheaters[n.PeerID] = true
			cheaterEVM[strings.ToLower(n.EVM)] = true
		}
	}
	if len(cheaters) != 2 {
		t.Fatalf("devnet.json names %d malicious providers, want 2", len(cheaters))
	}
	wasmPath := filepath.Join(t.TempDir(), "render.wasm")
	if err := os.WriteFile(wasmPath, examples.RenderWASM(), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"--tile", "{{index}}", "--tiles", "{{count}}", "--width", "64", "--height", "96", "--samples", "1"}
	run := func(policy string, tasks string) api.JobView {
		out, err := deco(t, dir, append([]string{"run", "--wasm", wasmPath, "--tasks", tasks, "--verify", policy, "--timeout", "2m", "--id-only", "--"}, args...)...)
		if err != nil {
			t.Fatal(err)
		}
		id := strings.TrimSpace(out)
		var j api.JobView
		waitFor(t, 4*time.Minute, policy+" job to end", func() bool {
			j = describe(t, dir, id)
			return j.State.Terminal()
		})
		if j.State != api.JobCompleted {
			t.Fatalf("%s job %s: %s", policy, j.State, j.Reason)
		}
		return j
	}
	for _, c := range []struct{ policy, tasks string }{{"replicate:3", "8"}, {"adaptive", "16"}} {
		j := run(c.policy, c.tasks)
		// Every accepted output is correct.
		checkRenderOutputs(t, dir, j, args)
		lies := 0
		for _, tk := range j.Tasks {
			if cheaters[tk.Provider] {
				t.Fatalf("%s: task %d accepted from a cheater", c.policy, tk.Index)
			}
			for _, a := range tk.Attempts {
				if !cheaters[a.Provider] {
					continue
				}
				if a.Paid {
					t.Fatalf("%s: task %d: a cheater was paid for attempt %d (%s)", c.policy, tk.Index, a.N, a.State)
				}
				if a.OutputRoot != "" && a.OutputRoot != tk.OutputRoot {
					lies++
				}
			}
		}
		t.Logf("%s: %d wrong results from cheaters rejected", c.policy, lies)
		// The escrow paid no cheater.
		out, err := deco(t, dir, "job", "describe", string(j.ID), "-o", "json")
		if err != nil {
			t.Fatal(err)
		}
		var view api.JobView
		if err := json.Unmarshal([]byte(out), &view); err != nil {
			t.Fatal(err)
		}
		if view.Payment == nil {
			t.Fatalf("%s: no payment view", c.policy)
		}
		for _, p := range view.Payment.Providers {
			if cheaterEVM[strings.ToLower(p.Provider)] && p.Spent != wire.Amount(0) {
				t.Fatalf("%s: cheater %s was paid %s", c.policy, p.Provider, p.Spent)
			}
		}
	}
	// Reputation: every cheater below every honest provider.
	out, err := deco(t, dir, "providers", "-o", "json")
	if err != nil {
		t.Fatal(err)
	}
	var provs []api.ProviderView
	if err := json.Unmarshal([]byte(out), &provs); err != nil {
		t.Fatal(err)
	}
	worstHonest, bestCheater := 2.0, -1.0
	for _, p := range provs {
		s := p.Reputation.Score
		if cheaters[p.Peer] {
			bestCheater = max(bestCheater, s)
		} else {
			worstHonest = min(worstHonest, s)
		}
		t.Logf("provider %s cheater=%v reputation %+v", p.Peer, cheaters[p.Peer], p.Reputation)
	}
	if bestCheater < 0 || worstHonest > 1 {
		t.Fatalf("providers listing lacks cheaters or honest providers: %s", out)
	}
	if bestCheater >= worstHonest {
		t.Fatalf("a cheater's reputation %.3f is not below every honest provider's (lowest %.3f)", bestCheater, worstHonest)
	}
}
