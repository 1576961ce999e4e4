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
// Learned is the scheduler that learns from history (see its comment): an
// online runtime Model (per-provider log speed and per-program log work
// with uncertainty, global priors from offer features and from jobs' time
// limits), reliability as a Beta posterior turned into a failure hazard,
// Thompson sampling, and, as a Planner, the placement rules that keep a
// batch's makespan near the clairvoyant bound: the straggler rule and
// longest tasks first. Its decisions read a dense roster of the providers
// it knows, so choosing among 10,000 providers costs a screening pass of a
// few multiplies per provider (above LearnedConfig.Screen providers, a
// sample and an elite) and Thompson draws for a few dozen.
//
// As a Speculator, the learned scheduler also backs up running tasks at the
// end of a job, when no task waits: a task a fast provider would finish
// well before its current attempt (a slow or late provider, a flaky one)
// gets a second attempt; the market keeps the first verified result and
// aborts the other, unpaid.
//
// The baselines (random, round-robin, cheapest, declared-fastest,
// stake-weighted, capacity-ranker) are the placement rules other networks
// use; Policies names them all for `deco sim --policy`.
//
// Assign then places tasks on the ranked bidders:
//
//	ranked := s.Rank(sched.Request{MaxPrice: max, Preference: "fast"}, cands)
//	placed := sched.Assign(pendingTasks, ranked, excluded)
//
// Invariants (property-tested): a bidder never gets more tasks than the
// slots it offered; a bid above the max price is never used; each task is
// placed at most once; a shortlist never depends on the order candidates
// are listed in.
package sched
