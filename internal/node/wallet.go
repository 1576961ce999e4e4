package node

import (
	"context"
	"errors"
	"strings"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/chain"
)

// Redeem serves `deco wallet redeem` (POST /v1/wallet/redeem): the
// provider's payments redeem every voucher with an unredeemed part, and
// the earnings are read back from the chain. A node that is not a
// provider holds no vouchers and reports none. The request's ctx bounds
// the redemption (while the chain is unreachable it retries until then).
func (b backend) Redeem(ctx context.Context) (api.Redemption, error) {
	n := b.n
	c := n.pay.chain
	if c == nil {
		return api.Redemption{}, api.ErrNoChain
	}
	r := api.Redemption{Address: c.Address().Hex(), Earnings: []api.Earning{}}
	var redeemErr error
	if p := n.pay.provider; p != nil {
		if redeemErr = p.RedeemAll(ctx); redeemErr != nil {
			r.Error = redeemErr.Error()
		}
		earn, err := p.Earnings(ctx)
		if err != nil {
			return r, errors.Join(redeemErr, err)
		}
		for _, e := range earn {
			r.Earnings = append(r.Earnings, api.Earning{Job: e.Job, Consumer: e.Consumer, Latest: e.Latest, Redeemed: e.Redeemed,
				Pending: e.Pending, LastVoucherAt: e.LastVoucherAt, Deadline: e.Deadline, Closed: e.Closed, Lost: e.Lost})
		}
	}
	bal, err := c.Balance(ctx, c.Address())
	if err != nil {
		return r, errors.Join(redeemErr, err)
	}
	r.Balance = strings.TrimSuffix(chain.FormatDECO(bal), " DECO")
	return r, nil
}
