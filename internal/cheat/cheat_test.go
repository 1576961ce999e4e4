package cheat

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/deco-network/deco/internal/exec"
	"github.com/deco-network/deco/internal/exec/zkexec"
	"github.com/deco-network/deco/internal/wire"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Config
		bad  bool
	}{
		{in: "wrong", want: Config{Mode: Wrong}},
		{in: "lazy", want: Config{Mode: Lazy}},
		{in: "forge", want: Config{Mode: Forge}},
		{in: "badproof", want: Config{Mode: BadProof}},
		{in: "random", want: Config{Mode: Random, Rate: 0.5}},
		{in: "random:0.2", want: Config{Mode: Random, Rate: 0.2}},
		{in: "random:2", bad: true},
		{in: "wrong:0.1", bad: true},
		{in: "evil", bad: true},
	} {
		got, err := Parse(tc.in)
		if (err != nil) != tc.bad || (!tc.bad && got != tc.want) {
			t.Errorf("Parse(%q) = %+v, %v", tc.in, got, err)
		}
	}
}

func TestRandomCheatIsReplayableAndMixed(t *testing.T) {
	c := Config{Mode: Random, Rate: 0.5}
	seen := map[string]int{}
	for i := 0; i < 400; i++ {
		id := wire.TaskID{Job: "job", Index: i}
		m := c.modeFor(id, 1)
		if m != c.modeFor(id, 1) {
			t.Fatalf("task %d: the mode is not a function of the task", i)
		}
		seen[m]++
	}
	for _, m := range []string{"", Wrong, Lazy, Forge} {
		if seen[m] == 0 {
			t.Fatalf("mode %q never drawn in 400 tasks: %v", m, seen)
		}
	}
	if seen[""] < 120 || seen[""] > 280 {
		t.Fatalf("honest on %d of 400 tasks at rate 0.5", seen[""])
	}
}

func TestCorruptChangesOutputs(t *testing.T) {
	dir := t.TempDir()
	if err := corrupt(dir, "0xabc"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "result")); err != nil {
		t.Fatalf("no file made in an empty output dir: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("hello"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := corrupt(dir, "0xabc"); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, "a.txt"))
	if string(b) == "hello" || len(b) != 5 {
		t.Fatalf("a.txt = %q", b)
	}
}

// echo is a fake executor that writes out/<task index> holding the index,
// and counts its runs.
type echo struct{ runs int }

func (e *echo) Run(_ context.Context, s exec.Spec) (exec.Result, error) {
	e.runs++
	if err := os.MkdirAll(filepath.Join(s.OutputDir, "out"), 0o700); err != nil {
		return exec.Result{}, err
	}
	name := filepath.Join(s.OutputDir, "out", "task")
	return exec.Result{Stdout: []byte("ran\n")}, os.WriteFile(name, []byte{byte('0' + s.Task.Index)}, 0o600)
}

func (e *echo) Close(context.Context) error { return nil }

func run(t *testing.T, e exec.Executor, i int) (exec.Result, string) {
	t.Helper()
	dir := t.TempDir()
	r, err := e.Run(context.Background(), exec.Spec{ModuleID: "prog", OutputDir: dir, Task: wire.TaskID{Job: "job", Index: i}, Attempt: 1})
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "out", "task"))
	if err != nil {
		t.Fatal(err)
	}
	return r, string(b)
}

// Random mode around an executor: wrong attempts have outputs no honest
// run has, lazy ones replay an earlier honest run without running, honest
// ones run.
func TestWasmCheats(t *testing.T) {
	inner := &echo{}
	ch := New(Config{Mode: Random, Rate: 0.9}, "0xabc")
	e := ch.Executor(wire.KindWasm, inner)
	var wrong, lazy, honest int
	for i := 0; i < 40; i++ {
		before := inner.runs
		r, out := run(t, e, i)
		mode := ch.cfg.modeFor(wire.TaskID{Job: "job", Index: i}, 1)
		honestOut := string([]byte{byte('0' + i)})
		switch {
		case mode == Wrong:
			wrong++
			if out == honestOut {
				t.Fatalf("task %d: wrong mode left the outputs right", i)
			}
		case mode == Lazy && inner.runs == before:
			lazy++
			if out == honestOut || string(r.Stdout) != "ran\n" {
				t.Fatalf("task %d: lazy replay gave %q, %q", i, out, r.Stdout)
			}
		case mode == "" || mode == Forge || mode == Lazy:
			if mode == "" {
				honest++
			}
			if out != honestOut || inner.runs != before+1 {
				t.Fatalf("task %d (%q): outputs %q after %d runs", i, mode, out, inner.runs-before)
			}
		}
	}
	if wrong == 0 || lazy == 0 || honest == 0 {
		t.Fatalf("wrong %d, lazy %d, honest %d: a mode never played", wrong, lazy, honest)
	}
}

// Forge mode edits WebAssembly receipts only; BadProof wraps only the zk
// executor; an honest Config changes nothing.
func TestReceiptAndKinds(t *testing.T) {
	spec := wire.TaskSpec{Task: wire.TaskID{Job: "job", Index: 2}, Attempt: 1}
	rec := wire.Receipt{OutputRoot: wire.CIDOf([]byte("real"))}
	New(Config{Mode: Forge}, "").Receipt(spec, &rec)
	if rec.OutputRoot == wire.CIDOf([]byte("real")) {
		t.Fatal("forge left the output root")
	}
	zkSpec, zkRec := spec, wire.Receipt{OutputRoot: wire.CIDOf([]byte("real"))}
	zkSpec.Kind = wire.KindZK
	New(Config{Mode: Forge}, "").Receipt(zkSpec, &zkRec)
	if zkRec.OutputRoot != wire.CIDOf([]byte("real")) {
		t.Fatal("forge edited a zk receipt")
	}
	z := zkexec.New(zkexec.Options{})
	if New(Config{Mode: BadProof}, "").Executor(wire.KindZK, z) == exec.Executor(z) {
		t.Fatal("badproof did not wrap the zk executor")
	}
	if New(Config{Mode: Wrong}, "").Executor(wire.KindZK, z) != exec.Executor(z) {
		t.Fatal("wrong mode wrapped the zk executor")
	}
	inner := &echo{}
	_, out := run(t, New(Config{}, "").Executor(wire.KindWasm, inner), 3)
	if out != "3" {
		t.Fatalf("an honest config changed the outputs: %q", out)
	}
}
