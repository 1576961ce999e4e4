package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/deco-network/deco/examples"
	"github.com/deco-network/deco/internal/api"
)

// TestLongTaskResumesAfterProviderKilled: a long task that checkpoints
// every step (the C counter), its provider process SIGKILLed once the
// program reported 70%: the task finishes on the other provider from the
// latest checkpoint, and its output is the one computed natively here.
func TestLongTaskResumesAfterProviderKilled(t *testing.T) {
	dir, dn := startDevnet(t, 2, "--slots", "1")
	tmp := t.TempDir()
	if err := os.WriteFile(filepath.Join(tmp, "counter.wasm"), examples.CounterCWASM(), 0o644); err != nil {
		t.Fatal(err)
	}
	const steps, work = 16, 12_000_000
	job := fmt.Sprintf("name: long-counter\nprogram:\n  wasm: counter.wasm\ntasks:\n  count: 1\n  args: [\"%d\", \"%d\"]\n"+
		"timeout: 5m\nverification: receipt\ncheckpoint:\n  every: 300ms\n", steps, work)
	if err := os.WriteFile(filepath.Join(tmp, "job.yaml"), []byte(job), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := deco(t, dir, "job", "submit", filepath.Join(tmp, "job.yaml"), "--id-only")
	if err != nil {
		t.Fatal(err)
	}
	id := strings.TrimSpace(out)

	var victim string
	var victimPID, reported int
	waitFor(t, 4*time.Minute, "the program to report 70% on a provider", func() bool {
		j := describe(t, dir, id)
		if j.State.Terminal() {
			t.Fatalf("job ended before its provider could be killed: %s %s", j.State, j.Reason)
		}
		tk := j.Tasks[0]
		if len(tk.Attempts) == 0 {
			return false
		}
		a := tk.Attempts[len(tk.Attempts)-1]
		if a.Permille < 700 {
			return false
		}
		for _, n := range dn.Nodes {
			if n.PeerID == a.Provider {
				victim, victimPID, reported = n.PeerID, n.PID, a.Permille
				return true
			}
		}
		return false
	})
	if err := syscall.Kill(victimPID, syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	t.Logf("killed provider %s (pid %d) at %d‰", victim, victimPID, reported)

	var final api.JobView
	waitFor(t, 4*time.Minute, "the job to end", func() bool {
		final = describe(t, dir, id)
		return final.State.Terminal()
	})
	if final.State != api.JobCompleted {
		t.Fatalf("job %s: %s", final.State, final.Reason)
	}
	tk := final.Tasks[0]
	win := tk.Attempts[len(tk.Attempts)-1]
	if tk.Provider == victim || win.Provider == victim {
		t.Fatalf("the task finished on the killed provider: attempts %+v", tk.Attempts)
	}
	if win.Resume == "" {
		t.Fatalf("the task did not resume from a checkpoint: attempts %+v", tk.Attempts)
	}

	// The output equals the counter computed natively, with no checkpoint.
	results := t.TempDir()
	if _, err := deco(t, dir, "job", "get", id, "--output-dir", results); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(results, "0", "outputs", "result.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var value uint64
	for range steps * work {
		value = splitmix(value)
	}
	if want := fmt.Sprintf("counter steps=%d work=%d value=%016x\n", steps, work, value); string(got) != want {
		t.Fatalf("resumed output %q, want %q (native)", got, want)
	}
}

// splitmix is one splitmix64 step, as examples/counter computes it.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	z := x
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}
