// Package node is Deco's composition root: it builds the adapters (libp2p
// host, blob store, state database, wazero executor, HTTP API) around the
// pure core and runs the driver loop.
//
// The consumer role owns a market.Market. One goroutine (the loop) is the
// only one that touches it: it receives events (API submissions and
// cancellations, jobs restored after a restart, offers, bids, progress,
// verdicts, evidence, ticks), steps the market, then performs the
// market.Ready it returned — first persist (one database transaction per
// batch: job records and log lines), then send bid requests, start task
// sessions (internal/session), abort attempts, pay. Nothing else steps the
// market. Work that blocks (network, verification) runs in goroutines that
// post their outcome back to the loop as events, as etcd raft's Ready loop
// does.
//
// Jobs, tasks and log lines are persisted by internal/jobdb as versioned
// records, not as the market's structs: opening a database written by an
// earlier version migrates its records first (jobdb's testdata/state-v*.db
// are such databases; TestFixtureV0Resumes resumes one's jobs).
//
// The provider role is internal/providing, wired here (providing.go):
// it publishes signed offers on gossip, answers bid requests and serves
// task sessions, and its one loop steps the provider.Machine, which
// decides admission, asks, slots, escrow reservations and when to
// redeem. Every node registers its handlers; one that does not provide
// refuses work.
//
// At start the node binds its EVM address to its peer ID (a
// wire.Binding signed by the EVM key). Its bid requests, assignments,
// offers and bids carry it, and it drops offers and bids whose address
// is not bound to the peer that sent them: nobody can pose as another
// node's EVM account.
//
// Role logic lives outside this package, behind ports each package
// defines: internal/session (the consumer's task sessions and result
// judging, voucher sending), internal/fraud (checking, gossiping and
// reporting fraud evidence), internal/jobdb (the consumer's database), internal/zkjob (the
// consumer's zk jobs), internal/providing (the provider role),
// internal/runner (the provider's executions),
// internal/pay (escrows, vouchers, redemptions, proof settlement). Test
// behaviour (cheating providers) reaches the node only through the
// WrapExecutor and EditReceipt options.
//
//	n, err := node.New(node.Options{Home: home, Config: cfg, Identity: id})
//	err = n.Start(ctx)
//	defer n.Close()
package node
