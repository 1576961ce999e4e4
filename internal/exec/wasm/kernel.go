package wasm

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/deco-network/deco/examples"
	"github.com/deco-network/deco/examples/kernel"
	"github.com/deco-network/deco/internal/exec"
)

// The kernel comparison renders the example scene at this size: big enough
// that one render dwarfs timer noise, small enough to run a few times.
const (
	kernelWidth   = 160
	kernelHeight  = 120
	kernelRepeat  = 2
	kernelSamples = 5 // measurements; the fastest counts
)

// KernelRatio measures the cost of the sandbox on real work: the render
// example's ray tracer (examples/kernel) renders the same image natively, in
// this process, and as WebAssembly in a fresh Executor (examples.KernelWASM).
// It returns the best time of one render each way; wasm/native is the
// slowdown. The WebAssembly time excludes compilation and the Go runtime's
// start-up (a run that renders nothing is subtracted), so both sides time
// the same loop. It takes a few seconds, most of it compiling the module.
func KernelRatio(ctx context.Context) (native, wasm time.Duration, err error) {
	e, err := New(ctx)
	if err != nil {
		return 0, 0, err
	}
	defer e.Close(context.WithoutCancel(ctx))
	mod := examples.KernelWASM()
	runFor := func(repeat int) (time.Duration, error) {
		res, err := e.Run(ctx, exec.Spec{
			Module: mod, ModuleID: "deco:kernel-benchmark",
			Args:    []string{"--width", strconv.Itoa(kernelWidth), "--height", strconv.Itoa(kernelHeight), "--repeat", strconv.Itoa(repeat)},
			Timeout: 5 * time.Minute,
		})
		if err == nil && res.ExitCode != 0 {
			err = fmt.Errorf("the kernel module exited with %d: %s", res.ExitCode, res.Stderr)
		}
		return res.Duration, err
	}
	if _, err := runFor(0); err != nil { // compile
		return 0, 0, fmt.Errorf("kernel benchmark: %w", err)
	}
	for i := 0; i < kernelSamples; i++ {
		empty, err := runFor(0)
		if err != nil {
			return 0, 0, fmt.Errorf("kernel benchmark: %w", err)
		}
		full, err := runFor(kernelRepeat)
		if err != nil {
			return 0, 0, fmt.Errorf("kernel benchmark: %w", err)
		}
		if d := (full - empty) / kernelRepeat; wasm == 0 || d < wasm {
			wasm = d
		}

		t := time.Now()
		for r := 0; r < kernelRepeat; r++ {
			kernel.RenderBand(kernelWidth, kernelHeight, 0, kernelHeight, 1)
		}
		if d := time.Since(t) / kernelRepeat; native == 0 || d < native {
			native = d
		}
		if err := ctx.Err(); err != nil {
			return 0, 0, err
		}
	}
	return native, max(wasm, 1), nil
}
