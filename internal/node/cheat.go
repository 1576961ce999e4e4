package node

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/deco-network/deco/internal/wire"
)

// Cheating modes a provider can be made to play, so the verification
// policies can be watched catching it (deco devnet --malicious K --malice
// MODE). A node never cheats unless its Options say so.
const (
	// CheatWrong returns wrong outputs under a valid receipt: only
	// replication or a spot-check can tell.
	CheatWrong = "wrong"
	// CheatLazy skips the work and returns the outputs of an earlier run of
	// the same program (plausible, and wrong for any other task).
	CheatLazy = "lazy"
	// CheatForge returns a receipt whose output root does not match the
	// outputs sent: the receipt check alone catches it.
	CheatForge = "forge"
	// CheatBadProof returns, for a zk task, a proof that does not verify
	// (well-formed, about the task's statement, its A point negated) under
	// a valid receipt and a signed proof claim: the consumer's proof check
	// catches it, the signed outputs make it fraud evidence, the escrow
	// refuses to pay it and slashes the provider (reportBadProof) for
	// every circuit. Other tasks run honestly.
	CheatBadProof = "badproof"
	// CheatRandom cheats on a task with probability Rate, picking one of
	// the modes above at random.
	CheatRandom = "random"
)

// Cheat configures a dishonest provider. The zero value is honest.
type Cheat struct {
	Mode string
	// Rate is the probability of cheating on a task in random mode
	// (default 0.5); the other modes cheat on every task.
	Rate float64
}

// ParseCheat parses "wrong", "lazy", "forge", "badproof", "random" or "random:RATE".
func ParseCheat(s string) (Cheat, error) {
	mode, rate, hasRate := strings.Cut(s, ":")
	c := Cheat{Mode: mode}
	switch mode {
	case CheatWrong, CheatLazy, CheatForge, CheatBadProof:
		if hasRate {
			return c, fmt.Errorf("malice %q takes no rate (only random:RATE does)", s)
		}
	case CheatRandom:
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
func (c Cheat) modeFor(t wire.TaskID, attempt int) string {
	if c.Mode != CheatRandom {
		return c.Mode
	}
	seed := t.Seed()
	r := rand.New(rand.NewPCG(binary.BigEndian.Uint64(seed[:8]), uint64(attempt)))
	if r.Float64() >= c.Rate {
		return ""
	}
	return []string{CheatWrong, CheatLazy, CheatForge}[r.IntN(3)]
}

// lazyCache keeps the last real result per program for a lazy provider to
// hand out again.
type lazyCache struct {
	mu   sync.Mutex
	last map[wire.CID]wire.Result
}

func (l *lazyCache) get(prog wire.CID) (wire.Result, bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	r, ok := l.last[prog]
	return r, ok
}

func (l *lazyCache) put(prog wire.CID, r wire.Result) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.last == nil {
		l.last = map[wire.CID]wire.Result{}
	}
	r.Inline = cloneInline(r.Inline)
	l.last[prog] = r
}

func cloneInline(m map[wire.CID][]byte) map[wire.CID][]byte {
	out := make(map[wire.CID][]byte, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// corrupt changes what a program wrote to dir so its outputs are wrong:
// the first file (by name) gets its last byte changed, or, with no files,
// a result file appears. salt (the provider's address) makes each cheater's
// wrong output its own: independent cheaters do not agree by accident.
func corrupt(dir, salt string) error {
	var files []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			files = append(files, p)
		}
		return nil
	})
	sort.Strings(files)
	if len(files) == 0 {
		return os.WriteFile(filepath.Join(dir, "result"), []byte("42 "+salt+"\n"), 0o644)
	}
	b, err := os.ReadFile(files[0])
	if err != nil {
		return err
	}
	if len(b) == 0 {
		b = []byte{0}
	}
	h := fnv.New32a()
	h.Write([]byte(salt))
	b[len(b)-1] ^= byte(h.Sum32()) | 1
	return os.WriteFile(files[0], b, 0o644)
}
