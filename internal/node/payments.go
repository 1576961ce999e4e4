package node

import (
	"context"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/deco-network/deco/internal/anchor"
	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/pay"
	"github.com/deco-network/deco/internal/pricing"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/stake"
	"github.com/deco-network/deco/internal/wallet"
	"github.com/deco-network/deco/internal/wire"
	"github.com/deco-network/deco/internal/zkjob"
)

// payments is the node's link to the chain; nil fields mean no payments.
type payments struct {
	chain    chain.Chain
	consumer *pay.Consumer
	provider *pay.Provider
	proofs   *pay.Proofs  // settles zk tasks (nil: the chain cannot)
	stake    *stake.Cache // providers' standing; only staked, bound ones are asked for bids
	txs      *wallet.Log  // the transactions the node sent, for the wallet view
}

// startPayments connects to the chain (from Options.Chain or the config)
// and starts the consumer's payment loop (the provider's redemptions are
// scheduled by its provider machine).
func (n *Node) startPayments(ctx context.Context) error {
	c := n.opts.Chain
	if c == nil && n.opts.Config.Chain.RPC != "" {
		cc := n.opts.Config.Chain
		addrs := chain.Addresses{Token: common.HexToAddress(cc.Token), Registry: common.HexToAddress(cc.Registry), Escrow: common.HexToAddress(cc.Escrow)}
		if err := addrs.Validate(); err != nil {
			return fmt.Errorf("chain config: %w", err)
		}
		dctx, cancel := context.WithTimeout(ctx, 30*time.Second)
		defer cancel()
		cl, err := chain.Dial(dctx, cc.RPC, n.id.EVMKey, addrs, chain.WithLogger(n.log.With("component", "chain")))
		if err != nil {
			return fmt.Errorf("connect to the chain at %s: %w", cc.RPC, err)
		}
		c = cl
	}
	if c == nil {
		n.log.Info("payments off (no chain): nobody is paid, and providers are asked for bids without stake")
		return nil
	}
	n.pay.chain = c
	var err error
	if n.pay.txs, err = wallet.OpenLog(n.db, n.clk); err != nil {
		return err
	}
	if o, ok := c.(wallet.Observer); ok {
		o.Observe(n.pay.txs.Record)
	}
	if reg, ok := c.(stake.Registry); ok {
		n.pay.stake = stake.New(reg, stake.Options{Logger: n.log.With("component", "stake"), Clock: n.clk})
		n.wg.Add(1)
		go func() { defer n.wg.Done(); n.pay.stake.Run(ctx) }()
	}
	n.domain = c.Domain().Verify()
	n.pay.consumer = pay.NewConsumer(c, n.db, n.log.With("component", "pay"), n.clk)
	n.wg.Add(1)
	go func() { defer n.wg.Done(); n.pay.consumer.Run(ctx) }()
	if ac, ok := c.(anchor.Chain); ok {
		n.anchor = anchor.New(anchor.Config{Chain: ac, Domain: n.domain, Clock: n.clk, Logger: n.log.With("component", "anchor")})
		n.wg.Add(1)
		go func() { defer n.wg.Done(); n.anchor.Run(ctx) }()
	}
	if n.opts.Config.Provider.Enabled {
		// Its redemption schedule is the provider machine's (internal/providing).
		n.pay.provider = pay.NewProvider(c, n.db, n.log.With("component", "pay"), n.clk, n.opts.Redeem)
		if pe, ok := c.(chain.ProofEscrow); ok {
			n.pay.proofs = pay.NewProofs(pe, n.log.With("component", "pay"), pay.ProofOptions{Clock: n.clk})
		}
	}
	n.log.Info("payments on", "chain", c.ChainID(), "escrow", c.Contracts().Escrow.Hex())
	return nil
}

// openEscrow deposits the job's budget before any bid request goes out.
func (n *Node) openEscrow(ctx context.Context, id wire.JobID, s spec.Job) error {
	if n.pay.consumer == nil {
		return nil
	}
	budget, err := pricing.Budget(s.Tasks.Count, s.Policy().Paid(), s.Price.Max, s.Price.Budget)
	if err != nil {
		return fmt.Errorf("open the job's escrow: %w", err)
	}
	// The deadline is checked against block time (see zkjob.ChainNow).
	deadline := zkjob.ChainNow(ctx, n.clk, n.pay.chain).Add(n.escrowWindow(s))
	if err := n.pay.consumer.Open(ctx, id, budget, deadline); err != nil {
		return fmt.Errorf("open the job's escrow (%s DECO for %d tasks × %d paid replicas at most %s each): %w", budget, s.Tasks.Count, s.Policy().Paid(), s.Price.Max, err)
	}
	return nil
}

// escrowWindow is how long the escrow stays open for work: the job's
// deadline on chain. The unspent deposit is refunded after it (plus the
// contract's grace period), so it is not longer than the job needs.
func (n *Node) escrowWindow(s spec.Job) time.Duration {
	if n.opts.EscrowWindow > 0 {
		return n.opts.EscrowWindow
	}
	return max(15*time.Minute, 4*time.Duration(s.Timeout))
}

// voucher signs the next cumulative voucher for a verified task.
func (n *Node) voucher(ctx context.Context, job wire.JobID, provider string, price wire.Amount) (*wire.Voucher, error) {
	if n.pay.consumer == nil {
		return nil, nil
	}
	v, err := n.pay.consumer.Voucher(ctx, job, common.HexToAddress(provider), price)
	if err != nil {
		return nil, err
	}
	return &v, nil
}

// paymentView is what `deco job describe` shows about a voucher job's
// money (nil without payments or an escrow).
func (n *Node) paymentView(ctx context.Context, job wire.JobID) *api.PaymentView {
	if n.pay.consumer == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	e, err := n.pay.consumer.Status(ctx, job)
	return api.PaymentViewOf(n.pay.chain.Contracts().Escrow.Hex(), e, err)
}

// eligible says whether peer p, paid at evm, may be asked for bids: with
// payments on, only a staked provider bound to p (internal/stake logs why not).
func (n *Node) eligible(ctx context.Context, p peer.ID, evm string) error {
	if n.pay.stake == nil {
		return nil
	}
	return n.pay.stake.Eligible(ctx, p, common.HexToAddress(evm))
}

// stake reads a provider's bonded stake for `deco providers`.
func (n *Node) stake(ctx context.Context, evm string) (wire.Amount, bool) {
	if n.pay.chain == nil {
		return 0, false
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	s, err := n.pay.chain.StakeOf(ctx, common.HexToAddress(evm))
	if err != nil {
		return 0, false
	}
	return wire.Amount(new(big.Int).Div(s, wire.Amount(1).Wei()).Uint64()), true
}

// repay has the escrow make good what a crash between a persisted Pay
// and its voucher lost (pay.Consumer.Resume), before the restored jobs'
// fetches: the settler sends in order.
func (n *Node) repay(ctx context.Context, jobs []*market.Job) {
	for _, j := range jobs {
		if _, zk := n.zk.Job(j.ID); zk || n.pay.consumer == nil {
			continue
		}
		resend, err := n.pay.consumer.Resume(j.ID, pay.PaidOf(j))
		if err != nil {
			n.log.Warn("vouchers lost in a restart not made good", "job", j.ID.Short(), "err", err)
		}
		for _, r := range resend {
			n.settle.Pay(ctx, r.Peer, &r.Voucher)
		}
	}
}
