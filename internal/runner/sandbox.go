package runner

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/deco-network/deco/internal/exec"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
)

// slotDir is slot i's sandbox. It is reused task after task: creating and
// removing a directory per task was the largest per-task cost after the
// network.
func (r *Runner) slotDir(i int) string {
	return filepath.Join(r.cfg.WorkDir, fmt.Sprintf("slot-%d", i))
}

// prepare makes dir an empty sandbox: leftovers of a crash go.
func prepare(dir string) error {
	os.RemoveAll(dir)
	for _, sub := range []string{"inputs", "outputs"} {
		if err := os.MkdirAll(filepath.Join(dir, sub), 0o700); err != nil {
			return err
		}
	}
	return nil
}

// clean empties a sandbox directory for the slot's next task.
func clean(dir string) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	if len(ents) == 0 {
		return
	}
	for _, e := range ents {
		p := filepath.Join(dir, e.Name())
		os.Chmod(p, 0o700) // a task may have made its files read-only
		os.RemoveAll(p)
	}
	// Nothing of one task may reach the next: start over if anything is left.
	if left, err := os.ReadDir(dir); err != nil || len(left) > 0 {
		os.RemoveAll(dir)
		os.MkdirAll(dir, 0o700)
	}
}

// stage puts a stored blob at path for the sandbox (read-only mount).
func (r *Runner) stage(c wire.CID, path string) error {
	if c == wire.CIDOf(nil) {
		return os.WriteFile(path, nil, 0o400)
	}
	src, err := r.cfg.Blobs.Path(c)
	if err != nil {
		return err
	}
	if err := os.Link(src, path); err == nil {
		return nil
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_EXCL, 0o400)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// inline reports whether a log or output of size bytes travels in the result.
func (r *Runner) inline(size int64) bool { return size <= int64(r.cfg.InlineLimit/4) }

// keepLog returns the address of a captured log. Small logs travel inline
// in the result only; larger ones are stored for the consumer to fetch.
func (r *Runner) keepLog(inline map[wire.CID][]byte, b []byte) wire.CID {
	if r.inline(int64(len(b))) {
		c := wire.CIDOf(b)
		inline[c] = b
		return c
	}
	c, err := r.cfg.Blobs.PutBytes(b)
	if err != nil {
		r.log.Warn("store task log", "err", err)
		return ""
	}
	return c
}

// markCut ends a log the executor cut at its limit with a line saying
// so: whoever reads the file (`deco job logs`, `deco job get`) learns it
// is not all the program wrote. The line is the same on every provider,
// so replicas of a task still agree.
func markCut(b []byte, cut bool, name string) []byte {
	if !cut {
		return b
	}
	return fmt.Appendf(b[:len(b):len(b)], "\n[deco: %s truncated: the program wrote more than %s; the rest was dropped]\n", name, spec.HumanSize(uint64(len(b))))
}

// errBadOutput: the program's outputs cannot be listed in a manifest.
// It is the program's fault (wire.FailBadOutput), like an exit code: the
// same program fails the same way on every provider.
var errBadOutput = errors.New("outputs break the manifest")

// collect stores every regular file under dir and returns the manifest.
func (r *Runner) collect(dir string, max int64, inline map[wire.CID][]byte) (wire.Manifest, error) {
	m := wire.Manifest{Kind: "outputs"}
	var total int64
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() {
			return nil // directories are implied by paths; links and devices are ignored
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if err := wire.CheckPath(rel); err != nil {
			return fmt.Errorf("%w: %v (name outputs with printable characters, at most %d bytes of path)", errBadOutput, err, wire.MaxPathLen)
		}
		if len(m.Entries) == wire.MaxManifestEntries {
			// The sandbox lets a program make more files than a manifest
			// lists; counting stops at the first one too many.
			return fmt.Errorf("%w: the program wrote more than %d files under /outputs, the most a result lists (write fewer, larger files, e.g. one archive)", errBadOutput, wire.MaxManifestEntries)
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		total += info.Size()
		if max > 0 && total > max {
			return fmt.Errorf("%w: outputs exceed %d bytes", exec.ErrOutputTooLarge, max)
		}
		var c wire.CID
		size := info.Size()
		if r.inline(size) {
			// Small outputs travel inline in the result.
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			c, size = wire.CIDOf(b), int64(len(b))
			inline[c] = b
		} else if c, size, err = r.cfg.Blobs.PutFile(path); err != nil {
			return err
		}
		m.Entries = append(m.Entries, wire.Entry{Path: rel, Size: size, CID: c})
		return nil
	})
	if err != nil {
		return m, err
	}
	return m, m.Normalize()
}
