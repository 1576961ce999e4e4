package sched

import (
	"math"
	"math/bits"
	"time"
)

// roster is the learned scheduler's dense view of the providers it knows:
// one row per provider with the posterior values a decision needs, and an
// open-addressing table keyed by a provider's declared benchmark that holds
// the values the screening pass reads, so that a decision among thousands
// of candidates reads each one's values in one memory access, without
// hashing its peer id (a Candidate carries the benchmark of the offer the
// scheduler saw). Two providers declaring the same benchmark share a
// signature; it is marked shared and their candidates are looked up by
// peer id.
//
// Rows are a snapshot of the model: a provider's row is refreshed when its
// offer or an outcome of it is seen, and every row when the capacity index
// is rebuilt (the global model moves the priors of unobserved providers).
type roster struct {
	rows   []prow
	sigs   []uint64     // benchSig of each row's benchmark, dense for a sampling pass
	svs    []screenVals // each row's screening values, dense for a pool's sample
	byPeer map[string]int32
	tab    []pslot
	mask   uint64
	shift  uint // 64 − log2(len(tab)): a slot index is a signature's top bits
	used   int
}

// prow is one provider's row.
type prow struct {
	peer  string
	bench float64 // declared benchmark: the signature
	slots int
	ask   float64 // price of its last offer
	lat   time.Duration
	exp   int64 // offer expiry, Unix ms (0 = none)
	m     *ProviderModel
	// Decision values, from the model at the last refresh.
	mu, sd float64 // log-speed posterior
	a, b   float64 // Beta posterior of success
	odds   float64 // expected failed attempts per success of a typical attempt, (1−rel)/rel
	// Failures are a hazard: a run of d seconds succeeds with probability
	// e^(−h·d), h from the Beta posterior and the provider's mean run length
	// dref; for a provider with no run seen, the odds oc of an attempt.
	dref, h, oc float64
	carbon      float64 // gCO2/kWh, 0 = unknown
	cautHi      float64 // μ − Caution·σ − log1p(RiskAversion·oc): an upper bound of its cautious log speed
	// invMean is e^−μ; invOpt is e^−(μ+z·σ), the shortest plausible run
	// per unit of work.
	invMean, invOpt float64
	res             reservation
	skip            uint64 // decision whose longest-first rule left it to bigger tasks
	hint            int32  // the pool's memo for this provider (see HintedPool)
}

// reservation: an open round asked for the row's slots until then.
type reservation struct {
	slots int
	until time.Time
}

// screenVals are a row's values as the screening pass reads them.
type screenVals struct {
	cautHi, invMean, invOpt, h, oc, carbon float32
}

// pslot is a table slot: the low 32 bits of a signature, the row and its
// screening values.
type pslot struct {
	tag uint32
	row int32 // row+1; 0 = empty; −1: more than one provider has this signature
	screenVals
}

// benchSig hashes a benchmark: its top bits index the table, bits 16–47
// are its tag.
func benchSig(bench float64) uint64 {
	z := math.Float64bits(bench)
	return (z ^ z>>29) * 0xbf58476d1ce4e5b9
}

// row returns the row of peer, or −1.
func (r *roster) row(peer string) int32 {
	if i, ok := r.byPeer[peer]; ok {
		return i
	}
	return -1
}

// find returns the slot of the provider whose offer declared bench, nil if
// none. A slot whose row is −1 is shared: look the peer up instead. A
// 32-bit tag may, rarely, match another benchmark's: callers confirm the
// peer before trusting more than a screening bound.
func (r *roster) find(bench float64) *pslot { return r.findSig(benchSig(bench)) }

// findSig is find for a signature.
func (r *roster) findSig(sig uint64) *pslot {
	if len(r.tab) == 0 {
		return nil
	}
	tag := uint32(sig >> 16)
	for i := sig >> r.shift; ; i = (i + 1) & r.mask {
		s := &r.tab[i]
		if s.row == 0 {
			return nil
		}
		if s.tag == tag {
			return s
		}
	}
}

// slot returns the table slot for sig, inserting an empty one if needed.
func (r *roster) slot(sig uint64) *pslot {
	if 3*(r.used+1) > 2*len(r.tab) {
		r.grow()
	}
	tag := uint32(sig >> 16)
	for i := sig >> r.shift; ; i = (i + 1) & r.mask {
		s := &r.tab[i]
		if s.row == 0 {
			s.tag = tag
			r.used++
			return s
		}
		if s.tag == tag {
			return s
		}
	}
}

func (r *roster) grow() {
	n := max(64, 1<<bits.Len(uint(3*(r.used+1)/2)))
	r.tab, r.mask, r.shift, r.used = make([]pslot, n), uint64(n-1), uint(64-bits.Len(uint(n-1))), 0
	for i := range r.rows {
		r.sign(int32(i))
	}
}

// sign enters row i's signature and screening values in the table.
func (r *roster) sign(i int32) {
	w := &r.rows[i]
	r.svs[i] = r.screenOf(i)
	s := r.slot(benchSig(w.bench))
	switch {
	case s.row == 0 || s.row == i+1:
		s.row = i + 1
		s.screenVals = r.screenOf(i)
	default:
		s.row = -1 // shared
	}
}

// upsert returns peer's row, creating it, and re-signs it if its benchmark
// changed.
func (r *roster) upsert(peer string, bench float64) int32 {
	if r.byPeer == nil {
		r.byPeer = map[string]int32{}
	}
	i, ok := r.byPeer[peer]
	if !ok {
		i = int32(len(r.rows))
		r.rows = append(r.rows, prow{peer: peer, bench: bench, hint: -1})
		r.sigs = append(r.sigs, benchSig(bench))
		r.svs = append(r.svs, screenVals{})
		r.byPeer[peer] = i
		r.sign(i)
		return i
	}
	if w := &r.rows[i]; w.bench != bench {
		// Its old signature may be matched by a candidate still carrying
		// the old benchmark: mark it shared, which only costs a lookup by
		// peer id.
		if s := r.slot(benchSig(w.bench)); s.row == i+1 {
			s.row = -1
		}
		w.bench = bench
		r.sigs[i] = benchSig(bench)
		r.sign(i)
	}
	return i
}

// screenOf returns row i's screening values.
func (r *roster) screenOf(i int32) screenVals {
	w := &r.rows[i]
	return screenVals{cautHi: float32(w.cautHi), invMean: float32(w.invMean), invOpt: float32(w.invOpt), h: float32(w.h), oc: float32(w.oc), carbon: float32(w.carbon)}
}

// elite is a small set of benchmark signatures, the providers a decision
// always screens (the fastest, the cheapest and the cleanest): a bit filter
// that fits in the first-level cache, then an exact set.
type elite struct {
	bits [1024]uint64 // one bit per member: a filter of 65,536 bits
	set  map[uint64]bool
	rows []int32 // the members' rows (distinct), for a pool's sample
}

func (e *elite) add(sig uint64) bool {
	if e.set == nil {
		e.set = map[uint64]bool{}
	}
	if e.set[sig] {
		return false
	}
	a := sig >> 32 & (1<<16 - 1)
	e.bits[a>>6] |= 1 << (a & 63)
	e.set[sig] = true
	return true
}

// maybe is the filter alone: false means sig is not in the set.
func (e *elite) maybe(sig uint64) bool {
	a := sig >> 32 & (1<<16 - 1)
	return e.bits[a>>6]&(1<<(a&63)) != 0
}

func (e *elite) has(sig uint64) bool { return e.maybe(sig) && e.set[sig] }
