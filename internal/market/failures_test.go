package market

import (
	"strings"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

// exited is the verdict of a run whose program exited with code.
func exited(a Assign, code int64) Outcome {
	return Outcome{Task: a.Msg.Spec.Task, Attempt: a.Msg.Spec.Attempt, Verdict: Verdict{ProgramFault: true, ExitCode: code,
		Reason: "the program exited with code " + string(rune('0'+code)), Duration: time.Second}}
}

// failed is the verdict of a run that failed by the program's fault of kind.
func failed(a Assign, kind string) Outcome {
	return Outcome{Task: a.Msg.Spec.Task, Attempt: a.Msg.Spec.Attempt, Verdict: Verdict{ProgramFault: true, Failure: kind,
		Reason: strings.ReplaceAll(kind, "_", " ") + ": the program failed", Duration: time.Second}}
}

func pays(effs []Effect) map[string]wire.Amount {
	out := map[string]wire.Amount{}
	for _, p := range of[Pay](effs) {
		out[p.Peer] += p.Price
	}
	return out
}

// afterTimeout moves the harness clock past j's timeout, as an honest
// time limit takes (without a Tick, so no deadline fires).
func (h *harness) afterTimeout(j *Job) { h.now = h.now.Add(time.Duration(j.Spec.Timeout)) }

// Under the receipt policy a program failure is paid its share at once:
// the full price for a time limit, half for a non-zero exit, nothing for
// a failure that ran nothing.
func TestFailureAlonePaysItsShare(t *testing.T) {
	tests := []struct {
		name string
		out  func(Assign) Outcome
		want wire.Amount
	}{
		{"time limit", func(a Assign) Outcome { return failed(a, wire.FailTimeLimit) }, 1000},
		{"memory limit", func(a Assign) Outcome { return failed(a, wire.FailMemoryLimit) }, 500},
		{"non-zero exit", func(a Assign) Outcome { return exited(a, 3) }, 500},
		{"missing input", func(a Assign) Outcome { return failed(a, wire.FailMissingInput) }, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t, Config{})
			h.offer("pA", 1, 100)
			j := testJob(40, 1)
			as := of[Assign](h.bidAll(h.step(Submit{Job: j}), 1000, 1))
			h.afterTimeout(j)
			effs := h.step(tt.out(as[0]))
			a := j.Tasks[0].Attempts[0]
			if j.State != JobFailed || a.State != "failed" {
				t.Fatalf("job %s, attempt %s: %s", j.State, a.State, a.Reason)
			}
			got := of[Pay](effs)
			if tt.want == 0 {
				if len(got) != 0 || a.Paid {
					t.Fatalf("paid %+v for a failure that earns nothing", got)
				}
				return
			}
			if len(got) != 1 || got[0].Price != tt.want || got[0].Attempt != 1 || !a.Paid || a.FailurePay != tt.want {
				t.Fatalf("pays %+v, attempt paid %v %s, want one Pay of %s", got, a.Paid, a.FailurePay, tt.want)
			}
			if !strings.Contains(a.Reason, "paid "+tt.want.String()) {
				t.Fatalf("attempt reason %q does not say what was paid", a.Reason)
			}
		})
	}
}

// A provider that claims a time limit before the job's timeout could have
// passed is lying: it is not paid, is told so, loses its trust, and the
// task goes elsewhere.
func TestFalseTimeLimitIsNotPaid(t *testing.T) {
	h := newHarness(t, Config{})
	h.offer("liar", 1, 100)
	j := testJob(41, 1)
	as := of[Assign](h.bidAll(h.step(Submit{Job: j}), 1000, 1))
	h.now = h.now.Add(time.Duration(j.Spec.Timeout) / 10)
	effs := h.step(failed(as[0], wire.FailTimeLimit))
	if len(of[Pay](effs)) != 0 {
		t.Fatalf("the liar was paid: %+v", of[Pay](effs))
	}
	rej := of[Reject](effs)
	if len(rej) != 1 || rej[0].Peer != "liar" || !strings.Contains(rej[0].Reason, "cannot have reached") {
		t.Fatalf("rejects %+v", rej)
	}
	tk := j.Tasks[0]
	if tk.State.Terminal() || tk.Attempts[0].State != "failed" || tk.Attempts[0].Paid {
		t.Fatalf("task %s, attempt %+v: the task should be retried elsewhere", tk.State, tk.Attempts[0])
	}
	if r := h.m.Trust("liar", j.Spec.Program.CID); r.Invalid != 1 {
		t.Fatalf("liar trust %+v", r)
	}
	// Another provider takes the task and it completes.
	h.offer("pB", 1, 100)
	h.now = h.now.Add(time.Minute)
	as = of[Assign](h.bidAll(h.tick(time.Second), 1000, 1))
	if len(as) != 1 || as[0].Peer != "pB" {
		t.Fatalf("retry assigned to %v", peersOf(as))
	}
	h.step(ok(as[0]))
	if j.State != JobCompleted {
		t.Fatalf("job %s: %s", j.State, j.Reason)
	}
}

