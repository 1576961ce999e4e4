// Package provider is the provider's side of the marketplace as a pure
// state machine: admission of bid requests (cores, memory, disk, GPUs,
// labels, price, free slots), the standing bids it made, slot and escrow
// reservations of the attempts it serves, its pricing window, and the
// schedule on which it redeems the vouchers it holds.
//
// Like etcd raft's RawNode (and package market, the consumer's side) it
// does no I/O, starts no goroutines and reads no clock. The node's
// provider loop and the simulator drive the same Machine: they look up
// escrow facts, step it, and carry out the Ready it returns, persisting
// first, then answering, running, stopping, sending and redeeming:
//
//	m := provider.New(provider.Config{Slots: 2, Resources: res, Pricing: params})
//	rd := m.Step(now, provider.BidRequested{Peer: p, Req: req, Escrow: facts})
//	persist(rd.Persist) // before any action
//	for _, a := range rd.Answers { reply(a.Peer, a.Bid) }
//	for _, r := range rd.Runs { go execute(r) } // reports ExecutionFinished
//	rd = m.Tick(now) // expiries and redemptions
//
// Attempt lifecycle: assigned → (queued →) running → result sent →
// awaiting its voucher → paid; side exits: refused at assignment (no
// standing bid to that peer and consumer, beyond the offer, no escrow,
// no slot, a spec other than the one the task was first accepted with),
// stopped (cancelled, session ended), released unpaid
// (failed, cancelled after the result, session ended, escrow closed, no
// voucher within PayWait).
//
// Debts (debts.go) bound the work a consumer gets unpaid to one task per
// slot: a consumer owing the voucher of a delivered result (not under a
// quorum) has its next assignments wait for it; past PayGrace, or past
// the escrow window for a quorum result, it is a Debtor whose bids and
// assignments are refused until it pays (docs/economics.md).
//
// Invariants: slots held never exceed Config.Slots and a slot holds one
// attempt at a time; an attempt holds its slot from assignment until its
// execution has returned (a stopped one too, so a sandbox is never shared);
// what is reserved of a job's escrow never exceeds the cover the driver
// reported when it was reserved, and every reservation is released exactly
// once; a standing bid lives until BidTTL passes and only its peer, for its
// consumer, may assign the job's tasks meanwhile; a job
// has at most one Redeem out at a time.
package provider
