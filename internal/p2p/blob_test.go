package p2p

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/deco-network/deco/internal/access"
	"github.com/deco-network/deco/internal/clock"
	"github.com/deco-network/deco/internal/wire"
)

// everyone lets every peer read every blob: the transfer tests are about
// moving bytes, TestFetchBlobRefusedToStrangers about who may.
type everyone struct{}

func (everyone) Allowed(peer.ID, wire.CID) bool { return true }

// blobs is a BlobSource over in-memory blobs with optional misbehaviour.
type blobs struct {
	mu      sync.Mutex
	data    map[wire.CID][]byte
	corrupt map[wire.CID]bool     // serve the right size but flipped bytes
	short   map[wire.CID]bool     // announce the size but deliver half
	stall   map[wire.CID]chan any // deliver half, then block until closed
}

func newBlobs() *blobs {
	return &blobs{data: map[wire.CID][]byte{}, corrupt: map[wire.CID]bool{}, short: map[wire.CID]bool{}, stall: map[wire.CID]chan any{}}
}

func (b *blobs) add(p []byte) wire.CID {
	c := wire.CIDOf(p)
	b.mu.Lock()
	b.data[c] = p
	b.mu.Unlock()
	return c
}

func (b *blobs) Open(c wire.CID) (io.ReadCloser, int64, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	p, ok := b.data[c]
	if !ok {
		return nil, 0, fmt.Errorf("blob %s: %w", c, fs.ErrNotExist)
	}
	size := int64(len(p))
	switch {
	case b.corrupt[c]:
		q := bytes.Clone(p)
		q[len(q)/2] ^= 0xff
		return io.NopCloser(bytes.NewReader(q)), size, nil
	case b.short[c]:
		return io.NopCloser(bytes.NewReader(p[:len(p)/2])), size, nil
	case b.stall[c] != nil:
		return io.NopCloser(io.MultiReader(bytes.NewReader(p[:len(p)/2]), blockReader(b.stall[c]))), size, nil
	}
	return io.NopCloser(bytes.NewReader(p)), size, nil
}

type blockReader chan any

func (r blockReader) Read([]byte) (int, error) { <-r; return 0, io.ErrClosedPipe }

// randomBytes returns n reproducible pseudo-random bytes.
func randomBytes(n int, seed uint64) []byte {
	p := make([]byte, n)
	r := rand.NewChaCha8([32]byte{byte(seed)})
	_, _ = r.Read(p)
	return p
}

// hashWriter hashes and counts what it is given without keeping it.
type hashWriter struct {
	h *wire.Hasher
	n int64
	// reached, if set, is closed once n passes at.
	at      int64
	reached chan struct{}
}

func (w *hashWriter) Write(p []byte) (int, error) {
	w.h.Write(p)
	w.n += int64(len(p))
	if w.reached != nil && w.n >= w.at {
		close(w.reached)
		w.reached = nil
	}
	return len(p), nil
}

func TestFetchBlob(t *testing.T) {
	hosts := cluster(t, 2, Config{})
	client, server := hosts[1], hosts[0]
	src := newBlobs()
	server.ServeBlobs(src, everyone{})

	big := src.add(randomBytes(50<<20, 1))
	small := src.add([]byte("hello, deco"))
	empty := src.add(nil)
	corrupt := src.add(randomBytes(1<<20, 2))
	src.corrupt[corrupt] = true
	short := src.add(randomBytes(1<<20, 3))
	src.short[short] = true
	missing := wire.CIDOf([]byte("nobody has this"))

	tests := []struct {
		name    string
		cid     wire.CID
		max     int64
		want    error // nil: success; errAny: any error
		wantLen int64 // -1: not checked
	}{
		{"50 MiB", big, 50 << 20, nil, 50 << 20},
		{"small", small, 1 << 20, nil, 11},
		{"empty", empty, 0, nil, 0},
		{"corrupted source", corrupt, 1 << 20, ErrHashMismatch, 1 << 20},
		{"missing", missing, 1 << 20, ErrNotFound, 0},
		{"larger than allowed", small, 10, ErrTooLarge, 0},
		{"source ends early", short, 1 << 20, errAny, -1}, // the server resets the stream
		{"not a content address", wire.CID("bafy-nonsense"), 1 << 20, wire.ErrBadCID, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w := &hashWriter{h: wire.NewHasher()}
			n, err := client.FetchBlob(testCtx(t), server.ID(), tc.cid, w, tc.max)
			if n != w.n || (tc.wantLen >= 0 && n != tc.wantLen) {
				t.Errorf("FetchBlob returned %d bytes, wrote %d, want %d", n, w.n, tc.wantLen)
			}
			switch {
			case tc.want == nil && err != nil:
				t.Fatalf("FetchBlob: %v", err)
			case tc.want == nil:
				if got := w.h.Sum(); got != tc.cid {
					t.Fatalf("received content hashes to %s, want %s", got, tc.cid)
				}
			case err == nil:
				t.Fatalf("FetchBlob succeeded, want %v", tc.want)
			case errors.Is(err, ErrHashMismatch) && tc.want != ErrHashMismatch:
				t.Fatalf("FetchBlob: %v; a truncated transfer must not look like bad content", err)
			case tc.want != errAny && !errors.Is(err, tc.want):
				t.Fatalf("FetchBlob: %v, want %v", err, tc.want)
			}
		})
	}

	// The server is still healthy after all the failures above.
	w := &hashWriter{h: wire.NewHasher()}
	if _, err := client.FetchBlob(testCtx(t), server.ID(), small, w, 100); err != nil {
		t.Fatalf("fetch after failures: %v", err)
	}
}

