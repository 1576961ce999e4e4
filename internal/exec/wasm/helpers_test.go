package wasm

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	dexec "github.com/deco-network/deco/internal/exec"
)

// shared is one executor for the whole test binary, so each Go-built guest
// is compiled once (a couple of seconds each on a small machine).
var (
	sharedOnce sync.Once
	sharedExec *Executor
	sharedErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if sharedExec != nil {
		sharedExec.Close(context.Background())
	}
	if guestsDir != "" {
		os.RemoveAll(guestsDir)
	}
	os.Exit(code)
}

func shared(t testing.TB) *Executor {
	t.Helper()
	sharedOnce.Do(func() { sharedExec, sharedErr = New(context.Background()) })
	if sharedErr != nil {
		t.Fatal(sharedErr)
	}
	return sharedExec
}

// guests builds every program under examples/hostile once per test binary
// (the go build cache makes reruns fast) and returns the directory holding
// the modules, named after their package directories.
var (
	guestsOnce sync.Once
	guestsDir  string
	guestsErr  error
	guestsOut  []byte
)

// goGuest skips t under the race detector: compiling a Go-built module
// there takes most of a minute. The hand-assembled modules still exercise
// every concurrent path of the executor.
func goGuest(t testing.TB) {
	t.Helper()
	if raceEnabled {
		t.Skip("compiling Go-built guests under -race is too slow; run without -race")
	}
}

func guest(t testing.TB, name string) []byte {
	t.Helper()
	goGuest(t)
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is needed to build the hostile guests")
	}
	guestsOnce.Do(func() {
		guestsDir, guestsErr = os.MkdirTemp("", "deco-guests-")
		if guestsErr != nil {
			return
		}
		cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s", "-buildvcs=false", "-o", guestsDir+string(filepath.Separator),
			"github.com/deco-network/deco/examples/hostile/...")
		cmd.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm")
		guestsOut, guestsErr = cmd.CombinedOutput()
	})
	if guestsErr != nil {
		t.Fatalf("build hostile guests: %v\n%s", guestsErr, guestsOut)
	}
	b, err := os.ReadFile(filepath.Join(guestsDir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// run executes spec on the shared executor.
func run(t testing.TB, s dexec.Spec) (dexec.Result, error) {
	t.Helper()
	return shared(t).Run(context.Background(), s)
}

// loopModule is a runtime-free module whose _start spins forever. With
// yield it imports sched_yield (and is instrumented); without, it runs on
// the fallback runtime.
func loopModule(yield bool) []byte {
	m := &moduleSpec{
		types:   []funcType{{}, {results: []byte{i32}}},
		funcs:   []function{{typ: 0, code: asm(opLoop, blockVoid, br(0), opEnd)}},
		memory:  1,
		exports: []exportDecl{{name: "_start", kind: exportFunc}, {name: "memory", kind: exportMemory}},
	}
	if yield {
		m.imports = []importDecl{{module: wasiModule, name: "sched_yield", typ: 1}}
		m.exports[0].index = 1
	}
	return m.encode()
}

// startModule is a module with the given imports whose _start runs code.
func startModule(memPages uint32, imports []importDecl, code []byte) []byte {
	m := &moduleSpec{
		types:   []funcType{{}, {results: []byte{i32}}, {params: []byte{i32, i32, i32, i32}, results: []byte{i32}}},
		imports: imports,
		funcs:   []function{{typ: 0, code: code}},
		memory:  memPages,
		exports: []exportDecl{{name: "_start", kind: exportFunc, index: uint32(len(imports))}},
	}
	if memPages > 0 {
		m.exports = append(m.exports, exportDecl{name: "memory", kind: exportMemory})
	}
	return m.encode()
}
