// Package mc is a Monte Carlo harness for verification policies: it
// measures how often a wrong result is accepted and how many executions a
// task costs when a share of the providers cheat.
//
// It drives the real core — market.Market with a scheduler from
// sched.Policies, and a provider.Machine per provider for its bids and
// slots — in virtual time, the way the node's driver loop does:
// it feeds Submit, OfferSeen, BidIn and Outcome events and performs the
// RequestBid, Assign, Abort, Pay and Reject effects the market returns. It
// holds no verification logic of its own: which results are replicated,
// which output root wins and whose unchecked work is re-checked is all the
// market's (with package verify's quorum, trust and spot-check rules).
//
// Providers are honest or cheat with one of the Strategies: always wrong,
// sometimes wrong, or wrong after building trust (honest for a while,
// then lying until a result is rejected, then honest again). Cheaters do
// not collude unless Config.Collude is set: two of them return different
// wrong output roots for the same task.
//
// Invariants: a run is deterministic for its Config (virtual time only,
// randomness from Config.Seed); it does no I/O, reads no clock and starts
// no goroutines, like the core it measures.
//
// `deco bench verify` prints Compare's table:
//
//	rs, err := mc.Compare(mc.Config{}, mc.Policies...) // adaptive, replicate:2, replicate:3
//	mc.WriteTable(os.Stdout, rs)
package mc
