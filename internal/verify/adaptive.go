package verify

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
)

// AdaptiveConfig tunes BOINC-style adaptive replication. A provider's
// result for a program is replicated on one other provider until the
// provider has Required consecutive accepted results (its trust run);
// after that it is spot-checked with probability
//
//	p(run) = max(MinCheck, Check × Required / run)
//
// falling as the run grows, and 1 once MaxUnchecked results in a row went
// unchecked (no cap by default: the market spot-checks a provider's held
// results as each job ends instead, before they are paid). A result that loses a quorum resets the run to
// zero and raises Required by Penalty × Threshold for every invalid result
// the provider ever returned for the program: slow to earn, fast to lose.
//
// The defaults are tuned with the verification Monte Carlo (sim.RunVerification)
// for this target: with 10% of providers cheating (always, sometimes, or
// after building trust), at most 0.1% of tasks accept a wrong result while
// running about 1.3 executions per task (docs/economics.md has the sweep).
//
// The zero value of a field takes the default named in its comment; a
// negative probability means 0.
type AdaptiveConfig struct {
	Threshold int     // consecutive accepted results before spot-checks replace replication (5)
	Check     float64 // spot-check probability when the run reaches Required (0.25)
	MinCheck  float64 // spot-check probability floor (0.02)
	Penalty   float64 // Threshold multiples added to Required per invalid result (4)
	// MaxUnchecked is the most results in a row a trusted provider gets
	// accepted without a replica (0 or negative = no limit).
	MaxUnchecked int
	// Seed keys the spot-check draws. Keep it secret: a provider that knows
	// it can tell which of its results will be checked. The node sets it
	// from crypto/rand; tests and the simulator set it for repeatability.
	Seed uint64
}

// ErrBadAdaptive reports an AdaptiveConfig out of range.
var ErrBadAdaptive = errors.New("bad adaptive replication config")

// WithDefaults returns c with zero fields set to their defaults (it is
// idempotent: negative values stay negative and read as 0).
func (c AdaptiveConfig) WithDefaults() AdaptiveConfig {
	if c.Threshold == 0 {
		c.Threshold = 5
	}
	if c.Check == 0 {
		c.Check = 0.25
	}
	if c.MinCheck == 0 {
		c.MinCheck = 0.02
	}
	if c.Penalty == 0 {
		c.Penalty = 4
	}
	if c.MaxUnchecked == 0 {
		c.MaxUnchecked = -1
	}
	return c
}

// Validate checks c after defaults.
func (c AdaptiveConfig) Validate() error {
	c = c.WithDefaults()
	switch {
	case c.Threshold < 0:
		return fmt.Errorf("%w: threshold %d is negative", ErrBadAdaptive, c.Threshold)
	case c.Check > 1 || c.MinCheck > 1:
		return fmt.Errorf("%w: probabilities must be at most 1 (check %g, min check %g)", ErrBadAdaptive, c.Check, c.MinCheck)
	}
	return nil
}

// Required is the trust run t needs before its results are spot-checked
// instead of replicated.
func (c AdaptiveConfig) Required(t Trust) int {
	c = c.WithDefaults()
	return c.Threshold + int(math.Ceil(math.Max(c.Penalty, 0)*float64(c.Threshold*t.Invalid)))
}

// Probability is the chance that a result from a provider with trust t is
// replicated.
func (c AdaptiveConfig) Probability(t Trust) float64 {
	c = c.WithDefaults()
	req := c.Required(t)
	if t.Run < req || t.Run <= 0 || (c.MaxUnchecked > 0 && t.Unchecked >= c.MaxUnchecked) {
		return 1
	}
	return math.Min(1, math.Max(math.Max(c.MinCheck, 0), c.Check*float64(req)/float64(t.Run)))
}

// Replicate decides whether a result from a provider with trust t is
// replicated. The draw is a deterministic function of the seed and key
// (e.g. job, task, attempt and provider), so a run can be replayed, and
// independent across keys.
func (c AdaptiveConfig) Replicate(t Trust, key string) bool {
	p := c.Probability(t)
	if p >= 1 {
		return true
	}
	return Uniform(c.Seed, key) < p
}

// Uniform maps (seed, key) to a number in [0, 1), uniformly: the first 53
// bits of SHA-256(seed ‖ key).
func Uniform(seed uint64, key string) float64 {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], seed)
	h := sha256.New()
	h.Write(b[:])
	h.Write([]byte(key))
	var sum [32]byte
	h.Sum(sum[:0])
	return float64(binary.BigEndian.Uint64(sum[:8])>>11) / (1 << 53)
}
