package node

import (
	"context"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/sched"
)

func (b backend) Providers(ctx context.Context) ([]api.ProviderView, error) {
	n := b.n
	var out []api.ProviderView
	err := n.call(ctx, func() {
		now := n.clk.Now()
		rep := n.market.Reputation()
		learned := map[string]sched.ProviderView{}
		for _, v := range n.sched.Providers() {
			learned[v.Peer] = v
		}
		for _, o := range n.market.Offers() {
			var model *sched.ProviderView
			if v, ok := learned[o.Peer]; ok {
				model = &v
			}
			out = append(out, api.ProviderViewOf(o, rep, now, minReliability(n.opts.Market), model))
		}
	})
	for i := range out {
		if p, err := peerDecode(out[i].Peer); err == nil {
			out[i].Latency = n.host.Latency(p)
		}
		if st, ok := n.stake(ctx, out[i].EVM); ok {
			out[i].Stake = &st
		}
	}
	if out == nil {
		out = []api.ProviderView{}
	}
	return out, err
}

// minReliability is the market's threshold below which a provider caught
// cheating gets no work (market.Config.MinReliability, default 0.2).
func minReliability(c market.Config) float64 {
	if c.MinReliability == 0 {
		return 0.2
	}
	return c.MinReliability
}