// Under replicate:2 a program failure fails the task and is paid only once
// both replicas report it; each is paid the share of its own bid.
func TestReplicateFailureQuorumPaysBoth(t *testing.T) {
	h := newHarness(t, Config{})
	for _, p := range []string{"pA", "pB"} {
		h.offer(p, 1, 100)
	}
	j := policyJob(42, 1, "replicate:2")
	as := of[Assign](h.bidAll(h.step(Submit{Job: j}), 1000, 1))
	if len(as) != 2 {
		t.Fatalf("%d replicas", len(as))
	}
	effs := h.step(exited(as[0], 3))
	if len(of[Pay](effs)) != 0 || j.Tasks[0].State.Terminal() {
		t.Fatalf("one replica's failure decided the task: %s, pays %v", j.Tasks[0].State, pays(effs))
	}
	if a := j.Tasks[0].Attempts[0]; a.State != "submitted" || a.Failure != "exit 3" {
		t.Fatalf("first failure %+v", a)
	}
	effs = h.step(exited(as[1], 3))
	tk := j.Tasks[0]
	if tk.State != TaskFailed || j.State != JobFailed || !strings.Contains(j.Reason, "exited with code 3") || !strings.Contains(tk.Reason, "confirmed by 2 of 2") {
		t.Fatalf("task %s (%s), job %s (%s)", tk.State, tk.Reason, j.State, j.Reason)
	}
	got := pays(effs)
	if len(got) != 2 || got["pA"] != 500 || got["pB"] != 500 {
		t.Fatalf("pays %v, want 500 to each replica", got)
	}
	for _, a := range tk.Attempts {
		if a.State != "failed" || !a.Paid || a.FailurePay != 500 {
			t.Fatalf("attempt %+v", a)
		}
	}
	if len(of[Reject](h.effs)) != 0 || len(h.m.inflight) != 0 {
		t.Fatalf("rejects %+v, inflight %v", of[Reject](h.effs), h.m.inflight)
	}
}

// Failures that disagree settle nothing, like results that disagree: a
// third replica breaks the tie and the odd one out is treated like a
// wrong result.
func TestReplicateFailuresDisagree(t *testing.T) {
	h := newHarness(t, Config{})
	for _, p := range []string{"pA", "pB", "pC"} {
		h.offer(p, 1, 100)
	}
	j := policyJob(43, 1, "replicate:2")
	as := of[Assign](h.bidAll(h.step(Submit{Job: j}), 1000, 1))
	h.step(exited(as[0], 3))
	effs := h.step(exited(as[1], 4))
	if len(of[Pay](effs)) != 0 || j.Tasks[0].State.Terminal() || j.Tasks[0].Replicas != 3 {
		t.Fatalf("split failures decided: %s, replicas %d", j.Tasks[0].State, j.Tasks[0].Replicas)
	}
	third := append(of[Assign](effs), of[Assign](h.bidAll(effs, 1000, 1))...)
	if len(third) != 1 {
		t.Fatalf("no third replica: %+v", third)
	}
	effs = h.step(exited(third[0], 3))
	got := pays(effs)
	if j.Tasks[0].State != TaskFailed || len(got) != 2 || got[as[0].Peer] != 500 || got[third[0].Peer] != 500 {
		t.Fatalf("task %s, pays %v", j.Tasks[0].State, got)
	}
	rej := of[Reject](effs)
	if len(rej) != 1 || rej[0].Peer != as[1].Peer {
		t.Fatalf("rejects %+v, want the exit-4 replica", rej)
	}
	if r := h.m.Trust(as[1].Peer, j.Spec.Program.CID); r.Invalid != 1 {
		t.Fatalf("odd one out's trust %+v", r)
	}
}

