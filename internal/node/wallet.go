package node

import (
	"context"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/wallet"
	"github.com/deco-network/deco/internal/wire"
)

// wallet is the node's money as the API shows it (internal/wallet).
func (n *Node) wallet() wallet.Wallet {
	return wallet.Wallet{Chain: n.pay.chain, Consumer: n.pay.consumer, Provider: n.pay.provider, Log: n.pay.txs, Peer: n.host.ID().String(),
		Names: func(id wire.JobID) string {
			if j, err := n.jobs.Job(id); err == nil {
				return j.Spec.Name
			}
			return ""
		}}
}

// Redeem serves `deco wallet redeem` (POST /v1/wallet/redeem); the
// request's ctx bounds the redemption.
func (b backend) Redeem(ctx context.Context) (api.Redemption, error) { return b.n.wallet().Redeem(ctx) }

func (b backend) Wallet(ctx context.Context) (api.WalletView, error) { return b.n.wallet().View(ctx) }

func (b backend) Transaction(ctx context.Context, hash string) (api.TxView, error) {
	return b.n.wallet().Transaction(ctx, hash)
}
