// Package runner runs one assignment on a provider: it fetches the
// program and inputs, stages them in the slot's sandbox, runs the
// executor of the task's declared kind, collects the outputs into the
// blob store and signs the receipt.
//
// It is an adapter of the provider role. What to run, when and in which
// slot is the provider machine's decision (internal/provider); the node
// wires a Runner with narrow ports defined here — a Fetcher for blobs the
// consumer holds, the blob store, a Signer for receipts, a clock for the
// "running" notice — and calls Run once per attempt the machine starts.
//
// Invariants:
//   - A task runs only with the executor registered for its declared kind
//     (wire.TaskSpec.Kind), never one chosen by the program's bytes; an
//     unknown kind fails at once with wire.FailBadModule, nothing fetched.
//   - Each slot has one reusable sandbox (<work>/slot-<i>/inputs and
//     /outputs). Run empties both when it returns, so nothing of one task
//     reaches the next; a slot runs one task at a time (the machine's
//     reservation), so slots need no lock.
//   - Every failure is a wire.Result with a failure kind and a message a
//     user can read; Run never returns an error.
//   - Logs and outputs of at most InlineLimit/4 bytes travel inline in
//     the result; larger ones are stored for the consumer to fetch, and
//     only the consumer that assigned the task may (Config.Access, for
//     access.OutputGrant from the result).
//
// Example:
//
//	r, err := runner.New(runner.Config{
//		Blobs: blobs, Fetcher: runner.FetchFunc(fetch), Clock: clock.Real{},
//		Executors: map[string]runner.Executor{wire.KindWasm: {Executor: e, Runtime: "wazero/v1.12.0", MaxInput: 1 << 34}},
//		Signer: runner.Signer{EVM: addr, Key: key, Domain: domain, Attester: attest.Software{}},
//		WorkDir: home.Path("work"), Slots: 2, InlineLimit: 256 << 10, Access: grants,
//	})
//	res, claim := r.Run(ctx, consumer, assign, slot, status)
package runner
