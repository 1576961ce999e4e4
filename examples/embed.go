package examples

import _ "embed"

// The prebuilt modules are committed so `go run ./cmd/deco demo` needs only
// Go; gen.go rebuilds them and TestModulesCurrent checks the committed bytes
// match the sources.

var (
	//go:embed render/render.wasm
	renderWASM []byte
	//go:embed hello/hello.wasm
	helloWASM []byte
	//go:embed kernel/kernel.wasm
	kernelWASM []byte
	//go:embed counter/counter.wasm
	counterWASM []byte
	//go:embed counter/c/counter.wasm
	counterCWASM []byte
	//go:embed counter/rust/counter.wasm
	counterRustWASM []byte
	//go:embed kernel/c/kernel.wasm
	kernelCWASM []byte
	//go:embed kernel/c/kernel.c
	kernelCSource []byte
	//go:embed mining/mining.wasm
	miningWASM []byte
	//go:embed mining/check/check.wasm
	miningCheckWASM []byte
	//go:embed montecarlo/montecarlo.wasm
	monteCarloWASM []byte
)

// RenderWASM is the ray tracer: one horizontal band of the scene per task.
func RenderWASM() []byte { return renderWASM }

// HelloWASM is the hello example (see hello/main.go for its exact output).
func HelloWASM() []byte { return helloWASM }

// KernelWASM is the kernel benchmark wrapper (kernel/cmd).
func KernelWASM() []byte { return kernelWASM }

// KernelCWASM is the kernel benchmark written in C (kernel/c/kernel.c):
// the same renders and checksum as KernelWASM.
func KernelCWASM() []byte { return kernelCWASM }

// KernelCSource is kernel/c/kernel.c, which `deco bench kernel` compiles
// natively with clang at run time.
func KernelCSource() []byte { return kernelCSource }

// CounterWASM is the checkpointing counter (counter/main.go): args STEPS
// WORK.
func CounterWASM() []byte { return counterWASM }

// CounterCWASM is the same counter written in C (counter/c/counter.c).
func CounterCWASM() []byte { return counterCWASM }

// CounterRustWASM is the same counter written in Rust
// (counter/rust/counter.rs).
func CounterRustWASM() []byte { return counterRustWASM }

// MiningWASM is the proof-of-work nonce search (mining/): args --header
// HEX --bits BITS --span SPAN; task i searches its own range of nonces.
func MiningWASM() []byte { return miningWASM }

// MiningCheckWASM is the mining job's checker (mining/check/): it verifies
// a task's nonce with one hash.
func MiningCheckWASM() []byte { return miningCheckWASM }

// MonteCarloWASM is the Monte Carlo option pricer (montecarlo/): each
// task writes result.json with its path count, sum and sum of squares of
// the discounted payoffs.
func MonteCarloWASM() []byte { return monteCarloWASM }
