package anchor

import (
	"bytes"
	"context"
	"log/slog"
	"sort"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/deco-network/deco/internal/clock"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

// DefaultInterval is how often batches are anchored.
const DefaultInterval = time.Minute

// MaxPending bounds the receipts waiting per job.
const MaxPending = 100_000

// MaxTries is how many intervals a batch is tried before it is dropped
// (the job's escrow closed, the chain refuses it).
const MaxTries = 3

// Chain anchors one batch (*chain.Client).
type Chain interface {
	// AnchorCheckpoints records root over count checkpoint receipts of
	// job; only job's consumer may, while its escrow is open.
	AnchorCheckpoints(ctx context.Context, job [32]byte, root [32]byte, count uint64) error
}

// Config is what a Batcher is built from; Chain and Clock are required.
type Config struct {
	Chain    Chain
	Domain   verify.Domain // the checkpoint receipts' domain
	Clock    clock.Clock
	Interval time.Duration // default DefaultInterval
	Logger   *slog.Logger  // default: discard
}

// Batcher collects verified checkpoints and anchors them per job. It is
// safe for concurrent use.
type Batcher struct {
	cfg Config
	log *slog.Logger

	mu      sync.Mutex
	pending map[wire.JobID][][32]byte
	seen    map[[32]byte]bool // leaves pending, so none is anchored twice in a batch
	tries   map[wire.JobID]int
}

// New returns a Batcher with nothing pending.
func New(cfg Config) *Batcher {
	if cfg.Interval <= 0 {
		cfg.Interval = DefaultInterval
	}
	b := &Batcher{cfg: cfg, log: cfg.Logger, pending: map[wire.JobID][][32]byte{}, seen: map[[32]byte]bool{}, tries: map[wire.JobID]int{}}
	if b.log == nil {
		b.log = slog.New(slog.DiscardHandler)
	}
	return b
}

// Add queues a checkpoint receipt the consumer verified.
func (b *Batcher) Add(c wire.Checkpoint) {
	leaf, err := verify.CheckpointDigest(b.cfg.Domain, c)
	if err != nil {
		return // a verified receipt always has a digest
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.seen[leaf] {
		return
	}
	b.seen[leaf] = true
	q := append(b.pending[c.Job], leaf)
	if len(q) > MaxPending {
		delete(b.seen, q[0])
		q = q[1:]
	}
	b.pending[c.Job] = q
}

// Pending is how many receipts of job wait to be anchored.
func (b *Batcher) Pending(job wire.JobID) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.pending[job])
}

// Run anchors the pending batches every interval until ctx ends.
func (b *Batcher) Run(ctx context.Context) {
	t := b.cfg.Clock.NewTicker(b.cfg.Interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C():
			b.Flush(ctx)
		}
	}
}

// Flush anchors every job's pending batch now, one transaction per job;
// a batch that fails stays pending. It returns how many batches were
// anchored.
func (b *Batcher) Flush(ctx context.Context) int {
	b.mu.Lock()
	batches := b.pending
	b.pending = map[wire.JobID][][32]byte{}
	b.mu.Unlock()
	jobs := make([]wire.JobID, 0, len(batches))
	for j := range batches {
		jobs = append(jobs, j)
	}
	sort.Slice(jobs, func(i, k int) bool { return jobs[i] < jobs[k] })
	done := 0
	for _, j := range jobs {
		leaves := batches[j]
		root := Root(leaves)
		err := b.cfg.Chain.AnchorCheckpoints(ctx, j.Bytes32(), root, uint64(len(leaves)))
		b.mu.Lock()
		b.tries[j]++
		if err != nil && b.tries[j] < MaxTries {
			// Back in front of what arrived meanwhile, for the next interval.
			b.pending[j] = append(leaves, b.pending[j]...)
		} else {
			for _, l := range leaves {
				delete(b.seen, l)
			}
			delete(b.tries, j)
			if err == nil {
				done++
			}
		}
		b.mu.Unlock()
		if err != nil {
			b.log.Warn("anchor checkpoints", "job", j, "count", len(leaves), "err", err)
		} else {
			b.log.Info("checkpoints anchored", "job", j, "count", len(leaves), "root", root)
		}
	}
	return done
}

// Root is the Merkle root of leaves (zero for none): sorted-pair keccak256,
// an odd node carried up.
func Root(leaves [][32]byte) [32]byte {
	if len(leaves) == 0 {
		return [32]byte{}
	}
	level := append([][32]byte(nil), leaves...)
	for len(level) > 1 {
		next := level[:0:0]
		for i := 0; i+1 < len(level); i += 2 {
			next = append(next, pair(level[i], level[i+1]))
		}
		if len(level)%2 == 1 {
			next = append(next, level[len(level)-1])
		}
		level = next
	}
	return level[0]
}

// Proof is the sibling path of leaf i for Verify.
func Proof(leaves [][32]byte, i int) [][32]byte {
	var path [][32]byte
	level := append([][32]byte(nil), leaves...)
	for len(level) > 1 {
		if sib := i ^ 1; sib < len(level) {
			path = append(path, level[sib])
		}
		next := level[:0:0]
		for k := 0; k+1 < len(level); k += 2 {
			next = append(next, pair(level[k], level[k+1]))
		}
		if len(level)%2 == 1 {
			next = append(next, level[len(level)-1])
		}
		level, i = next, i/2
	}
	return path
}

// Verify reports whether leaf with path hashes to root (what
// OpenZeppelin's MerkleProof.verify computes on chain).
func Verify(root, leaf [32]byte, path [][32]byte) bool {
	h := leaf
	for _, s := range path {
		h = pair(h, s)
	}
	return h == root
}

func pair(a, b [32]byte) [32]byte {
	if bytes.Compare(a[:], b[:]) > 0 {
		a, b = b, a
	}
	return crypto.Keccak256Hash(a[:], b[:])
}
