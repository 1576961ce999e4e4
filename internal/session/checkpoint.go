package session

import (
	"context"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/metrics"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

// checkpoint keeps a checkpoint the provider of attempt a shipped: its receipt
// must describe the attempt and be signed by the attempt's provider, and
// its state must come from the provider intact (hash checked) and within
// the job's size; then the market hears of it. A checkpoint that fails a
// check is dropped: the attempt goes on, and a later one may be kept. It
// blocks on the fetch, so the session reads the next message after it:
// the gate holds a provider to the job's interval.
func (m *Manager) checkpoint(ctx context.Context, p peer.ID, a market.Assign, c wire.Checkpoint, gate *checkpointGate) {
	ts := a.Msg.Spec
	max := ts.CheckpointMax
	if max <= 0 {
		max = spec.DefaultCheckpointSize
	}
	if err := verify.CheckCheckpoint(m.domain, c, ts, a.EVM, max); err != nil {
		return
	}
	if !gate.admit(c.Seq, time.Duration(ts.CheckpointEveryMs)*time.Millisecond) {
		return
	}
	if err := m.Fetch(ctx, p, c.Root, nil, c.Size); err != nil {
		return
	}
	metrics.CheckpointSize(int(c.Size))
	m.post(ctx, market.Checkpointed{Task: ts.Task, Attempt: ts.Attempt, Checkpoint: c})
}

// checkpointGate admits an attempt's checkpoints in sequence and no more
// often than half the job's interval (a provider ignoring the interval
// cannot make the consumer fetch states back to back).
type checkpointGate struct {
	seq  uint64
	last time.Time
}

func (g *checkpointGate) admit(seq uint64, every time.Duration) bool {
	now := time.Now()
	if seq <= g.seq || (!g.last.IsZero() && now.Sub(g.last) < every/2) {
		return false
	}
	g.seq, g.last = seq, now
	return true
}
