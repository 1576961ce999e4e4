package examples

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestRustModulesCurrent rebuilds the Rust examples with the rustc recorded
// in counter/rust/RUSTCVERSION and compares them with the committed bytes.
// Without that rustc and its wasm32-wasi std it skips locally, and fails
// under CI=true, where scripts/prereqs.sh has installed them.
func TestRustModulesCurrent(t *testing.T) {
	want, err := os.ReadFile("counter/rust/RUSTCVERSION")
	if err != nil {
		t.Fatal(err)
	}
	rustc, why := findRustc(strings.TrimSpace(string(want)))
	if rustc == "" {
		msg := why + "; install Debian's rustc and libstd-rust-dev-wasm32 (`make prereqs`, or apt-get install rustc libstd-rust-dev-wasm32) and set RUSTC if another rustc comes first on the PATH"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	for i := 0; i < 2; i++ { // twice: the build must not depend on when or where it ran
		dst := filepath.Join(t.TempDir(), "counter.wasm")
		cmd := exec.Command("sh", "counter/rust/build.sh", dst)
		cmd.Env = append(os.Environ(), "RUSTC="+rustc)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("build the Rust counter: %v\n%s", err, out)
		}
		got, _ := os.ReadFile(dst)
		committed, _ := os.ReadFile("counter/rust/counter.wasm")
		if !bytes.Equal(got, committed) {
			t.Fatal("counter/rust/counter.wasm is stale: run `go generate ./examples` and commit it")
		}
	}
}

// findRustc returns the first of $RUSTC, Debian's /usr/bin/rustc and the
// PATH's rustc whose version is want and which has the wasm32-wasi std,
// or "" and what it found instead.
func findRustc(want string) (string, string) {
	candidates := []string{"/usr/bin/rustc", "rustc"}
	if r := os.Getenv("RUSTC"); r != "" {
		candidates = []string{r}
	}
	var found []string
	for _, c := range candidates {
		ver, err := exec.Command(c, "--version").Output()
		if err != nil {
			continue
		}
		got := strings.TrimSpace(strings.SplitN(string(ver), "\n", 2)[0])
		if got != want {
			found = append(found, c+" is "+got)
			continue
		}
		root, err := exec.Command(c, "--print", "sysroot").Output()
		if err != nil {
			found = append(found, c+" has no sysroot")
			continue
		}
		if _, err := os.Stat(filepath.Join(strings.TrimSpace(string(root)), "lib/rustlib/wasm32-wasi")); err != nil {
			found = append(found, c+" lacks the wasm32-wasi std")
			continue
		}
		return c, ""
	}
	if len(found) == 0 {
		return "", "the Rust modules were built with " + want + "; no rustc found"
	}
	return "", "the Rust modules were built with " + want + "; " + strings.Join(found, ", ")
}
