package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

func main() {
	index := envInt("DECO_TASK_INDEX", 0)
	count := envInt("DECO_TASK_COUNT", 1)
	args := os.Args[1:]
	fmt.Printf("hello from task %d of %d\n", index, count)
	fmt.Printf("args: %s\n", strings.Join(args, " "))

	var b strings.Builder
	fmt.Fprintf(&b, "task %d of %d\n", index, count)
	fmt.Fprintf(&b, "square %d\n", index*index)
	fmt.Fprintln(&b, strings.TrimSpace("args "+strings.Join(args, " ")))
	n, err := describeInputs(&b, "/inputs")
	if err != nil {
		fmt.Fprintln(os.Stderr, "hello:", err)
		os.Exit(1)
	}
	fmt.Fprintf(&b, "inputs %d\n", n)
	if err := os.WriteFile("/outputs/result.txt", []byte(b.String()), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "hello: write /outputs/result.txt:", err)
		os.Exit(1)
	}
	if code, err := strconv.Atoi(os.Getenv("HELLO_EXIT")); err == nil {
		os.Exit(code)
	}
}

// describeInputs writes one "input" line per regular file under dir (WalkDir
// visits in lexical order) and returns how many it wrote.
func describeInputs(w io.Writer, dir string) (int, error) {
	if _, err := os.Stat(dir); err != nil {
		return 0, nil
	}
	n := 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		h := sha256.New()
		size, err := io.Copy(h, f)
		if err != nil {
			return fmt.Errorf("read %s: %w", path, err)
		}
		rel, _ := filepath.Rel(dir, path)
		fmt.Fprintf(w, "input %s %d %s\n", filepath.ToSlash(rel), size, hex.EncodeToString(h.Sum(nil)))
		n++
		return nil
	})
	return n, err
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil {
		return v
	}
	return def
}
