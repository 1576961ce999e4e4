package runner

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/deco-network/deco/internal/access"
	"github.com/deco-network/deco/internal/exec"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

// Hooks report what a running guest says, for the task session to pass
// on to the consumer (progress beats, checkpoint receipts). Every field is
// optional; callbacks may come from another goroutine than Run's, one at
// a time, and must not block for long (the guest waits on OnCheckpoint).
type Hooks struct {
	// Status reports the attempt's state ("fetching", "running").
	Status func(state, msg string)
	// OnProgress receives the guest's progress in permille (0-1000,
	// deco.progress) each time it changes.
	OnProgress func(permille int)
	// OnCheckpoint receives each checkpoint the run ships (at most one
	// per the job's checkpoint interval): its state is in the blob store,
	// readable by the assigning consumer, and the receipt is signed.
	OnCheckpoint func(c wire.Checkpoint)
	// Live, if not nil, gets the program's output and progress as the
	// task runs (the provider's heartbeats take them from it).
	Live *Live
}

// checkpointRun is one run's checkpoints: it stores each state the
// executor ships, lets the consumer read it, signs its receipt and keeps
// the store from growing with the run's length (two states at most: the
// one the consumer may still be fetching and the newest).
type checkpointRun struct {
	r    *Runner
	from peer.ID
	spec wire.TaskSpec
	h    Hooks

	mu       sync.Mutex
	seq      uint64
	permille int
	kept     []wire.CID // stored by this run, oldest first
	stopped  bool
}

func (r *Runner) checkpoints(from peer.ID, spec wire.TaskSpec, h Hooks) *checkpointRun {
	return &checkpointRun{r: r, from: from, spec: spec, h: h}
}

// progress is exec.Spec.OnProgress.
func (c *checkpointRun) progress(permille int) {
	c.mu.Lock()
	c.permille = permille
	stopped := c.stopped
	c.mu.Unlock()
	if stopped {
		return
	}
	if c.h.Live != nil {
		c.h.Live.SetPermille(permille)
	}
	if c.h.OnProgress != nil {
		c.h.OnProgress(permille)
	}
}

// ship is exec.Spec.OnCheckpoint.
func (c *checkpointRun) ship(data []byte) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.stopped || c.h.OnCheckpoint == nil {
		return nil // no one to tell: a local check, or the run is over
	}
	had := c.r.cfg.Blobs.Has(wire.CIDOf(data)) // then not ours to remove
	root, err := c.r.cfg.Blobs.PutBytes(data)
	if err != nil {
		return fmt.Errorf("store checkpoint: %w", err)
	}
	c.r.cfg.Access.GrantFor(c.from, access.OutputGrant, root)
	c.seq++
	ck := wire.Checkpoint{Job: c.spec.Task.Job, Index: c.spec.Task.Index, Attempt: c.spec.Attempt, Root: root,
		Size: int64(len(data)), Seq: c.seq, Permille: c.permille, Resume: c.spec.Resume, Provider: c.r.cfg.Signer.EVM}
	if err := verify.SignCheckpoint(c.r.cfg.Signer.Key, c.r.cfg.Signer.Domain, &ck); err != nil {
		return fmt.Errorf("sign checkpoint: %w", err)
	}
	if !had {
		c.kept = append(c.kept, root)
	}
	for len(c.kept) > 2 {
		c.remove(c.kept[0])
		c.kept = c.kept[1:]
	}
	c.h.OnCheckpoint(ck)
	return nil
}

// stop ends the run's reports: a timer shipment racing the run's end is
// dropped.
func (c *checkpointRun) stop() {
	c.mu.Lock()
	c.stopped = true
	c.mu.Unlock()
}

// drop stops the run's reports and removes every state it stored but the
// newest, which the consumer may fetch after the run.
func (c *checkpointRun) drop() {
	c.stop()
	c.mu.Lock()
	defer c.mu.Unlock()
	for len(c.kept) > 1 {
		c.remove(c.kept[0])
		c.kept = c.kept[1:]
	}
}

// remove deletes a state this run stored.
func (c *checkpointRun) remove(root wire.CID) { c.r.cfg.Blobs.Remove(root) }

// checkpointEvery is the assignment's checkpoint interval, no shorter
// than any job may ask (spec.MinCheckpointEvery): a consumer cannot make
// its provider store and sign states in a tight loop. 0: the default.
func checkpointEvery(t wire.TaskSpec) time.Duration {
	if t.CheckpointEveryMs <= 0 {
		return 0
	}
	return max(time.Duration(t.CheckpointEveryMs)*time.Millisecond, spec.MinCheckpointEvery)
}

// checkpointMax is the assignment's checkpoint size bound, no larger than
// any job may ask (spec.MaxCheckpointSize). 0: the default.
func checkpointMax(t wire.TaskSpec) int {
	return int(min(max(t.CheckpointMax, 0), spec.MaxCheckpointSize))
}

// restore fetches the checkpoint a resumed attempt starts from.
func (r *Runner) restore(ctx context.Context, from peer.ID, a wire.Assign) ([]byte, error) {
	root := a.Spec.Resume
	if root == "" {
		return nil, nil
	}
	max := int64(checkpointMax(a.Spec))
	if max == 0 {
		max = int64(exec.DefaultCheckpointMax)
	}
	if err := r.cfg.Fetcher.Fetch(ctx, from, root, a.Inline, max); err != nil {
		return nil, fmt.Errorf("fetch the checkpoint %s the task resumes from: %w", root.Short(), err)
	}
	return r.cfg.Blobs.Get(root, max)
}
