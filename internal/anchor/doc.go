// Package anchor anchors a consumer's verified checkpoints on chain in
// batches: every interval, one transaction per job with new checkpoints,
// carrying the Merkle root of their receipts (JobEscrow.anchorCheckpoints,
// event CheckpointsAnchored(jobId, root, count)). A checkpoint receipt is
// signed off chain by its provider; the anchor fixes in time which ones
// the consumer held, so a later dispute over a dead provider's segments
// can be settled against the chain.
//
// Leaves are the receipts' EIP-712 digests (verify.CheckpointDigest) in the
// order the consumer verified them; inner nodes hash their two children
// in sorted order, keccak256(min ‖ max), and an odd node is carried up
// unchanged (the OpenZeppelin MerkleProof convention), so a proof of one
// receipt needs no positions.
//
// Invariants: a job's batch holds each receipt once; a batch that fails
// to anchor stays pending and goes with the next interval's, MaxTries
// times at most; the pending receipts per job are bounded (MaxPending),
// the oldest dropped first.
//
// Example:
//
//	b := anchor.New(anchor.Config{Chain: client, Domain: domain, Clock: clock.Real{}, Interval: time.Minute})
//	go b.Run(ctx)
//	b.Add(checkpoint) // each checkpoint the consumer verified
package anchor
