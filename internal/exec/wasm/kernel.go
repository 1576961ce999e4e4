package wasm

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/sys"

	"github.com/deco-network/deco/examples"
	"github.com/deco-network/deco/examples/kernel"
	"github.com/deco-network/deco/internal/exec"
)

// KernelSize is the work of one kernel comparison: each side renders the
// example scene at Width x Height, Repeat times per measurement, and the
// fastest of Samples measurements counts.
type KernelSize struct {
	Width, Height, Repeat, Samples int
}

// The default image: big enough that one render dwarfs timer noise, small
// enough to run a few times.
const (
	kernelWidth  = 160
	kernelHeight = 120
)

// DefaultKernelSize is what `deco bench kernel` measures.
var DefaultKernelSize = KernelSize{Width: kernelWidth, Height: kernelHeight, Repeat: 2, Samples: 10}

// Validate reports a size that cannot be measured.
func (s KernelSize) Validate() error {
	if s.Width < 1 || s.Height < 1 || s.Width > 1<<14 || s.Height > 1<<14 || s.Repeat < 1 || s.Samples < 1 {
		return fmt.Errorf("kernel size %dx%d, repeat %d, samples %d: width and height must be 1-16384, repeat and samples at least 1",
			s.Width, s.Height, s.Repeat, s.Samples)
	}
	return nil
}

func (s KernelSize) args(repeat int) []string {
	return []string{"--width", strconv.Itoa(s.Width), "--height", strconv.Itoa(s.Height), "--repeat", strconv.Itoa(repeat)}
}

// Kernel is what a kernel comparison measured: the best time of one render
// of the same image each way.
type Kernel struct {
	Native time.Duration // the kernel compiled natively (Go: in this process; C: clang -O2)
	WASM   time.Duration // the module run by an Executor, as providers run tasks
	// Floor: the module compiled by wazero and run with no way to stop it
	// (no fuel checks, no context checks). Unsafe for a provider; it shows
	// how much of the slowdown is Deco's interruption and how much is
	// wazero's code for the module.
	Floor time.Duration
	// Fuel: the Executor ran the module with Deco's fuel checks (see
	// interrupt.go); false: with wazero's own, slower checks.
	Fuel bool
	// CPU: the times are CPU time (see kernelCPU), else wall time.
	CPU bool
	// Checksum is what every side printed for the last image (they must
	// agree, or the comparison fails).
	Checksum string
}

// Ratio is the sandbox's slowdown, WASM/Native.
func (k Kernel) Ratio() float64 { return k.WASM.Seconds() / k.Native.Seconds() }

// FloorRatio is the slowdown without interruption, Floor/Native.
func (k Kernel) FloorRatio() float64 { return k.Floor.Seconds() / k.Native.Seconds() }

// KernelRatio runs KernelGo at DefaultKernelSize.
func KernelRatio(ctx context.Context) (Kernel, error) { return KernelGo(ctx, DefaultKernelSize) }

// KernelGo measures the cost of the sandbox on real work: the render
// example's ray tracer (examples/kernel) renders the same image natively, in
// this process, as WebAssembly in a fresh Executor (examples.KernelWASM),
// and as the bare module in wazero with no interruption. It takes a few
// seconds, most of it compiling the module twice.
func KernelGo(ctx context.Context, size KernelSize) (Kernel, error) {
	native := func(repeat int) (time.Duration, string, error) {
		var sum uint64
		d, _ := onThread(func() error {
			for r := 0; r < repeat; r++ {
				sum = kernel.Checksum(kernel.RenderBand(size.Width, size.Height, 0, size.Height, 1))
			}
			return nil
		})
		return d, fmt.Sprintf("checksum %016x\n", sum), nil
	}
	return compareKernel(ctx, size, examples.KernelWASM(), "deco:kernel-benchmark", native)
}

// kernelSide runs the kernel repeat times one way and returns the time it
// took and what it printed.
type kernelSide func(repeat int) (time.Duration, string, error)

// compareKernel measures the module mod in a fresh Executor and bare in
// wazero against native. The WebAssembly and subprocess times exclude
// compilation and start-up (a run that renders nothing is subtracted), so
// every side times the same loop, in CPU time where the system offers it
// (kernelCPU). The sides alternate within each sample
// so that machine noise hits them alike.
func compareKernel(ctx context.Context, size KernelSize, mod []byte, id string, native kernelSide) (Kernel, error) {
	k := Kernel{CPU: kernelCPU}
	if err := size.Validate(); err != nil {
		return k, err
	}
	_, err := instrument(mod)
	k.Fuel = err == nil
	e, err := New(ctx)
	if err != nil {
		return k, err
	}
	defer e.Close(context.WithoutCancel(ctx))
	runDeco := func(repeat int) (time.Duration, string, error) {
		var res exec.Result
		d, err := onThread(func() (err error) {
			res, err = e.Run(ctx, exec.Spec{Module: mod, ModuleID: id, Args: size.args(repeat), Timeout: 5 * time.Minute})
			return err
		})
		if err == nil && res.ExitCode != 0 {
			err = fmt.Errorf("the kernel module exited with %d: %s", res.ExitCode, res.Stderr)
		}
		return d, string(res.Stdout), err
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
	runBare := func(repeat int) (time.Duration, string, error) {
		var out bytes.Buffer
		cfg := wazero.NewModuleConfig().WithName("").WithStdout(&out).WithArgs(append([]string{"kernel"}, size.args(repeat)...)...)
		var m api.Module
		d, err := onThread(func() (err error) {
			m, err = bare.InstantiateModule(ctx, cm, cfg)
			return err
		})
		if m != nil {
			m.Close(ctx)
		}
		var exit *sys.ExitError
		if errors.As(err, &exit) && exit.ExitCode() == 0 {
			err = nil
		}
		return d, out.String(), err
	}
	best := func(dst *time.Duration, name string, run kernelSide) error {
		empty, _, err := run(0)
		if err != nil {
			return fmt.Errorf("kernel benchmark (%s): %w", name, err)
		}
		full, out, err := run(size.Repeat)
		if err != nil {
			return fmt.Errorf("kernel benchmark (%s): %w", name, err)
		}
		if k.Checksum == "" {
			k.Checksum = out
		} else if out != k.Checksum {
			return fmt.Errorf("kernel benchmark: %s printed %q, another side %q: the builds compute different images", name, out, k.Checksum)
		}
		if d := (full - empty) / time.Duration(size.Repeat); *dst == 0 || d < *dst {
			*dst = max(d, 1)
		}
		return nil
	}
	if _, _, err := runDeco(0); err != nil { // compile
		return k, fmt.Errorf("kernel benchmark: %w", err)
	}
	for i := 0; i < size.Samples; i++ {
		if err := best(&k.WASM, "wasm in deco", runDeco); err != nil {
			return k, err
		}
		if err := best(&k.Floor, "bare wasm", runBare); err != nil {
			return k, err
		}
		if err := best(&k.Native, "native", native); err != nil {
			return k, err
		}
		if err := ctx.Err(); err != nil {
			return k, err
		}
	}
	return k, nil
}
