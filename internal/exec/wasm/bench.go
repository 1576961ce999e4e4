package wasm

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/tetratelabs/wazero"
	"github.com/tetratelabs/wazero/sys"
)

// Benchmark kernel sizing: benchPoints grid points per measurement (a
// quarter of the kernel's grid, a few tens of milliseconds on a 2020s
// core), at most benchRounds measurements, and no new round once
// benchBudget has been spent.
const (
	benchPoints = 1 << 18
	benchRounds = 3
	benchBudget = 150 * time.Millisecond
)

// benchModuleID is the compiled-module cache key of the benchmark kernel.
const benchModuleID = "deco:benchmark-kernel/v1"

// Benchmark measures how fast e runs compute-bound WebAssembly: it runs a
// fixed, embedded Mandelbrot kernel (see kernelModule) a few times and
// returns the best speed as millions of kernel iterations per second.
// Higher is faster; the number is comparable between machines running the
// same Deco version. It takes well under 200 ms, compilation included.
func Benchmark(ctx context.Context, e *Executor) (score float64, err error) {
	cm, _, err := e.acquire(ctx, benchModuleID, kernelModule())
	if err != nil {
		return 0, fmt.Errorf("benchmark: %w", err)
	}
	defer e.release(cm)
	cfg := wazero.NewModuleConfig().WithName("").WithStartFunctions().WithOsyield(func() {
		if ctx.Err() != nil {
			panic(sys.NewExitError(sys.ExitCodeContextCanceled))
		}
	})
	mod, err := cm.rt.InstantiateModule(ctx, cm.mod, cfg)
	if err != nil {
		return 0, fmt.Errorf("benchmark: instantiate the kernel: %w", err)
	}
	defer mod.Close(ctx)
	run := mod.ExportedFunction("run")

	began := time.Now()
	best := time.Duration(0)
	var iterations uint64
	for round := 0; round < benchRounds && (round == 0 || time.Since(began) < benchBudget); round++ {
		t := time.Now()
		res, err := run.Call(ctx, benchPoints)
		d := time.Since(t)
		if err != nil {
			if ctx.Err() != nil {
				return 0, fmt.Errorf("benchmark: %w", ctx.Err())
			}
			return 0, fmt.Errorf("benchmark: the kernel failed: %w", err)
		}
		iterations = res[0]
		if best == 0 || d < best {
			best = d
		}
	}
	if best <= 0 || iterations == 0 {
		return 0, errors.New("benchmark: the kernel did no measurable work")
	}
	return float64(iterations) / best.Seconds() / 1e6, nil
}
