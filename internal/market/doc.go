// Package market is the consumer's side of the marketplace as a pure state
// machine: jobs and their tasks, the per-job auction rounds, assignment,
// attempts and replicas, the verification policy's decision, payment,
// timeouts, retries and cancellation.
//
// Like etcd raft's RawNode it does no I/O, starts no goroutines and reads
// no clock. The node's driver loop feeds it events and the current time and
// carries out the Ready it returns: first persist its Saves and Logs, then
// carry out its Actions (RequestBid, Assign, Abort, Pay, Reject, Fraud),
// then announce its Finished jobs:
//
//	m := market.New(cfg, sched.NewWeighted())
//	rd := m.Step(now, market.Submit{Job: j})
//	rd.Merge(m.Step(now, ev)) // a batch persists in one transaction
//	perform(rd)
//	for { perform(m.Tick(now)) ... }
//
// Every offer is shown to a scheduler that is a sched.OfferWatcher by the
// market itself, before the offer enters its cache.
//
// Task lifecycle: pending → bidding → assigned → running → verifying →
// (submitted, while replicas are compared) → verified, with side exits
// failed(reason), retrying (pending again after a provider's fault) and
// cancelled. Every change carries a reason a user can read.
//
// Verification policies (spec.Verification) decide when a result is
// accepted. receipt and zk: at the node's OK verdict, as before. replicate:K:
// K distinct providers run the task and the output root a strict majority
// returns wins (verify.Quorum); a split adds replicas up to K+ExtraReplicas,
// then the task fails. adaptive: a provider's result is replicated on one
// other provider until its trust for the program (verify.Trust) reaches the
// run verify.AdaptiveConfig requires, then spot-checked at random; a result
// that loses a quorum resets that trust and reopens every result the
// provider had accepted unchecked in running jobs, so each is compared with
// another provider's. Pay is emitted once per accepted attempt, Reject for a
// checked result that is not accepted, Fraud for provable cheating.
//
// Backups: a scheduler that is a sched.Speculator is shown, while no task
// of this consumer waits for a provider, the running tasks of receipt jobs,
// and a round places a second attempt of those it names; the first verified
// result ends the task and the other attempt is aborted, unpaid.
//
// Invariants: a task never has two live attempts on one provider, and its
// replicas come from distinct peers, EVM addresses and networks; a provider
// never holds more of this consumer's tasks than the free slots it offered;
// a bid above the job's max price is never taken; an output root is accepted
// only with a strict majority of the replicas wanted; every accepted attempt
// is paid exactly once and no other attempt is.
package market
