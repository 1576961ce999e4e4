// Package exec defines how a Deco node runs one task: the Executor
// interface, the execution request (Spec), its Result and the sentinel
// errors an executor reports when a limit or the module is at fault.
//
// Implementations live in sub-packages (exec/wasm runs WebAssembly with
// wazero). The node depends only on this package, so a different sandbox can
// be plugged in without touching it.
//
// Invariants every Executor keeps:
//   - The guest sees only its argv, its env, /inputs (read-only) and
//     /outputs (writable); no other files, no network.
//   - Clocks and the random source are deterministic functions of
//     Spec.Seed, so honest replicas produce bit-identical outputs.
//   - Memory, wall-clock time, captured stdout/stderr and total output size
//     are bounded; hitting a bound is reported with ErrMemoryLimit,
//     ErrTimeLimit, a Truncated flag or ErrOutputTooLarge respectively.
//   - A non-zero exit status is a result, not an error.
//
// Example:
//
//	res, err := ex.Run(ctx, exec.Spec{
//		Module: wasmBytes, ModuleID: string(wire.CIDOf(wasmBytes)),
//		Args: []string{"--tile", "3"}, OutputDir: dir, Timeout: 30 * time.Second,
//	})
//	switch {
//	case errors.Is(err, exec.ErrTimeLimit): // tell the user to raise the timeout
//	case err != nil: // other failure
//	case res.ExitCode != 0: // the program reported failure; see res.Stderr
//	}
package exec
