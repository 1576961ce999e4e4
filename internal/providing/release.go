package providing

import (
	"sync"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/deco-network/deco/internal/access"
	provcore "github.com/deco-network/deco/internal/provider"
	"github.com/deco-network/deco/internal/wire"
)

// Fair exchange, the provider's side (docs/economics.md): with payments on
// a successful result leaves with its signed root and manifest only; its
// outputs and logs are released to the consumer that assigned it when
// that consumer's voucher for the attempt arrives, and not before.

// keepWithheld is how long withheld outputs wait for their voucher before
// the provider forgets it could release them (the blobs stay stored).
const keepWithheld = 24 * time.Hour

// withheldSet is the results whose outputs wait for a voucher. It is safe
// for concurrent use.
type withheldSet struct {
	mu    sync.Mutex
	m     map[provcore.Key]withheld
	sweep int
}

type withheld struct {
	peer  peer.ID
	price wire.Amount
	cids  []wire.CID
	at    time.Time
}

// hold records that k's outputs, cids, go to p once paid price.
func (w *withheldSet) hold(k provcore.Key, p peer.ID, price wire.Amount, cids []wire.CID, now time.Time) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.m == nil {
		w.m, w.sweep = map[provcore.Key]withheld{}, 64
	}
	w.m[k] = withheld{peer: p, price: price, cids: cids, at: now}
	if len(w.m) > 2*w.sweep {
		for key, e := range w.m {
			if now.Sub(e.at) > keepWithheld {
				delete(w.m, key)
			}
		}
		w.sweep = max(len(w.m), 64)
	}
}

// release returns k's outputs if they wait for a voucher from p that
// added at least their price, and forgets them.
func (w *withheldSet) release(k provcore.Key, p peer.ID, added wire.Amount) ([]wire.CID, bool) {
	w.mu.Lock()
	defer w.mu.Unlock()
	e, ok := w.m[k]
	if !ok || e.peer != p || added < e.price {
		return nil, false
	}
	delete(w.m, k)
	return e.cids, true
}

// release lets the consumer at from read the outputs of the attempt its
// voucher v names, if v added at least the attempt's price to what this
// provider holds: a voucher sent again, or raised by less, releases
// nothing.
func (p *Provider) release(from peer.ID, v wire.Voucher, added wire.Amount) {
	cids, ok := p.withheld.release(provcore.Key{Task: v.Task, Attempt: v.Attempt}, from, added)
	if !ok {
		p.log.Debug("voucher releases no outputs", "task", v.Task, "attempt", v.Attempt, "added", added)
		return
	}
	p.cfg.Access.GrantFor(from, access.OutputGrant, cids...)
	p.log.Debug("outputs released on voucher", "task", v.Task, "attempt", v.Attempt, "blobs", len(cids))
}

// Debtors lists the consumers this provider refuses for not paying.
func (p *Provider) Debtors() (ds []provcore.Debtor) {
	if l := p.active.Load(); l != nil {
		l.read(func(m *provcore.Machine) { ds = m.Debtors() })
	}
	return ds
}