// A cheater that waits out the timeout and claims a time limit instead of
// running the program loses the quorum to the honest results: it is not
// paid and is treated like a wrong result.
func TestReplicateTimeLimitLiarLoses(t *testing.T) {
	h := newHarness(t, Config{})
	for _, p := range []string{"liar", "pB", "pC"} {
		h.offer(p, 1, 100)
	}
	j := policyJob(44, 1, "replicate:2")
	as := of[Assign](h.bidAll(h.step(Submit{Job: j}), 1000, 1))
	liar, honest := as[0], as[1]
	if liar.Peer != "liar" {
		liar, honest = honest, liar
	}
	h.step(result(honest, "good"))
	h.afterTimeout(j)
	effs := h.step(failed(liar, wire.FailTimeLimit))
	third := append(of[Assign](effs), of[Assign](h.bidAll(effs, 1000, 1))...)
	if len(third) != 1 {
		t.Fatalf("no third replica after a split: %+v", third)
	}
	h.step(result(third[0], "good"))
	tk := j.Tasks[0]
	if tk.State != TaskVerified || j.State != JobCompleted {
		t.Fatalf("task %s: %s", tk.State, tk.Reason)
	}
	got := pays(h.effs)
	if _, paid := got["liar"]; paid || len(got) != 2 {
		t.Fatalf("pays %v: the liar must not be paid", got)
	}
	rej := of[Reject](h.effs)
	if len(rej) != 1 || rej[0].Peer != "liar" || !strings.Contains(rej[0].Reason, "time limit") {
		t.Fatalf("rejects %+v", rej)
	}
	if r := h.m.Trust("liar", j.Spec.Program.CID); r.Invalid != 1 {
		t.Fatalf("liar trust %+v", r)
	}
}

// Under adaptive a failure is confirmed by a second provider before the
// task fails and anyone is paid, even when the first provider is trusted.
func TestAdaptiveFailureIsConfirmed(t *testing.T) {
	h := newHarness(t, Config{Adaptive: verify.AdaptiveConfig{Threshold: 1, Check: -1, MinCheck: -1}})
	h.offer("pA", 1, 100)
	j := policyJob(45, 1, spec.VerifyAdaptive)
	// pA is trusted with the program: the task is not replicated.
	for range 3 {
		h.m.rep.Observe(h.now, "pA", j.Spec.Program.CID, verify.Validated)
	}
	as := of[Assign](h.bidAll(h.step(Submit{Job: j}), 1000, 1))
	if len(as) != 1 || as[0].Peer != "pA" || j.Tasks[0].replicas() != 1 {
		t.Fatalf("assigned %v with %d replicas, want the trusted pA alone", peersOf(as), j.Tasks[0].replicas())
	}
	h.offer("pB", 1, 100)
	h.afterTimeout(j)
	effs := h.step(failed(as[0], wire.FailTimeLimit))
	if len(of[Pay](effs)) != 0 || j.Tasks[0].State.Terminal() || j.Tasks[0].replicas() != 2 {
		t.Fatalf("a lone failure decided the task: %s, replicas %d, pays %v", j.Tasks[0].State, j.Tasks[0].replicas(), pays(effs))
	}
	second := append(of[Assign](effs), of[Assign](h.bidAll(effs, 1000, 1))...)
	if len(second) != 1 || second[0].Peer != "pB" {
		t.Fatalf("confirmation assigned to %v", peersOf(second))
	}
	h.afterTimeout(j)
	effs = h.step(failed(second[0], wire.FailTimeLimit))
	got := pays(effs)
	if j.Tasks[0].State != TaskFailed || got["pA"] != 1000 || got["pB"] != 1000 {
		t.Fatalf("task %s (%s), pays %v", j.Tasks[0].State, j.Tasks[0].Reason, got)
	}
}

// Under adaptive, a failure no other known provider can confirm ends the
// task, as a result would be accepted alone; its provider is paid its
// share only if it is trusted with the program.
func TestAdaptiveFailureWithNobodyToConfirm(t *testing.T) {
	for _, trusted := range []bool{false, true} {
		h := newHarness(t, Config{Adaptive: verify.AdaptiveConfig{Threshold: 1}})
		h.offer("pA", 1, 100)
		j := policyJob(46, 1, spec.VerifyAdaptive)
		if trusted {
			for range 3 {
				h.m.rep.Observe(h.now, "pA", j.Spec.Program.CID, verify.Validated)
			}
		}
		as := of[Assign](h.bidAll(h.step(Submit{Job: j}), 1000, 1))
		if len(as) != 1 {
			t.Fatalf("assigned %v", peersOf(as))
		}
		effs := h.step(exited(as[0], 3))
		got, rej := pays(effs), of[Reject](effs)
		tk := j.Tasks[0]
		if tk.State != TaskFailed || !strings.Contains(j.Reason, "exited with code 3") || strings.Contains(tk.Reason, "confirmed") {
			t.Fatalf("trusted %v: task %s (%s), job %s", trusted, tk.State, tk.Reason, j.Reason)
		}
		switch {
		case trusted && (got["pA"] != 500 || len(rej) != 0):
			t.Fatalf("trusted provider: pays %v, rejects %+v", got, rej)
		case !trusted && (len(got) != 0 || len(rej) != 1 || tk.Attempts[0].Paid):
			t.Fatalf("untrusted provider paid on its word: pays %v, rejects %+v", got, rej)
		}
	}
}
