package market

import (
	"strings"
	"testing"
)

// withheld is ok(a) judged on its signed root: the provider keeps the
// bytes until paid.
func withheld(a Assign) Outcome {
	o := ok(a)
	o.Verdict.Withheld = true
	return o
}

// A result judged on its root is paid, then fetched: Fetch follows Pay,
// and the job completes only once Stored says the outputs are here.
func TestWithheldOutputsFetchedAfterPay(t *testing.T) {
	h := newHarness(t, Config{})
	h.offer("pA", 1, 100)
	j := testJob(40, 1)
	a := of[Assign](h.bidAll(h.step(Submit{Job: j}), 10, 1))[0]
	effs := h.step(withheld(a))
	pays, fetches := of[Pay](effs), of[Fetch](effs)
	if len(pays) != 1 || len(fetches) != 1 || fetches[0].Peer != "pA" || fetches[0].Outputs.Root() != j.Tasks[0].OutputRoot {
		t.Fatalf("want Pay then Fetch of the verified root, got %+v", effs)
	}
	if j.State.Terminal() || j.Tasks[0].State != TaskVerified {
		t.Fatalf("job %s task %s before its outputs are stored", j.State, j.Tasks[0].State)
	}
	h.step(Stored{Task: a.Msg.Spec.Task, Attempt: 1})
	if j.State != JobCompleted {
		t.Fatalf("job %s (%s) after the outputs were stored", j.State, j.Reason)
	}
}

// A provider paid for outputs it does not serve is blamed and the task
// runs again elsewhere; one the consumer did not pay keeps its outputs
// and the task runs again without blaming it.
func TestOutputsNotReceivedRerunTheTask(t *testing.T) {
	h := newHarness(t, Config{})
	h.offer("pA", 1, 100)
	h.offer("pB", 1, 100)
	j := testJob(41, 1)
	a := of[Assign](h.bidAll(h.step(Submit{Job: j}), 10, 1))[0]
	h.step(withheld(a))
	effs := h.step(Stored{Task: a.Msg.Spec.Task, Attempt: 1, Err: "fetch x: refused"})
	tk := j.Tasks[0]
	if tk.State.Terminal() || tk.Attempts[0].State != attemptFailed || !strings.Contains(tk.Attempts[0].Reason, "was paid but its outputs could not be fetched") {
		t.Fatalf("task %s, attempt %+v: want a re-run blaming the paid provider", tk.State, tk.Attempts[0])
	}
	b := of[Assign](append(effs, h.bidAll(append(effs, h.tick(0)...), 10, 1)...))
	if len(b) != 1 || b[0].Peer == a.Peer {
		t.Fatalf("want the task re-run on the other provider, got %+v", b)
	}
	h.step(withheld(b[0]))
	h.step(Unpaid{Task: b[0].Msg.Spec.Task, Attempt: b[0].Msg.Spec.Attempt, Reason: "the consumer withheld the voucher"})
	at := tk.Attempts[b[0].Msg.Spec.Attempt-1]
	if at.State != attemptInterrupted || !strings.Contains(at.Reason, "did not pay") || j.State.Terminal() {
		t.Fatalf("unpaid attempt %+v, job %s: want it interrupted, saying the consumer did not pay", at, j.State)
	}
}

// A restart between payment and storage fetches again.
func TestRestoreFetchesPaidOutputs(t *testing.T) {
	h := newHarness(t, Config{})
	h.offer("pA", 1, 100)
	j := testJob(42, 1)
	a := of[Assign](h.bidAll(h.step(Submit{Job: j}), 10, 1))[0]
	h.step(withheld(a))
	saved := cloneTask(j.Tasks[0])
	r := &Job{ID: j.ID, Spec: j.Spec, State: j.State, Consumer: j.Consumer, Tasks: []*Task{&saved}}
	h2 := newHarness(t, Config{})
	if f := of[Fetch](h2.step(Restore{Job: r})); len(f) != 1 || f[0].Attempt != 1 {
		t.Fatalf("restore of a paid, unstored task: want one Fetch, got %+v", f)
	}
}
