package examples

// Rebuild the committed modules (and record the Go version that built them,
// which TestModulesCurrent compares against) with `go generate ./examples`.
// The flags make the output reproducible: same Go version, same bytes.
// GOWASM=satconv,signext lets Go use WebAssembly's saturating float-to-int
// conversions and sign-extension instructions (core WebAssembly 2.0, which
// wazero runs) instead of long emulation sequences: the ray tracer renders
// about a quarter faster. Build your own Go modules for Deco the same way.

//go:generate sh -c "GOOS=wasip1 GOARCH=wasm GOWASM=satconv,signext go build -trimpath -ldflags=-s -buildvcs=false -o render/render.wasm ./render"
//go:generate sh -c "GOOS=wasip1 GOARCH=wasm GOWASM=satconv,signext go build -trimpath -ldflags=-s -buildvcs=false -o hello/hello.wasm ./hello"
//go:generate sh -c "GOOS=wasip1 GOARCH=wasm GOWASM=satconv,signext go build -trimpath -ldflags=-s -buildvcs=false -o kernel/kernel.wasm ./kernel/cmd"
//go:generate sh -c "GOOS=wasip1 GOARCH=wasm GOWASM=satconv,signext go build -trimpath -ldflags=-s -buildvcs=false -o counter/counter.wasm ./counter"
// The workloads of the seed's use cases (see their job specs in jobs/).
//go:generate sh -c "GOOS=wasip1 GOARCH=wasm GOWASM=satconv,signext go build -trimpath -ldflags=-s -buildvcs=false -o animate/animate.wasm ./animate"
//go:generate sh -c "GOOS=wasip1 GOARCH=wasm GOWASM=satconv,signext go build -trimpath -ldflags=-s -buildvcs=false -o montecarlo/montecarlo.wasm ./montecarlo"
//go:generate sh -c "GOOS=wasip1 GOARCH=wasm GOWASM=satconv,signext go build -trimpath -ldflags=-s -buildvcs=false -o transcode/transcode.wasm ./transcode"
//go:generate sh -c "GOOS=wasip1 GOARCH=wasm GOWASM=satconv,signext go build -trimpath -ldflags=-s -buildvcs=false -o train/train.wasm ./train"
//go:generate sh -c "GOOS=wasip1 GOARCH=wasm GOWASM=satconv,signext go build -trimpath -ldflags=-s -buildvcs=false -o wordcount/wcmap/wcmap.wasm ./wordcount/wcmap"
//go:generate sh -c "GOOS=wasip1 GOARCH=wasm GOWASM=satconv,signext go build -trimpath -ldflags=-s -buildvcs=false -o wordcount/wcreduce/wcreduce.wasm ./wordcount/wcreduce"
//go:generate sh -c "go run ./wordcount/corpus jobs/data/wordcount 4 3000"
//go:generate sh -c "GOOS=wasip1 GOARCH=wasm GOWASM=satconv,signext go build -trimpath -ldflags=-s -buildvcs=false -o mining/mining.wasm ./mining"
//go:generate sh -c "GOOS=wasip1 GOARCH=wasm GOWASM=satconv,signext go build -trimpath -ldflags=-s -buildvcs=false -o mining/check/check.wasm ./mining/check"
//go:generate sh -c "go env GOVERSION > GOVERSION"

// The C counter needs Debian's clang, lld, wasi-libc and
// libclang-rt-dev-wasm32 (scripts/prereqs.sh installs them);
// counter/c/CLANGVERSION records the compiler that built every C module,
// which TestCModulesCurrent compares against.
//go:generate sh -c "clang --target=wasm32-wasi -O2 -Wall -Wl,--strip-all -o counter/c/counter.wasm counter/c/counter.c && clang --version | head -1 > counter/c/CLANGVERSION"
//go:generate clang --target=wasm32-wasi -O2 -Wall -ffp-contract=off -Wl,--strip-all -o kernel/c/kernel.wasm kernel/c/kernel.c

// The Rust counter needs Debian's rustc and libstd-rust-dev-wasm32
// (scripts/prereqs.sh installs them; set RUSTC if another rustc comes first
// on the PATH). counter/rust/build.sh holds the flags, which make the build
// reproducible, and writes RUSTCVERSION, which TestRustModulesCurrent
// compares against. No crates: the guest library is a module the program
// includes (guest/rust/deco.rs).
//go:generate sh counter/rust/build.sh counter/rust/counter.wasm
