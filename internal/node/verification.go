package node

import (
	"context"
	"strings"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/deco-network/deco/internal/fraud"
	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/p2p"
	"github.com/deco-network/deco/internal/verify"
)

// startSettlement starts the goroutine that sends vouchers and rejections
// in the order the market decided them (session.Settler).
func (n *Node) startSettlement(ctx context.Context) {
	n.settle = n.sessions.NewSettler(n.log.With("component", "settlement"))
	n.wg.Add(1)
	go func() { defer n.wg.Done(); n.settle.Run(ctx) }()
}

// rejectAttempt tells a provider the consumer will not pay for an attempt
// (its result lost the quorum), so it stops holding anything for it.
func (n *Node) rejectAttempt(ctx context.Context, e market.Reject) {
	if n.pay.consumer == nil {
		return // the provider holds nothing without payments
	}
	n.settle.Reject(ctx, e)
}

// signPay signs the next cumulative voucher for an accepted attempt, on
// the loop goroutine so the job's spend is up to date the moment the
// market has accepted the result; the settlement goroutine sends it.
func (n *Node) signPay(ctx context.Context, e market.Pay) {
	if _, ok := n.zk.Job(e.Task.Job); ok {
		return // paid on proof: the provider settles with the escrow itself
	}
	if n.opts.WithholdVoucher != nil && n.opts.WithholdVoucher(e) {
		n.perform(ctx, n.step(n.clk.Now(), market.Unpaid{Task: e.Task, Attempt: e.Attempt, Reason: "the consumer withheld the voucher"}))
		return
	}
	v, err := n.voucher(ctx, e.Task.Job, e.EVM, e.Price)
	if err != nil {
		n.log.Warn("sign voucher", "task", e.Task, "err", err)
		// No voucher: describe must not show the attempt as paid.
		n.perform(ctx, n.step(n.clk.Now(), market.Unpaid{Task: e.Task, Attempt: e.Attempt, Reason: err.Error()}))
		return
	}
	if v == nil {
		return // no payments on this network
	}
	v.Task, v.Attempt = e.Task, e.Attempt
	n.settle.Pay(ctx, e.Peer, v)
}

// startFraud builds the fraud reporter; call after startPayments (it
// fixes the receipt domain and the chain) and once n.zk is set.
func (n *Node) startFraud() {
	cfg := fraud.Config{Domain: n.domain, Proofs: n.zk, Logger: n.log.With("component", "fraud"),
		Gossip: func(ctx context.Context, ev verify.Evidence) error {
			raw, err := n.seal(fraud.TypeEvidence, ev, fraud.EvidenceTTL)
			if err != nil {
				return err
			}
			return n.host.Publish(ctx, p2p.TopicEvidence, raw)
		}}
	if n.pay.chain != nil {
		cfg.Chain, cfg.BadProofs = n.pay.chain, n.zk
	}
	n.fraud = fraud.New(cfg)
}

// reportFraud checks, gossips and reports evidence the market found.
func (n *Node) reportFraud(ctx context.Context, e market.Fraud) { n.fraud.Report(ctx, e) }

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
			if err := n.open(m.Data, m.From, fraud.TypeEvidence, &ev); err != nil {
				n.log.Debug("dropped evidence", "from", m.From, "err", err)
				continue
			}
			offender, err := n.fraud.Check(ev)
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
