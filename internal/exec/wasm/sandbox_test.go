package wasm

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"testing"

	experimentalsys "github.com/tetratelabs/wazero/experimental/sys"
	"github.com/tetratelabs/wazero/experimental/sysfs"
)

func TestDirectoryListingIsSorted(t *testing.T) {
	dir := t.TempDir()
	names := []string{"zeta", "alpha", "mid", "beta", "omega", "a1", "a10", "a2"}
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(dir, n), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want := slices.Clone(names)
	slices.Sort(want)
	fsys := &sandboxFS{FS: sysfs.DirFS(dir)}
	f, errno := fsys.OpenFile(".", experimentalsys.O_RDONLY|experimentalsys.O_DIRECTORY, 0)
	if errno != 0 {
		t.Fatal(errno)
	}
	defer f.Close()
	read := func() []string {
		var got []string
		for {
			batch, errno := f.Readdir(3)
			if errno != 0 {
				t.Fatal(errno)
			}
			for _, d := range batch {
				got = append(got, d.Name)
			}
			if len(batch) < 3 {
				return got
			}
		}
	}
	if got := read(); !slices.Equal(got, want) {
		t.Fatalf("first listing %v, want %v", got, want)
	}
	if _, errno := f.Seek(0, io.SeekStart); errno != 0 { // rewinddir
		t.Fatal(errno)
	}
	if got := read(); !slices.Equal(got, want) {
		t.Fatalf("listing after rewind %v, want %v", got, want)
	}
}

func TestOutputGuard(t *testing.T) {
	dir := t.TempDir()
	g := &outputGuard{dir: dir, limit: 100}
	if !g.allow(60) || !g.allow(40) {
		t.Fatal("writes within the limit were refused")
	}
	// Counted 100 bytes, but nothing is on disk (rewrites, say): the exact
	// measurement lets the next write through.
	if !g.allow(50) {
		t.Fatal("a write was refused although the directory is empty")
	}
	os.WriteFile(filepath.Join(dir, "f"), make([]byte, 90), 0o644)
	if g.allow(60) || !g.exceeded.Load() {
		t.Fatal("a write past the limit was allowed")
	}
	if g.allow(1) {
		t.Fatal("writes continue after the limit was hit")
	}
}

func TestSymlinksAndLinksRefused(t *testing.T) {
	dir := t.TempDir()
	fsys := &sandboxFS{FS: sysfs.DirFS(dir), guard: &outputGuard{dir: dir, limit: 1 << 20}}
	if errno := fsys.Symlink("../x", "l"); errno != experimentalsys.EPERM {
		t.Fatalf("symlink: %v", errno)
	}
	if errno := fsys.Link("a", "b"); errno != experimentalsys.EPERM {
		t.Fatalf("link: %v", errno)
	}
	if errno := fsys.Chmod(".", 0); errno != experimentalsys.EPERM {
		t.Fatalf("chmod: %v", errno)
	}
}
