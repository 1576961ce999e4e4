// Package session is the consumer's side of task sessions: it asks
// providers for bids, delivers each assignment on the long-lived
// /deco/task/2 session it keeps with that provider, waits for the result
// and judges it (result, receipt, signature, attestation and the signed
// output manifest; for zk jobs and failed runs the outputs fetched and
// checked, and the proof), then posts what happened back to the node's
// loop as market events. A successful result's outputs are fetched only
// after the market paid for its root (Settler.Fetch, FetchOutputs: fair
// exchange, docs/economics.md), each checked against its content address
// and the manifest.
//
// It is an adapter: it talks to the network and the blob store through
// the narrow ports it defines (Host, Blobs, Attestation, ProofJudge, and
// the Seal/Open/Post functions of Config), and it never steps the market
// itself; every outcome reaches the market through Config.Post.
//
// Invariants:
//   - one open link per provider; every attempt with that provider shares
//     it, keyed by (task, attempt); when the link breaks, every attempt
//     waiting on it fails with the error and the next one opens a new link;
//   - an attempt posts exactly one market.Outcome, unless the market
//     aborted it (Abort) or the node is closing: then it posts nothing and
//     tells the provider the attempt is over;
//   - a verdict's Reason is set only when the result is not accepted; a
//     failure the provider is to blame for has ProgramFault false;
//   - every blob taken from a provider is checked against its content
//     address before it is stored;
//   - an attempt's provider may read the task's program and inputs (those
//     not sent inline) from this node (Access) from before the assignment
//     is sent until the attempt's goroutine returns; no other peer is
//     granted them.
//
// Example (the node's wiring):
//
//	m := session.New(session.Config{
//		Host: session.Network(host), Blobs: blobs,
//		Seal: n.seal, Open: n.open, Post: n.post,
//		Domain: domain, Attestation: registry, Proofs: zkJudge{n}, Access: grants,
//	})
//	// on the loop, for the market's actions:
//	go m.RequestBid(ctx, e) // market.RequestBid
//	m.Start(ctx, a)         // market.Assign
//	m.Abort(e)              // market.Abort
//	// on shutdown:
//	m.Close()
//	m.Wait()
package session
