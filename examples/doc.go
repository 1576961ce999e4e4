// Package examples holds Deco's WebAssembly workloads (Go programs built
// for GOOS=wasip1) and embeds their prebuilt modules:
//
//   - render/: a ray tracer; each task renders one horizontal band (tile).
//   - hello/: prints and writes a result file the tests can check exactly.
//   - kernel/: the ray tracer's compute kernel, run natively and as WASM by
//     `deco bench kernel`; c/ is the same kernel in C (same pixels), which
//     the benchmark also compiles natively with clang.
//   - counter/: a long task that checkpoints its state every step
//     (deco.Checkpoint) and resumes from it on another provider; c/ is the
//     same program in C, built with clang --target=wasm32-wasi, rust/ in
//     Rust, built with rustc --target wasm32-wasi (no crates).
//   - mining/: a proof-of-work nonce search, one range of nonces per task,
//     and check/, its checker (verification: check), which verifies a
//     task's nonce with one hash.
//   - guest/: the guest libraries of Deco's host module "deco": guest/deco
//     for Go (go:wasmimport), guest/c/deco.h for C, guest/rust/deco.rs for
//     Rust.
//   - hostile/: programs that misbehave (loop forever, exhaust memory, escape
//     the sandbox, flood stdout) used by the sandbox tests.
//   - animate/, montecarlo/, transcode/, train/: the seed's use cases as
//     workloads (one job spec each in jobs/): frames of an animation of the
//     ray tracer's scene, one per task; a Monte Carlo option price with an
//     error bar (montecarlo/combine pools the tasks); a clip transcoded in
//     segments (transcode/clip makes and joins them); data-parallel
//     training of logistic regression, one job per round
//     (train/driver).
//   - jobs/: example job specs (YAML).
//
// Invariant: the committed .wasm files are exactly what gen.go builds from
// the sources with the Go version recorded in GOVERSION (the clang of every
// C module in counter/c/CLANGVERSION, the rustc in counter/rust/RUSTCVERSION);
// TestModulesCurrent, TestWorkloadModulesCurrent, TestCModulesCurrent and
// TestRustModulesCurrent enforce it.
//
// Example:
//
//	mod := examples.RenderWASM() // run 8 tasks: --tile i --tiles 8
//	img, err := examples.Assemble(tiles) // tiles: each task's tile.json + tile.png
package examples