func TestFetchBlobPeerClosedMidTransfer(t *testing.T) {
	hosts := cluster(t, 2, Config{})
	client, server := hosts[1], hosts[0]
	src := newBlobs()
	server.ServeBlobs(src, everyone{})
	c := src.add(randomBytes(4<<20, 4))
	release := make(chan any)
	defer close(release)
	src.stall[c] = release

	ctx := testCtx(t)
	half := make(chan struct{})
	w := &hashWriter{h: wire.NewHasher(), at: 2 << 20, reached: half}
	done := make(chan error, 1)
	go func() {
		_, err := client.FetchBlob(ctx, server.ID(), c, w, 4<<20)
		done <- err
	}()
	select {
	case <-half: // the first half arrived; the server is now stuck
	case err := <-done:
		t.Fatalf("FetchBlob ended early: %v", err)
	}
	if err := server.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err == nil || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, ErrHashMismatch) {
			t.Fatalf("FetchBlob after the peer closed: %v, want a stream error", err)
		}
	case <-ctx.Done():
		t.Fatal("FetchBlob still blocked after the peer closed")
	}
}

// A peer that knows a blob's address reads it only while granted; a
// refusal does not reveal whether the blob is there.
func TestFetchBlobRefusedToStrangers(t *testing.T) {
	hosts := cluster(t, 3, Config{})
	server, party, stranger := hosts[0], hosts[1], hosts[2]
	waitFor(t, "stranger connected", func() bool { return stranger.Connected(server.ID()) })
	src := newBlobs()
	reg := access.New(clock.Real{})
	server.ServeBlobs(src, reg)
	secret := src.add([]byte("a job's private input"))
	absent := wire.CIDOf([]byte("not stored"))
	lease := reg.Grant(party.ID(), secret)
	ctx := context.Background()

	var buf bytes.Buffer
	if _, err := party.FetchBlob(ctx, server.ID(), secret, &buf, 1<<20); err != nil || buf.String() != "a job's private input" {
		t.Fatalf("granted peer: %q, %v", buf.String(), err)
	}
	for _, c := range []wire.CID{secret, absent} {
		buf.Reset()
		_, err := stranger.FetchBlob(ctx, server.ID(), c, &buf, 1<<20)
		if !errors.Is(err, ErrDenied) || buf.Len() != 0 {
			t.Fatalf("stranger fetching %s: got %d bytes, err %v; want ErrDenied", c.Short(), buf.Len(), err)
		}
	}
	if !errors.Is(func() error { _, err := party.FetchBlob(ctx, server.ID(), absent, &buf, 1<<20); return err }(), ErrDenied) {
		t.Fatal("a blob never granted was not refused")
	}
	lease.Release()
	_, err := party.FetchBlob(ctx, server.ID(), secret, &buf, 1<<20)
	if !errors.Is(err, ErrDenied) {
		t.Fatalf("after the lease ended: %v, want ErrDenied", err)
	}
	t.Logf("refusal reads: %v", err)

	// Without a registry nothing is served.
	other := newHost(t, Config{Bootstrap: party.Addrs()})
	other.ServeBlobs(src, nil)
	waitFor(t, "connected", func() bool { return party.Connected(other.ID()) })
	if _, err := party.FetchBlob(ctx, other.ID(), secret, &buf, 1<<20); !errors.Is(err, ErrDenied) {
		t.Fatalf("nil access: %v, want ErrDenied", err)
	}
}
