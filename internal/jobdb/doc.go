// Package jobdb is the consumer's job database: the jobs the market runs,
// their tasks and their event logs, kept in the node's state database
// (store.DB) so a node restarts without losing them.
//
// It stores versioned records of its own (records.go), never the market's
// structs, so the market may change its types and only the conversions
// here follow. Invariants:
//
//   - Open migrates every record to the current version before anything
//     reads one, in one transaction, and refuses a database written by a
//     newer deco (ErrNewerRecords) instead of misreading it.
//   - Write stores a batch (job headers, changed tasks, log lines) in one
//     transaction: after a crash a batch is there whole or not at all.
//   - A job's log lines are numbered 1, 2, 3, ... in the order written,
//     across restarts; a number is never given to two lines.
//
// The node's loop is the one writer: it calls Write with each market.Ready's
// Saves and Logs before it sends or runs anything the Ready asks for (raft's
// persist-before-send). The API side reads (Job, Jobs, Logs, Resolve).
//
//	jobs, err := jobdb.Open(db) // db from store.OpenDB; the caller closes it
//	restored, err := jobs.Load()
//	lines, err := jobs.Write(rd.Saves, rd.Logs)
//	id, err := jobs.Resolve("3f2a") // a short id typed by a user
//	tail, err := jobs.Logs(id, 0, 100)
package jobdb
