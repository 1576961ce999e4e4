package store

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
)

// ErrHashMismatch reports content whose sha2-256 digest is not the one its
// content address claims. Import returns it when a peer sends the wrong
// bytes; Verify returns it when a stored blob has been damaged on disk.
var ErrHashMismatch = errors.New("content does not match its content address")

// ErrTooLarge reports a blob bigger than the limit the caller gave to Get.
var ErrTooLarge = errors.New("blob is larger than the allowed size")

// ErrQuota reports an Upload refused because the store would hold more
// than the quota; the error is a *QuotaError with the figures.
var ErrQuota = errors.New("blob store quota reached")

// QuotaError is the Upload refusal: the store held Used bytes (counting
// uploads in progress) and the upload would have taken it past Limit.
type QuotaError struct {
	Used, Limit int64
	Dir         string // the store's directory
}

func (e *QuotaError) Error() string {
	return fmt.Sprintf("the blob store at %s holds %s and this upload would pass its quota of %s", e.Dir, spec.HumanSize(uint64(max(e.Used, 0))), spec.HumanSize(uint64(max(e.Limit, 0))))
}

func (e *QuotaError) Unwrap() error { return ErrQuota }

// staleTemp is how old an abandoned temporary file must be before OpenBlobs
// deletes it; younger ones may belong to a Put still in progress.
const staleTemp = time.Hour

// emptyCID is the address of no bytes at all. It is always present and
// never written to disk (empty logs are common and files cost syscalls).
var emptyCID = wire.CIDOf(nil)

// syncThreshold is the size from which a stored blob is fsynced.
const syncThreshold = 1 << 20

// Blobs is a content-addressed blob store on the local file system.
//
// A blob with address c lives at <dir>/<xx>/<c>, where xx is the first byte
// of its sha2-256 digest in hex. Files are written to <dir>/tmp, synced and
// renamed into place, so a blob path either does not exist or holds the
// complete content. Stored files are read-only (0444): callers may hardlink
// them into a task's directory but must never write through the link.
//
// Blobs is safe for concurrent use by several goroutines. It counts the
// bytes it holds (Usage) for the upload quota; only one process writes a
// store (the node's home is locked by its database).
type Blobs struct {
	dir string
	tmp string

	placeMu sync.Mutex   // placing a new file and counting it are one step
	used    atomic.Int64 // bytes in stored blobs
	pending atomic.Int64 // bytes of Uploads still streaming
}

// OpenBlobs opens (creating if needed) the blob store rooted at dir,
// removes temporary files left behind by a crash and sums the sizes of
// the stored blobs (one directory walk).
func OpenBlobs(dir string) (*Blobs, error) {
	b := &Blobs{dir: dir, tmp: filepath.Join(dir, "tmp")}
	if err := os.MkdirAll(b.tmp, 0o755); err != nil {
		return nil, fmt.Errorf("open blob store %s: %w", dir, err)
	}
	ents, err := os.ReadDir(b.tmp)
	if err != nil {
		return nil, fmt.Errorf("open blob store %s: %w", dir, err)
	}
	for _, e := range ents {
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > staleTemp {
			_ = os.Remove(filepath.Join(b.tmp, e.Name()))
		}
	}
	var used int64
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && path == b.tmp {
			return filepath.SkipDir
		}
		if d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				used += info.Size()
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("open blob store %s: %w", dir, err)
	}
	b.used.Store(used)
	return b, nil
}

// Usage is the number of bytes in stored blobs.
func (b *Blobs) Usage() int64 { return b.used.Load() }

// Path returns where the blob c is (or would be) stored. It rejects anything
// that is not a valid content address, so the result never escapes the store.
// The caller must treat the file as read-only.
func (b *Blobs) Path(c wire.CID) (string, error) {
	d, err := c.Digest()
	if err != nil {
		return "", fmt.Errorf("blob path for %q: %w", string(c), err)
	}
	// Rebuild the name from the digest so only canonical strings reach the
	// file system.
	name := wire.CIDFromDigest(d)
	return filepath.Join(b.dir, hex.EncodeToString(d[:1]), string(name)), nil
}

