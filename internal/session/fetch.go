package session

import (
	"context"
	"fmt"
	"io"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/deco-network/deco/internal/wire"
)

// Fetcher stores blobs taken from peers, each checked against its content
// address. Both roles use it: the consumer for a result's outputs and logs,
// the provider for a task's program and inputs.
type Fetcher struct {
	Blobs Blobs
	Host  BlobSource
}

// Connect dials addr (a full address, …/p2p/<id>) if the host can dial
// (*p2p.Host can); a provider uses it to reach the holder of an earlier
// stage's output it has not met.
func (f *Fetcher) Connect(ctx context.Context, addr string) error {
	if d, ok := f.Host.(interface {
		Connect(ctx context.Context, addr string) error
	}); ok {
		return d.Connect(ctx, addr)
	}
	return nil
}

// Fetch stores blob c locally: from inline if present there (hash
// checked), else from peer from by content address (hash checked by p2p
// and again by the store), at most max bytes. A blob already stored is
// not fetched again.
func (f *Fetcher) Fetch(ctx context.Context, from peer.ID, c wire.CID, inline map[wire.CID][]byte, max int64) error {
	if f.Blobs.Has(c) {
		return nil
	}
	if b, ok := inline[c]; ok {
		if wire.CIDOf(b) != c {
			return fmt.Errorf("inline content for %s hashes to %s", c.Short(), wire.CIDOf(b).Short())
		}
		_, err := f.Blobs.PutBytes(b)
		return err
	}
	return f.Blobs.Import(c, func(w io.Writer) error {
		_, err := f.Host.FetchBlob(ctx, from, c, w, max)
		return err
	})
}
