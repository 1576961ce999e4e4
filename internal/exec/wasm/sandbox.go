package wasm

import (
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tetratelabs/wazero/experimental"
	experimentalsys "github.com/tetratelabs/wazero/experimental/sys"
)

// This file holds the per-run pieces of the sandbox: the memory guard, the
// virtual clock, the seeded random source, capped stdout/stderr capture and
// the file-system wrappers that keep /outputs bounded and deterministic.

// memoryGuard is a wazero memory allocator that refuses to grow a guest's
// linear memory past limit and remembers that it did. The refusal is what
// makes a guest fail ("fatal error: out of memory" in Go), and the flag is
// how Run tells that failure apart from any other non-zero exit.
type memoryGuard struct {
	limit   uint64
	refused atomic.Bool
	pool    *memPool // nil: no reuse
	mu      sync.Mutex
	mems    []*linearMemory // handed out, returned to pool by release
}

var _ experimental.MemoryAllocator = (*memoryGuard)(nil)

func (g *memoryGuard) Allocate(capacity, _ uint64) experimental.LinearMemory {
	want := min(capacity, g.limit)
	buf := g.pool.get(want, g.limit)
	if buf == nil {
		buf = make([]byte, 0, want)
	}
	m := &linearMemory{g: g, buf: buf}
	g.mu.Lock()
	g.mems = append(g.mems, m)
	g.mu.Unlock()
	return m
}

// release hands the run's memories to the pool. Call it only once the
// guest can no longer run: wazero frees a memory when it closes the
// module, which a done context may do while the guest's call is still
// unwinding.
func (g *memoryGuard) release() {
	g.mu.Lock()
	mems := g.mems
	g.mems = nil
	g.mu.Unlock()
	for _, m := range mems {
		g.pool.put(m.buf)
		m.buf = nil
	}
}

type linearMemory struct {
	g   *memoryGuard
	buf []byte
}

// Reallocate grows the buffer to size bytes. Bytes past len were never
// visible to the guest (memory never shrinks), so they are still zero.
func (m *linearMemory) Reallocate(size uint64) []byte {
	if size > m.g.limit {
		m.g.refused.Store(true)
		return nil
	}
	if size <= uint64(cap(m.buf)) {
		m.buf = m.buf[:size]
		return m.buf
	}
	// Double to keep the number of copies logarithmic, but never reserve
	// more than the limit.
	next := min(max(size, 2*uint64(cap(m.buf))), m.g.limit)
	buf := make([]byte, size, next)
	copy(buf, m.buf)
	m.buf = buf
	return buf
}

// Free is wazero closing the module; the buffer goes back to the pool
// when the run ends (memoryGuard.release).
func (m *linearMemory) Free() {}

// GuestEpoch is the wall-clock time a guest sees when it starts. Guest time
// is virtual: it starts here and advances by clockTick on every reading and
// by the requested duration on every sleep (sleeping costs no real time).
var GuestEpoch = time.Date(2025, time.January, 1, 0, 0, 0, 0, time.UTC)

// clockTick is how far the virtual clock advances per reading, so that loops
// waiting for time to pass terminate.
const clockTick = int64(time.Microsecond)

// virtualClock is a deterministic monotonic + wall clock for one run.
type virtualClock struct{ ns atomic.Int64 }

func (c *virtualClock) nanotime() int64 { return c.ns.Add(clockTick) }

func (c *virtualClock) walltime() (sec int64, nsec int32) {
	t := GuestEpoch.UnixNano() + c.ns.Add(clockTick)
	return t / 1e9, int32(t % 1e9)
}

func (c *virtualClock) sleep(ns int64) {
	if ns > 0 {
		c.ns.Add(ns)
	}
}

// seededRand returns the guest's random source: ChaCha8 keyed by seed, the
// same stream on every platform.
func seededRand(seed [32]byte) io.Reader { return rand.NewChaCha8(seed) }

// capture keeps the first limit bytes written to it and drops the rest,
// always reporting success so the guest carries on.
type capture struct {
	buf       []byte
	limit     int
	truncated bool
	live      io.Writer // also gets what is kept (exec.Spec.LiveStdout); nil: none
}

func (c *capture) Write(p []byte) (int, error) {
	room := c.limit - len(c.buf)
	kept := p
	if len(p) > room {
		c.truncated = true
		kept = p[:max(room, 0)]
	}
	c.buf = append(c.buf, kept...)
	if c.live != nil && len(kept) > 0 {
		c.live.Write(kept)
	}
	return len(p), nil
}

// maxOutputEntries bounds files plus directories a guest may create under
// /outputs, so it cannot exhaust the host's inodes with empty files.
const maxOutputEntries = 100_000

