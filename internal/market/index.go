package market

import (
	"container/heap"
	"sort"
	"time"

	"github.com/deco-network/deco/internal/sched"
	"github.com/deco-network/deco/internal/wire"
)

// The market's indexes keep the cost of an event independent of how many
// providers and tasks it knows (a consumer may see 10,000 offers and run
// 100,000 tasks), without changing what it decides:
//
//   - offers live in a dense list and those with free slots in a second
//     one, so a round filters only the free offers (and scans them all
//     only to explain why none fits);
//   - live jobs are kept in priority order, which aging does not change
//     (a job gains a level per minute it has waited, so two jobs' order is
//     fixed from the moment both exist);
//   - a job remembers, until one of its tasks changes (touch), that it has
//     nothing to place and how many of its tasks wait, so neither a drive
//     nor a round's backlog count walks every task of every job;
//   - live attempts' deadlines are a min-heap, so Tick finds the attempts
//     that timed out without walking every task.

// offer is a cached offer with its place in the market's lists.
type offer struct {
	wire.Offer
	latency time.Duration
	at      int  // index in Market.list
	freeAt  int  // index in Market.free (−1: no free slot)
	freeN   int  // Slots less this consumer's live attempts on it
	taint   bool // its provider was caught with an invalid result once: check Suspect
}

// hot is an offer's fields that whyNone filters on, kept dense (parallel
// to Market.list) so that explaining an empty round scans 10,000 offers in
// microseconds.
type hot struct {
	peer        string
	ask         wire.Amount
	memory      uint64
	cores, gpus int
	busy, taint bool
}

func hotOf(o *offer) hot {
	return hot{peer: o.Peer, ask: o.Ask, memory: o.Resources.Memory, cores: o.Resources.Cores, gpus: len(o.Resources.GPUs), busy: o.freeAt < 0, taint: o.taint}
}

// putOffer adds or replaces peer's offer in the cache.
func (m *Market) putOffer(o wire.Offer, latency time.Duration) {
	rec := m.offers[o.Peer]
	if rec == nil {
		rec = &offer{at: len(m.list), freeAt: -1, taint: m.taint[o.Peer]} // unreachable is cleared by this offer
		m.offers[o.Peer] = rec
		m.list = append(m.list, rec)
		m.hot = append(m.hot, hot{})
	}
	rec.Offer, rec.latency = o, latency
	m.refree(rec)
	m.hot[rec.at] = hotOf(rec)
}

// dropOffer removes rec from the cache.
func (m *Market) dropOffer(rec *offer) {
	if rec.freeAt >= 0 {
		m.unfree(rec)
	}
	n := len(m.list) - 1
	last := m.list[n]
	m.list[rec.at], m.hot[rec.at], last.at = last, m.hot[n], rec.at
	m.list, m.hot = m.list[:n], m.hot[:n]
	delete(m.offers, rec.Peer)
}

// freeSlots is how many more tasks rec's provider may take from this consumer.
func (m *Market) freeSlots(rec *offer) int { return rec.freeN }

// refree moves rec in or out of the free list after its slots or
// inflight count changed.
func (m *Market) refree(rec *offer) {
	rec.freeN = rec.Slots - m.inflight[rec.Peer]
	free := rec.freeN > 0
	switch {
	case free && rec.freeAt < 0:
		rec.freeAt = len(m.free)
		m.free = append(m.free, rec)
	case !free && rec.freeAt >= 0:
		m.unfree(rec)
	}
	if rec.at < len(m.hot) {
		m.hot[rec.at].busy = !free
	}
}

func (m *Market) unfree(rec *offer) {
	last := m.free[len(m.free)-1]
	m.free[rec.freeAt], last.freeAt = last, rec.freeAt
	m.free = m.free[:len(m.free)-1]
	rec.freeAt = -1
}

// slotsChanged re-files peer's offer after its inflight count changed.
func (m *Market) slotsChanged(peer string) {
	if rec := m.offers[peer]; rec != nil {
		m.refree(rec)
	}
}

// expireOffers drops the offers expired at now.
func (m *Market) expireOffers(now time.Time) {
	ms := now.UnixMilli()
	for i := len(m.list) - 1; i >= 0; i-- {
		if rec := m.list[i]; ms > rec.ExpiresMs {
			m.dropOffer(rec)
		}
	}
}

// initTaint marks, once, the providers of a reputation loaded before the
// first event that were ever caught with an invalid result: only those can
// be suspect (verify.Reputation.Suspect).
func (m *Market) initTaint(now time.Time) {
	if m.taintInit {
		return
	}
	m.taintInit = true
	for _, p := range m.rep.Peers() {
		if m.rep.Record(p, now).Invalid > 0 {
			m.markTaint(p)
		}
	}
}

func (m *Market) markTaint(peer string) {
	m.taint[peer] = true
	m.retaint(peer)
}

// retaint sets the flag that makes placement ask suspect() about peer's
// offer: it cheated once, or its link failed and it was not heard since.
func (m *Market) retaint(peer string) {
	_, gone := m.unreachable[peer]
	if rec := m.offers[peer]; rec != nil {
		rec.taint = m.taint[peer] || gone
		m.hot[rec.at].taint = rec.taint
	}
}

