package chain

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// TestGeneratedUpToDate rebuilds the contracts and bindings from source
// (contracts/build.sh: pinned solc, OpenZeppelin and abigen) into a
// temporary directory and fails if the committed artifacts or bindings
// differ. It needs npm; without it the test is skipped, except in CI.
func TestGeneratedUpToDate(t *testing.T) {
	if _, err := exec.LookPath("npm"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("npm not found: CI needs Node.js and npm to check that contracts/artifacts and internal/chain/bindings are current")
		}
		t.Skip("npm not found: install Node.js (npm) to check that the committed contract artifacts and bindings are current")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	must(t, err)
	tmp := t.TempDir()
	for _, f := range []string{"package.json", "package-lock.json", "compile.js", "build.sh", "src", "test"} {
		copyTree(t, filepath.Join(root, "contracts", f), filepath.Join(tmp, "contracts", f))
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", filepath.Join(tmp, "contracts", "build.sh"))
	cmd.Dir = filepath.Join(tmp, "contracts")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("contracts/build.sh: %v\n%s", err, out)
	}
	for _, dir := range []string{"contracts/artifacts", "internal/chain/bindings", "internal/chain/internal/hostile"} {
		want := readTree(t, filepath.Join(tmp, dir))
		got := readTree(t, filepath.Join(root, dir))
		for name, w := range want {
			g, ok := got[name]
			switch {
			case !ok:
				t.Errorf("%s/%s is not committed: run contracts/build.sh", dir, name)
			case !bytes.Equal(g, w):
				t.Errorf("%s/%s is stale: run contracts/build.sh and commit the result", dir, name)
			}
		}
		for name := range got {
			if _, ok := want[name]; !ok {
				t.Errorf("%s/%s is no longer generated: delete it", dir, name)
			}
		}
	}
}

// readTree maps the paths of files under dir (relative; doc.go files
// excluded) to their contents.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if filepath.Base(path) == "doc.go" {
			return nil // hand-written, next to the generated files
		}
		rel, _ := filepath.Rel(dir, path)
		b, err := os.ReadFile(path)
		out[rel] = b
		return err
	})
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return out
}

func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, path)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o755); err != nil {
			return err
		}
		return os.WriteFile(target, b, info.Mode().Perm())
	})
	if err != nil {
		t.Fatal(err)
	}
}
