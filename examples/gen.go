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
//go:generate sh -c "GOOS=wasip1 GOARCH=wasm GOWASM=satconv,signext go build -trimpath -ldflags=-s -buildvcs=false -o mining/mining.wasm ./mining"
//go:generate sh -c "GOOS=wasip1 GOARCH=wasm GOWASM=satconv,signext go build -trimpath -ldflags=-s -buildvcs=false -o mining/check/check.wasm ./mining/check"
//go:generate sh -c "go env GOVERSION > GOVERSION"

// The C counter needs Debian's clang, lld, wasi-libc and
// libclang-rt-dev-wasm32 (scripts/prereqs.sh installs them); CLANGVERSION
// records the compiler TestCModulesCurrent compares against.
//go:generate sh -c "clang --target=wasm32-wasi -O2 -Wall -Wl,--strip-all -o counter/c/counter.wasm counter/c/counter.c && clang --version | head -1 > counter/c/CLANGVERSION"