// ordered returns the live jobs in the order drive serves them: highest
// effective priority first (its priority plus a level per minute it has
// waited: aging), then oldest, then by id.
// Terminal jobs may still be listed: callers skip them.
func (m *Market) ordered() []*Job {
	if m.orderDirty {
		m.orderDirty = false
		live := m.order[:0]
		for _, j := range m.order {
			if !j.State.Terminal() {
				live = append(live, j)
			}
		}
		clear(m.order[len(live):])
		m.order = live
		sort.SliceStable(m.order, func(i, k int) bool {
			a, b := m.order[i], m.order[k]
			if pa, pb := agingKey(a), agingKey(b); pa != pb {
				return pa > pb
			}
			if !a.CreatedAt.Equal(b.CreatedAt) {
				return a.CreatedAt.Before(b.CreatedAt)
			}
			return a.ID < b.ID
		})
	}
	return m.order
}

// agingKey orders jobs by effective priority at any instant: priority in
// minutes minus the creation time, exactly (now is common to all).
func agingKey(j *Job) int64 {
	return int64(j.Spec.Priority)*int64(time.Minute) - j.CreatedAt.UnixNano()
}

// waiting is the number of j's tasks waiting for a provider (pending,
// retrying or in an auction), cached until one of them changes.
func (m *Market) waiting(j *Job) int {
	if j.waitGen != j.gen+1 {
		n := 0
		for _, t := range j.Tasks {
			if t.State == TaskPending || t.State == TaskRetrying || t.State == TaskBidding {
				n++
			}
		}
		j.waitN, j.waitGen = n, j.gen+1
	}
	return j.waitN
}

// dueAt is a live attempt's deadline in the heap.
type dueAt struct {
	at   time.Time
	job  *Job
	task int
	n    int
}

type deadlines []dueAt

func (h deadlines) Len() int           { return len(h) }
func (h deadlines) Less(i, k int) bool { return h[i].at.Before(h[k].at) }
func (h deadlines) Swap(i, k int)      { h[i], h[k] = h[k], h[i] }
func (h *deadlines) Push(x any)        { *h = append(*h, x.(dueAt)) }
func (h *deadlines) Pop() any {
	old := *h
	x := old[len(old)-1]
	old[len(old)-1] = dueAt{}
	*h = old[:len(old)-1]
	return x
}

// overdue pops the live attempts whose deadline passed at now, by job.
func (m *Market) overdue(now time.Time) map[*Job][]dueAt {
	var out map[*Job][]dueAt
	for len(m.deadlines) > 0 && now.After(m.deadlines[0].at) {
		d := heap.Pop(&m.deadlines).(dueAt)
		if d.job.State.Terminal() {
			continue
		}
		if a := &d.job.Tasks[d.task].Attempts[d.n-1]; !a.Live() || !a.Deadline.Equal(d.at) {
			continue
		}
		if out == nil {
			out = map[*Job][]dueAt{}
		}
		out[d.job] = append(out[d.job], d)
	}
	for _, ds := range out {
		sort.Slice(ds, func(i, k int) bool {
			if ds[i].task != ds[k].task {
				return ds[i].task < ds[k].task
			}
			return ds[i].n < ds[k].n
		})
	}
	return out
}

// pool is a round's eligible providers as a sched.Pool: the free offers
// that pass the job's requirements, looked up one by one or listed.
type pool struct {
	m        *Market
	j        *Job
	now      time.Time
	replicas []*Task
}

// eligible reports whether free offer o passes the job's requirements.
func (p *pool) eligible(o *offer) bool {
	m, j := p.m, p.j
	need := j.Spec.Resources
	switch {
	case o.Ask > j.Spec.Price.Max:
		return false
	case o.taint && m.suspect(o.Peer, p.now):
		return false
	case o.Resources.Memory < uint64(need.Memory) || o.Resources.Cores < need.CPU || len(o.Resources.GPUs) < need.GPU:
		return false
	case !hasLabels(o.Labels, j.Spec.Labels):
		return false
	case p.replicas != nil && m.excludedAll(p.replicas, o):
		return false
	}
	return true
}

func (p *pool) candidate(o *offer) sched.Candidate {
	return sched.Candidate{Peer: o.Peer, Price: o.Ask, Slots: p.m.freeSlots(o), Benchmark: o.Benchmark, Latency: o.latency}
}

// Len implements sched.Pool: the providers with free slots, an upper bound.
func (p *pool) Len() int { return len(p.m.free) }

// All implements sched.Pool. The list is the market's, rewritten by the
// next round: a round with thousands of free offers would otherwise
// allocate hundreds of KiB, and a batch of held jobs asks every 500 ms.
func (p *pool) All() []sched.Candidate {
	out := p.m.all[:0]
	for _, o := range p.m.free {
		if p.eligible(o) {
			out = append(out, p.candidate(o))
		}
	}
	p.m.all = out
	return out
}

// Lookup implements sched.Pool.
func (p *pool) Lookup(peer string) (sched.Candidate, bool) {
	o := p.m.offers[peer]
	if o == nil || o.freeAt < 0 || !p.eligible(o) {
		return sched.Candidate{}, false
	}
	return p.candidate(o), true
}

// LookupHint implements sched.HintedPool: the memo is the offer's place in
// Market.list, checked against the peer id in the dense hot list, so that
// a busy provider is turned down without reading its offer.
func (p *pool) LookupHint(peer string, hint *int32) (sched.Candidate, bool) {
	m := p.m
	h := int(*hint)
	if h < 0 || h >= len(m.hot) || m.hot[h].peer != peer {
		o := m.offers[peer]
		if o == nil {
			return sched.Candidate{}, false
		}
		h = o.at
		*hint = int32(h)
	}
	if m.hot[h].busy {
		return sched.Candidate{}, false
	}
	o := m.list[h]
	if !p.eligible(o) {
		return sched.Candidate{}, false
	}
	return p.candidate(o), true
}
