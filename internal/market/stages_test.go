package market

import (
	"fmt"
	"strings"
	"testing"

	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
)

// stagedSubmit is a map (2 tasks) → reduce (2 tasks, part-{{index}} of
// each map task) job.
func stagedSubmit(t *testing.T) Submit {
	t.Helper()
	stage := func(name string, tasks int, needs ...string) spec.Stage {
		s := spec.Stage{Needs: needs, Job: spec.Job{Name: name, Program: spec.Program{CID: wire.CIDOf([]byte(name)), Size: 4},
			Tasks: spec.Tasks{Count: tasks}, Verification: spec.VerifyReceipt}}
		if len(needs) > 0 {
			s.Inputs = []spec.Input{{From: needs[0] + "/part-{{index}}.txt"}}
		}
		return s
	}
	s := spec.Job{Name: "wc", Stages: []spec.Stage{stage("map", 2), stage("reduce", 2, "map")}}
	s.Defaults()
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	n := byte(0)
	ev, paid, err := NewSubmit(s, "0xc", func() (wire.JobID, error) { n++; return wire.NewJobID([16]byte{0x57, n}), nil })
	if err != nil || len(paid) != 2 || paid[0].Stage != "map" || ev.Job.Stages[1] != paid[1].ID {
		t.Fatalf("NewSubmit: %v, paid %+v", err, paid)
	}
	return ev
}

// mapOK answers a map attempt with two partitions, withheld by its
// provider until paid (fair exchange).
func mapOK(a Assign) Outcome {
	var es []wire.Entry
	for r := 0; r < 2; r++ {
		es = append(es, wire.Entry{Path: fmt.Sprintf("part-%d.txt", r), Size: 2, CID: wire.CIDOf([]byte{byte(a.Msg.Spec.Task.Index), byte(r)})})
	}
	return Outcome{Task: a.Msg.Spec.Task, Attempt: a.Msg.Spec.Attempt, Verdict: Verdict{OK: true, Withheld: true, Outputs: wire.Manifest{Kind: "outputs", Entries: es}, Receipt: &wire.Receipt{}}}
}

// A later stage gets no tasks until the stage it needs completed; then
// each of its tasks receives its partition of every map output by content
// address, naming the provider that holds it; the job completes with its
// last stage.
func TestStageStartsWhenNeedsComplete(t *testing.T) {
	h := newHarness(t, Config{})
	h.offer("pA", 4, 100)
	h.offer("pB", 4, 100)
	ev := stagedSubmit(t)
	parent, mapJob, reduce := ev.Job, ev.Stages[0], ev.Stages[1]
	effs := h.step(ev)
	if parent.State != JobRunning || len(parent.Tasks) != 0 || len(reduce.Tasks) != 0 || !strings.Contains(reduce.Reason, "waiting for stage map") {
		t.Fatalf("at submission: parent %s (%d tasks), reduce %q with %d tasks", parent.State, len(parent.Tasks), reduce.Reason, len(reduce.Tasks))
	}
	for _, r := range of[RequestBid](effs) {
		if r.Req.Job != mapJob.ID {
			t.Fatalf("bids requested for job %s before its stage may start", r.Req.Job)
		}
	}
	assigns := of[Assign](h.bidAll(effs, 50, 4))
	if len(assigns) != 2 {
		t.Fatalf("%d map assignments, want 2", len(assigns))
	}
	holders := map[int]string{}
	effs = nil
	for _, a := range assigns {
		holders[a.Msg.Spec.Task.Index] = a.Peer
		effs = append(effs, h.step(mapOK(a))...)
	}
	if mapJob.State != JobCompleted || len(reduce.Tasks) != 2 {
		t.Fatalf("map %s, reduce %d tasks", mapJob.State, len(reduce.Tasks))
	}
	if len(of[Fetch](h.effs)) != 0 {
		t.Fatal("the consumer fetches map outputs that only the reduce reads")
	}
	assigns = of[Assign](h.bidAll(effs, 50, 4))
	if len(assigns) != 2 {
		t.Fatalf("%d reduce assignments, want 2", len(assigns))
	}
	for _, a := range assigns {
		r := a.Msg.Spec.Task.Index
		if a.Msg.Spec.Task.Job != reduce.ID || len(a.Msg.Spec.Inputs) != 2 {
			t.Fatalf("reduce task %d inputs %+v", r, a.Msg.Spec.Inputs)
		}
		for k, in := range a.Msg.Spec.Inputs {
			if in.CID != wire.CIDOf([]byte{byte(k), byte(r)}) || in.From != holders[k] || in.Name != fmt.Sprintf("map-%d-part-%d.txt", k, r) {
				t.Fatalf("reduce task %d input %d = %+v, want part %d of map task %d from %s", r, k, in, r, k, holders[k])
			}
		}
		h.step(ok(a))
	}
	if reduce.State != JobCompleted || parent.State != JobCompleted || !strings.Contains(parent.Reason, "all 2 stages completed") {
		t.Fatalf("reduce %s, job %s: %s", reduce.State, parent.State, parent.Reason)
	}
}

// A failed stage fails the job with the stage's name and reason, and the
// stages waiting for it are cancelled without ever getting tasks.
func TestStageFailureFailsParent(t *testing.T) {
	h := newHarness(t, Config{})
	h.offer("pA", 4, 100)
	ev := stagedSubmit(t)
	parent, mapJob, reduce := ev.Job, ev.Stages[0], ev.Stages[1]
	assigns := of[Assign](h.bidAll(h.step(ev), 50, 4))
	h.step(Outcome{Task: assigns[0].Msg.Spec.Task, Attempt: 1, Verdict: Verdict{ProgramFault: true, Reason: "the program exited with code 3"}})
	h.step(mapOK(assigns[1]))
	if mapJob.State != JobFailed || parent.State != JobFailed || !strings.Contains(parent.Reason, "stage map failed") || !strings.Contains(parent.Reason, "exited with code 3") {
		t.Fatalf("map %s, job %s: %q", mapJob.State, parent.State, parent.Reason)
	}
	if reduce.State != JobCancelled || len(reduce.Tasks) != 0 {
		t.Fatalf("reduce %s with %d tasks", reduce.State, len(reduce.Tasks))
	}
	// Cancelling the parent of a running job cancels its stages.
	h2 := newHarness(t, Config{})
	ev = stagedSubmit(t)
	h2.step(ev)
	h2.step(Cancel{Job: ev.Job.ID, Reason: "cancelled by the user"})
	if ev.Job.State != JobCancelled || ev.Stages[0].State != JobCancelled || ev.Stages[1].State != JobCancelled {
		t.Fatalf("after cancel: job %s, map %s, reduce %s", ev.Job.State, ev.Stages[0].State, ev.Stages[1].State)
	}
}
