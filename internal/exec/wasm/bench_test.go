package wasm

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/tetratelabs/wazero"

	"github.com/deco-network/deco/examples"
	"github.com/deco-network/deco/examples/kernel"
	dexec "github.com/deco-network/deco/internal/exec"
)

// Kernel benchmarks: one op is one 160x120 render of the example scene,
// natively and inside the sandbox. Compare their ns/op for the slowdown.
func BenchmarkKernelNative(b *testing.B) {
	for b.Loop() {
		kernel.RenderBand(kernelWidth, kernelHeight, 0, kernelHeight, 1)
	}
}

func BenchmarkKernelWASM(b *testing.B) {
	e := shared(b)
	spec := func(repeat int) dexec.Spec {
		return dexec.Spec{Module: examples.KernelWASM(), Timeout: time.Hour,
			Args: []string{"--width", strconv.Itoa(kernelWidth), "--height", strconv.Itoa(kernelHeight), "--repeat", strconv.Itoa(repeat)}}
	}
	if _, err := e.Run(context.Background(), spec(0)); err != nil { // compile outside the timer
		b.Fatal(err)
	}
	b.ResetTimer()
	// One instance renders b.N times, so the Go runtime's start-up is paid
	// once, as in the native loop.
	res, err := e.Run(context.Background(), spec(b.N))
	if err != nil || res.ExitCode != 0 {
		b.Fatalf("%v exit %d: %s", err, res.ExitCode, res.Stderr)
	}
}

// BenchmarkRenderCompileCold: compiling render.wasm in a fresh executor
// with no cache, the cost the first task of a module pays.
func BenchmarkRenderCompileCold(b *testing.B) {
	mod := examples.RenderWASM()
	for b.Loop() {
		e, err := New(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		cm, _, err := e.acquire(context.Background(), "render", mod)
		if err != nil {
			b.Fatal(err)
		}
		e.release(cm)
		e.Close(context.Background())
	}
}

// BenchmarkRenderTileWarm: instantiate and run one 640x480/8 tile of the
// render example with the module already compiled.
func BenchmarkRenderTileWarm(b *testing.B) {
	e := shared(b)
	spec := dexec.Spec{Module: examples.RenderWASM(), ModuleID: "render", OutputDir: b.TempDir(), Args: []string{"--tile", "3", "--tiles", "8"}}
	if _, err := e.Run(context.Background(), spec); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if res, err := e.Run(context.Background(), spec); err != nil || res.ExitCode != 0 {
			b.Fatalf("%v exit %d", err, res.ExitCode)
		}
	}
}

// BenchmarkHelloWarm: instantiate and run the hello example (Go runtime
// start-up plus a little I/O), compiled; with the memories of finished
// runs reused (pooled, as the executor runs) and, as the baseline, with
// a fresh memory for every run. pooled reports pooled/fresh time per run.
func BenchmarkHelloWarm(b *testing.B) {
	e := shared(b)
	spec := dexec.Spec{Module: examples.HelloWASM(), ModuleID: "hello", OutputDir: b.TempDir()}
	if _, err := e.Run(context.Background(), spec); err != nil {
		b.Fatal(err)
	}
	per := map[bool]float64{}
	for _, fresh := range []bool{true, false} {
		name := map[bool]string{true: "fresh", false: "pooled"}[fresh]
		b.Run(name, func(b *testing.B) {
			e.mem.off = fresh
			defer func() { e.mem.off = false }()
			for b.Loop() {
				if _, err := e.Run(context.Background(), spec); err != nil {
					b.Fatal(err)
				}
			}
			per[fresh] = float64(b.Elapsed()) / float64(b.N)
			if !fresh && per[true] > 0 {
				b.ReportMetric(per[false]/per[true], "pooled/fresh")
			}
		})
	}
}

// BenchmarkMinimalRun: Deco's own per-task overhead with a module that has
// no language runtime.
func BenchmarkMinimalRun(b *testing.B) {
	e := shared(b)
	spec := dexec.Spec{Module: MinimalModule(), ModuleID: "minimal"}
	for b.Loop() {
		if _, err := e.Run(context.Background(), spec); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkKernelInterruption compares ways of keeping a guest stoppable on
// the kernel workload (ns/op = one render): Deco's fuel instrumentation,
// wazero's WithCloseOnContextDone, and no interruption at all (unsafe:
// shown as the floor).
func BenchmarkKernelInterruption(b *testing.B) {
	ctx := context.Background()
	mod := examples.KernelWASM()
	fuel, err := instrument(mod)
	if err != nil {
		b.Fatal(err)
	}
	for _, v := range []struct {
		name        string
		bin         []byte
		closeOnDone bool
	}{{"fuel", fuel, false}, {"wazero-close-on-done", mod, true}, {"none", mod, false}} {
		b.Run(v.name, func(b *testing.B) {
			rt, err := newRuntime(ctx, wazero.NewCompilationCache(), v.closeOnDone)
			if err != nil {
				b.Fatal(err)
			}
			defer rt.Close(ctx)
			cm, err := rt.CompileModule(ctx, v.bin)
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			cfg := wazero.NewModuleConfig().WithName("").
				WithArgs("task", "--width", strconv.Itoa(kernelWidth), "--height", strconv.Itoa(kernelHeight), "--repeat", strconv.Itoa(b.N))
			if _, err := rt.InstantiateModule(ctx, cm, cfg); err != nil {
				b.Fatal(err)
			}
		})
	}
}
