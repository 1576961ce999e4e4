package wasm

import (
	"bytes"
	"context"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/deco-network/deco/examples"
	dexec "github.com/deco-network/deco/internal/exec"
)

// The counter in Go, C and Rust is one program: each writes the same
// result and stdout, ships the same checkpoints with the same progress,
// and resumes from a state another language saved (the state format is
// shared), so a task can move between guests of any of them.
func TestCounterSameInEveryLanguage(t *testing.T) {
	type run struct {
		result, stdout string
		states         [][]byte
		progress       []int
	}
	args := []string{"6", "50000"}
	exec := func(t *testing.T, mod, restore []byte) run {
		t.Helper()
		out := t.TempDir()
		var r run
		res, err := shared(t).Run(context.Background(), dexec.Spec{Module: mod, Args: args, OutputDir: out, Timeout: time.Minute,
			Restore: restore, CheckpointEvery: time.Nanosecond,
			OnCheckpoint: func(b []byte) error { r.states = append(r.states, bytes.Clone(b)); return nil },
			OnProgress:   func(p int) { r.progress = append(r.progress, p) }})
		if err != nil || res.ExitCode != 0 {
			t.Fatalf("run: %v, exit %d, stderr %s", err, res.ExitCode, res.Stderr)
		}
		b, _ := os.ReadFile(filepath.Join(out, "result.txt"))
		r.result, r.stdout = string(b), string(res.Stdout)
		return r
	}
	langs := map[string][]byte{"c": examples.CounterCWASM(), "rust": examples.CounterRustWASM()}
	if !raceEnabled { // compiling the Go guest under -race takes most of a minute
		langs["go"] = examples.CounterWASM()
	}
	c := exec(t, langs["c"], nil)
	if len(c.states) != 6 || binary.LittleEndian.Uint64(c.states[5]) != 6 || len(c.progress) == 0 || c.progress[len(c.progress)-1] != 1000 {
		t.Fatalf("C counter: %d states, progress %v; want 6 states ending at step 6 and progress to 1000", len(c.states), c.progress)
	}
	if c.result == "" || c.stdout != c.result {
		t.Fatalf("C counter wrote %q and printed %q", c.result, c.stdout)
	}
	for name, mod := range langs {
		t.Run(name, func(t *testing.T) {
			got := exec(t, mod, nil)
			if got.result != c.result || got.stdout != c.stdout {
				t.Errorf("wrote %q and printed %q; the C counter %q", got.result, got.stdout, c.result)
			}
			if len(got.states) != len(c.states) {
				t.Fatalf("shipped %d states, the C counter %d", len(got.states), len(c.states))
			}
			for i := range got.states {
				if !bytes.Equal(got.states[i], c.states[i]) {
					t.Errorf("state %d is %x, the C counter's %x", i, got.states[i], c.states[i])
				}
			}
			if len(got.progress) == 0 || got.progress[len(got.progress)-1] != 1000 {
				t.Errorf("progress %v, want it to reach 1000", got.progress)
			}
			// Resume from the C counter's state after step 3.
			if resumed := exec(t, mod, c.states[2]); resumed.result != c.result || len(resumed.states) != 3 {
				t.Errorf("resumed from the C counter's step 3: wrote %q after %d states, want %q after 3", resumed.result, len(resumed.states), c.result)
			}
		})
	}
}
