// Package cheat makes a provider dishonest on purpose, so the
// verification policies can be watched catching it (deco devnet
// --malicious K --malice MODE, deco node --malice MODE, and the tests).
//
// It is kept out of the production path: a node has no cheat branches.
// The cheats are decorators the node is handed only when a devnet asks
// for cheaters, through two hooks in node.Options:
//   - WrapExecutor wraps each kind's executor: wrong outputs and lazy
//     replays around the WebAssembly executor, proofs that do not verify
//     inside the zk executor (its Prover seam, so the signed claim and the
//     settlement claim are over the bad proof);
//   - EditReceipt edits each receipt before it is signed: forged output
//     roots.
//
// Invariants: the zero Config is honest; a mode is a function of the task
// and attempt (random mode draws from a generator seeded by the task), so a
// run can be replayed; each cheater's wrong outputs are its own (salted by
// its address), so independent cheaters never agree by accident.
//
// Example (the CLI's wiring):
//
//	c, err := cheat.Parse("random:0.3") // the --malice flag
//	ch := cheat.New(c, id.EVM)
//	opts.WrapExecutor, opts.EditReceipt = ch.Executor, ch.Receipt
package cheat
