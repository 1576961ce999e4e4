package node

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/deco-network/deco/examples"
	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
)

// Issue 16's long task, over real libp2p on loopback: the C counter
// (examples/counter/c) runs 8 steps of a fraction of a second, saving its
// state after each; its provider is stopped half a step after the consumer
// holds a checkpoint at 70% or more, and the task finishes on the other provider
// from that checkpoint with the output of an uninterrupted run. The work
// lost is measured: what the dead attempt did after its last checkpoint,
// against everything it did when no checkpoint exists. With payments on,
// the verified checkpoints are then anchored on chain in one batch per job.
func TestLongTaskResumesElsewhere(t *testing.T) {
	c := startCluster(t, ClusterOptions{Providers: 2, Slots: 1, Chain: true})
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	mod := upload(t, c.Client, examples.CounterCWASM())
	job := func() spec.Job {
		j := spec.Job{Program: spec.Program{CID: mod}, Tasks: spec.Tasks{Args: []string{"8", "12000000"}},
			Verification: spec.VerifyReceipt, Timeout: spec.Duration(2 * time.Minute),
			Checkpoint: &spec.Checkpoint{Every: spec.Duration(200 * time.Millisecond)}}
		j.Defaults()
		return j
	}

	whole := runJob(t, c.Client, job())
	if whole.State != api.JobCompleted {
		t.Fatalf("uninterrupted job %s: %s", whole.State, whole.Reason)
	}
	full := time.Duration(whole.Tasks[0].DurationMs) * time.Millisecond

	v, err := c.Client.Submit(ctx, job())
	if err != nil {
		t.Fatal(err)
	}
	id := v.ID
	// Watch the consumer's market for the task's checkpoints.
	seen := map[wire.CID]int{}         // checkpoint root -> permille
	seenAt := map[wire.CID]time.Time{} // when the consumer first held it
	var victim string
	var started, killAt time.Time
	lastSeen := time.Now()
	for {
		var ck *wire.Checkpoint
		var prov string
		err := c.Consumer.call(ctx, func() {
			task := c.Consumer.market.Job(id).Tasks[0]
			if task.Checkpoint != nil {
				cp := *task.Checkpoint
				ck = &cp
			}
			if n := len(task.Attempts); n > 0 {
				prov, started = task.Attempts[n-1].Provider, task.Attempts[n-1].Started
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		if ck != nil {
			if _, ok := seen[ck.Root]; !ok {
				seen[ck.Root], seenAt[ck.Root] = ck.Permille, time.Now()
				// Stop the provider half a step (as this run goes) after
				// its 70% checkpoint, or at its next one: a crash lands
				// anywhere between two checkpoints.
				switch {
				case !killAt.IsZero():
					killAt = time.Now()
				case ck.Permille >= 700:
					victim, killAt = prov, time.Now().Add(time.Since(lastSeen)/2)
				}
				lastSeen = time.Now()
			}
		}
		if !killAt.IsZero() && !time.Now().Before(killAt) {
			break
		}
		time.Sleep(20 * time.Millisecond) // polling interval
	}
	killed := time.Now()
	for _, p := range c.Providers {
		if p.PeerID().String() == victim {
			// As in a crash, the peer vanishes from the network first
			// (Close alone shuts its API down before its tasks).
			p.host.Close()
			p.Close()
		}
	}
	ran := killed.Sub(started)

	if err := c.Client.Follow(ctx, string(id), func(api.LogLine) error { return nil }); err != nil {
		t.Fatal(err)
	}
	final, err := c.Client.Job(ctx, string(id))
	if err != nil {
		t.Fatal(err)
	}
	if final.State != api.JobCompleted {
		t.Fatalf("interrupted job %s: %s", final.State, final.Reason)
	}
	task := final.Tasks[0]
	if task.OutputRoot != whole.Tasks[0].OutputRoot {
		t.Fatalf("resumed output root %s, uninterrupted %s", task.OutputRoot, whole.Tasks[0].OutputRoot)
	}
	last := task.Attempts[len(task.Attempts)-1]
	resumedAt, ok := seen[last.Resume]
	switch {
	case len(task.Attempts) < 2 || last.Provider == victim:
		t.Fatalf("the task did not move: %+v", task.Attempts)
	case last.Resume == "" || !ok:
		t.Fatalf("the last attempt resumed from %q, not a checkpoint the consumer verified before the kill (%v)", last.Resume, seen)
	case last.Receipt == nil || last.Receipt.Resume != last.Resume:
		t.Fatalf("the final receipt does not name the checkpoint it started from: %+v", last.Receipt)
	}
	// The attempt whose checkpoint was resumed is paid for its segment.
	for _, a := range task.Attempts[:len(task.Attempts)-1] {
		if a.Segment > 0 && !a.Paid && a.Unpaid == "" {
			t.Fatalf("attempt %d delivered %d‰ that a later attempt resumed from, but is neither paid nor says why not: %+v", a.N, a.Segment, a)
		}
	}
	t.Logf("attempts: %s", attemptPay(task.Attempts))
	// The anchor's interval (a minute) has not come yet: anchor now.
	if c.Consumer.anchor == nil || c.Consumer.anchor.Pending(id) == 0 {
		t.Fatal("the verified checkpoints are not queued for anchoring")
	}
	if n := c.Consumer.anchor.Flush(ctx); n < 1 || c.Consumer.anchor.Pending(id) != 0 {
		t.Fatalf("%d batches anchored, %d checkpoints still pending", n, c.Consumer.anchor.Pending(id))
	}
	// Work lost: what the dead attempt did after the state it resumed
	// from (at most the time since the consumer held it), against all it
	// did since it was assigned when nothing was saved.
	lost := killed.Sub(seenAt[last.Resume])
	t.Logf("uninterrupted task %s; provider stopped %s after the assignment, the task resumed at %d‰ elsewhere: work lost %s with checkpoints, %s without",
		full, ran.Round(time.Millisecond), resumedAt, lost.Round(time.Millisecond), ran.Round(time.Millisecond))
}

// attemptPay says, per attempt, its segment and whether it was paid.
func attemptPay(as []api.AttemptView) string {
	var b strings.Builder
	for _, a := range as {
		fmt.Fprintf(&b, "[%d %s segment %d‰ paid %v %s] ", a.N, a.State, a.Segment, a.Paid, a.Unpaid)
	}
	return b.String()
}
