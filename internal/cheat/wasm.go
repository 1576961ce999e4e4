package cheat

import (
	"context"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"sort"
	"sync"

	"github.com/deco-network/deco/internal/exec"
)

// lazyLimit bounds the outputs a lazy cheater keeps per program: larger
// runs are not replayed.
const lazyLimit = 16 << 20

// wasmCheat cheats around a WebAssembly executor: Wrong corrupts what the
// program wrote, Lazy replays an earlier run of the same program instead
// of running it.
type wasmCheat struct {
	inner exec.Executor
	c     *Cheater
}

func (w *wasmCheat) Run(ctx context.Context, s exec.Spec) (exec.Result, error) {
	mode := w.c.cfg.modeFor(s.Task, s.Attempt)
	if mode == Lazy {
		if old, ok := w.c.lazy.get(s.ModuleID); ok {
			// Skip the work: the node signs a valid receipt over the
			// replayed outputs.
			for name, b := range old.files {
				path := filepath.Join(s.OutputDir, filepath.FromSlash(name))
				if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
					return exec.Result{}, err
				}
				if err := os.WriteFile(path, b, 0o600); err != nil {
					return exec.Result{}, err
				}
			}
			return old.res, nil
		}
	}
	r, err := w.inner.Run(ctx, s)
	if err != nil {
		return r, err
	}
	switch {
	case mode == Wrong:
		if err := corrupt(s.OutputDir, w.c.salt); err != nil {
			return r, fmt.Errorf("cheat: %w", err)
		}
	case mode == "" && w.c.cfg.Mode != "":
		// An honest run of a cheater: what a later lazy task hands out.
		w.c.lazy.put(s.ModuleID, r, s.OutputDir)
	}
	return r, nil
}

func (w *wasmCheat) Close(ctx context.Context) error { return w.inner.Close(ctx) }

// lazyCache keeps the last real run per program for a lazy provider to
// hand out again.
type lazyCache struct {
	mu   sync.Mutex
	last map[string]lazyRun
}

type lazyRun struct {
	res   exec.Result
	files map[string][]byte // by path under /outputs
}

func (l *lazyCache) get(program string) (lazyRun, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	r, ok := l.last[program]
	return r, ok
}

// put keeps r and copies of the files under dir, unless they add up to
// more than lazyLimit.
func (l *lazyCache) put(program string, r exec.Result, dir string) {
	files := map[string][]byte{}
	total := 0
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if total += len(b); total > lazyLimit {
			return fmt.Errorf("outputs too large to replay")
		}
		rel, err := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		return
	}
	r.Compiled = false
	r.Stdout, r.Stderr = append([]byte(nil), r.Stdout...), append([]byte(nil), r.Stderr...)
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.last == nil {
		l.last = map[string]lazyRun{}
	}
	l.last[program] = lazyRun{res: r, files: files}
}

// corrupt changes what a program wrote to dir so its outputs are wrong:
// the first file (by name) gets its last byte changed, or, with no files,
// a result file appears. salt (the provider's address) makes each cheater's
// wrong output its own: independent cheaters do not agree by accident.
func corrupt(dir, salt string) error {
	var files []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	if len(files) == 0 {
		return os.WriteFile(filepath.Join(dir, "result"), []byte("42 "+salt+"\n"), 0o644)
	}
	b, err := os.ReadFile(files[0])
	if err != nil {
		return err
	}
	if len(b) == 0 {
		b = []byte{0}
	}
	h := fnv.New32a()
	h.Write([]byte(salt))
	b[len(b)-1] ^= byte(h.Sum32()) | 1
	return os.WriteFile(files[0], b, 0o644)
}
