//go:build wasip1

package deco

import "unsafe"

//go:wasmimport deco checkpoint
func checkpoint(ptr unsafe.Pointer, n uint32) uint32

//go:wasmimport deco restore
func restore(ptr unsafe.Pointer, n uint32) int32

//go:wasmimport deco progress
func progress(permille int32)

// Checkpoint saves state; the provider ships the latest to the consumer.
func Checkpoint(state []byte) error {
	if len(state) == 0 {
		return errnoErr(checkpoint(nil, 0))
	}
	return errnoErr(checkpoint(unsafe.Pointer(&state[0]), uint32(len(state))))
}

// Restore returns the state the task resumes from, nil for a fresh start.
func Restore() ([]byte, error) {
	n := restore(nil, 0)
	if n <= 0 {
		return nil, errnoErr(uint32(-n))
	}
	buf := make([]byte, n)
	if got := restore(unsafe.Pointer(&buf[0]), uint32(n)); got != n {
		return nil, ErrFault
	}
	return buf, nil
}

// Progress reports permille (0-1000) of the task's work done.
func Progress(permille int) { progress(int32(permille)) }
