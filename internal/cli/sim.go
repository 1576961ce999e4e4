package cli

import (
	"github.com/spf13/cobra"

	"github.com/deco-network/deco/internal/sim"
)

func newSimCmd(g *globals) *cobra.Command {
	var o sim.Options
	cmd := &cobra.Command{
		Use:   "sim [--providers N] [--tasks M] [--policy NAME] [--seed S] [--compare] [--out DIR] [-o json]",
		Short: "Discrete-event simulation of the market with the real core (scheduling, auctions, pricing, verification)",
		Long: `sim drives the same market, scheduler and pricing code the nodes run through a simulated
network in virtual time: deterministic for a seed, 10,000 providers on a laptop. It reports
makespan against the clairvoyant lower bound, completion times, cost, failures, the share of
work given to cheaters, carbon and the scheduler's CPU time per decision; --compare runs every
policy on the same seed, --out DIR writes PNG plots.`,
		Example: `  deco sim --preset hetero-unreliable --compare
  deco sim --providers 10000 --tasks 100000 --policy learned
  deco sim --preset mixed-carbon --preference green --out plots`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return sim.Main(cmd.Context(), cmd.OutOrStdout(), cmd.Flags(), o)
		},
	}
	o.Bind(cmd.Flags())
	return cmd
}
