//go:build linux

package wasm

import (
	"runtime"
	"syscall"
	"time"
)

// kernelCPU: the kernel comparison times CPU use, not wall time, so that
// other load on the machine (a shared CI runner) does not skew the ratios:
// a guest runs on the goroutine that calls it (wazero compiles it to native
// code), so the CPU time of that goroutine's locked OS thread is the
// guest's plus the host calls it makes; a native process's is its rusage.
const kernelCPU = true

// onThread runs f on one OS thread and returns the CPU time the thread
// spent in it.
func onThread(f func() error) (time.Duration, error) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	start := threadCPU()
	err := f()
	return threadCPU() - start, err
}

func threadCPU() time.Duration {
	const rusageThread = 1 // RUSAGE_THREAD
	var ru syscall.Rusage
	if err := syscall.Getrusage(rusageThread, &ru); err != nil {
		panic("getrusage(RUSAGE_THREAD): " + err.Error()) // Linux has had it since 2.6.26
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
