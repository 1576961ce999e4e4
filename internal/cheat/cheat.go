package cheat

import (
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/deco-network/deco/internal/exec"
	"github.com/deco-network/deco/internal/exec/zkexec"
	"github.com/deco-network/deco/internal/wire"
)

// Modes a cheating provider can play.
const (
	// Wrong returns wrong outputs under a valid receipt: only replication
	// or a spot-check can tell.
	Wrong = "wrong"
	// Lazy skips the work and returns the outputs of an earlier run of the
	// same program (plausible, and wrong for any other task).
	Lazy = "lazy"
	// Forge returns a receipt whose output root does not match the outputs
	// sent: the receipt check alone catches it.
	Forge = "forge"
	// BadProof returns, for a zk task, a proof that does not verify
	// (well-formed, about the task's statement, its A point negated) under
	// a valid receipt and a signed proof claim: the consumer's proof check
	// catches it, the signed outputs make it fraud evidence, the escrow
	// refuses to pay it and slashes the provider for every circuit. Other
	// tasks run honestly.
	BadProof = "badproof"
	// Random cheats on a task with probability Rate, picking one of Wrong,
	// Lazy and Forge at random.
	Random = "random"
)

// Config says how a provider cheats. The zero value is honest.
type Config struct {
	Mode string
	// Rate is the probability of cheating on a task in random mode
	// (default 0.5); the other modes cheat on every task.
	Rate float64
}

// Parse parses "wrong", "lazy", "forge", "badproof", "random" or
// "random:RATE" (the --malice flag).
func Parse(s string) (Config, error) {
	mode, rate, hasRate := strings.Cut(s, ":")
	c := Config{Mode: mode}
	switch mode {
	case Wrong, Lazy, Forge, BadProof:
		if hasRate {
			return c, fmt.Errorf("malice %q takes no rate (only random:RATE does)", s)
		}
	case Random:
		c.Rate = 0.5
		if hasRate {
			r, err := strconv.ParseFloat(rate, 64)
			if err != nil || r < 0 || r > 1 {
				return c, fmt.Errorf("malice %q: the rate must be a number between 0 and 1", s)
			}
			c.Rate = r
		}
	default:
		return c, fmt.Errorf("unknown malice %q (use wrong, lazy, forge, badproof or random[:RATE])", s)
	}
	return c, nil
}

// modeFor decides how to cheat on one attempt ("" = honestly). Random mode
// draws from a generator seeded by the task, so a run can be replayed.
func (c Config) modeFor(t wire.TaskID, attempt int) string {
	if c.Mode != Random {
		return c.Mode
	}
	seed := t.Seed()
	r := rand.New(rand.NewPCG(binary.BigEndian.Uint64(seed[:8]), uint64(attempt)))
	if r.Float64() >= c.Rate {
		return ""
	}
	return []string{Wrong, Lazy, Forge}[r.IntN(3)]
}

// Cheater is one dishonest provider: its mode, its salt and the earlier
// results it replays when lazy.
type Cheater struct {
	cfg  Config
	salt string
	lazy lazyCache
}

// New returns the cheater for c; salt (the provider's EVM address) makes
// its wrong outputs its own.
func New(c Config, salt string) *Cheater {
	return &Cheater{cfg: c, salt: salt}
}

// Executor wraps the provider's executor of kind (node.Options.WrapExecutor):
// WebAssembly tasks get wrong or lazy outputs, zk tasks bad proofs in
// BadProof mode. A kind it has no cheat for runs honestly.
func (c *Cheater) Executor(kind string, e exec.Executor) exec.Executor {
	switch kind {
	case wire.KindWasm:
		return &wasmCheat{inner: e, c: c}
	case wire.KindZK:
		// The bad proof has to be made before the executor signs the
		// claim over it: only the zk executor's prover seam allows that.
		if z, ok := e.(*zkexec.Executor); ok && c.cfg.Mode == BadProof {
			return z.WithProver(negated)
		}
	}
	return e
}

// Receipt edits a receipt before the provider signs it
// (node.Options.EditReceipt): in Forge mode, a WebAssembly task's receipt
// names an output root of nothing sent.
func (c *Cheater) Receipt(t wire.TaskSpec, rec *wire.Receipt) {
	if t.Kind == wire.KindWasm && c.cfg.modeFor(t.Task, t.Attempt) == Forge {
		rec.OutputRoot = wire.CIDOf([]byte("forged output root " + t.Task.String()))
	}
}
