package wasm

import (
	"testing"

	"github.com/deco-network/deco/examples"
)

// FuzzInstrument feeds arbitrary bytes to the decoders that run on
// untrusted modules before wazero sees them: they must never panic.
func FuzzInstrument(f *testing.F) {
	f.Add(MinimalModule())
	f.Add(kernelModule())
	f.Add(loopModule(false))
	f.Add(examples.HelloWASM()[:4096])
	f.Add([]byte("\x00asm\x01\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, b []byte) {
		instrument(b)
		memoryMinPages(b)
	})
}

func TestMemoryMinPages(t *testing.T) {
	for _, tt := range []struct {
		mod  []byte
		want uint32
	}{
		{MinimalModule(), 1},
		{kernelModule(), 0},
		{startModule(300, nil, nil), 300},
	} {
		if got, err := memoryMinPages(tt.mod); err != nil || got != tt.want {
			t.Errorf("got %d (%v), want %d", got, err, tt.want)
		}
	}
}
