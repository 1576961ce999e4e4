package node

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/p2p"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

// TypeEvidence is the signed envelope type of gossiped fraud evidence.
const TypeEvidence = "evidence/1"

// evidenceTTL bounds how long a gossiped evidence envelope is relayed.
const evidenceTTL = 24 * time.Hour

// settlement carries out the market's acceptance decisions in order:
// a signed voucher for each accepted attempt (market.Pay), a "done, no pay"
// notice for each rejected one (market.Reject). One goroutine sends them
// so a provider's cumulative vouchers arrive in the order they were signed.
type settlement struct {
	q chan any // signedPay or market.Reject
}

func (n *Node) startSettlement(ctx context.Context) {
	n.settle.q = make(chan any, 8192)
	n.wg.Add(1)
	go func() {
		defer n.wg.Done()
		for {
			select {
			case <-ctx.Done():
				return
			case e := <-n.settle.q:
				switch e := e.(type) {
				case signedPay:
					n.sendPay(ctx, e)
				case market.Reject:
					n.rejectAttempt(ctx, e)
				}
			}
		}
	}()
}

func (n *Node) enqueueSettlement(ctx context.Context, e any) {
	select {
	case n.settle.q <- e:
	case <-ctx.Done():
	}
}

// signPay signs the next cumulative voucher for an accepted attempt, on
// the loop goroutine so the job's spend is up to date the moment the
// market has accepted the result; the settlement goroutine sends it.
func (n *Node) signPay(ctx context.Context, e market.Pay) {
	if _, ok := n.zk.Job(e.Task.Job); ok {
		return // paid on proof: the provider settles with the escrow itself
	}
	v, err := n.voucher(ctx, e.Task.Job, e.EVM, e.Price)
	if err != nil {
		n.log.Warn("sign voucher", "task", e.Task, "err", err)
		return
	}
	if v == nil {
		return // no payments on this network
	}
	v.Task, v.Attempt = e.Task, e.Attempt
	n.enqueueSettlement(ctx, signedPay{peer: e.Peer, v: v})
}

// signedPay is a voucher on its way to a provider.
type signedPay struct {
	peer string
	v    *wire.Voucher
}

// sendPay sends a signed voucher on the task session. A failure is logged:
// the provider is owed the amount and the next voucher covers it.
func (n *Node) sendPay(ctx context.Context, p signedPay) {
	sctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := n.sessions.Send(sctx, p.peer, wire.TypeVoucher, p.v); err != nil {
		n.log.Debug("send voucher", "task", p.v.Task, "err", err)
	}
}

// rejectAttempt tells a provider the consumer will not pay for an attempt
// (its result lost the quorum), so it stops holding anything for it.
func (n *Node) rejectAttempt(ctx context.Context, e market.Reject) {
	if n.pay.consumer == nil {
		return // the provider holds nothing without payments
	}
	sctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := n.sessions.Send(sctx, e.Peer, wire.TypeCancel, wire.Cancel{Task: e.Task, Attempt: e.Attempt, Reason: e.Reason}); err != nil {
		n.log.Debug("send reject", "task", e.Task, "err", err)
	}
}

// reportFraud handles evidence the market found: check it (never trust
// even ourselves blindly), gossip it so other consumers learn, and submit
// equivocation and signed bad proofs on chain, where the escrow slashes
// the provider's stake.
func (n *Node) reportFraud(ctx context.Context, e market.Fraud) {
	offender, err := e.Evidence.Check(n.domain, n.zk)
	if err != nil {
		n.log.Warn("fraud evidence does not check out; not reported", "task", e.Task, "err", err)
		return
	}
	n.log.Warn("provider caught cheating", "peer", e.Peer, "evm", offender.Hex(), "kind", e.Evidence.Kind, "task", e.Task)
	if raw, err := n.seal(TypeEvidence, e.Evidence, evidenceTTL); err == nil {
		if err := n.host.Publish(ctx, p2p.TopicEvidence, raw); err != nil && ctx.Err() == nil {
			n.log.Debug("gossip evidence", "err", err)
		}
	}
	if n.pay.chain == nil {
		return
	}
	if e.Evidence.Claimed() {
		n.zk.ReportBadProof(ctx, e.Evidence, offender)
		return
	}
	if e.Evidence.Kind != verify.KindEquivocation {
		return
	}
	a, errA := chain.ReceiptFromWire(*e.Evidence.A)
	b, errB := chain.ReceiptFromWire(*e.Evidence.B)
	if err := errors.Join(errA, errB); err != nil {
		n.log.Warn("equivocation evidence cannot go on chain", "err", err)
		return
	}
	cctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	if err := n.pay.chain.ReportEquivocation(cctx, a, e.Evidence.SigA, b, e.Evidence.SigB); err != nil {
		n.log.Warn("report equivocation on chain", "evm", offender.Hex(), "err", err)
		return
	}
	n.log.Info("equivocation reported on chain: the provider's stake is slashed", "evm", offender.Hex())
}

// consumeEvidence reads gossiped evidence, checks it itself and tells the
// market about the offender: anyone can check evidence, so it does not
// matter who sent it.
func (n *Node) consumeEvidence(ctx context.Context, msgs <-chan p2p.Message) {
	for {
		select {
		case <-ctx.Done():
			return
		case m, ok := <-msgs:
			if !ok {
				return
			}
			if m.From == n.host.ID() {
				continue
			}
			var ev verify.Evidence
			if err := n.open(m.Data, m.From, TypeEvidence, &ev); err != nil {
				n.log.Debug("dropped evidence", "from", m.From, "err", err)
				continue
			}
			offender, err := ev.Check(n.domain, n.zk)
			if err != nil {
				n.log.Debug("gossiped evidence does not check out", "from", m.From, "err", err)
				continue
			}
			var peers []string
			n.call(ctx, func() {
				for _, o := range n.market.Offers() {
					if o.EVM != "" && strings.EqualFold(o.EVM, offender.Hex()) {
						peers = append(peers, o.Peer)
					}
				}
			})
			for _, p := range peers {
				n.post(ctx, market.FraudProven{Peer: p, Evidence: ev})
				n.log.Warn("learned of a cheating provider from gossip", "peer", p, "evm", offender.Hex(), "reporter", m.From)
			}
		}
	}
}

// peerNet is the network key of p (see verify.Subnet), "" if unknown.
func (n *Node) peerNet(p peer.ID) string {
	ip, ok := n.host.RemoteIP(p)
	if !ok {
		return ""
	}
	return verify.Subnet(ip)
}
