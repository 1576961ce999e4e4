package providing

import (
	"cmp"
	"slices"
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
	// credit is what a consumer's vouchers for a job added beyond the
	// outputs they released: a voucher lost on the way is covered by the
	// next one (vouchers are cumulative), whose surplus then releases the
	// lost voucher's attempt too. Released outputs never exceed pay.
	credit map[creditKey]wire.Amount
	// released is the attempts whose outputs went out, and when: a
	// voucher naming one again (sent anew after the consumer restarted)
	// may carry the pay of another whose own voucher was lost.
	released map[provcore.Key]time.Time
}

type creditKey struct {
	peer peer.ID
	job  wire.JobID
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
	if len(w.m)+len(w.released) > 2*w.sweep {
		for key, e := range w.m {
			if now.Sub(e.at) > keepWithheld {
				delete(w.m, key)
			}
		}
		for key, at := range w.released {
			if now.Sub(at) > keepWithheld {
				delete(w.released, key)
			}
		}
		w.sweep = max(len(w.m)+len(w.released), 64)
	}
}

// release credits added, what a voucher from p for k's job raised the
// amount held by, if k's outputs wait for p's pay, and returns the outputs that credit pays for, k's
// first, then other attempts of the job waiting for p's pay, each at its
// price; they are forgotten.
func (w *withheldSet) release(k provcore.Key, p peer.ID, added wire.Amount) []wire.CID {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.credit == nil {
		w.credit = map[creditKey]wire.Amount{}
	}
	ck := creditKey{p, k.Task.Job}
	if e, ok := w.m[k]; !ok || e.peer != p {
		if _, done := w.released[k]; !done {
			return nil // a voucher for a failure: it pays for work, not bytes
		}
	}
	credit := w.credit[ck] + added
	var out []wire.CID
	take := func(key provcore.Key) {
		if e, ok := w.m[key]; ok && e.peer == p && credit >= e.price {
			credit -= e.price
			out = append(out, e.cids...)
			delete(w.m, key)
			if w.released == nil {
				w.released = map[provcore.Key]time.Time{}
			}
			w.released[key] = e.at
		}
	}
	take(k)
	if credit > 0 {
		var rest []provcore.Key
		for key, e := range w.m {
			if key.Task.Job == k.Task.Job && e.peer == p {
				rest = append(rest, key)
			}
		}
		slices.SortFunc(rest, func(a, b provcore.Key) int {
			return cmp.Or(cmp.Compare(a.Task.Index, b.Task.Index), cmp.Compare(a.Attempt, b.Attempt))
		})
		for _, key := range rest {
			take(key)
		}
	}
	if credit > 0 {
		w.credit[ck] = credit
	} else {
		delete(w.credit, ck)
	}
	return out
}

// release lets the consumer at from read the outputs of the attempt its
// voucher v names, if v added at least the attempt's price to what this
// provider holds: a voucher sent again, or raised by less, releases
// nothing.
func (p *Provider) release(from peer.ID, v wire.Voucher, added wire.Amount) {
	cids := p.withheld.release(provcore.Key{Task: v.Task, Attempt: v.Attempt}, from, added)
	if len(cids) == 0 {
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
