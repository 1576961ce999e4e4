package wasm

import (
	"bytes"
	"testing"
	"unsafe"
)

// A memory one run wrote is reused by the next run with every byte it can
// address zero, and only after the first run released it.
func TestPooledMemoryIsClearedForTheNextRun(t *testing.T) {
	var pool memPool
	const limit = 64 << 20
	first := &memoryGuard{limit: limit, pool: &pool}
	lm := first.Allocate(1<<20, limit).(*linearMemory)
	buf := lm.Reallocate(1 << 20)
	buf = lm.Reallocate(5 << 20) // grows past the first capacity: a copy
	for i := range buf {
		buf[i] = 0xAA
	}
	secret := unsafe.SliceData(buf)

	// Before the run released it, the next run gets a fresh buffer.
	early := (&memoryGuard{limit: limit, pool: &pool}).Allocate(1<<20, limit).(*linearMemory)
	if unsafe.SliceData(early.buf[:1]) == secret {
		t.Fatal("a memory still in use was handed to another run")
	}

	first.release()
	next := (&memoryGuard{limit: limit, pool: &pool}).Allocate(1<<20, limit).(*linearMemory)
	got := next.Reallocate(1 << 20)
	if unsafe.SliceData(got) != secret {
		t.Fatal("the released memory was not reused")
	}
	if len(got) != 1<<20 {
		t.Fatalf("length %d, want %d", len(got), 1<<20)
	}
	if all := got[:cap(got)]; !bytes.Equal(all, make([]byte, len(all))) {
		t.Fatal("the reused memory holds the previous run's bytes")
	}
	// A run whose limit is below the pooled capacity does not get it.
	small := (&memoryGuard{limit: 2 << 20, pool: &pool})
	next.g.release()
	if b := small.Allocate(1<<20, 2<<20).(*linearMemory).buf; cap(b) > 2<<20 {
		t.Fatalf("a run limited to 2 MiB got a %d-byte buffer", cap(b))
	}
}
