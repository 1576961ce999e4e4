package providing

import (
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/deco-network/deco/internal/access"
	"github.com/deco-network/deco/internal/wire"
)

// reader is the optional capability of Config.Access that share needs:
// whether a peer may read a blob (*access.Registry has it).
type reader interface {
	Allowed(p peer.ID, c wire.CID) bool
}

// share lets sh.Reader fetch the blobs of sh that consumer may read
// itself: outputs of this provider's results released to that consumer
// (after its voucher, with payments on). A multi-stage job's later stage
// reads them this way, provider to provider; a consumer cannot open
// anything it was not given, and a stranger still reads nothing.
func (p *Provider) share(consumer peer.ID, sh wire.Share) {
	acl, ok := p.cfg.Access.(reader)
	to, err := peer.Decode(sh.Reader)
	if !ok || err != nil || len(sh.CIDs) > wire.MaxShareCIDs {
		p.log.Debug("share refused", "from", consumer, "reader", sh.Reader, "err", err)
		return
	}
	var cids []wire.CID
	for _, c := range sh.CIDs {
		if acl.Allowed(consumer, c) {
			cids = append(cids, c)
		}
	}
	if len(cids) < len(sh.CIDs) {
		p.log.Warn("share names blobs its consumer may not read; sharing the rest", "from", consumer, "asked", len(sh.CIDs), "shared", len(cids))
	}
	p.cfg.Access.GrantFor(to, access.OutputGrant, cids...)
}
