package providing

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/deco-network/deco/internal/p2p"
	provcore "github.com/deco-network/deco/internal/provider"
	"github.com/deco-network/deco/internal/runner"
	"github.com/deco-network/deco/internal/session"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

// notProvider is what a node that does not provide answers.
const notProvider = "this node is not a provider"

// HandleBid answers /deco/bid/1: one signed request, one signed bid. The
// provider machine decides; this checks who asks and looks up the escrow
// facts it needs. A request whose consumer is not bound to the peer that
// sent it is refused: a bid is what lets a peer assign work charged to
// that consumer's escrow.
func (p *Provider) HandleBid(ctx context.Context, from peer.ID, raw []byte) ([]byte, error) {
	var req wire.BidRequest
	if err := p.cfg.Open(raw, from, wire.TypeBidRequest, &req); err != nil {
		return nil, fmt.Errorf("bad bid request from %s: %w", from, err)
	}
	refuse := func(reason string) ([]byte, error) {
		return p.cfg.Seal(wire.TypeBid, wire.Bid{Job: req.Job, Round: req.Round, EVM: p.cfg.Binding.EVM, Reason: reason, Binding: p.cfg.Binding}, session.MsgTTL)
	}
	l := p.active.Load()
	if l == nil {
		return refuse(notProvider)
	}
	if err := verify.CheckBinding(req.Binding, from.String(), req.Consumer); err != nil {
		return refuse(fmt.Sprintf("bid request refused: %v", err))
	}
	es := p.escrowFacts(ctx, req.Job, req.Consumer, true)
	answers, err := l.step(ctx, provcore.BidRequested{Peer: from.String(), Req: req, Escrow: es})
	if err != nil {
		return nil, err
	}
	b := answers[0].Bid
	b.Binding = p.cfg.Binding
	return p.cfg.Seal(wire.TypeBid, b, session.MsgTTL)
}

// HandleTask serves one consumer's task session (/deco/task/2): its
// assignments, cancellations and vouchers go to the provider machine,
// which runs, stops and answers them; status and results are written back
// on the same stream. When the consumer goes away every task of the
// session stops. An assignment's consumer must be bound to the session's
// peer; the machine then holds it to a bid made to that peer.
func (p *Provider) HandleTask(ctx context.Context, s *p2p.Stream) {
	from := s.Remote()
	defer s.Close()
	var wmu sync.Mutex
	write := func(typ string, v any) error {
		b, err := wire.EncodeFrame(typ, v)
		if err != nil {
			return err
		}
		wmu.Lock()
		defer wmu.Unlock()
		return s.WriteMsg(b)
	}
	l := p.active.Load()
	var sid uint64
	var beats *beater
	if l != nil {
		id, err := l.open(ctx, from, write)
		if err != nil {
			return
		}
		sid = id
		defer l.end(sid)
		bctx, stop := context.WithCancel(ctx)
		defer stop()
		beats = &beater{p: p, l: l, sid: sid, write: write, gone: func(reason string) {
			p.log.Warn("consumer gone", "peer", from, "reason", reason)
			s.Reset() // the read below fails: the session ends and its attempts stop
		}}
		p.wg.Add(1)
		go func() { defer p.wg.Done(); beats.run(bctx) }()
	}
	for {
		raw, err := s.ReadMsg(wire.MaxMessage)
		if err != nil {
			return // closed or reset by the consumer, or it died
		}
		f, err := wire.DecodeFrame(raw)
		if err != nil {
			p.log.Debug("malformed task-session message", "from", from, "err", err)
			return
		}
		switch f.Type {
		case wire.TypeAssign:
			var a wire.Assign
			if err := f.Open(wire.TypeAssign, &a); err != nil {
				p.log.Debug("bad assignment", "from", from, "err", err)
				return
			}
			refuse := func(msg string) {
				write(wire.TypeResult, wire.Result{Task: a.Spec.Task, Attempt: a.Spec.Attempt, Failure: wire.FailProvider, Message: msg})
			}
			if l == nil {
				refuse(notProvider)
				continue
			}
			if err := verify.CheckBinding(a.Binding, from.String(), a.Consumer); err != nil {
				p.log.Warn("assignment refused: its consumer is not the session's peer", "from", from, "task", a.Spec.Task, "err", err)
				refuse(fmt.Sprintf("assignment refused: %v", err))
				continue
			}
			es := p.escrowFacts(ctx, a.Spec.Task.Job, a.Consumer, false)
			if _, err := l.step(ctx, provcore.TaskAssigned{Session: sid, Peer: from.String(), Assign: a, Escrow: es}); err != nil {
				return
			}
		case wire.TypeBeatAck:
			var a wire.BeatAck
			if err := f.Open(wire.TypeBeatAck, &a); err != nil {
				p.log.Debug("bad heartbeat ack", "from", from, "err", err)
				return
			}
			if beats != nil {
				beats.ack(a.Seq)
			}
		case wire.TypeCancel:
			var c wire.Cancel
			if err := f.Open(wire.TypeCancel, &c); err != nil {
				p.log.Debug("bad cancel", "from", from, "err", err)
				return
			}
			if l != nil {
				l.step(ctx, provcore.Cancelled{Key: provcore.Key{Task: c.Task, Attempt: c.Attempt}})
			}
		case wire.TypeVoucher:
			var v wire.Voucher
			if err := f.Open(wire.TypeVoucher, &v); err != nil {
				p.log.Debug("bad voucher", "from", from, "err", err)
				return
			}
			pp := p.cfg.Payments
			if pp == nil || l == nil {
				continue
			}
			// What the voucher adds is what it raised the cumulative amount
			// by. (Measured on the pending amount, a redemption finishing
			// meanwhile hid it, and the outputs it paid for stayed withheld:
			// found by the chaos test under load.)
			before := pp.Holding(v.Job).Cumulative
			if err := pp.Accept(ctx, v); err != nil {
				p.log.Warn("voucher refused", "task", v.Task, "err", err)
				continue
			}
			held := pp.Holding(v.Job)
			var added wire.Amount
			if held.Cumulative > before {
				added = held.Cumulative - before
			}
			p.release(from, v, added)
			l.step(ctx, provcore.VoucherAccepted{Key: provcore.Key{Task: v.Task, Attempt: v.Attempt}, Added: added, Held: held})
		case wire.TypeShare:
			var sh wire.Share
			if err := f.Open(wire.TypeShare, &sh); err != nil {
				p.log.Debug("bad share", "from", from, "err", err)
				return
			}
			p.share(from, sh)
		default:
			p.log.Debug("unexpected task-session message", "from", from, "type", f.Type)
			return
		}
	}
}

