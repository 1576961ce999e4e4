package market

import (
	"testing"

	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
)

// A task whose provider failed after shipping checkpoints is retried
// from the latest one kept; an older or another task's checkpoint does
// not replace it; the task saves it (durable before the retry).
func TestRetryResumesFromLatestCheckpoint(t *testing.T) {
	h := newHarness(t, Config{})
	h.offer("pA", 1, 100)
	h.offer("pB", 1, 100)
	j := testJob(20, 1)
	first := of[Assign](h.bidAll(h.step(Submit{Job: j}), 10, 1))[0]
	if first.Msg.Spec.Resume != "" || first.Msg.Spec.CheckpointMax != spec.DefaultCheckpointSize {
		t.Fatalf("a fresh attempt's spec %+v", first.Msg.Spec)
	}
	id := first.Msg.Spec.Task
	ck := func(seq uint64) wire.Checkpoint {
		return wire.Checkpoint{Job: id.Job, Index: id.Index, Attempt: 1, Root: wire.CIDOf([]byte{byte(seq)}), Seq: seq, Permille: int(seq) * 100}
	}
	h.step(Checkpointed{Task: id, Attempt: 1, Checkpoint: ck(6)})
	h.step(Checkpointed{Task: id, Attempt: 1, Checkpoint: ck(3)}) // arrived late
	h.step(Checkpointed{Task: id, Attempt: 9, Checkpoint: ck(8)}) // no such attempt
	effs := h.step(Outcome{Task: id, Attempt: 1, Verdict: Verdict{Reason: "lost connection to provider"}})
	assigns := append(of[Assign](effs), of[Assign](h.bidAll(effs, 10, 1))...)
	if len(assigns) != 1 || assigns[0].Msg.Spec.Resume != ck(6).Root || assigns[0].Msg.Spec.Attempt != 2 {
		t.Fatalf("retry %+v, want attempt 2 resuming from %s", assigns, ck(6).Root)
	}
	tk := j.Tasks[0]
	if tk.Attempts[1].Resume != ck(6).Root || tk.Checkpoint.Seq != 6 {
		t.Fatalf("attempt 2 resumes from %q, task keeps %+v", tk.Attempts[1].Resume, tk.Checkpoint)
	}
}

// Replicas start fresh: one provider's state must not decide another's
// result.
func TestReplicasIgnoreCheckpoints(t *testing.T) {
	h := newHarness(t, Config{})
	h.offer("pA", 1, 100)
	h.offer("pB", 1, 100)
	h.offer("pC", 1, 100)
	j := policyJob(21, 1, "replicate:2")
	assigns := of[Assign](h.bidAll(h.step(Submit{Job: j}), 10, 2))
	if len(assigns) < 1 {
		t.Fatal("no replica assigned")
	}
	id := assigns[0].Msg.Spec.Task
	h.step(Checkpointed{Task: id, Attempt: assigns[0].Msg.Spec.Attempt, Checkpoint: wire.Checkpoint{Root: wire.CIDOf([]byte("s")), Seq: 1}})
	if j.Tasks[0].Checkpoint != nil {
		t.Fatal("a replicated task kept a checkpoint")
	}
}

// A provider that died at 70% is paid 70% of its price for the segment a
// later attempt resumed from, once that attempt's result is verified; the
// attempt that finished is paid in full, and nothing is paid before.
func TestDeadProvidersSegmentPaidOnVerification(t *testing.T) {
	h := newHarness(t, Config{})
	h.offer("pA", 1, 100)
	h.offer("pB", 1, 100)
	j := testJob(21, 1)
	first := of[Assign](h.bidAll(h.step(Submit{Job: j}), 10, 1))[0]
	id := first.Msg.Spec.Task
	h.step(Checkpointed{Task: id, Attempt: 1, Checkpoint: wire.Checkpoint{Job: id.Job, Index: id.Index, Attempt: 1, Root: wire.CIDOf([]byte("s")), Seq: 1, Permille: 700}})
	effs := h.step(Outcome{Task: id, Attempt: 1, Verdict: Verdict{Reason: "lost connection to provider", Unreachable: true}})
	effs = append(effs, h.bidAll(effs, 10, 1)...)
	retry := of[Assign](effs)
	if len(retry) != 1 || len(of[Pay](effs)) != 0 {
		t.Fatalf("retry %+v, pays %+v: want one resumed attempt and no pay yet", retry, of[Pay](effs))
	}
	pays := of[Pay](h.step(ok(retry[0])))
	got := map[int]wire.Amount{}
	for _, p := range pays {
		got[p.Attempt] = p.Price
	}
	if len(pays) != 2 || got[2] != 10 || got[1] != 7 {
		t.Fatalf("pays %+v, want attempt 2 paid 10 and attempt 1 paid 7 (70%%)", pays)
	}
	if a := j.Tasks[0].Attempts[0]; !a.Paid || a.Segment != 700 {
		t.Fatalf("attempt 1 paid %v segment %d", a.Paid, a.Segment)
	}
}
