package wasm

import (
	"slices"
	"sync"
)

// memPool keeps the linear memories of finished runs for the next ones.
// A Go guest grows its memory step by step at start; with a fresh buffer
// each step allocates, zeroes and copies, and the garbage collector then
// scans and frees tens of megabytes per task. A pooled buffer already has
// the capacity the last run reached, so growing is a reslice, and only the
// bytes the last guest could see are cleared.
//
// Guests never see each other's bytes: a buffer enters the pool only after
// its run ended (the guest's call returned, so no guest code can still
// write to it), and it is cleared up to its length, the most the guest
// could ever address (memory never shrinks); past its length it is still
// zero from make.
type memPool struct {
	mu    sync.Mutex
	bufs  [][]byte // each cleared, length 0
	bytes uint64   // sum of capacities held
	off   bool     // a benchmark's baseline: every run allocates afresh
}

const (
	poolMaxBufs  = 16
	poolMaxBytes = 1 << 30
	poolMaxBuf   = 256 << 20 // bigger memories go back to the garbage collector
)

// get returns a cleared buffer of length 0 whose capacity is at least
// want and at most limit (the largest such, to spare the run its growth
// copies), or nil.
func (p *memPool) get(want, limit uint64) []byte {
	if p == nil || p.off {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	best := -1
	for i, b := range p.bufs {
		c := uint64(cap(b))
		if c >= want && c <= limit && (best < 0 || c > uint64(cap(p.bufs[best]))) {
			best = i
		}
	}
	if best < 0 {
		return nil
	}
	b := p.bufs[best]
	p.bufs = slices.Delete(p.bufs, best, best+1)
	p.bytes -= uint64(cap(b))
	return b
}

// put clears buf up to its length and keeps it, unless the pool is full
// or buf too big. buf must not be used by its run any more.
func (p *memPool) put(buf []byte) {
	if p == nil || p.off || buf == nil || cap(buf) > poolMaxBuf {
		return
	}
	clear(buf)
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.bufs) >= poolMaxBufs || p.bytes+uint64(cap(buf)) > poolMaxBytes {
		return
	}
	p.bufs = append(p.bufs, buf[:0])
	p.bytes += uint64(cap(buf))
}
