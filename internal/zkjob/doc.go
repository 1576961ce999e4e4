// Package zkjob is a consumer's side of zk jobs: jobs whose tasks are
// proven with a zk circuit instead of replicated, and paid on chain per
// proven task instead of by vouchers.
//
// A zk job runs like any other job with two substitutions. Its "program"
// is the circuit's proving key (a blob, shared by content address like a
// module), its tasks declare kind wire.KindZK and its per-task arguments
// are the circuit's parameters ("name=value"); a provider proves them with
// its zk executor (exec/zkexec). With payments on, every task also gets
// the input zkexec.LeavesFile: the leaves of the Merkle tree the consumer
// committed to in the proof escrow, so a provider checks its task is
// committed as assigned before it works, and builds the path it settles
// with.
//
// Who pays: nobody signs vouchers for zk tasks. The provider settles each
// task on chain itself with the claim its executor returned, and the
// escrow pays it the task's price if the proof verifies there. The
// consumer checks the proof off-chain before accepting the result
// (Jobs.Judge); a failing proof is fraud evidence (verify.BadProof), the
// task runs elsewhere, and Jobs.ReportBadProof slashes the provider on
// chain when the evidence carries its signed claim.
//
// Jobs holds the key cache, the keys this node knows (by proving-key CID
// and by circuit ID) and, per zk job it submitted, the spec and the task
// tree. It is safe for concurrent use. The node reaches the chain, the
// consumer's escrow and its blob store through the narrow ports declared
// here (Chain, Escrow, Blobs); optional chain capabilities (proof escrow,
// circuit registry, block time) are found by interface assertion, so a
// chain client without them runs zk jobs without payments on chain.
//
// Use:
//
//	jobs := zkjob.New(zkjob.Options{Keys: dir, Chain: c, Escrow: consumer, Blobs: blobs, Clock: clk, Domain: d, Logger: log})
//	_ = jobs.Load() // keys cached earlier verify gossiped evidence too
//	tree, err := jobs.Prepare(ctx, id, &s) // before submitting
//	if tree != nil { err = jobs.OpenEscrow(ctx, id, s, tree, window) }
//	jobs.Track(id, s)
//	// per result: v = jobs.Judge(s, assign, v)
package zkjob
