package access

import (
	"sync"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/deco-network/deco/internal/clock"
	"github.com/deco-network/deco/internal/wire"
)

// OutputGrant is how long a provider lets the consumer read a result's
// outputs. The consumer fetches them as soon as the result arrives; an
// hour leaves room for many gigabytes on a slow link (a transfer that has
// started is not cut when the grant expires: only requests are checked).
const OutputGrant = time.Hour

// empty is the address of no bytes, which anyone may read.
var empty = wire.CIDOf(nil)

type key struct {
	peer peer.ID
	cid  wire.CID
}

// grant is what lets one peer read one blob: open leases and a timed
// grant's end.
type grant struct {
	leases int
	until  time.Time
}

func (g *grant) live(now time.Time) bool { return g.leases > 0 || now.Before(g.until) }

// Registry records which peer may read which blob. It is safe for
// concurrent use; its zero value is not usable, call New.
type Registry struct {
	clk clock.Clock

	mu     sync.Mutex
	grants map[key]*grant
	timed  int // grants with an end time, swept when they double
	sweep  int // timed count after the last sweep
}

// New returns a registry that grants nothing; clk tells timed grants'
// ends.
func New(clk clock.Clock) *Registry {
	return &Registry{clk: clk, grants: map[key]*grant{}, sweep: 64}
}

// Allowed reports whether peer p may read blob c.
func (r *Registry) Allowed(p peer.ID, c wire.CID) bool {
	if c == empty {
		return true
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	g := r.grants[key{p, c}]
	return g != nil && g.live(r.clk.Now())
}

// Lease is a grant that lasts until released.
type Lease struct {
	r    *Registry
	p    peer.ID
	cids []wire.CID
	once sync.Once
}

// Grant lets peer p read blobs cids until the lease is released.
func (r *Registry) Grant(p peer.ID, cids ...wire.CID) *Lease {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, c := range cids {
		r.entry(key{p, c}).leases++
	}
	return &Lease{r: r, p: p, cids: cids}
}

// entry is k's grant, new if it had none; r.mu is held.
func (r *Registry) entry(k key) *grant {
	g := r.grants[k]
	if g == nil {
		g = &grant{}
		r.grants[k] = g
	}
	return g
}

// Release ends the lease; p keeps reading a blob only under another grant.
// Releasing twice does nothing more.
func (l *Lease) Release() {
	l.once.Do(func() {
		r := l.r
		r.mu.Lock()
		defer r.mu.Unlock()
		now := r.clk.Now()
		for _, c := range l.cids {
			k := key{l.p, c}
			g := r.grants[k]
			if g == nil {
				continue
			}
			g.leases--
			if !g.live(now) {
				r.drop(k, g)
			}
		}
	})
}

// GrantFor lets peer p read blobs cids for d from now (or longer, if an
// earlier grant lasts longer).
func (r *Registry) GrantFor(p peer.ID, d time.Duration, cids ...wire.CID) {
	r.mu.Lock()
	defer r.mu.Unlock()
	now := r.clk.Now()
	until := now.Add(d)
	for _, c := range cids {
		g := r.entry(key{p, c})
		if g.until.IsZero() {
			r.timed++
		}
		if until.After(g.until) {
			g.until = until
		}
	}
	if r.timed > 2*r.sweep {
		r.expire(now)
	}
}

// expire drops every grant that no longer lets anyone read. Called when
// the timed grants have doubled since the last sweep, so the cost per
// grant stays constant.
func (r *Registry) expire(now time.Time) {
	for k, g := range r.grants {
		if !g.live(now) {
			r.drop(k, g)
		}
	}
	r.sweep = max(r.timed, 64)
}

func (r *Registry) drop(k key, g *grant) {
	if !g.until.IsZero() {
		r.timed--
	}
	delete(r.grants, k)
}

// Len is the number of (peer, blob) grants held, live or awaiting a sweep.
func (r *Registry) Len() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.grants)
}
