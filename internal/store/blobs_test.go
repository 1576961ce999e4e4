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
