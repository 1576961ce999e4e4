// Package sim is a discrete-event simulator of a Deco network that drives
// the real core of both roles — market.Market with a sched.Scheduler from
// sched.Policies for the consumer, a provider.Machine per provider for its
// bids, asks and slots — through a simulated network, in virtual time, so that a scheduling change is
// measured here before it is trusted on the network.
//
// The simulator plays the node's driver loop: it feeds the market Submit,
// OfferSeen, BidIn, BidFailed, Progress and Outcome events and performs the
// RequestBid, Assign and Abort effects it returns, with per-provider
// latency, transfer time, and providers that have a true speed and a
// declared benchmark (some over-declare), slots, crashes and rejoins (on
// each provider's own clock, the same whatever the policy), cheating, a
// region with its grid's carbon intensity, a stake, and a
// price that rises with load (a provider republishes its offer when its
// ask moves by a quarter). The market shows every offer to a scheduler
// that is a sched.OfferWatcher, as it does in the node. It contains no
// scheduling logic of its own: every placement decision is the market's
// and the scheduler's (a test checks this).
//
// Cheating has one model (Strategy): a provider is honest or is dealt a
// cheating strategy (always wrong, sometimes wrong, wrong after building
// trust). A lie is caught by the consumer's own receipt check with
// probability Population.Detect; the others are wrong outputs under valid
// receipts, judged by the jobs' verification policy (Workload.Verification:
// receipt, adaptive, replicate:K) in the market. Report.BadAccepted counts
// the verified tasks whose accepted output is wrong.
//
// The verification Monte Carlo is a mode of the same engine: Verification
// describes it (identical providers, a share of cheaters with every
// strategy, a batch of jobs of one program under one policy), and
// RunVerification / CompareVerification run it. `deco bench verify` prints
// its table:
//
//	rs, err := sim.CompareVerification(ctx, sim.Verification{}, sim.VerificationPolicies...)
//	sim.WriteVerificationTable(os.Stdout, rs)
//
// A workload may start with a warm-up (Workload.Warmup tasks of other
// jobs, run through the same scheduler and providers): the history a node
// that persists its learned model has.
//
// Report.LowerBound is the clairvoyant bound: the makespan of a schedule
// that knows every true speed and when every provider is down, and splits
// tasks freely (see lowerBound); Report.CrashFreeBound ignores downtime.
//
// Invariants: a run is deterministic for its Scenario (virtual time only;
// randomness from the seed: the population and workload from their own
// streams, each attempt's luck from a hash of the seed and the attempt), so
// every policy in Compare meets the same providers, jobs and luck; every
// task ends terminal unless the horizon cuts the run short; a provider
// never runs more tasks than its slots (an assignment to a full provider is
// refused and counted in Report.Overcommits). Only Report.Timing reads the
// wall clock, to measure the scheduler's CPU time.
//
// `deco sim` is Main with Options bound to the command's flags:
//
//	var o sim.Options
//	cmd := &cobra.Command{Use: "sim", RunE: func(cmd *cobra.Command, _ []string) error {
//		return sim.Main(cmd.Context(), cmd.OutOrStdout(), cmd.Flags(), o)
//	}}
//	o.Bind(cmd.Flags())
//
// or, as a library:
//
//	sc, _ := sim.Preset("hetero-unreliable")
//	sc.Defaults()
//	reports, err := sim.Compare(ctx, sc) // learned, weighted and the baselines
//	sim.WriteTable(os.Stdout, reports)
//	sim.WritePlots("out", reports)
//
// The market finds the Planner capability of the scheduler and lets it
// choose whom to ask for bids and rank with the round's context; a
// scheduler without it ranks the providers with the most free slots.
package sim
