package wasm

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tetratelabs/wazero"

	"github.com/deco-network/deco/examples"
	dexec "github.com/deco-network/deco/internal/exec"
)

func TestMinimalModule(t *testing.T) {
	e, err := New(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close(context.Background())
	for i, wantCompiled := range []bool{true, false, false} {
		res, err := e.Run(context.Background(), dexec.Spec{Module: MinimalModule()})
		if err != nil {
			t.Fatalf("run %d: %v", i, err)
		}
		if string(res.Stdout) != MinimalMessage || res.ExitCode != 0 || res.Compiled != wantCompiled {
			t.Fatalf("run %d: stdout %q exit %d compiled %v; want %q 0 %v", i, res.Stdout, res.ExitCode, res.Compiled, MinimalMessage, wantCompiled)
		}
	}
}

func TestConcurrentRunsCompileOnce(t *testing.T) {
	e, err := New(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close(context.Background())
	const n = 16
	var wg sync.WaitGroup
	results := make([]dexec.Result, n)
	errs := make([]error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[i], errs[i] = e.Run(context.Background(), dexec.Spec{Module: MinimalModule(), ModuleID: "minimal"})
		}()
	}
	wg.Wait()
	compiled := 0
	for i := range results {
		if errs[i] != nil || string(results[i].Stdout) != MinimalMessage {
			t.Fatalf("run %d: %v %q", i, errs[i], results[i].Stdout)
		}
		if results[i].Compiled {
			compiled++
		}
	}
	if compiled != 1 {
		t.Fatalf("%d runs compiled the module, want exactly 1", compiled)
	}
}

func TestCompiledCacheEvicts(t *testing.T) {
	e, err := New(context.Background(), WithMaxCompiled(1))
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close(context.Background())
	a, b := MinimalModule(), startModule(0, nil, nil)
	for i, step := range []struct {
		mod      []byte
		compiled bool
	}{{a, true}, {a, false}, {b, true}, {a, true}} {
		res, err := e.Run(context.Background(), dexec.Spec{Module: step.mod})
		if err != nil || res.Compiled != step.compiled {
			t.Fatalf("step %d: err %v compiled %v, want compiled %v", i, err, res.Compiled, step.compiled)
		}
	}
}

func TestCacheDir(t *testing.T) {
	dir := t.TempDir()
	for i := 0; i < 2; i++ {
		e, err := New(context.Background(), WithCacheDir(dir))
		if err != nil {
			t.Fatal(err)
		}
		res, err := e.Run(context.Background(), dexec.Spec{Module: MinimalModule()})
		e.Close(context.Background())
		if err != nil || string(res.Stdout) != MinimalMessage {
			t.Fatalf("process %d: %v %q", i, err, res.Stdout)
		}
	}
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) == 0 {
		t.Fatalf("cache dir is empty (%v)", err)
	}
}

func TestBadModules(t *testing.T) {
	tests := []struct {
		name string
		mod  []byte
		want string
	}{
		{"garbage", []byte("definitely not wasm"), "invalid WebAssembly module"},
		{"empty", nil, "invalid WebAssembly module"},
		{"truncated", MinimalModule()[:40], "invalid WebAssembly module"},
		{"foreign import", startModule(1, []importDecl{{module: "env", name: "launch_missiles", typ: 0}}, nil), "env.launch_missiles"},
		{"no _start", (&moduleSpec{types: []funcType{{}}, funcs: []function{{typ: 0}}, exports: []exportDecl{{name: "main"}}}).encode(), "no _start"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := run(t, dexec.Spec{Module: tt.mod})
			if !errors.Is(err, dexec.ErrBadModule) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("got %v, want ErrBadModule mentioning %q", err, tt.want)
			}
		})
	}
}

func TestTrapIsAnExitCode(t *testing.T) {
	res, err := run(t, dexec.Spec{Module: startModule(1, nil, asm(byte(0x00)))}) // unreachable
	if err != nil {
		t.Fatal(err)
	}
	if res.ExitCode != TrapExitCode || !strings.Contains(string(res.Stderr), "unreachable") {
		t.Fatalf("exit %d stderr %q; want %d and a trap message", res.ExitCode, res.Stderr, TrapExitCode)
	}
}

func TestTimeLimit(t *testing.T) {
	tests := []struct {
		name string
		mod  func(t *testing.T) []byte
	}{
		{"go loop", func(t *testing.T) []byte { return guest(t, "loop") }},
		{"instrumented loop", func(*testing.T) []byte { return loopModule(true) }},
		{"fallback runtime loop", func(*testing.T) []byte { return loopModule(false) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := run(t, dexec.Spec{Module: tt.mod(t), Timeout: 300 * time.Millisecond})
			if !errors.Is(err, dexec.ErrTimeLimit) || !strings.Contains(err.Error(), "time limit") {
				t.Fatalf("got %v, want ErrTimeLimit", err)
			}
		})
	}
}

