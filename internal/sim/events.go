package sim

import (
	"math"
	"time"

	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/wire"
)

// kind is what happens at an event.
type kind uint8

const (
	evArrive  kind = iota // a job is submitted
	evTick                // the driver ticks the market
	evPublish             // a provider publishes its offer
	evOfferIn             // the offer reaches the consumer
	evBidReq              // a bid request reaches a provider
	evBidIn               // a bid reaches the consumer
	evBidFail             // the consumer gives up on a bid request
	evAssign              // an assignment reaches a provider
	evRunning             // the "running" status reaches the consumer
	evFinish              // a run ends at the provider
	evOutcome             // an attempt's outcome reaches the consumer (after verification)
	evAbort               // an abort reaches a provider
	evCrash               // a provider crashes
	evRejoin              // a crashed provider comes back
	evChecked             // the consumer's own run of a task ends
)

// event is one entry of the virtual-time queue. Payload fields are used
// according to kind.
type event struct {
	at   time.Duration
	seq  uint64
	kind kind
	once bool // evPublish: a one-off republication, not the periodic one
	gen  uint64
	job  int
	prov *provider
	run  *run
	req  *wire.BidRequest
	bid  *wire.Bid
	offr *wire.Offer
	out  *market.Outcome
	chk  *market.Checked
}

// queue is a binary min-heap of events by (at, seq): ties keep the order
// they were scheduled in, so a run is deterministic.
type queue []event

func (q queue) less(i, j int) bool {
	if q[i].at != q[j].at {
		return q[i].at < q[j].at
	}
	return q[i].seq < q[j].seq
}

func (q *queue) push(e event) {
	*q = append(*q, e)
	h := *q
	i := len(h) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !h.less(i, p) {
			break
		}
		h[i], h[p] = h[p], h[i]
		i = p
	}
}

func (q *queue) pop() event {
	h := *q
	n := len(h) - 1
	top := h[0]
	h[0] = h[n]
	h[n] = event{}
	h = h[:n]
	i := 0
	for {
		l, r, m := 2*i+1, 2*i+2, i
		if l < n && h.less(l, m) {
			m = l
		}
		if r < n && h.less(r, m) {
			m = r
		}
		if m == i {
			break
		}
		h[i], h[m] = h[m], h[i]
		i = m
	}
	*q = h
	return top
}

// splitmix is a counter-based source of randomness: draws for one attempt
// come from a hash of (seed, job, task, attempt, provider), so they do not
// depend on the order events happened in, and every policy meets the same
// luck for the same placement.
type splitmix struct{ s uint64 }

func mix(a ...uint64) splitmix {
	s := uint64(0x9e3779b97f4a7c15)
	for _, v := range a {
		s ^= v + 0x9e3779b97f4a7c15 + (s << 6) + (s >> 2)
		s = smix(s)
	}
	return splitmix{s}
}

func smix(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func (r *splitmix) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	return smix(r.s)
}

// float returns a uniform draw in [0, 1).
func (r *splitmix) float() float64 { return float64(r.next()>>11) / (1 << 53) }

// norm returns a standard normal draw (Box–Muller).
func (r *splitmix) norm() float64 {
	u := 1 - r.float()
	v := r.float()
	return math.Sqrt(-2*math.Log(u)) * math.Cos(2*math.Pi*v)
}