// serveTask runs one attempt the machine started in slot r.Slot and
// reports its end. A proof task is then settled on chain: the escrow
// checks the proof and pays us, no voucher comes.
func (l *loop) serveTask(ctx context.Context, cancel context.CancelFunc, r provcore.Run, s *servedSession) {
	p := l.p
	defer p.wg.Done()
	defer cancel()
	spec := r.Assign.Spec
	live := p.lives.start(r.Key)
	res, claim := p.run.RunHooks(ctx, s.peer, r.Assign, r.Slot, runner.Hooks{
		Status: func(state, msg string) {
			s.write(wire.TypeStatus, wire.Status{Task: spec.Task, Attempt: spec.Attempt, State: state, Message: msg})
		},
		OnCheckpoint: func(c wire.Checkpoint) {
			s.write(wire.TypeStatus, wire.Status{Task: spec.Task, Attempt: spec.Attempt, State: "checkpoint", Checkpoint: &c})
		},
		Live: live,
	})
	p.lives.end(r.Key) // the rest of its output is in the result
	stopped := ctx.Err() != nil
	if p.cfg.Malice != nil && !stopped {
		p.cfg.Malice(&res)
	}
	if p.cfg.Payments != nil && spec.Kind != wire.KindZK && res.Receipt != nil && res.ExitCode == 0 && !stopped {
		p.withheld.hold(r.Key, s.peer, r.Assign.Price, runner.Withheld(res), p.cfg.Clock.Now())
	}
	// The slot is free once the sandbox is clean; the result's blobs are
	// stored or inline. The machine sends the result unless it stopped it.
	l.finished(r.Key, res)
	if claim == nil || stopped || p.cfg.Payments == nil {
		return
	}
	// The session may end meanwhile; the claim stands.
	sctx, scancel := context.WithTimeout(context.WithoutCancel(ctx), 3*time.Minute)
	defer scancel()
	var err error
	if p.cfg.Proofs == nil {
		err = errors.New("this chain client cannot settle proofs")
	} else {
		err = p.cfg.Proofs.Settle(sctx, spec.Task.Job, *claim)
	}
	if err != nil {
		p.log.Warn("settle zk task on chain", "task", spec.Task, "err", err)
	} else {
		p.log.Info("zk task paid on proof", "task", spec.Task)
	}
	l.step(sctx, provcore.Settled{Key: r.Key})
}

// escrowFacts looks up what the machine needs to know of job's escrow
// (chain reads, cached by pay): nothing when payments are off.
func (p *Provider) escrowFacts(ctx context.Context, job wire.JobID, consumer string, bid bool) provcore.Escrow {
	pp := p.cfg.Payments
	if pp == nil {
		return provcore.Escrow{}
	}
	cover, err := pp.Cover(ctx, job, common.HexToAddress(consumer))
	if err != nil {
		return provcore.Escrow{On: true, Err: err.Error()}
	}
	es := provcore.Escrow{On: true, Cover: cover}
	if bid {
		// A proof escrow pays its own price per task: the machine bids it.
		if price, ok, err := pp.ProofPrice(ctx, job); err == nil && ok {
			es.ProofPrice = price
		}
	}
	return es
}
