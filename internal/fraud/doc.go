// Package fraud acts on provable fraud: evidence a consumer's market found
// (two receipts one provider signed for a task with different outputs, a
// zk proof its signed claim committed to that fails) or evidence that
// arrived by gossip. A Reporter checks every piece itself, whoever sent it
// (the node included), gossips what it found so other consumers learn,
// and submits it on chain, where the escrow slashes the provider's stake.
//
// Invariant: nothing is gossiped or reported that does not check out
// against the receipt domain and the proof verifier.
//
//	r := fraud.New(fraud.Config{Domain: d, Proofs: zkJobs, Gossip: publish, Chain: client, BadProofs: zkJobs})
//	r.Report(ctx, marketFraud)             // found by our market
//	offender, err := r.Check(gossipedEvidence) // from anyone
package fraud
