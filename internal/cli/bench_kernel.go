package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/deco-network/deco/internal/exec/wasm"
)

// KernelReport is the result of `deco bench kernel`: each kernel's times
// in milliseconds for one render, with ratios against its native build
// measured in the same run.
type KernelReport struct {
	// The Go kernel, at the top level as before C was added.
	NativeMs           float64 `json:"native_ms"`
	WASMMs             float64 `json:"wasm_ms"`
	Ratio              float64 `json:"ratio"`
	UninterruptedMs    float64 `json:"uninterrupted_ms"`
	UninterruptedRatio float64 `json:"uninterrupted_ratio"`
	Checksum           string  `json:"checksum"` // of the image every side rendered
	// CPUTime: the times are the CPU time of the thread or process that
	// ran the kernel, unskewed by other load; false: wall time.
	CPUTime bool `json:"cpu_time"`
	// C is the same kernel in C (clang -O2), absent if it could not run;
	// CError then says why and what to do.
	C      *KernelSide `json:"c,omitempty"`
	CError string      `json:"c_error,omitempty"`
}

// KernelSide is one kernel's measurement.
type KernelSide struct {
	NativeMs           float64 `json:"native_ms"`
	WASMMs             float64 `json:"wasm_ms"`
	Ratio              float64 `json:"ratio"`
	UninterruptedMs    float64 `json:"uninterrupted_ms"`
	UninterruptedRatio float64 `json:"uninterrupted_ratio"`
	// Checks is how the executor could stop the module: "fuel" (Deco's
	// fuel counter) or "wazero" (wazero's own checks, for modules Deco
	// cannot instrument).
	Checks   string `json:"checks"`
	Checksum string `json:"checksum"`
}

func kernelSide(k wasm.Kernel) KernelSide {
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	checks := "wazero"
	if k.Fuel {
		checks = "fuel"
	}
	return KernelSide{NativeMs: ms(k.Native), WASMMs: ms(k.WASM), Ratio: k.Ratio(), UninterruptedMs: ms(k.Floor),
		UninterruptedRatio: k.FloorRatio(), Checks: checks, Checksum: strings.TrimSpace(k.Checksum)}
}

func newBenchKernelCmd(g *globals) *cobra.Command {
	size := wasm.DefaultKernelSize
	cmd := &cobra.Command{
		Use:   "kernel",
		Short: "The same compute kernel natively and as WASM in wazero, in Go and in C: the slowdown ratios",
		Long: `Renders the example scene with the same ray tracer natively and as WebAssembly:
the Go kernel (native Go in this process vs its wasip1 build) and the C kernel
(clang -O2 natively, built at run time, vs its wasm32-wasi build). Each
WebAssembly module runs in a Deco executor, as providers run tasks (with the
checks that let Deco stop it), and bare in wazero (unstoppable: the floor).
Ratios are against the native build measured in the same run. The C part
needs clang; without it the Go part still runs.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := size.Validate(); err != nil {
				return err
			}
			gk, err := wasm.KernelGo(cmd.Context(), size)
			if err != nil {
				return err
			}
			goSide := kernelSide(gk)
			rep := KernelReport{NativeMs: goSide.NativeMs, WASMMs: goSide.WASMMs, Ratio: goSide.Ratio,
				UninterruptedMs: goSide.UninterruptedMs, UninterruptedRatio: goSide.UninterruptedRatio, Checksum: goSide.Checksum, CPUTime: gk.CPU}
			ck, cErr := wasm.KernelC(cmd.Context(), size)
			switch {
			case cErr == nil:
				c := kernelSide(ck)
				rep.C = &c
			case errors.Is(cErr, wasm.ErrNoClang):
				rep.CError = cErr.Error()
			default:
				return cErr
			}
			if ok, err := g.emit(cmd.OutOrStdout(), rep); ok {
				return err
			}
			printKernel(cmd.OutOrStdout(), size, rep)
			return nil
		},
	}
	cmd.Flags().IntVar(&size.Width, "width", size.Width, "image width in pixels")
	cmd.Flags().IntVar(&size.Height, "height", size.Height, "image height in pixels")
	cmd.Flags().IntVar(&size.Repeat, "repeat", size.Repeat, "renders per measurement")
	cmd.Flags().IntVar(&size.Samples, "samples", size.Samples, "measurements per side; the fastest counts")
	addOutputFlag(cmd, g)
	return cmd
}

func printKernel(w io.Writer, size wasm.KernelSize, r KernelReport) {
	clock := "wall time"
	if r.CPUTime {
		clock = "CPU time"
	}
	fmt.Fprintf(w, "kernel: one %dx%d render, best of %d, in %s; ratios against native code in this run\n", size.Width, size.Height, size.Samples, clock)
	row := func(name string, ms, ratio float64, note string) {
		fmt.Fprintf(w, "  %-34s %9.1f ms  %6.2fx  %s\n", name, ms, ratio, note)
	}
	if c := r.C; c != nil {
		checks := "Deco's fuel checks"
		if c.Checks != "fuel" {
			checks = "wazero's checks (Deco cannot instrument this module)"
		}
		row("C native (clang -O2)", c.NativeMs, 1, "baseline")
		row("C wasm in Deco (checks on)", c.WASMMs, c.Ratio, checks+"; target ≤ 1.5x")
		row("C wasm bare (no checks, unsafe)", c.UninterruptedMs, c.UninterruptedRatio, fmt.Sprintf("the checks add %.0f%%", 100*(c.Ratio/c.UninterruptedRatio-1)))
	} else {
		fmt.Fprintf(w, "  C: skipped: %s\n", r.CError)
	}
	row("Go native", r.NativeMs, 1, "baseline")
	row("Go wasm in Deco (checks on)", r.WASMMs, r.Ratio, "Deco's fuel checks; target ≤ 2.0x")
	row("Go wasm bare (no checks, unsafe)", r.UninterruptedMs, r.UninterruptedRatio, fmt.Sprintf("the checks add %.0f%%", 100*(r.Ratio/r.UninterruptedRatio-1)))
	if min(r.NativeMs, r.UninterruptedMs) < 1 || (r.C != nil && min(r.C.NativeMs, r.C.UninterruptedMs) < 1) {
		fmt.Fprintln(w, "Times under 1 ms are mostly noise: measure a larger image (--width, --height) or more renders (--repeat).")
	}
	fmt.Fprintln(w, "The Go kernel's WebAssembly is slower than the C kernel's because of Go's wasm backend, not the sandbox:")
	fmt.Fprintln(w, "every Go function compiles to a dispatch loop over its resume points and keeps the goroutine stack in")
	fmt.Fprintln(w, "linear memory, code wazero cannot make fast. The C rows show the sandbox's own cost.")
}
