package session

import (
	"context"
	"log/slog"
	"time"

	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/wire"
)

// Settler carries the market's acceptance decisions to providers in the
// order the market made them: the signed voucher of each accepted attempt
// and the "done, no pay" notice of each rejected one. One goroutine (Run)
// sends them, so a provider's cumulative vouchers arrive in the order they
// were signed.
//
// A voucher that cannot be sent (the provider is down) is kept as owed:
// the next voucher for that provider and job covers it (vouchers are
// cumulative), and until one does, Run sends it again with backoff
// (owedFirst, doubling to owedMax, for owedFor), so a provider that comes
// back, on a new address found through the DHT or gossip, still receives
// what it earned before it went down (a dead provider's checkpoint
// segment is paid after it died).
type Settler struct {
	m    *Manager
	log  *slog.Logger
	q    chan settleItem
	owed map[owedKey]*owedVoucher // touched by Run only
}

// owedKey names a provider's vouchers for one job.
type owedKey struct {
	peer string
	job  wire.JobID
}

// owedVoucher is the latest voucher a provider did not receive.
type owedVoucher struct {
	v           *wire.Voucher
	since, next time.Time
	delay       time.Duration
}

// Re-sending an owed voucher: first after owedFirst, then backing off to
// owedMax between tries, given up after owedFor (longer than a job's
// escrow stays open by default, so nothing redeemable is dropped).
const (
	owedFirst = time.Second
	owedMax   = 30 * time.Second
	owedFor   = time.Hour
	// owedSend bounds one re-send, so a dead provider's dial holds the
	// queue only briefly.
	owedSend = 5 * time.Second
)

// settleItem is a voucher (v set), a fetch of paid outputs (fetch set)
// or a rejection on its way to a provider.
type settleItem struct {
	peer   string
	v      *wire.Voucher
	fetch  *market.Fetch
	reject market.Reject
}

// NewSettler returns a Settler sending on m's links; start its Run.
func (m *Manager) NewSettler(log *slog.Logger) *Settler {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Settler{m: m, log: log, q: make(chan settleItem, 8192), owed: map[owedKey]*owedVoucher{}}
}

// Pay queues voucher v for peer.
func (s *Settler) Pay(ctx context.Context, peer string, v *wire.Voucher) {
	s.enqueue(ctx, settleItem{peer: peer, v: v})
}

// Fetch queues the fetch of a paid attempt's outputs. It starts once
// every voucher queued before it has been sent (its own among them), runs
// on its own goroutine and posts its end (market.Stored).
func (s *Settler) Fetch(ctx context.Context, e market.Fetch) {
	s.enqueue(ctx, settleItem{peer: e.Peer, fetch: &e})
}

// Reject queues the notice that the consumer will not pay for e's attempt
// (its result lost the quorum), so the provider stops holding anything
// for it.
func (s *Settler) Reject(ctx context.Context, e market.Reject) {
	s.enqueue(ctx, settleItem{peer: e.Peer, reject: e})
}

func (s *Settler) enqueue(ctx context.Context, it settleItem) {
	select {
	case s.q <- it:
	case <-ctx.Done():
	}
}

// Run sends what is queued, in order, until ctx ends, and re-sends owed
// vouchers as they fall due.
func (s *Settler) Run(ctx context.Context) {
	tick := time.NewTicker(owedFirst)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-tick.C:
			s.resend(ctx, now)
		case it := <-s.q:
			if it.fetch != nil {
				s.m.wg.Add(1)
				go func() {
					defer s.m.wg.Done()
					e := *it.fetch
					st := market.Stored{Task: e.Task, Attempt: e.Attempt}
					if err := s.m.FetchOutputs(ctx, e); err != nil {
						if ctx.Err() != nil {
							return // shutting down: a restart fetches again
						}
						st.Err = err.Error()
					}
					s.m.post(ctx, st)
				}()
				continue
			}
			if it.v != nil {
				s.send(ctx, it.peer, it.v, 30*time.Second, time.Now())
				continue
			}
			e := it.reject
			sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
			if err := s.m.Send(sctx, e.Peer, wire.TypeCancel, wire.Cancel{Task: e.Task, Attempt: e.Attempt, Reason: e.Reason}); err != nil {
				s.log.Debug("send reject", "task", e.Task, "err", err)
			}
			cancel()
		}
	}
}

// send sends voucher v to peer, and keeps it as owed if it could not
// (or forgets what it covers if it could).
func (s *Settler) send(ctx context.Context, peer string, v *wire.Voucher, limit time.Duration, now time.Time) {
	sctx, cancel := context.WithTimeout(ctx, limit)
	err := s.m.Send(sctx, peer, wire.TypeVoucher, v)
	cancel()
	k := owedKey{peer, v.Job}
	o := s.owed[k]
	if err == nil {
		if o != nil && o.v.Cumulative <= v.Cumulative {
			delete(s.owed, k)
			s.log.Info("owed voucher delivered", "provider", peer, "job", v.Job.Short(), "cumulative", v.Cumulative)
		}
		return
	}
	if ctx.Err() != nil {
		return // shutting down: a restart re-sends what the market paid
	}
	switch {
	case o == nil:
		s.owed[k] = &owedVoucher{v: v, since: now, next: now.Add(owedFirst), delay: owedFirst}
		s.log.Info("voucher not delivered; sending it again until the provider is back", "provider", peer, "job", v.Job.Short(), "task", v.Task, "err", err)
	case o.v.Cumulative <= v.Cumulative:
		o.v = v
	}
}

// resend tries the owed vouchers that are due.
func (s *Settler) resend(ctx context.Context, now time.Time) {
	for k, o := range s.owed {
		if now.Before(o.next) {
			continue
		}
		if now.Sub(o.since) > owedFor {
			delete(s.owed, k)
			s.log.Warn("gave up re-sending a voucher: the provider did not come back", "provider", k.peer, "job", k.job.Short(), "cumulative", o.v.Cumulative)
			continue
		}
		o.delay = min(2*o.delay, owedMax)
		o.next = now.Add(o.delay)
		s.send(ctx, k.peer, o.v, owedSend, now)
		if ctx.Err() != nil {
			return
		}
	}
}