// Has reports whether the blob c is stored. Invalid addresses are never stored.
func (b *Blobs) Has(c wire.CID) bool {
	if c == emptyCID {
		return true
	}
	p, err := b.Path(c)
	if err != nil {
		return false
	}
	info, err := os.Stat(p)
	return err == nil && info.Mode().IsRegular()
}

// Put stores everything read from r and returns its address and size.
// Storing content that is already present succeeds and changes nothing.
func (b *Blobs) Put(r io.Reader) (wire.CID, int64, error) {
	h := wire.NewHasher()
	var n int64
	var c wire.CID
	err := b.write(func(w io.Writer) error {
		var err error
		n, err = io.Copy(io.MultiWriter(w, h), r)
		return err
	}, func() (wire.CID, error) {
		c = h.Sum()
		return c, nil
	})
	if err != nil {
		return "", 0, fmt.Errorf("store blob: %w", err)
	}
	return c, n, nil
}

// Upload is Put for content a local user sends: it fails with a
// *QuotaError (wrapping ErrQuota), storing nothing, as soon as the bytes
// read would take the store past quota bytes (stored blobs plus other
// uploads in progress). Content already stored counts too: its size is
// only known once it has been read.
func (b *Blobs) Upload(r io.Reader, quota int64) (wire.CID, int64, error) {
	q := &quotaReader{r: r, b: b, quota: quota}
	defer func() { b.pending.Add(-q.n) }()
	c, n, err := b.Put(q)
	var qe *QuotaError
	if errors.As(err, &qe) {
		return "", 0, qe // the figures say it all; no "store blob:" prefix
	}
	return c, n, err
}

// quotaReader counts what it reads as pending upload bytes and fails once
// the store would pass its quota.
type quotaReader struct {
	r     io.Reader
	b     *Blobs
	quota int64
	n     int64 // bytes read, counted in b.pending
}

func (q *quotaReader) Read(p []byte) (int, error) {
	k, err := q.r.Read(p)
	if k > 0 {
		q.n += int64(k)
		pending := q.b.pending.Add(int64(k))
		if used := q.b.used.Load() + pending; used > q.quota {
			return k, &QuotaError{Used: used - q.n, Limit: q.quota, Dir: q.b.dir}
		}
	}
	return k, err
}

// PutBytes stores p and returns its address.
func (b *Blobs) PutBytes(p []byte) (wire.CID, error) {
	if len(p) == 0 {
		return emptyCID, nil
	}
	c, _, err := b.Put(bytes.NewReader(p))
	return c, err
}

// PutFile stores a copy of the file at path and returns its address and size.
func (b *Blobs) PutFile(path string) (wire.CID, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, fmt.Errorf("store file: %w", err)
	}
	defer f.Close()
	c, n, err := b.Put(f)
	if err != nil {
		return "", 0, fmt.Errorf("store file %s: %w", path, err)
	}
	return c, n, nil
}

// Import stores content that a peer claims has address c. write must write
// the whole content to w. If the bytes written do not hash to c, nothing is
// stored and the error wraps ErrHashMismatch. If c is already stored, write
// is not called.
func (b *Blobs) Import(c wire.CID, write func(w io.Writer) error) error {
	if _, err := b.Path(c); err != nil {
		return fmt.Errorf("import blob: %w", err)
	}
	if b.Has(c) {
		return nil
	}
	h := wire.NewHasher()
	err := b.write(func(w io.Writer) error {
		return write(io.MultiWriter(w, h))
	}, func() (wire.CID, error) {
		if got := h.Sum(); got != c {
			return "", fmt.Errorf("%w: received %s", ErrHashMismatch, got)
		}
		return c, nil
	})
	if err != nil {
		return fmt.Errorf("import blob %s: %w", c, err)
	}
	return nil
}

