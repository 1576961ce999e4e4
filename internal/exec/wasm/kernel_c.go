package wasm

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	osexec "os/exec"
	"path/filepath"
	"time"

	"github.com/deco-network/deco/examples"
)

// The kernel benchmark in C.
//
// Go's wasm backend emits code wazero cannot make fast (every Go function
// is a dispatch loop over its resumption points, and the goroutine stack
// lives in linear memory), so the Go kernel's WebAssembly slowdown says
// more about Go than about the sandbox. The same ray tracer in C
// (examples/kernel/c), compiled by clang natively and to wasm32-wasi,
// measures what the sandbox itself costs on code a C compiler made.

// ErrNoClang: the native C kernel cannot be built here.
var ErrNoClang = errors.New("clang is not installed, so the C kernel cannot be compiled natively; install it (apt-get install clang, or scripts/prereqs.sh) to compare C")

// KernelC measures the C kernel (examples.KernelCSource) compiled with
// clang -O2 into a native executable in a temporary directory, against
// its committed wasm32-wasi build (examples.KernelCWASM) run by a fresh
// Executor and bare in wazero. Native includes no process start-up: a run
// that renders nothing is subtracted, as for the WebAssembly sides. It
// returns ErrNoClang if clang is missing.
func KernelC(ctx context.Context, size KernelSize) (Kernel, error) {
	if err := size.Validate(); err != nil {
		return Kernel{}, err
	}
	dir, err := os.MkdirTemp("", "deco-kernel-")
	if err != nil {
		return Kernel{}, fmt.Errorf("kernel benchmark: %w", err)
	}
	defer os.RemoveAll(dir)
	bin, err := buildNativeKernel(ctx, dir)
	if err != nil {
		return Kernel{}, err
	}
	native := func(repeat int) (time.Duration, string, error) {
		var out, stderr bytes.Buffer
		cmd := osexec.CommandContext(ctx, bin, size.args(repeat)...)
		cmd.Stdout, cmd.Stderr = &out, &stderr
		t := time.Now()
		err := cmd.Run()
		d := time.Since(t)
		if err != nil {
			return d, "", fmt.Errorf("the native C kernel: %w: %s", err, stderr.Bytes())
		}
		if kernelCPU { // as the WebAssembly sides are timed
			d = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		}
		return d, out.String(), nil
	}
	return compareKernel(ctx, size, examples.KernelCWASM(), "deco:kernel-c-benchmark", native)
}

// buildNativeKernel compiles the C kernel for this machine into dir and
// returns the executable's path. The flags match the wasm32 build's
// (examples/gen.go) but for the target, so both compute the same image.
func buildNativeKernel(ctx context.Context, dir string) (string, error) {
	clang, err := osexec.LookPath("clang")
	if err != nil {
		return "", ErrNoClang
	}
	src, bin := filepath.Join(dir, "kernel.c"), filepath.Join(dir, "kernel")
	if err := os.WriteFile(src, examples.KernelCSource(), 0o644); err != nil {
		return "", fmt.Errorf("kernel benchmark: %w", err)
	}
	out, err := osexec.CommandContext(ctx, clang, "-O2", "-Wall", "-ffp-contract=off", "-o", bin, src, "-lm").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("compile the native C kernel with %s: %w\n%s(a C library's headers are needed too: apt-get install libc6-dev)", clang, err, out)
	}
	return bin, nil
}
