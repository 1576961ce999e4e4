package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"testing"
)

// TestDistUpToDate rebuilds the dashboard into a temporary folder and
// compares it, file by file, with the committed internal/web/dist: the
// binary embeds dist, so a source change without a rebuild would ship the
// old dashboard.
func TestDistUpToDate(t *testing.T) {
	_, file, _, _ := runtime.Caller(0)
	web := filepath.Dir(filepath.Dir(file))
	tmp := filepath.Join(t.TempDir(), "dist")
	if err := build(filepath.Join(web, "src"), tmp); err != nil {
		t.Fatal(err)
	}
	want, got := tree(t, tmp), tree(t, filepath.Join(web, "dist"))
	const fix = "internal/web/dist is stale: run `go generate ./internal/web` (or `go run ./internal/web/build`) and commit dist"
	if !slices.Equal(keys(want), keys(got)) {
		t.Fatalf("%s\nbuilt files: %v\ncommitted:   %v", fix, keys(want), keys(got))
	}
	for name, b := range want {
		if !bytes.Equal(b, got[name]) {
			t.Fatalf("%s (%s differs)", fix, name)
		}
	}
}

// TestBuildDeterministic: two builds give the same bytes (the committed
// dist could not be checked otherwise).
func TestBuildDeterministic(t *testing.T) {
	_, file, _, _ := runtime.Caller(0)
	src := filepath.Join(filepath.Dir(filepath.Dir(file)), "src")
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	if err := build(src, a); err != nil {
		t.Fatal(err)
	}
	if err := build(src, b); err != nil {
		t.Fatal(err)
	}
	ta, tb := tree(t, a), tree(t, b)
	if !slices.Equal(keys(ta), keys(tb)) {
		t.Fatalf("two builds wrote different files: %v and %v", keys(ta), keys(tb))
	}
	for name := range ta {
		if !bytes.Equal(ta[name], tb[name]) {
			t.Fatalf("two builds wrote different bytes for %s", name)
		}
	}
}

func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	m := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		m[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func keys(m map[string][]byte) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
