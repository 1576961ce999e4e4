package runner

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/deco-network/deco/internal/wire"
)

// SharedWait is how long a task keeps asking for an input an earlier
// stage's provider holds (wire.Input.From): the consumer's Share may
// reach that provider just after this task's assignment reached us.
const SharedWait = 15 * time.Second

// Dialer is the optional capability of a Fetcher to dial a peer at a
// full address (…/p2p/<id>) before fetching from it (*session.Fetcher).
type Dialer interface {
	Connect(ctx context.Context, addr string) error
}

// fetchShared stores input in from the provider holding it (dialling it
// at addrs first when it is not connected), asking again with backoff
// for SharedWait while it refuses or cannot be reached.
func (r *Runner) fetchShared(ctx context.Context, in wire.Input, addrs []string, max int64) error {
	holder, err := peer.Decode(in.From)
	if err != nil {
		return fmt.Errorf("input %s names a holder %q that is not a peer ID: %v", in.Name, in.From, err)
	}
	if d, ok := r.cfg.Fetcher.(Dialer); ok && !r.cfg.Blobs.Has(in.CID) {
		for _, a := range addrs[:min(len(addrs), wire.MaxHolderAddrs)] {
			// Only the holder's own addresses: the assignment cannot send
			// this provider dialling other peers.
			if strings.HasSuffix(a, "/p2p/"+in.From) && d.Connect(ctx, a) == nil {
				break
			}
		}
	}
	deadline := r.cfg.Clock.Now().Add(SharedWait)
	wait := 10 * time.Millisecond
	for {
		err = r.cfg.Fetcher.Fetch(ctx, holder, in.CID, nil, max)
		if err == nil {
			return nil
		}
		if ctx.Err() != nil || r.cfg.Clock.Now().Add(wait).After(deadline) {
			return fmt.Errorf("input %s (%s) could not be fetched from %s, the provider of the earlier stage that made it: %v", in.Name, in.CID.Short(), holder.ShortString(), err)
		}
		t := r.cfg.Clock.NewTimer(wait)
		select {
		case <-t.C():
		case <-ctx.Done():
		}
		t.Stop()
		wait = min(2*wait, time.Second)
	}
}
