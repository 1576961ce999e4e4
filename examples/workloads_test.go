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

// TestWorkloadModulesCurrent rebuilds the modules of the use-case
// workloads (animate, montecarlo, transcode, train) and compares them with
// the committed bytes, as TestModulesCurrent does for the others.
func TestWorkloadModulesCurrent(t *testing.T) {
	want, err := os.ReadFile("GOVERSION")
	if err != nil {
		t.Fatal(err)
	}
	if strings.TrimSpace(string(want)) != runtime.Version() {
		t.Skipf("modules were built with %s, this is %s; rebuild with `go generate ./examples` to compare", strings.TrimSpace(string(want)), runtime.Version())
	}
	for _, name := range []string{"animate", "montecarlo", "transcode", "train"} {
		dst := filepath.Join(t.TempDir(), "m.wasm")
		cmd := exec.Command("go", "build", "-trimpath", "-ldflags=-s", "-buildvcs=false", "-o", dst, "./"+name)
		cmd.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm", "GOWASM=satconv,signext")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("build %s: %v\n%s", name, err, out)
		}
		got, _ := os.ReadFile(dst)
		committed, _ := os.ReadFile(filepath.Join(name, name+".wasm"))
		if !bytes.Equal(got, committed) {
			t.Errorf("%s/%s.wasm is stale: run `go generate ./examples` and commit it", name, name)
		}
	}
}
