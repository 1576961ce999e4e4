package session

import (
	"context"
	"sort"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/deco-network/deco/internal/wire"
)

// share asks the providers that hold a task's inputs from an earlier
// stage (wire.Input.From) to let p, the task's provider, fetch them
// (wire.Share). It goes on the session with each holder, after the
// vouchers that released those outputs to this node, so the holder
// grants what it released. A holder that cannot be reached is left to
// the task: its provider reports the input it could not fetch, and from
// whom. It returns the addresses it knows of each holder
// (wire.Assign.Holders).
func (m *Manager) share(ctx context.Context, p peer.ID, spec wire.TaskSpec) map[string][]string {
	byHolder := map[string][]wire.CID{}
	for _, in := range spec.Inputs {
		if in.From != "" && in.From != p.String() {
			byHolder[in.From] = append(byHolder[in.From], in.CID)
		}
	}
	holders := make([]string, 0, len(byHolder))
	for h := range byHolder {
		holders = append(holders, h)
	}
	sort.Strings(holders)
	var addrs map[string][]string
	for _, h := range holders {
		if book, ok := m.host.(addressBook); ok {
			if id, err := peer.Decode(h); err == nil {
				if addrs == nil {
					addrs = map[string][]string{}
				}
				addrs[h] = book.PeerAddrs(id, wire.MaxHolderAddrs)
			}
		}
		cids := byHolder[h]
		for len(cids) > 0 {
			n := min(len(cids), wire.MaxShareCIDs)
			if m.Send(ctx, h, wire.TypeShare, wire.Share{Reader: p.String(), CIDs: cids[:n]}) != nil {
				break
			}
			cids = cids[n:]
		}
	}
	return addrs
}

// addressBook is the optional capability of Host that share uses to tell
// a provider where the holders of its inputs are (*p2p.Host has it).
type addressBook interface {
	PeerAddrs(p peer.ID, max int) []string
}
