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
// were signed. A send that fails is logged: a provider is owed what a lost
// voucher said, and the next voucher covers it.
type Settler struct {
	m   *Manager
	log *slog.Logger
	q   chan settleItem
}

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
	return &Settler{m: m, log: log, q: make(chan settleItem, 8192)}
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

// Run sends what is queued, in order, until ctx ends.
func (s *Settler) Run(ctx context.Context) {
	for {
		select {
		case <-ctx.Done():
			return
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
				sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
				if err := s.m.Send(sctx, it.peer, wire.TypeVoucher, it.v); err != nil {
					s.log.Debug("send voucher", "task", it.v.Task, "err", err)
				}
				cancel()
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
