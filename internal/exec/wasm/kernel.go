package wasm

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/sys"

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
	kernelSamples = 10 // measurements; the fastest counts
)

// Kernel is what KernelRatio measured: the best time of one render of the
// same image each way.
type Kernel struct {
	Native time.Duration // the Go code compiled natively, in this process
	WASM   time.Duration // the module run by an Executor, as providers run tasks
	// Floor: the module compiled by wazero and run with no way to stop it
	// (no fuel checks, no context checks). Unsafe for a provider; it shows
	// how much of the slowdown is Deco's interruption and how much is
	// wazero's code for Go's WebAssembly.
	Floor time.Duration
}

// Ratio is the sandbox's slowdown, WASM/Native.
func (k Kernel) Ratio() float64 { return k.WASM.Seconds() / k.Native.Seconds() }

// FloorRatio is the slowdown without interruption, Floor/Native.
func (k Kernel) FloorRatio() float64 { return k.Floor.Seconds() / k.Native.Seconds() }

// KernelRatio measures the cost of the sandbox on real work: the render
// example's ray tracer (examples/kernel) renders the same image natively, in
// this process, as WebAssembly in a fresh Executor (examples.KernelWASM),
// and as the bare module in wazero with no interruption. The WebAssembly
// times exclude compilation and the Go runtime's start-up (a run that
// renders nothing is subtracted), so every side times the same loop. The
// three alternate within each sample so that machine noise hits them
// alike. It takes a few seconds, most of it compiling the module twice.
func KernelRatio(ctx context.Context) (Kernel, error) {
	var k Kernel
	e, err := New(ctx)
	if err != nil {
		return k, err
	}
	defer e.Close(context.WithoutCancel(ctx))
	mod := examples.KernelWASM()
	args := func(repeat int) []string {
		return []string{"--width", strconv.Itoa(kernelWidth), "--height", strconv.Itoa(kernelHeight), "--repeat", strconv.Itoa(repeat)}
	}
	runDeco := func(repeat int) (time.Duration, error) {
		res, err := e.Run(ctx, exec.Spec{Module: mod, ModuleID: "deco:kernel-benchmark", Args: args(repeat), Timeout: 5 * time.Minute})
		if err == nil && res.ExitCode != 0 {
			err = fmt.Errorf("the kernel module exited with %d: %s", res.ExitCode, res.Stderr)
		}
		return res.Duration, err
	}
	bare, err := newRuntime(ctx, wazero.NewCompilationCache(), false)
	if err != nil {
		return k, err
	}
	defer bare.Close(context.WithoutCancel(ctx))
	cm, err := bare.CompileModule(ctx, mod)
	if err != nil {
		return k, fmt.Errorf("kernel benchmark: %w", err)
	}
	runBare := func(repeat int) (time.Duration, error) {
		cfg := wazero.NewModuleConfig().WithName("").WithArgs(append([]string{"kernel"}, args(repeat)...)...)
		t := time.Now()
		m, err := bare.InstantiateModule(ctx, cm, cfg)
		d := time.Since(t)
		if m != nil {
			m.Close(ctx)
		}
		var exit *sys.ExitError
		if errors.As(err, &exit) && exit.ExitCode() == 0 {
			err = nil
		}
		return d, err
	}
	best := func(dst *time.Duration, run func(int) (time.Duration, error)) error {
		empty, err := run(0)
		if err != nil {
			return fmt.Errorf("kernel benchmark: %w", err)
		}
		full, err := run(kernelRepeat)
		if err != nil {
			return fmt.Errorf("kernel benchmark: %w", err)
		}
		if d := (full - empty) / kernelRepeat; *dst == 0 || d < *dst {
			*dst = max(d, 1)
		}
		return nil
	}
	if _, err := runDeco(0); err != nil { // compile
		return k, fmt.Errorf("kernel benchmark: %w", err)
	}
	for i := 0; i < kernelSamples; i++ {
		if err := best(&k.WASM, runDeco); err != nil {
			return k, err
		}
		if err := best(&k.Floor, runBare); err != nil {
			return k, err
		}
		t := time.Now()
		for r := 0; r < kernelRepeat; r++ {
			kernel.RenderBand(kernelWidth, kernelHeight, 0, kernelHeight, 1)
		}
		if d := time.Since(t) / kernelRepeat; k.Native == 0 || d < k.Native {
			k.Native = max(d, 1)
		}
		if err := ctx.Err(); err != nil {
			return k, err
		}
	}
	return k, nil
}