// outputGuard bounds what a guest writes under /outputs while it runs. It
// counts bytes written (an upper bound: rewrites count twice) and, when the
// count passes the limit, measures the directory exactly; only if the real
// total is over does it refuse the write and remember that it did.
type outputGuard struct {
	dir      string
	limit    int64
	written  atomic.Int64
	entries  atomic.Int64
	exceeded atomic.Bool
}

func (g *outputGuard) allow(n int64) bool {
	if g.exceeded.Load() {
		return false
	}
	if g.written.Add(n) <= g.limit {
		return true
	}
	used, _, err := dirUsage(g.dir)
	if err != nil || used+n > g.limit {
		g.exceeded.Store(true)
		return false
	}
	g.written.Store(used + n)
	return true
}

func (g *outputGuard) create() bool {
	if g.entries.Add(1) > maxOutputEntries {
		g.exceeded.Store(true)
		return false
	}
	return true
}

// dirUsage sums the sizes of the regular files under dir.
func dirUsage(dir string) (bytes int64, files int, err error) {
	err = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type().IsRegular() {
			info, err := d.Info()
			if err != nil {
				return err
			}
			bytes += info.Size()
			files++
		}
		return nil
	})
	return bytes, files, err
}

// sandboxFS wraps a host directory for the guest. It refuses links and
// symlinks (a relative symlink in /outputs could otherwise point anywhere on
// the host), refuses chmod (the node must be able to read what the guest
// wrote), lists directories in name order (host order differs between file
// systems, and replicas must agree) and, for /outputs, applies the
// outputGuard.
type sandboxFS struct {
	experimentalsys.FS
	guard *outputGuard // nil for read-only mounts
}

func (s *sandboxFS) OpenFile(path string, flag experimentalsys.Oflag, perm fs.FileMode) (experimentalsys.File, experimentalsys.Errno) {
	if s.guard != nil && flag&experimentalsys.O_CREAT != 0 && !s.guard.create() {
		return nil, experimentalsys.EIO
	}
	f, errno := s.FS.OpenFile(path, flag|experimentalsys.O_NOFOLLOW, perm)
	if errno != 0 {
		return nil, errno
	}
	return &sandboxFile{File: f, guard: s.guard}, 0
}

func (s *sandboxFS) Mkdir(path string, perm fs.FileMode) experimentalsys.Errno {
	if s.guard != nil && !s.guard.create() {
		return experimentalsys.EIO
	}
	return s.FS.Mkdir(path, perm)
}

func (s *sandboxFS) Chmod(string, fs.FileMode) experimentalsys.Errno { return experimentalsys.EPERM }
func (s *sandboxFS) Link(string, string) experimentalsys.Errno       { return experimentalsys.EPERM }
func (s *sandboxFS) Symlink(string, string) experimentalsys.Errno    { return experimentalsys.EPERM }

type sandboxFile struct {
	experimentalsys.File
	guard *outputGuard

	// Directory listing state: the whole listing, sorted, and how much of
	// it was returned.
	listed  bool
	entries []experimentalsys.Dirent
	next    int
}

func (f *sandboxFile) Write(p []byte) (int, experimentalsys.Errno) {
	if f.guard != nil && !f.guard.allow(int64(len(p))) {
		return 0, experimentalsys.EIO
	}
	return f.File.Write(p)
}

func (f *sandboxFile) Pwrite(p []byte, off int64) (int, experimentalsys.Errno) {
	if f.guard != nil && !f.guard.allow(int64(len(p))) {
		return 0, experimentalsys.EIO
	}
	return f.File.Pwrite(p, off)
}

func (f *sandboxFile) Truncate(size int64) experimentalsys.Errno {
	if f.guard != nil && !f.guard.allow(size) {
		return experimentalsys.EIO
	}
	return f.File.Truncate(size)
}

// Readdir returns the directory's entries in name order. It reads the
// whole listing on the first call; afterwards the host directory is at its
// end, so a probe that yields an entry means the guest rewound it (Seek 0,
// which passes straight through) and the listing starts over.
func (f *sandboxFile) Readdir(n int) ([]experimentalsys.Dirent, experimentalsys.Errno) {
	var fresh []experimentalsys.Dirent
	if f.listed {
		probe, errno := f.File.Readdir(1)
		if errno != 0 {
			return nil, errno
		}
		fresh = probe
	}
	if !f.listed || len(fresh) > 0 {
		all, errno := f.File.Readdir(-1)
		if errno != 0 {
			return nil, errno
		}
		all = append(fresh, all...)
		slices.SortFunc(all, func(a, b experimentalsys.Dirent) int { return strings.Compare(a.Name, b.Name) })
		f.entries, f.next, f.listed = all, 0, true
	}
	rest := f.entries[f.next:]
	if n > 0 && n < len(rest) {
		rest = rest[:n]
	}
	f.next += len(rest)
	return rest, 0
}

// isDir reports whether path is an existing directory.
func isDir(path string) bool {
	info, err := os.Stat(path)
	return err == nil && info.IsDir()
}