func TestInstrumentation(t *testing.T) {
	for name, mod := range map[string][]byte{"minimal": MinimalModule(), "kernel": kernelModule(), "hello": examples.HelloWASM(), "loop": loopModule(true)} {
		if _, err := instrument(mod); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := instrument(loopModule(false)); !errors.Is(err, errNotInstrumentable) {
		t.Errorf("a module without sched_yield: got %v, want errNotInstrumentable", err)
	}
}

func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	e := shared(t)
	go func() {
		_, err := e.Run(ctx, dexec.Spec{Module: loopModule(true), Timeout: time.Hour})
		errc <- err
	}()
	cancel()
	err := <-errc
	if !errors.Is(err, context.Canceled) || errors.Is(err, dexec.ErrTimeLimit) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
}

func TestCloseStopsRunningTasks(t *testing.T) {
	e, err := New(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	started := make(chan struct{})
	errc := make(chan error, 1)
	go func() {
		// Compile first so Close surely meets a running guest, not a compile.
		e.Run(context.Background(), dexec.Spec{Module: loopModule(true), Timeout: time.Millisecond})
		close(started)
		_, err := e.Run(context.Background(), dexec.Spec{Module: loopModule(true), Timeout: time.Hour})
		errc <- err
	}()
	<-started
	e.Close(context.Background())
	select {
	case err := <-errc:
		if err == nil || errors.Is(err, dexec.ErrTimeLimit) {
			t.Fatalf("got %v, want an error saying the executor closed", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("Close did not stop the running task")
	}
}

func TestMemoryLimit(t *testing.T) {
	t.Run("go guest runs out", func(t *testing.T) {
		t.Parallel()
		res, err := run(t, dexec.Spec{Module: guest(t, "membomb"), MemoryLimit: 64 << 20})
		if !errors.Is(err, dexec.ErrMemoryLimit) || !strings.Contains(err.Error(), "memory limit") {
			t.Fatalf("got %v (exit %d, stderr %q), want ErrMemoryLimit", err, res.ExitCode, tail(res.Stderr))
		}
		if !bytes.Contains(res.Stdout, []byte("holding")) || !bytes.Contains(res.Stderr, []byte("out of memory")) {
			t.Fatalf("partial output lost: stdout %q stderr %q", tail(res.Stdout), tail(res.Stderr))
		}
	})
	t.Run("initial memory above limit", func(t *testing.T) {
		t.Parallel()
		_, err := run(t, dexec.Spec{Module: startModule(64, nil, nil), MemoryLimit: 1 << 20})
		if !errors.Is(err, dexec.ErrMemoryLimit) {
			t.Fatalf("got %v, want ErrMemoryLimit", err)
		}
	})
	t.Run("refused grow handled by the guest", func(t *testing.T) {
		t.Parallel()
		// memory.grow by 100 pages fails under a 1 MiB limit; the guest
		// ignores that and exits 0, which is not an error.
		code := asm(i32c(100), byte(0x40), byte(0x00), opDrop)
		res, err := run(t, dexec.Spec{Module: startModule(1, nil, code), MemoryLimit: 1 << 20})
		if err != nil || res.ExitCode != 0 {
			t.Fatalf("got %v exit %d, want success", err, res.ExitCode)
		}
	})
}

func TestSandboxEscape(t *testing.T) {
	t.Parallel()
	in, out := t.TempDir(), t.TempDir()
	secret := filepath.Join(in, "secret.txt")
	if err := os.WriteFile(secret, []byte("top secret\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := run(t, dexec.Spec{Module: guest(t, "escape"), InputDir: in, OutputDir: out})
	if err != nil || res.ExitCode != 0 {
		t.Fatalf("got %v exit %d: %s", err, res.ExitCode, res.Stderr)
	}
	lines := strings.Split(strings.TrimSpace(string(res.Stdout)), "\n")
	if len(lines) != 15 {
		t.Fatalf("expected 15 attempts, got:\n%s", res.Stdout)
	}
	for _, l := range lines {
		ordinary := strings.Contains(l, "ordinary:")
		if allowed := strings.HasPrefix(l, "ALLOWED"); allowed != ordinary {
			t.Errorf("sandbox wrong about: %s", l)
		}
	}
	if b, _ := os.ReadFile(secret); string(b) != "top secret\n" {
		t.Errorf("the input was changed to %q", b)
	}
	if entries, _ := os.ReadDir(in); len(entries) != 1 {
		t.Errorf("the input directory has %d entries, want 1", len(entries))
	}
	entries, _ := os.ReadDir(out)
	if len(entries) != 1 || entries[0].Name() != "ok.txt" {
		t.Errorf("outputs hold %v, want only ok.txt", entries)
	}
}

func TestMissingInput(t *testing.T) {
	_, err := run(t, dexec.Spec{Module: MinimalModule(), InputDir: filepath.Join(t.TempDir(), "nope")})
	if !errors.Is(err, dexec.ErrMissingInput) {
		t.Fatalf("got %v, want ErrMissingInput", err)
	}
}

func TestStdoutFlood(t *testing.T) {
	t.Parallel()
	res, err := run(t, dexec.Spec{Module: guest(t, "spam"), StdoutLimit: 1 << 20, StderrLimit: 1000})
	if err != nil || res.ExitCode != 0 {
		t.Fatalf("got %v exit %d", err, res.ExitCode)
	}
	if len(res.Stdout) != 1<<20 || !res.StdoutTruncated || len(res.Stderr) != 1000 || !res.StderrTruncated {
		t.Fatalf("captured %d/%v stdout and %d/%v stderr bytes, want 1 MiB and 1000, both truncated",
			len(res.Stdout), res.StdoutTruncated, len(res.Stderr), res.StderrTruncated)
	}
	if !bytes.HasPrefix(res.Stdout, []byte("spam! ")) {
		t.Fatalf("stdout starts with %q", res.Stdout[:16])
	}
}

func TestOutputLimit(t *testing.T) {
	tests := []struct {
		name    string
		mb      int
		limit   int64
		wantErr bool
	}{
		{"within", 2, 4 << 20, false},
		{"beyond", 16, 4 << 20, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			out := t.TempDir()
			res, err := run(t, dexec.Spec{Module: guest(t, "bigoutput"), Args: []string{"--mb", fmt.Sprint(tt.mb)}, OutputDir: out, MaxOutputBytes: tt.limit})
			if tt.wantErr {
				if !errors.Is(err, dexec.ErrOutputTooLarge) || !strings.Contains(err.Error(), "output limit") {
					t.Fatalf("got %v, want ErrOutputTooLarge", err)
				}
				used, _, _ := dirUsage(out)
				if used > tt.limit {
					t.Fatalf("the guest wrote %d bytes past a %d limit", used, tt.limit)
				}
				return
			}
			if err != nil || res.ExitCode != 0 {
				t.Fatalf("got %v exit %d: %s", err, res.ExitCode, res.Stderr)
			}
		})
	}
}

func TestDeterminism(t *testing.T) {
	t.Parallel()
	mod := guest(t, "nondet")
	seed := func(b byte) (s [32]byte) { s[0] = b; return s }
	runWith := func(s [32]byte) string {
		res, err := run(t, dexec.Spec{Module: mod, Seed: s, Env: map[string]string{"B": "2", "A": "1"}})
		if err != nil || res.ExitCode != 0 {
			t.Fatalf("got %v exit %d: %s", err, res.ExitCode, res.Stderr)
		}
		return string(res.Stdout)
	}
	a, b, c := runWith(seed(1)), runWith(seed(1)), runWith(seed(2))
	if a != b {
		t.Fatalf("same seed, different output:\n%s\n---\n%s", a, b)
	}
	if a == c {
		t.Fatalf("different seeds, same output:\n%s", a)
	}
	for _, want := range []string{"now " + GuestEpoch.Format("2006-01-02"), "slept true", "env [A=1 B=2]"} {
		if !strings.Contains(a, want) {
			t.Errorf("output lacks %q:\n%s", want, a)
		}
	}
}

func TestHello(t *testing.T) {
	goGuest(t)
	in, out := t.TempDir(), t.TempDir()
	files := map[string]string{"b.txt": "bee\n", "a.txt": "ay\n", "sub/c.bin": "\x00\x01"}
	for name, body := range files {
		os.MkdirAll(filepath.Dir(filepath.Join(in, name)), 0o755)
		if err := os.WriteFile(filepath.Join(in, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := run(t, dexec.Spec{
		Module: examples.HelloWASM(), Args: []string{"x", "y z"}, InputDir: in, OutputDir: out,
		Env: map[string]string{"DECO_TASK_INDEX": "3", "DECO_TASK_COUNT": "5"},
	})
	if err != nil || res.ExitCode != 0 {
		t.Fatalf("got %v exit %d: %s", err, res.ExitCode, res.Stderr)
	}
	if want := "hello from task 3 of 5\nargs: x y z\n"; string(res.Stdout) != want {
		t.Fatalf("stdout %q, want %q", res.Stdout, want)
	}
	sum := func(s string) string { h := sha256.Sum256([]byte(s)); return hex.EncodeToString(h[:]) }
	want := "task 3 of 5\nsquare 9\nargs x y z\n" +
		"input a.txt 3 " + sum("ay\n") + "\n" +
		"input b.txt 4 " + sum("bee\n") + "\n" +
		"input sub/c.bin 2 " + sum("\x00\x01") + "\n" +
		"inputs 3\n"
	got, err := os.ReadFile(filepath.Join(out, "result.txt"))
	if err != nil || string(got) != want {
		t.Fatalf("result.txt = %q (%v), want %q", got, err, want)
	}
}

func TestRenderTile(t *testing.T) {
	goGuest(t)
	t.Parallel()
	args := []string{"--tile", "2", "--tiles", "4", "--width", "80", "--height", "60"}
	var pngs [2][]byte
	for i := range pngs {
		out := t.TempDir()
		var s [32]byte
		s[0] = byte(i) // the seed must not matter
		res, err := run(t, dexec.Spec{Module: examples.RenderWASM(), Args: args, OutputDir: out, Seed: s})
		if err != nil || res.ExitCode != 0 {
			t.Fatalf("got %v exit %d: %s", err, res.ExitCode, res.Stderr)
		}
		if !bytes.Contains(res.Stdout, []byte("progress 100%")) {
			t.Fatalf("no progress on stdout: %q", res.Stdout)
		}
		var m examples.TileMeta
		j, _ := os.ReadFile(filepath.Join(out, "tile.json"))
		if err := json.Unmarshal(j, &m); err != nil || m != (examples.TileMeta{Tile: 2, Tiles: 4, Y0: 30, Y1: 45, Width: 80, Height: 60}) {
			t.Fatalf("tile.json %s (%v)", j, err)
		}
		pngs[i], _ = os.ReadFile(filepath.Join(out, "tile.png"))
		img, err := png.Decode(bytes.NewReader(pngs[i]))
		if err != nil || img.Bounds().Dx() != 80 || img.Bounds().Dy() != 15 {
			t.Fatalf("tile.png: %v", err)
		}
	}
	if !bytes.Equal(pngs[0], pngs[1]) {
		t.Fatal("two runs rendered different tiles")
	}
}

func TestBenchmark(t *testing.T) {
	score, err := Benchmark(context.Background(), shared(t))
	if err != nil || score <= 0 {
		t.Fatalf("score %v, err %v", score, err)
	}
	t.Logf("benchmark score: %.0f M iterations/s", score)
}

func TestKernelModuleMatchesReference(t *testing.T) {
	e := shared(t)
	cm, _, err := e.acquire(context.Background(), benchModuleID, kernelModule())
	if err != nil {
		t.Fatal(err)
	}
	defer e.release(cm)
	mod, err := cm.rt.InstantiateModule(context.Background(), cm.mod, wazero.NewModuleConfig().WithName("").WithStartFunctions())
	if err != nil {
		t.Fatal(err)
	}
	defer mod.Close(context.Background())
	for _, n := range []uint64{0, 1, 1000, 5000} {
		got, err := mod.ExportedFunction("run").Call(context.Background(), n)
		if err != nil || int64(got[0]) != kernelReference(int32(n)) {
			t.Fatalf("run(%d) = %v (%v), want %d", n, got, err, kernelReference(int32(n)))
		}
	}
}

func tail(b []byte) []byte {
	if len(b) > 300 {
		return b[len(b)-300:]
	}
	return b
}

func TestKernelRatio(t *testing.T) {
	if testing.Short() {
		t.Skip("compiles and runs the kernel module: a few seconds")
	}
	goGuest(t)
	k, err := KernelRatio(context.Background())
	if err != nil || k.Native <= 0 || k.WASM <= 0 || k.Floor <= 0 {
		t.Fatalf("%+v: %v", k, err)
	}
	t.Logf("kernel: native %v, wasm %v (ratio %.2f), uninterrupted %v (ratio %.2f)", k.Native, k.WASM, k.Ratio(), k.Floor, k.FloorRatio())
}

// TestCollectorRunsWhileGuestSpins: a guest spinning in native code must
// not stall the Go garbage collector (and with it the node): the fuel
// checks hand control back to Go regularly (see interrupt.go).
func TestCollectorRunsWhileGuestSpins(t *testing.T) {
	mod := guest(t, "loop")
	var collections atomic.Int64
	done := make(chan struct{})
	go func() {
		for {
			select {
			case <-done:
				return
			default:
				runtime.GC()
				collections.Add(1)
			}
		}
	}()
	_, err := run(t, dexec.Spec{Module: mod, Timeout: 2 * time.Second})
	during := collections.Load()
	close(done)
	if !errors.Is(err, dexec.ErrTimeLimit) {
		t.Fatalf("got %v, want ErrTimeLimit", err)
	}
	// With a stalled stop-the-world, at most one collection could finish
	// (after the guest was stopped); a healthy runtime manages hundreds.
	if during < 5 {
		t.Fatalf("only %d garbage collections completed while the guest ran for 2s", during)
	}
	t.Logf("%d collections while the guest spun", during)
}
