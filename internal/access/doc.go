// Package access decides which peers may read which blobs over the
// network. A node's blob store holds every job it touched — programs and
// inputs it submitted or ran, outputs it produced or fetched — and a
// content address alone must not be enough to read any of them: the data
// server (p2p.Host.ServeBlobs) asks a Registry before it serves a blob.
//
// Grants are made by the roles that know who is party to a job:
//   - the consumer grants a task's program and inputs to the provider it
//     assigns the attempt to, with a Lease it releases when the attempt
//     ends (internal/session);
//   - a provider grants a result's outputs and logs to the consumer that
//     assigned the task, for a bounded time (GrantFor) long enough to fetch
//     them (internal/runner).
//
// Replicas of a task are judged by the consumer, which fetches each
// replica's outputs from the provider that made them; no provider fetches
// from another, so replicas need no grant.
//
// Invariants:
//   - Nothing is readable by a remote peer unless granted (the empty blob
//     excepted: it reveals nothing and is never stored).
//   - Grants of the same blob to the same peer add up: releasing one lease
//     keeps the blob readable while another lease or an unexpired timed
//     grant stands (two tasks of a job share its program).
//   - Memory is bounded by the grants in force: released leases are
//     dropped at once, expired timed grants at the next sweep.
//   - Local reads (the node's own API, its executors) never consult it.
//
// Example:
//
//	reg := access.New(clock.Real{})
//	host.ServeBlobs(blobs, reg)
//	lease := reg.Grant(provider, program, input) // attempt assigned
//	defer lease.Release()                        // attempt over
//	reg.GrantFor(consumer, access.OutputGrant, outputs...)
package access
