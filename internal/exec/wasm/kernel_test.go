package wasm

import (
	"context"
	"errors"
	"os"
	"testing"
)

// The C kernel bench at a small size: native and both WebAssembly sides
// run (the executor with its fuel checks) and print the same checksum as
// the Go kernel.
func TestKernelC(t *testing.T) {
	size := KernelSize{Width: 24, Height: 16, Repeat: 1, Samples: 2}
	k, err := KernelC(context.Background(), size)
	if errors.Is(err, ErrNoClang) && os.Getenv("CI") != "true" {
		t.Skip(err)
	}
	if err != nil || k.Native <= 0 || k.WASM <= 0 || k.Floor <= 0 {
		t.Fatalf("%+v: %v", k, err)
	}
	if !k.Fuel { // kernel.c imports sched_yield so that providers run it as they run Go modules
		t.Error("the executor ran the C kernel on wazero's checks, not Deco's fuel checks")
	}
	goGuest(t)
	g, err := KernelGo(context.Background(), size)
	if err != nil || g.Checksum != k.Checksum {
		t.Fatalf("Go kernel printed %q (%v), the C kernel %q", g.Checksum, err, k.Checksum)
	}
	t.Logf("C kernel: native %v, wasm %v (ratio %.2f, fuel %v), unchecked %v (ratio %.2f)", k.Native, k.WASM, k.Ratio(), k.Fuel, k.Floor, k.FloorRatio())
}

func TestKernelSizeValidate(t *testing.T) {
	for _, s := range []KernelSize{{0, 1, 1, 1}, {1, 1, 0, 1}, {1, 1, 1, 0}, {1 << 15, 1, 1, 1}} {
		if s.Validate() == nil {
			t.Errorf("%+v validated", s)
		}
	}
	if err := DefaultKernelSize.Validate(); err != nil {
		t.Error(err)
	}
}
