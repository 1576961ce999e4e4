// Package kernel is a small, deterministic ray tracer: the compute kernel
// behind the Deco examples. The render example (examples/render) runs it
// under WebAssembly, one horizontal band per task; the kernel benchmark
// (`deco bench kernel`) runs the same code natively and as WebAssembly
// (examples/kernel/cmd) to report how much the sandbox costs. c/kernel.c is
// the same ray tracer in C, rendering the same pixels (the same checksum),
// which the benchmark runs natively (clang -O2) and as wasm32-wasi: Go's
// wasm backend makes code wazero cannot make fast, so the C kernel shows
// the sandbox's own cost.
//
// The scene is fixed: a checkered floor, a mirror ball flanked by coloured
// spheres, a ring of small rainbow spheres, two lights with hard shadows,
// reflections and a sky gradient. RenderBand is a pure function of its
// arguments, so every replica that renders a band produces the same pixels
// (WebAssembly floating point is deterministic; the code avoids anything
// that is not).
//
// Example:
//
//	y0, y1 := kernel.Band(3, 8, 480) // tile 3 of 8
//	img := kernel.RenderBand(640, 480, y0, y1, 1)
package kernel
