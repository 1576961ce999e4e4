// Command kernel is the WebAssembly wrapper of the kernel benchmark: it
// renders the example scene --repeat times at --width x --height and prints
// the checksum of the last image, so the work cannot be skipped. Build it
// with GOOS=wasip1 GOARCH=wasm (see examples/gen.go); it is embedded as
// examples.KernelWASM.
//
//	kernel --width 160 --height 120 --repeat 10
package main
