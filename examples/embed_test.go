package examples

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestModulesCurrent rebuilds each module and compares it with the
// committed bytes, so a change to a program cannot ship a stale module.
func TestModulesCurrent(t *testing.T) {
	want, err := os.ReadFile("GOVERSION")
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(string(want)) != runtime.Version() {
		t.Skipf("modules were built with %s, this is %s; rebuild with `go generate ./examples` to compare", strings.TrimSpace(string(want)), runtime.Version())
	}
	for _, m := range []struct{ pkg, out string }{{"./render", "render/render.wasm"}, {"./hello", "hello/hello.wasm"}, {"./kernel/cmd", "kernel/kernel.wasm"}, {"./counter", "counter/counter.wasm"}, {"./wordcount/wcmap", "wordcount/wcmap/wcmap.wasm"}, {"./wordcount/wcreduce", "wordcount/wcreduce/wcreduce.wasm"},
		{"./mining", "mining/mining.wasm"}, {"./mining/check", "mining/check/check.wasm"}} {
		dst := filepath.Join(t.TempDir(), "m.wasm")
		cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s", "-buildvcs=false", "-o", dst, m.pkg)
		cmd.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm", "GOWASM=satconv,signext")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("build %s: %v\n%s", m.pkg, err, out)
		}
		got, _ := os.ReadFile(dst)
		committed, _ := os.ReadFile(m.out)
		if !bytes.Equal(got, committed) {
			t.Errorf("%s is stale: run `go generate ./examples` and commit it", m.out)
		}
	}
}

// TestCModulesCurrent rebuilds the C examples with clang and compares them
// with the committed bytes, when the clang that built them is installed.
func TestCModulesCurrent(t *testing.T) {
	want, err := os.ReadFile("counter/c/CLANGVERSION")
	if err != nil {
		t.Fatal(err)
	}
	ver, err := exec.Command("clang", "--version").Output()
	if err != nil {
		t.Skip("clang is not installed; `make prereqs` installs it")
	}
	if got := strings.SplitN(string(ver), "\n", 2)[0]; got != strings.TrimSpace(string(want)) {
		t.Skipf("the C modules were built with %s, this is %s; rebuild with `go generate ./examples` to compare", strings.TrimSpace(string(want)), got)
	}
	for _, m := range []struct {
		src, out string
		flags    []string
	}{
		{"counter/c/counter.c", "counter/c/counter.wasm", nil},
		{"kernel/c/kernel.c", "kernel/c/kernel.wasm", []string{"-ffp-contract=off"}},
	} {
		dst := filepath.Join(t.TempDir(), "m.wasm")
		args := append(append([]string{"--target=wasm32-wasi", "-O2", "-Wall"}, m.flags...), "-Wl,--strip-all", "-o", dst, m.src)
		if out, err := exec.Command("clang", args...).CombinedOutput(); err != nil {
			t.Fatalf("clang %s: %v\n%s", m.src, err, out)
		}
		got, _ := os.ReadFile(dst)
		committed, _ := os.ReadFile(m.out)
		if !bytes.Equal(got, committed) {
			t.Errorf("%s is stale: run `go generate ./examples` and commit it", m.out)
		}
	}
}
