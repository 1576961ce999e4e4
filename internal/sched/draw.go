package sched

import (
	"math"
	"math/rand/v2"
)

// draw is a random stream for one candidate in one decision: a PCG seeded
// by (scheduler seed, decision number, hash of the peer id). Deriving it
// from the peer rather than from the position in the candidate list makes
// every randomized policy independent of the order the market lists
// candidates in (it may list them in map order), so a run stays
// deterministic for its seed.
type draw struct{ pcg rand.PCG }

func drawFor(seed, decision uint64, peer string) draw {
	var d draw
	d.pcg.Seed(seed^hashString(peer), decision*0x9e3779b97f4a7c15+0x632be59bd9b4e019)
	return d
}

// hashString is a fast, fixed (unseeded, so reproducible) 64-bit string hash.
func hashString(s string) uint64 {
	h := uint64(len(s)) * 0x9e3779b97f4a7c15
	for len(s) >= 8 {
		w := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
		h = (h ^ w) * 0xbf58476d1ce4e5b9
		h ^= h >> 31
		s = s[8:]
	}
	for i := 0; i < len(s); i++ {
		h = (h ^ uint64(s[i])) * 0x94d049bb133111eb
	}
	h ^= h >> 29
	h *= 0xbf58476d1ce4e5b9
	return h ^ h>>32
}

// float returns a uniform draw in [0, 1).
func (d *draw) float() float64 { return float64(d.pcg.Uint64()>>11) / (1 << 53) }

// norm returns a standard normal draw (Box–Muller).
func (d *draw) norm() float64 {
	u := 1 - d.float()
	return math.Sqrt(-2*math.Log(u)) * math.Cos(2*math.Pi*d.float())
}

// beta samples Beta(a, b) as X/(X+Y) with X ~ Gamma(a), Y ~ Gamma(b).
func (d *draw) beta(a, b float64) float64 {
	x, y := d.gamma(a), d.gamma(b)
	if x+y == 0 {
		return a / (a + b)
	}
	return x / (x + y)
}

// gamma samples Gamma(k, 1) (Marsaglia and Tsang; boosted for k < 1).
func (d *draw) gamma(k float64) float64 {
	if k < 1 {
		return d.gamma(k+1) * math.Pow(d.float(), 1/k)
	}
	dd := k - 1.0/3
	c := 1 / math.Sqrt(9*dd)
	for {
		x := d.norm()
		v := 1 + c*x
		if v <= 0 {
			continue
		}
		v = v * v * v
		u := d.float()
		if u < 1-0.0331*x*x*x*x || math.Log(u) < 0.5*x*x+dd*(1-v+math.Log(v)) {
			return dd * v
		}
	}
}

// mix64 is a bijective 64-bit mixer (splitmix64's finalizer).
func mix64(z uint64) uint64 {
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}
