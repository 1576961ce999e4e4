// Package hostile holds guest programs that misbehave on purpose. The
// sandbox tests in internal/exec/wasm build them with
// GOOS=wasip1 GOARCH=wasm and check the executor contains each one:
//
//   - loop: spins forever (time limit).
//   - membomb: allocates until memory runs out (memory limit).
//   - escape: tries to read host files, leave /inputs, write to /inputs and
//     link or symlink its way out of /outputs; prints one line per attempt.
//   - spam: floods stdout and stderr (capture caps).
//   - bigoutput: writes more under /outputs than allowed (output limit).
//   - badnames: leaves outputs no manifest can list (a control character
//     in a file name, more files than a manifest holds) (program fault).
//   - chatty: prints, computes, prints again (live logs while it runs).
//   - nondet: prints everything a program could use to behave differently
//     from run to run (time, randomness, map order) (determinism).
//
// None of them is embedded or shipped; they exist only for tests.
package hostile