// write streams fill into a temporary file, asks name for the final address
// once the content is complete, and renames the file into place. The
// temporary file is removed on every failure path.
func (b *Blobs) write(fill func(w io.Writer) error, name func() (wire.CID, error)) error {
	f, err := os.CreateTemp(b.tmp, "put-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	renamed := false
	defer func() {
		if !renamed {
			_ = f.Close() // may already be closed
			_ = os.Remove(tmp)
		}
	}()
	if err = fill(f); err != nil {
		return err
	}
	c, err := name()
	if err != nil {
		return err
	}
	if b.Has(c) {
		return nil // idempotent: keep the existing file (checked again below)
	}
	// Small blobs (logs, small outputs) skip fsync: a process crash keeps
	// the page cache, and after an OS crash Verify finds a torn file by its
	// hash. Large blobs are synced, since re-fetching them is expensive.
	if st, err := f.Stat(); err == nil && st.Size() >= syncThreshold {
		if err := f.Sync(); err != nil {
			return err
		}
	}
	size, err := f.Seek(0, io.SeekCurrent)
	if err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp, 0o444); err != nil {
		return err
	}
	dst, err := b.Path(c)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	// Checking, placing and counting under one lock: a blob stored twice
	// at once is counted once.
	b.placeMu.Lock()
	defer b.placeMu.Unlock()
	if b.Has(c) {
		return nil // idempotent: keep the existing file
	}
	if err := os.Rename(tmp, dst); err != nil {
		return err
	}
	renamed = true
	b.used.Add(size)
	return nil
}

// Open returns a reader for the blob c and its size. The caller must close
// it. If c is not stored, the error wraps fs.ErrNotExist.
func (b *Blobs) Open(c wire.CID) (io.ReadCloser, int64, error) {
	if c == emptyCID {
		return io.NopCloser(bytes.NewReader(nil)), 0, nil
	}
	p, err := b.Path(c)
	if err != nil {
		return nil, 0, fmt.Errorf("open blob: %w", err)
	}
	f, err := os.Open(p)
	if err != nil {
		return nil, 0, fmt.Errorf("open blob %s: %w", c, err)
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, 0, fmt.Errorf("open blob %s: %w", c, err)
	}
	return f, info.Size(), nil
}

// Size returns the size of stored blob c; if c is not stored the error
// wraps fs.ErrNotExist.
func (b *Blobs) Size(c wire.CID) (int64, error) {
	r, n, err := b.Open(c)
	if err == nil {
		r.Close()
	}
	return n, err
}

// Get reads the whole blob c into memory. If it is bigger than max bytes the
// error wraps ErrTooLarge; if it is absent the error wraps fs.ErrNotExist.
func (b *Blobs) Get(c wire.CID, max int64) ([]byte, error) {
	r, n, err := b.Open(c)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	if n > max {
		return nil, fmt.Errorf("read blob %s: %w (%d bytes, limit %d)", c, ErrTooLarge, n, max)
	}
	p, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, fmt.Errorf("read blob %s: %w", c, err)
	}
	if int64(len(p)) > max {
		return nil, fmt.Errorf("read blob %s: %w (limit %d)", c, ErrTooLarge, max)
	}
	return p, nil
}

// Verify re-hashes the stored blob c. A damaged blob yields an error wrapping
// ErrHashMismatch; it is left in place so the caller can Remove it and fetch
// it again.
func (b *Blobs) Verify(c wire.CID) error {
	r, _, err := b.Open(c)
	if err != nil {
		return fmt.Errorf("verify: %w", err)
	}
	defer r.Close()
	h := wire.NewHasher()
	if _, err := io.Copy(h, r); err != nil {
		return fmt.Errorf("verify blob %s: %w", c, err)
	}
	if got := h.Sum(); got != c {
		return fmt.Errorf("verify blob %s: %w: on-disk content hashes to %s; remove it and fetch it again", c, ErrHashMismatch, got)
	}
	return nil
}

// Remove deletes the blob c. Removing an absent blob is not an error.
func (b *Blobs) Remove(c wire.CID) error {
	p, err := b.Path(c)
	if err != nil {
		return fmt.Errorf("remove blob: %w", err)
	}
	b.placeMu.Lock()
	defer b.placeMu.Unlock()
	info, err := os.Stat(p)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("remove blob %s: %w", c, err)
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove blob %s: %w", c, err)
	}
	b.used.Add(-info.Size())
	return nil
}
