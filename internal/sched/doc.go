// Package sched ranks providers for tasks and places tasks on them. It is
// part of the pure core: no I/O, no clock, deterministic for the same
// inputs.
//
// A Scheduler scores the bidders of an auction with a weighted sum of
// normalized terms (price, predicted time, risk, latency) whose weights come
// from the job's preference, and learns from every outcome it observes
// (Observe). The foundation's Weighted scheduler predicts speed from the
// provider's benchmark, corrected by the durations it has observed, and
// reliability from a Beta(1+ok, 1+failed) posterior.
//
// Assign then places tasks on the ranked bidders:
//
//	ranked := s.Rank(sched.Request{MaxPrice: max, Preference: "fast"}, cands)
//	placed := sched.Assign(pendingTasks, ranked, excluded)
//
// Invariants (property-tested): a bidder never gets more tasks than the
// slots it offered; a bid above the max price is never used; each task is
// placed at most once.
package sched
