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
)

// RenderWASM is the ray tracer: one horizontal band of the scene per task.
func RenderWASM() []byte { return renderWASM }

// HelloWASM is the hello example (see hello/main.go for its exact output).
func HelloWASM() []byte { return helloWASM }

// KernelWASM is the kernel benchmark wrapper (kernel/cmd).
func KernelWASM() []byte { return kernelWASM }
