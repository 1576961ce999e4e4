package examples

// Rebuild the committed modules (and record the Go version that built them,
// which TestModulesCurrent compares against) with `go generate ./examples`.
// The flags make the output reproducible: same Go version, same bytes.

//go:generate sh -c "GOOS=wasip1 GOARCH=wasm go build -trimpath -ldflags=-s -buildvcs=false -o render/render.wasm ./render"
//go:generate sh -c "GOOS=wasip1 GOARCH=wasm go build -trimpath -ldflags=-s -buildvcs=false -o hello/hello.wasm ./hello"
//go:generate sh -c "GOOS=wasip1 GOARCH=wasm go build -trimpath -ldflags=-s -buildvcs=false -o kernel/kernel.wasm ./kernel/cmd"
//go:generate sh -c "go env GOVERSION > GOVERSION"
