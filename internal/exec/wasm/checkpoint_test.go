package wasm

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/deco-network/deco/examples"
	dexec "github.com/deco-network/deco/internal/exec"
)

// Function indexes of ckptModule's imports.
const (
	fnCheckpoint = iota
	fnRestore
	fnProgress
	fnExit
	fnYield
	fnStart
)

// ckptModule is a runtime-free guest of one page importing the deco host
// module; its _start runs code (which ends by calling proc_exit or
// returning). "hello" sits at address 16.
func ckptModule(code []byte) []byte {
	m := &moduleSpec{
		types: []funcType{
			{}, // 0: _start
			{params: []byte{i32, i32}, results: []byte{i32}}, // 1: checkpoint, restore
			{params: []byte{i32}},                            // 2: progress, proc_exit
			{results: []byte{i32}},                           // 3: sched_yield
		},
		imports: []importDecl{
			{module: decoModule, name: "checkpoint", typ: 1},
			{module: decoModule, name: "restore", typ: 1},
			{module: decoModule, name: "progress", typ: 2},
			{module: wasiModule, name: "proc_exit", typ: 2},
			{module: wasiModule, name: "sched_yield", typ: 3},
		},
		funcs:   []function{{typ: 0, code: code}},
		memory:  1,
		exports: []exportDecl{{name: "_start", kind: exportFunc, index: fnStart}, {name: "memory", kind: exportMemory}},
		data:    []dataSegment{{offset: 16, bytes: []byte("hello")}},
	}
	return m.encode()
}

// exitWith calls host function f(a, b) and exits with its result + 10
// (so -ErrnoFault shows as 8).
func exitWith(f uint32, a, b int32) []byte {
	return asm(i32c(a), i32c(b), call(f), i32c(10), []byte{opI32Add}, call(fnExit))
}

// shipped records what a run handed to OnCheckpoint.
type shipped struct {
	mu    sync.Mutex
	got   [][]byte
	at    []time.Time
	err   error
	progs []int
}

func (s *shipped) spec(mod []byte) dexec.Spec {
	return dexec.Spec{Module: mod, Timeout: 10 * time.Second,
		OnCheckpoint: func(b []byte) error {
			s.mu.Lock()
			defer s.mu.Unlock()
			s.got = append(s.got, bytes.Clone(b))
			s.at = append(s.at, time.Now())
			return s.err
		},
		OnProgress: func(p int) {
			s.mu.Lock()
			s.progs = append(s.progs, p)
			s.mu.Unlock()
		},
	}
}

func TestCheckpointCalls(t *testing.T) {
	for _, c := range []struct {
		name     string
		code     []byte
		restore  []byte
		max      int
		exit     int
		shipped  []string
		stderr   string
		shipFail bool
	}{
		{name: "saved", code: exitWith(fnCheckpoint, 16, 5), exit: 10, shipped: []string{"hello"}},
		{name: "empty state", code: exitWith(fnCheckpoint, 16, 0), exit: 10, shipped: []string{""}},
		{name: "over the size limit", code: exitWith(fnCheckpoint, 0, 4097), max: 4096, exit: 10 + ErrnoTooBig, stderr: "checkpoint of 4097 bytes refused: the job allows 4 KiB"},
		{name: "huge length", code: exitWith(fnCheckpoint, 0, -1), exit: 10 + ErrnoTooBig, stderr: "checkpoint of 4294967295 bytes refused"},
		{name: "past the memory", code: exitWith(fnCheckpoint, 65530, 100), exit: 10 + ErrnoFault, stderr: "outside the program's memory"},
		{name: "pointer wraps", code: exitWith(fnCheckpoint, -8, 16), exit: 10 + ErrnoFault, stderr: "outside the program's memory"},
		{name: "host refuses", code: exitWith(fnCheckpoint, 16, 5), exit: 10 + ErrnoRefused, shipped: []string{"hello"}, shipFail: true, stderr: "checkpoint not kept: disk full"},
		{name: "nothing to restore", code: exitWith(fnRestore, 100, 64), exit: 10},
		{name: "restore size only", code: exitWith(fnRestore, 0, 0), restore: []byte("state!"), exit: 16},
		{name: "restore past the memory", code: exitWith(fnRestore, 65534, 64), restore: []byte("state!"), exit: 10 - ErrnoFault, stderr: "restore(65534, 64) refused"},
		{
			name: "restored state round-trips", restore: []byte("state!"),
			// restore(200, 3) copies "sta" only; then restore(200, 64) all.
			code: asm(i32c(200), i32c(3), call(fnRestore), opDrop, i32c(300), i32c(64), call(fnRestore), opDrop,
				exitWith(fnCheckpoint, 200, 9)),
			exit: 10, shipped: []string{"sta\x00\x00\x00\x00\x00\x00"},
		},
		{
			name: "restore copies at most len", restore: []byte("state!"),
			code: asm(i32c(300), i32c(64), call(fnRestore), opDrop, exitWith(fnCheckpoint, 300, 6)),
			exit: 10, shipped: []string{"state!"},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			var s shipped
			if c.shipFail {
				s.err = errors.New("disk full")
			}
			sp := s.spec(ckptModule(c.code))
			sp.Restore, sp.CheckpointMax = c.restore, c.max
			res, err := run(t, sp)
			if err != nil {
				t.Fatal(err)
			}
			if res.ExitCode != c.exit {
				t.Errorf("exit %d, want %d (stderr %q)", res.ExitCode, c.exit, res.Stderr)
			}
			var got []string
			for _, b := range s.got {
				got = append(got, string(b))
			}
			if !slices.Equal(got, c.shipped) {
				t.Errorf("shipped %q, want %q", got, c.shipped)
			}
			if c.stderr != "" && !strings.Contains(string(res.Stderr), c.stderr) {
				t.Errorf("stderr %q, want it to say %q", res.Stderr, c.stderr)
			}
			if c.stderr == "" && len(res.Stderr) > 0 {
				t.Errorf("stderr %q, want none", res.Stderr)
			}
		})
	}
}

