package store

import (
	"bytes"
	"crypto/rand"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/deco-network/deco/internal/wire"
)

func openBlobs(t *testing.T) *Blobs {
	t.Helper()
	b, err := OpenBlobs(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// assertNoTemp checks that no temporary file was left behind.
func assertNoTemp(t *testing.T, b *Blobs) {
	t.Helper()
	ents, err := os.ReadDir(b.tmp)
	if err != nil {
		t.Fatal(err)
	}
	if len(ents) != 0 {
		t.Fatalf("temporary files left behind: %v", ents)
	}
}

func randomBytes(t *testing.T, n int) []byte {
	t.Helper()
	p := make([]byte, n)
	if _, err := rand.Read(p); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestBlobRoundTrip(t *testing.T) {
	cases := []struct {
		name string
		data []byte
	}{
		{"empty", nil},
		{"small", []byte("hello deco")},
		{"large", randomBytes(t, 3<<20+17)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := openBlobs(t)
			want := wire.CIDOf(tc.data)
			if b.Has(want) != (len(tc.data) == 0) { // the empty blob is always present
				t.Fatal("Has before Put")
			}
			c, n, err := b.Put(bytes.NewReader(tc.data))
			if err != nil {
				t.Fatal(err)
			}
			if c != want || n != int64(len(tc.data)) {
				t.Fatalf("Put = %s, %d; want %s, %d", c, n, want, len(tc.data))
			}
			if !b.Has(c) {
				t.Fatal("Has after Put = false")
			}
			r, size, err := b.Open(c)
			if err != nil {
				t.Fatal(err)
			}
			got, err := io.ReadAll(r)
			r.Close()
			if err != nil || size != n || !bytes.Equal(got, tc.data) {
				t.Fatalf("Open: size %d err %v, content equal %v", size, err, bytes.Equal(got, tc.data))
			}
			got, err = b.Get(c, n)
			if err != nil || !bytes.Equal(got, tc.data) {
				t.Fatalf("Get: %v", err)
			}
			if err := b.Verify(c); err != nil {
				t.Fatal(err)
			}
			if len(tc.data) == 0 {
				return // the empty blob has no file
			}
			p, err := b.Path(c)
			if err != nil {
				t.Fatal(err)
			}
			info, err := os.Stat(p)
			if err != nil {
				t.Fatal(err)
			}
			if info.Mode().Perm()&0o222 != 0 {
				t.Fatalf("stored blob is writable: %v", info.Mode())
			}
			if !strings.HasPrefix(p, b.dir) {
				t.Fatalf("path %s outside store %s", p, b.dir)
			}
			assertNoTemp(t, b)
		})
	}
}

func TestBlobPutVariants(t *testing.T) {
	b := openBlobs(t)
	data := []byte("same content three ways")
	c1, err := b.PutBytes(data)
	if err != nil {
		t.Fatal(err)
	}
	c2, n, err := b.Put(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	src := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(src, data, 0o644); err != nil {
		t.Fatal(err)
	}
	c3, n3, err := b.PutFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if c1 != c2 || c2 != c3 || n != n3 || n != int64(len(data)) {
		t.Fatalf("CIDs %s %s %s sizes %d %d", c1, c2, c3, n, n3)
	}
	if err := b.Verify(c1); err != nil {
		t.Fatal(err)
	}
	assertNoTemp(t, b)
	if _, _, err := b.PutFile(filepath.Join(t.TempDir(), "missing")); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("PutFile(missing) = %v, want fs.ErrNotExist", err)
	}
}

func TestBlobConcurrentPutSameContent(t *testing.T) {
	b := openBlobs(t)
	data := randomBytes(t, 256<<10)
	want := wire.CIDOf(data)
	const workers = 8
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, _, err := b.Put(bytes.NewReader(data))
			if err == nil && c != want {
				err = errors.New("wrong CID " + string(c))
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Verify(want); err != nil {
		t.Fatal(err)
	}
	assertNoTemp(t, b)
}

func TestBlobImport(t *testing.T) {
	good := []byte("the real content")
	c := wire.CIDOf(good)
	writeBytes := func(p []byte) func(io.Writer) error {
		return func(w io.Writer) error { _, err := w.Write(p); return err }
	}
	boom := errors.New("stream reset")
	cases := []struct {
		name    string
		write   func(io.Writer) error
		wantErr error
	}{
		{"match", writeBytes(good), nil},
		{"wrong content", writeBytes([]byte("forged content")), ErrHashMismatch},
		{"truncated", writeBytes(good[:5]), ErrHashMismatch},
		{"writer fails", func(w io.Writer) error { w.Write(good[:3]); return boom }, boom},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := openBlobs(t)
			err := b.Import(c, tc.write)
			if !errors.Is(err, tc.wantErr) {
				t.Fatalf("Import = %v, want %v", err, tc.wantErr)
			}
			if has := b.Has(c); has != (tc.wantErr == nil) {
				t.Fatalf("Has = %v after Import error %v", has, err)
			}
			assertNoTemp(t, b)
		})
	}

	t.Run("already stored skips write", func(t *testing.T) {
		b := openBlobs(t)
		if _, err := b.PutBytes(good); err != nil {
			t.Fatal(err)
		}
		called := false
		err := b.Import(c, func(io.Writer) error { called = true; return nil })
		if err != nil || called {
			t.Fatalf("Import = %v, write called %v", err, called)
		}
	})
}

func TestBlobRejectsInvalidCIDs(t *testing.T) {
	b := openBlobs(t)
	bad := []wire.CID{
		"",
		"../etc/passwd",
		"../../" + wire.CIDOf([]byte("x")),
		wire.CIDOf([]byte("x")) + "/../../etc/passwd",
		"QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG",              // CIDv0
		"bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi", // dag-pb, not raw
		"bafkrei",
	}
	for _, c := range bad {
		t.Run(string(c), func(t *testing.T) {
			if _, err := b.Path(c); !errors.Is(err, wire.ErrBadCID) {
				t.Errorf("Path = %v, want ErrBadCID", err)
			}
			if b.Has(c) {
				t.Error("Has = true")
			}
			if _, _, err := b.Open(c); !errors.Is(err, wire.ErrBadCID) {
				t.Errorf("Open = %v, want ErrBadCID", err)
			}
			if _, err := b.Get(c, 10); !errors.Is(err, wire.ErrBadCID) {
				t.Errorf("Get = %v, want ErrBadCID", err)
			}
			if err := b.Verify(c); !errors.Is(err, wire.ErrBadCID) {
				t.Errorf("Verify = %v, want ErrBadCID", err)
			}
			if err := b.Remove(c); !errors.Is(err, wire.ErrBadCID) {
				t.Errorf("Remove = %v, want ErrBadCID", err)
			}
			called := false
			err := b.Import(c, func(io.Writer) error { called = true; return nil })
			if !errors.Is(err, wire.ErrBadCID) || called {
				t.Errorf("Import = %v (write called %v), want ErrBadCID", err, called)
			}
		})
	}
}

func TestBlobMissingTooLargeCorrupt(t *testing.T) {
	b := openBlobs(t)
	absent := wire.CIDOf([]byte("never stored"))
	if _, _, err := b.Open(absent); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Open(absent) = %v, want fs.ErrNotExist", err)
	}
	if _, err := b.Get(absent, 100); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Get(absent) = %v, want fs.ErrNotExist", err)
	}
	if err := b.Remove(absent); err != nil {
		t.Fatalf("Remove(absent) = %v", err)
	}

	c, err := b.PutBytes([]byte("0123456789"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := b.Get(c, 9); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("Get over limit = %v, want ErrTooLarge", err)
	}

	// Damage the file behind the store's back.
	p, _ := b.Path(c)
	if err := os.Chmod(p, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte("0123456780"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := b.Verify(c); !errors.Is(err, ErrHashMismatch) {
		t.Fatalf("Verify(corrupt) = %v, want ErrHashMismatch", err)
	}
	if err := b.Remove(c); err != nil {
		t.Fatal(err)
	}
	if b.Has(c) {
		t.Fatal("Has after Remove")
	}
}

// Usage counts every stored byte once, whoever stored it, survives a
// reopen, and drops with Remove.
func TestBlobUsage(t *testing.T) {
	dir := t.TempDir()
	b, err := OpenBlobs(dir)
	if err != nil {
		t.Fatal(err)
	}
	one, two := randomBytes(t, 3000), randomBytes(t, 5000)
	c1, _ := b.PutBytes(one)
	var wg sync.WaitGroup
	for range 8 { // the same content at once is counted once
		wg.Add(1)
		go func() { defer wg.Done(); b.PutBytes(two) }()
	}
	wg.Wait()
	c3 := wire.CIDOf([]byte("imported"))
	if err := b.Import(c3, func(w io.Writer) error { _, err := w.Write([]byte("imported")); return err }); err != nil {
		t.Fatal(err)
	}
	want := int64(3000 + 5000 + len("imported"))
	if got := b.Usage(); got != want {
		t.Fatalf("usage %d, want %d", got, want)
	}
	again, err := OpenBlobs(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := again.Usage(); got != want {
		t.Fatalf("usage after reopening %d, want %d", got, want)
	}
	if err := b.Remove(c1); err != nil {
		t.Fatal(err)
	}
	b.Remove(c1) // absent: changes nothing
	if got := b.Usage(); got != want-3000 {
		t.Fatalf("usage after remove %d, want %d", got, want-3000)
	}
}

// An upload that would take the store past its quota stores nothing and
// says how much is held and what the quota is; below it, uploads work.
func TestBlobUploadQuota(t *testing.T) {
	b := openBlobs(t)
	const quota = 10_000
	if _, _, err := b.Upload(bytes.NewReader(randomBytes(t, 6000)), quota); err != nil {
		t.Fatalf("upload within the quota: %v", err)
	}
	_, _, err := b.Upload(bytes.NewReader(randomBytes(t, 6000)), quota)
	var qe *QuotaError
	if !errors.Is(err, ErrQuota) || !errors.As(err, &qe) {
		t.Fatalf("upload past the quota: %v, want ErrQuota", err)
	}
	if qe.Used != 6000 || qe.Limit != quota || !strings.Contains(err.Error(), "holds 5KiB") || !strings.Contains(err.Error(), "quota of 9KiB") {
		t.Fatalf("refusal %+v: %v", qe, err)
	}
	assertNoTemp(t, b)
	if b.Usage() != 6000 || b.pending.Load() != 0 {
		t.Fatalf("after a refused upload: usage %d, pending %d", b.Usage(), b.pending.Load())
	}
	if _, _, err := b.Upload(bytes.NewReader(randomBytes(t, 4000)), quota); err != nil {
		t.Fatalf("upload up to the quota: %v", err)
	}
	if _, err := b.PutBytes(randomBytes(t, 4000)); err != nil {
		t.Fatalf("results and fetched inputs are not uploads: %v", err)
	}

	// Concurrent uploads share the quota: of ten 1000-byte uploads into
	// 3000 free bytes, at most three are stored.
	c := openBlobs(t)
	var wg sync.WaitGroup
	var mu sync.Mutex
	stored := 0
	for range 10 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, _, err := c.Upload(bytes.NewReader(randomBytes(t, 1000)), 3000); err == nil {
				mu.Lock()
				stored++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if stored < 1 || stored > 3 || c.Usage() > 3000 {
		t.Fatalf("%d concurrent uploads stored, usage %d; want 1 to 3 within 3000 bytes", stored, c.Usage())
	}
}
