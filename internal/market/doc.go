// Package market is the consumer's side of the marketplace as a pure state
// machine: jobs and their tasks, the per-job auction rounds, assignment,
// attempts, timeouts, retries and cancellation.
//
// Like etcd raft's RawNode it does no I/O, starts no goroutines and reads
// no clock. The node's driver loop feeds it events and the current time and
// carries out the effects it returns:
//
//	m := market.New(cfg, sched.NewWeighted())
//	effs := m.Step(now, market.Submit{Job: j})
//	for { effs = m.Tick(now) ... } // perform: RequestBid, Assign, Abort, Save, Log, Finished
//
// Task lifecycle: pending → bidding → assigned → running → verifying →
// verified, with side exits failed(reason), retrying (pending again after a
// provider's fault) and cancelled. Every change carries a reason a user can
// read. Invariants: a task has at most one live attempt; a provider never
// holds more of this consumer's tasks than the free slots it offered; a bid
// above the job's max price is never taken.
package market
