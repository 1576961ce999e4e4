//go:build !linux

package wasm

import "time"

// kernelCPU: without a per-thread CPU clock the kernel comparison times
// wall time, which other load on the machine skews.
const kernelCPU = false

// onThread runs f and returns the wall time it took.
func onThread(f func() error) (time.Duration, error) {
	start := time.Now()
	err := f()
	return time.Since(start), err
}
