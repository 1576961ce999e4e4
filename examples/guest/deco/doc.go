// Package deco is the guest side of Deco's host module "deco" for Go
// programs built with GOOS=wasip1: a long task saves its state with
// Checkpoint, finds it again with Restore when the task was moved to
// another provider, and reports Progress.
//
// The provider ships the latest saved state to the consumer at most every
// checkpoint.every of the job (default 5s); calls in between only replace
// it, so calling Checkpoint after every step of work is fine. A state is
// at most checkpoint.max_size bytes (default 16 MiB). The program must
// compute the same outputs whether it resumed or not: replicas and
// verification compare output roots.
//
// Built for another GOOS (tests, a native run), Checkpoint and Progress do
// nothing and Restore finds nothing.
//
// Example:
//
//	state, err := deco.Restore() // nil: a fresh start
//	for step := from(state); step < n; step++ {
//		work(step)
//		deco.Checkpoint(save(step + 1))
//		deco.Progress(1000 * (step + 1) / n)
//	}
package deco

import "errors"

// Errors Checkpoint returns, one per errno of the host module.
var (
	// ErrTooBig: the state is larger than the job's checkpoint.max_size.
	ErrTooBig = errors.New("deco: checkpoint larger than the job allows (checkpoint.max_size)")
	// ErrFault: the host could not read the state (a bad buffer).
	ErrFault = errors.New("deco: checkpoint buffer outside the program's memory")
	// ErrRefused: the provider could not keep the state (see stderr).
	ErrRefused = errors.New("deco: the provider could not keep the checkpoint")
)

func errnoErr(e uint32) error {
	switch e {
	case 0:
		return nil
	case 1:
		return ErrTooBig
	case 2:
		return ErrFault
	}
	return ErrRefused
}
