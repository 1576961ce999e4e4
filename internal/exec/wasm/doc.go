// Package wasm is Deco's WebAssembly executor: it runs WASI preview1
// command modules (e.g. Go programs built with GOOS=wasip1 GOARCH=wasm)
// with wazero and implements exec.Executor.
//
// What a guest sees:
//   - argv "task" followed by Spec.Args; exactly Spec.Env;
//   - /inputs (read-only) and /outputs (writable) and no other file;
//     links and symlinks cannot be created, directory listings come in
//     name order;
//   - no network (no socket is ever handed over);
//   - a virtual clock starting at GuestEpoch that advances 1 µs per reading
//     and by the requested duration on sleep (sleeping costs no real time),
//     and a ChaCha8 random source keyed by Spec.Seed. Together with Go's
//     single-threaded wasm runtime this makes a run a pure function of the
//     module, the spec and the inputs: replicas produce identical outputs.
//
// Limits: linear memory is capped by a custom allocator that refuses to
// grow past Spec.MemoryLimit and remembers the refusal, so a guest that then
// fails (Go: "fatal error: out of memory") is reported as
// exec.ErrMemoryLimit. Wall-clock time is enforced by instrumenting the
// module with cheap fuel checks that call back into the host (see
// interrupt.go for why not wazero's own mechanism); modules that cannot be
// instrumented run on a second runtime with wazero's context checks.
// Stdout/stderr are captured up to their caps; writes under /outputs stop
// at Spec.MaxOutputBytes.
//
// Checkpoints: guests may import the host module "deco" (checkpoint,
// restore, progress; see checkpoint.go) to save their state, find it again
// after the task moved to another provider (Spec.Restore), and report
// progress; states reach Spec.OnCheckpoint at most every
// Spec.CheckpointEvery, each at most Spec.CheckpointMax bytes.
// examples/guest holds the Go and C guest libraries.
//
// Compiled modules are cached in memory by Spec.ModuleID (LRU, bounded by
// WithMaxCompiled) and, with WithCacheDir, on disk by wazero, so only the
// first run of a module pays for compilation (Result.Compiled).
//
// The package also embeds two runtime-free modules assembled by a small
// encoder: MinimalModule (hello line, for overhead measurements) and the
// Benchmark kernel used in provider offers; KernelRatio compares the
// render example's kernel natively and in the sandbox.
//
// Example:
//
//	e, err := wasm.New(ctx, wasm.WithCacheDir(filepath.Join(home, "cache", "wasm")))
//	...
//	defer e.Close(ctx)
//	res, err := e.Run(ctx, exec.Spec{Module: mod, ModuleID: string(wire.CIDOf(mod)),
//		OutputDir: out, Timeout: time.Minute, Seed: taskSeed})
package wasm