func TestProgressClampedAndDeduplicated(t *testing.T) {
	var s shipped
	code := asm(i32c(500), call(fnProgress), i32c(500), call(fnProgress), i32c(2000), call(fnProgress),
		i32c(-5), call(fnProgress), i32c(1000), call(fnProgress))
	if _, err := run(t, s.spec(ckptModule(code))); err != nil {
		t.Fatal(err)
	}
	if want := []int{500, 1000, 0, 1000}; !slices.Equal(s.progs, want) {
		t.Errorf("progress %v, want %v", s.progs, want)
	}
}

// A guest saving 64 KiB a million times in a loop: the host ships at most
// one state per interval, keeps the latest, and the run's time limit ends
// the loop as for any other guest.
func TestCheckpointLoopIsRateLimited(t *testing.T) {
	var s shipped
	// loop { checkpoint(0, 65536); }
	code := asm(opLoop, blockVoid, i32c(0), i32c(65536), call(fnCheckpoint), opDrop, br(0), opEnd)
	sp := s.spec(ckptModule(code))
	sp.CheckpointEvery, sp.Timeout = 50*time.Millisecond, 600*time.Millisecond
	start := time.Now()
	_, err := run(t, sp)
	elapsed := time.Since(start)
	if !errors.Is(err, dexec.ErrTimeLimit) {
		t.Fatalf("err %v, want the time limit", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if most := int(elapsed/sp.CheckpointEvery) + 1; len(s.got) < 2 || len(s.got) > most {
		t.Errorf("%d checkpoints shipped in %s at one per %s, want 2..%d", len(s.got), elapsed, sp.CheckpointEvery, most)
	}
	for i := 1; i < len(s.at); i++ {
		// Seen from the callback, a shipment may lag the host's own clock
		// by scheduling noise: half the interval still rules out a flood.
		if gap := s.at[i].Sub(s.at[i-1]); gap < sp.CheckpointEvery/2 {
			t.Errorf("checkpoints %d and %d shipped %s apart, want about %s", i-1, i, gap, sp.CheckpointEvery)
		}
	}
}

// A state saved between shipments is shipped when the interval is up even
// if the guest saves nothing more.
func TestLatestCheckpointShippedByTimer(t *testing.T) {
	var s shipped
	// checkpoint("hello"); checkpoint("ello"); spin until the time limit.
	code := asm(i32c(16), i32c(5), call(fnCheckpoint), opDrop, i32c(17), i32c(4), call(fnCheckpoint), opDrop,
		opLoop, blockVoid, br(0), opEnd)
	sp := s.spec(ckptModule(code))
	sp.CheckpointEvery, sp.Timeout = 30*time.Millisecond, 500*time.Millisecond
	if _, err := run(t, sp); !errors.Is(err, dexec.ErrTimeLimit) {
		t.Fatalf("err %v, want the time limit", err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.got) != 2 || string(s.got[0]) != "hello" || string(s.got[1]) != "ello" {
		t.Errorf("shipped %q, want hello then ello", s.got)
	}
}

func TestUnknownDecoImportRefused(t *testing.T) {
	m := &moduleSpec{
		types:   []funcType{{}},
		imports: []importDecl{{module: decoModule, name: "sleep", typ: 0}},
		funcs:   []function{{typ: 0}},
		exports: []exportDecl{{name: "_start", kind: exportFunc, index: 1}},
	}
	_, err := run(t, dexec.Spec{Module: m.encode()})
	if !errors.Is(err, dexec.ErrBadModule) || !strings.Contains(err.Error(), "deco.sleep") {
		t.Fatalf("err %v, want a bad module naming deco.sleep", err)
	}
}

// The counter examples (Go, C and Rust) stopped part way resume from their
// last shipped state and write what an uninterrupted run writes.
func TestCounterResumesToSameOutput(t *testing.T) {
	for name, mod := range map[string][]byte{"c": examples.CounterCWASM(), "go": examples.CounterWASM(), "rust": examples.CounterRustWASM()} {
		t.Run(name, func(t *testing.T) {
			if name == "go" {
				goGuest(t)
			}
			args := []string{"20", "200000"}
			result := func(restore []byte, stopAt uint64) (string, []byte, error) {
				out := t.TempDir()
				ctx, cancel := context.WithCancel(context.Background())
				defer cancel()
				var last []byte
				_, err := shared(t).Run(ctx, dexec.Spec{Module: mod, Args: args, OutputDir: out, Timeout: time.Minute,
					Restore: restore, CheckpointEvery: time.Nanosecond,
					OnCheckpoint: func(b []byte) error {
						last = bytes.Clone(b)
						if stopAt > 0 && binary.LittleEndian.Uint64(b) >= stopAt {
							cancel() // the provider dies
						}
						return nil
					}})
				b, _ := os.ReadFile(filepath.Join(out, "result.txt"))
				return string(b), last, err
			}
			whole, _, err := result(nil, 0)
			if err != nil || !strings.HasPrefix(whole, "counter steps=20 work=200000 value=") {
				t.Fatalf("uninterrupted: %q, %v", whole, err)
			}
			partial, state, err := result(nil, 12)
			if err == nil || partial != "" || len(state) != 16 {
				t.Fatalf("stopped run: err %v, output %q, state %x", err, partial, state)
			}
			if step := binary.LittleEndian.Uint64(state); step < 12 || step >= 20 {
				t.Fatalf("stopped at step %d, want 12..19", step)
			}
			resumed, _, err := result(state, 0)
			if err != nil || resumed != whole {
				t.Fatalf("resumed run wrote %q (%v), uninterrupted %q", resumed, err, whole)
			}
		})
	}
}

// BenchmarkWorkLostPerCrash runs the C counter (10 steps of about 0.1 s,
// a checkpoint shipped at most every 100 ms) and stops it at 70% as if its
// provider died. Work lost is what the stopped run did that the next run
// must do again: beyond its last shipped checkpoint with checkpoints, all
// of it without. A resumed run checks the output is unchanged.
//
//	go test -run '^$' -bench WorkLostPerCrash -benchtime 3x ./internal/exec/wasm
func BenchmarkWorkLostPerCrash(b *testing.B) {
	mod := examples.CounterCWASM()
	const steps = 10
	args := []string{"10", "3000000"}
	run := func(restore []byte, crashAt int) (time.Duration, []byte, string) {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var last []byte
		out := b.TempDir()
		start := time.Now()
		_, err := shared(b).Run(ctx, dexec.Spec{Module: mod, Args: args, OutputDir: out, Timeout: time.Minute,
			Restore: restore, CheckpointEvery: 100 * time.Millisecond,
			OnCheckpoint: func(s []byte) error { last = bytes.Clone(s); return nil },
			OnProgress: func(p int) {
				if crashAt > 0 && p >= crashAt {
					cancel()
				}
			}})
		if (err != nil) != (crashAt > 0) {
			b.Fatalf("run (crash at %d‰): %v", crashAt, err)
		}
		res, _ := os.ReadFile(filepath.Join(out, "result.txt"))
		return time.Since(start), last, string(res)
	}
	run(nil, 0) // compile
	var with, without, whole time.Duration
	for i := 0; i < b.N; i++ {
		full, _, want := run(nil, 0)
		crashed, state, _ := run(nil, 700)
		if _, _, got := run(state, 0); got != want {
			b.Fatalf("resumed run wrote %q, uninterrupted %q", got, want)
		}
		saved := time.Duration(binary.LittleEndian.Uint64(state)) * full / steps
		whole += full
		with += max(crashed-saved, 0)
		without += crashed
	}
	n := time.Duration(b.N)
	b.ReportMetric(float64((whole / n).Milliseconds()), "task-ms")
	b.ReportMetric(float64((with / n).Milliseconds()), "lost-ms/crash-with-checkpoints")
	b.ReportMetric(float64((without / n).Milliseconds()), "lost-ms/crash-without")
}
