package e2e

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/deco-network/deco/examples"
	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/exec"
	"github.com/deco-network/deco/internal/exec/wasm"
	"github.com/deco-network/deco/internal/wire"
)

// TestKillProviderMidJob: 1 consumer + 3 providers as processes, a 12-task
// job, one provider SIGKILLed while it runs tasks. Every output must be
// correct (identical to a local run of the same task) and the killed
// provider's tasks must complete elsewhere.
func TestKillProviderMidJob(t *testing.T) {
	dir, dn := startDevnet(t, 3, "--slots", "2")
	wasmPath := filepath.Join(t.TempDir(), "render.wasm")
	if err := os.WriteFile(wasmPath, examples.RenderWASM(), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"--tile", "{{index}}", "--tiles", "{{count}}", "--width", "320", "--height", "480", "--samples", "2"}
	out, err := deco(t, dir, append([]string{"run", "--wasm", wasmPath, "--tasks", "12", "--timeout", "3m", "--id-only", "--"}, args...)...)
	if err != nil {
		t.Fatal(err)
	}
	id := strings.TrimSpace(out)

	// Kill the first provider seen running a task.
	var victim string
	var victimPID int
	waitFor(t, 2*time.Minute, "a task running on a provider", func() bool {
		j := describe(t, dir, id)
		for _, tk := range j.Tasks {
			if tk.State == api.TaskRunning || tk.State == api.TaskAssigned {
				for _, n := range dn.Nodes {
					if n.PeerID == tk.Provider {
						victim, victimPID = n.PeerID, n.PID
						return true
					}
				}
			}
			if j.State.Terminal() {
				t.Fatalf("job ended before a provider could be killed: %s", j.Reason)
			}
		}
		return false
	})
	if err := syscall.Kill(victimPID, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	t.Logf("killed provider %s (pid %d)", victim, victimPID)

	var final api.JobView
	waitFor(t, 4*time.Minute, "the job to end", func() bool {
		final = describe(t, dir, id)
		return final.State.Terminal()
	})
	if final.State != api.JobCompleted {
		b, _ := json.MarshalIndent(final, "", " ")
		t.Fatalf("job %s: %s\n%s", final.State, final.Reason, b)
	}
	moved := 0
	for _, tk := range final.Tasks {
		if tk.State != api.TaskVerified {
			t.Fatalf("task %d %s: %s", tk.Index, tk.State, tk.Reason)
		}
		for _, a := range tk.Attempts[:len(tk.Attempts)-1] {
			if a.Provider == victim {
				moved++
			}
		}
		if tk.Provider == victim {
			// Finished before the kill: fine, its result was verified then.
			continue
		}
	}
	if moved == 0 {
		t.Fatalf("no task of the killed provider was retried elsewhere")
	}

	// Payments: every accepted attempt (the task's, and under adaptive
	// verification the replica that agreed with it) got a voucher at its
	// price, out of the escrow the consumer opened on the devnet's chain.
	out, err = deco(t, dir, "job", "describe", id, "-o", "json")
	if err != nil {
		t.Fatal(err)
	}
	var view api.JobView
	if err := json.Unmarshal([]byte(out), &view); err != nil {
		t.Fatal(err)
	}
	var spent wire.Amount
	for _, tk := range view.Tasks {
		for _, a := range tk.Attempts {
			if a.Paid {
				spent += a.Price
			}
		}
	}
	if view.Payment == nil || view.Payment.Spent != spent || view.Payment.Deposit != 12*wire.Amount(view.Spec.Policy().Paid())*view.Spec.Price.Max {
		t.Fatalf("payment %+v, want spent %s of 12 tasks × %d paid replicas × %s", view.Payment, spent, view.Spec.Policy().Paid(), view.Spec.Price.Max)
	}

	// Every output is what a local run of the same task produces.
	checkRenderOutputs(t, dir, final, args)
}

// checkRenderOutputs fetches job j's results and checks every task's
// outputs equal a local run of the render example with the same arguments.
func checkRenderOutputs(t *testing.T, dir string, final api.JobView, args []string) {
	t.Helper()
	results := t.TempDir()
	if _, err := deco(t, dir, "job", "get", string(final.ID), "--output-dir", results); err != nil {
		t.Fatal(err)
	}
	compareRenderOutputs(t, results, final, args)
}

// compareRenderOutputs checks every task's outputs under results (as `deco
// job get --output-dir` writes them) equal a local run of the render
// example with the same arguments.
func compareRenderOutputs(t *testing.T, results string, final api.JobView, args []string) {
	t.Helper()
	count := strconv.Itoa(len(final.Tasks))
	ctx := context.Background()
	e, err := wasm.New(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close(ctx)
	mod := examples.RenderWASM()
	for _, tk := range final.Tasks {
		outDir := t.TempDir()
		taskArgs := make([]string, len(args))
		for i, a := range args {
			a = strings.ReplaceAll(a, "{{index}}", strconv.Itoa(tk.Index))
			taskArgs[i] = strings.ReplaceAll(a, "{{count}}", count)
		}
		res, err := e.Run(ctx, exec.Spec{Module: mod, ModuleID: string(wire.CIDOf(mod)), Args: taskArgs,
			Env: map[string]string{"DECO_TASK_INDEX": strconv.Itoa(tk.Index), "DECO_TASK_COUNT": count}, OutputDir: outDir,
			MemoryLimit: 256 << 20, Timeout: 3 * time.Minute, Seed: wire.TaskID{Job: final.ID, Index: tk.Index}.Seed()})
		if err != nil || res.ExitCode != 0 {
			t.Fatalf("local run of task %d: %v (exit %d)", tk.Index, err, res.ExitCode)
		}
		for _, name := range []string{"tile.png", "tile.json"} {
			want, err := os.ReadFile(filepath.Join(outDir, name))
			if err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(filepath.Join(results, strconv.Itoa(tk.Index), "outputs", name))
			if err != nil {
				t.Fatalf("task %d: %v", tk.Index, err)
			}
			if string(got) != string(want) {
				t.Fatalf("task %d: %s differs from a local run", tk.Index, name)
			}
		}
		if _, err := os.Stat(filepath.Join(results, strconv.Itoa(tk.Index), "receipt.json")); err != nil {
			t.Fatalf("task %d: no receipt.json", tk.Index)
		}
	}
}
