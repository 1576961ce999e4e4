// Package zkexec is Deco's proving executor: it implements exec.Executor
// for tasks of kind wire.KindZK, whose program is a circuit's proving key
// (internal/zk) and whose arguments are the circuit's parameters.
//
// A provider picks it by the task's declared kind, never by sniffing the
// program's bytes. One run:
//   - decodes the proving key (Spec.Module; cached by Spec.ModuleID, since
//     a large key takes seconds) and reads the parameters from Spec.Args
//     ("name=value");
//   - when Spec.InputDir holds LeavesFile (the job's task commitment, sent
//     with payments on), checks this task is committed there with these
//     parameters and builds its Merkle path: work the escrow would not pay
//     is refused with ErrUncommitted before proving;
//   - proves, paid to Options.Payee, bounded by Spec.Timeout
//     (exec.ErrTimeLimit; gnark cannot be interrupted, an abandoned proof
//     finishes in the background and is dropped);
//   - writes the outputs to Spec.OutputDir: the proof files the receipt
//     commits to (verify.CircuitFile, ProofFile, PublicFile), result.json
//     (the public inputs by name) and verify.ClaimFile, the provider's
//     signed proof claim, which makes a proof that fails slashable;
//   - returns, in Result.Settlement, the *chain.ProofClaim the provider
//     settles the task with on chain (read it with ClaimOf); none without
//     a task commitment.
//
// Bad keys or parameters are exec.ErrBadModule; a run is otherwise
// deterministic except for the prover's randomness (proofs differ,
// statements do not).
//
// Example:
//
//	e := zkexec.New(zkexec.Options{Payee: addr, Domain: d, Sign: signWithEVMKey})
//	r, err := e.Run(ctx, exec.Spec{Module: pk, ModuleID: string(pkCID), Args: []string{"n=5", "seed=1"},
//		InputDir: in, OutputDir: out, Task: id, Count: n})
//	if claim, ok := zkexec.ClaimOf(r); ok && err == nil { /* settle on chain */ }
package zkexec
