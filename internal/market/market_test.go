package market

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/deco-network/deco/internal/sched"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

// harness drives a Market the way the node's loop does and records effects.
type harness struct {
	t    testing.TB
	m    *Market
	now  time.Time
	effs []Effect
}

func newHarness(t testing.TB, cfg Config) *harness {
	return &harness{t: t, m: New(cfg, sched.NewWeighted()), now: time.Unix(1_700_000_000, 0)}
}

// step feeds ev and returns the effects in the order the driver carries
// them out (Ready.Effects), after checking the Ready persists what its
// actions stand on.
func (h *harness) step(ev Event) []Effect {
	rd := h.m.Step(h.now, ev)
	h.checkDurable(rd)
	e := rd.Effects()
	h.effs = append(h.effs, e...)
	return e
}

func (h *harness) tick(d time.Duration) []Effect {
	h.now = h.now.Add(d)
	rd := h.m.Tick(h.now)
	h.checkDurable(rd)
	e := rd.Effects()
	h.effs = append(h.effs, e...)
	return e
}

// checkDurable fails the test unless rd's Saves record the state each of
// its actions and finished jobs announce: persisting them first is what
// makes carrying out the actions safe across a crash.
func (h *harness) checkDurable(rd Ready) {
	h.t.Helper()
	saved := func(id wire.TaskID, n int) *Attempt {
		var out *Attempt
		for _, s := range rd.Saves {
			for k := range s.Tasks {
				if t := &s.Tasks[k]; s.Job.ID == id.Job && t.Index == id.Index && n >= 1 && n <= len(t.Attempts) {
					out = &t.Attempts[n-1] // the last Save wins, as in the database
				}
			}
		}
		return out
	}
	for _, a := range rd.Actions {
		switch a := a.(type) {
		case Assign:
			if at := saved(a.Msg.Spec.Task, a.Msg.Spec.Attempt); at == nil || at.Provider != a.Peer {
				h.t.Fatalf("Assign of %s attempt %d to %s is not saved in its Ready", a.Msg.Spec.Task, a.Msg.Spec.Attempt, a.Peer)
			}
		case Pay:
			if at := saved(a.Task, a.Attempt); at == nil || !at.Paid {
				h.t.Fatalf("Pay of %s attempt %d is not saved as paid in its Ready", a.Task, a.Attempt)
			}
		case Abort:
			if at := saved(a.Task, a.Attempt); at == nil || at.Live() {
				h.t.Fatalf("Abort of %s attempt %d is not saved as ended in its Ready", a.Task, a.Attempt)
			}
		case Reject:
			if at := saved(a.Task, a.Attempt); at == nil || at.State == attemptSubmitted {
				h.t.Fatalf("Reject of %s attempt %d is not saved in its Ready", a.Task, a.Attempt)
			}
		}
	}
	for _, f := range rd.Finished {
		ok := false
		for _, s := range rd.Saves {
			ok = ok || s.Job.ID == f.Job && s.Job.State == f.State
		}
		if !ok {
			h.t.Fatalf("job %s finished %s but its Ready does not save that", f.Job, f.State)
		}
	}
}

func (h *harness) offer(peer string, slots int, ask wire.Amount) {
	h.offerNet(peer, slots, ask, "")
}

// offerNet offers peer from network net ("" = unknown).
func (h *harness) offerNet(peer string, slots int, ask wire.Amount, net string) {
	h.step(OfferSeen{Offer: wire.Offer{Peer: peer, EVM: evmOf(peer), Slots: slots, FreeSlots: slots, Ask: ask, Benchmark: 10,
		Resources: wire.Resources{Cores: 4, Memory: 8 << 30}, ExpiresMs: h.now.Add(time.Hour).UnixMilli()}, Net: net})
}

// evmOf is a distinct EVM address per test peer name.
func evmOf(peer string) string {
	h := fmt.Sprintf("%x", peer)
	return "0x" + strings.Repeat("0", 40-len(h)) + h
}

// testJob is a job under the receipt policy, the single-result lifecycle
// these tests pin down; policyJob picks another.
func testJob(id byte, tasks int) *Job { return policyJob(id, tasks, spec.VerifyReceipt) }

func policyJob(id byte, tasks int, policy string) *Job {
	s := spec.Job{Program: spec.Program{CID: wire.CIDOf([]byte("prog")), Size: 4}, Tasks: spec.Tasks{Count: tasks, Args: []string{"{{index}}"}}, Verification: policy}
	s.Defaults()
	return &Job{ID: wire.NewJobID([16]byte{id}), Spec: s, Consumer: "0xc"}
}

func of[T Effect](effs []Effect) []T {
	var out []T
	for _, e := range effs {
		if v, ok := e.(T); ok {
			out = append(out, v)
		}
	}
	return out
}

// bidAll answers every RequestBid in effs with an accepting bid.
func (h *harness) bidAll(effs []Effect, price wire.Amount, slots int) []Effect {
	var out []Effect
	for _, r := range of[RequestBid](effs) {
		out = append(out, h.step(BidIn{Job: r.Req.Job, Peer: r.Peer, Bid: wire.Bid{Job: r.Req.Job, Round: r.Req.Round, Accept: true, Price: price, Slots: slots, EVM: evmOf(r.Peer)}})...)
	}
	return out
}

func ok(a Assign) Outcome {
	m := wire.Manifest{Kind: "outputs", Entries: []wire.Entry{{Path: "out.txt", Size: 1, CID: wire.CIDOf([]byte(fmt.Sprint(a.Msg.Spec.Task.Index)))}}}
	return Outcome{Task: a.Msg.Spec.Task, Attempt: a.Msg.Spec.Attempt, Verdict: Verdict{OK: true, Outputs: m, Duration: time.Second, Receipt: &wire.Receipt{}}}
}

func TestHappyPath(t *testing.T) {
	h := newHarness(t, Config{})
	h.offer("pA", 2, 100)
	h.offer("pB", 2, 100)
	j := testJob(1, 4)
	effs := h.step(Submit{Job: j})
	reqs := of[RequestBid](effs)
	if len(reqs) != 2 || len(reqs[0].Req.Tasks) != 4 {
		t.Fatalf("want one bid request per provider covering 4 tasks, got %+v", reqs)
	}
	assigns := of[Assign](h.bidAll(effs, 50, 2))
	if len(assigns) != 4 {
		t.Fatalf("want 4 assignments, got %d", len(assigns))
	}
	per := map[string]int{}
	for _, a := range assigns {
		per[a.Peer]++
		if a.Msg.Spec.Args[0] != fmt.Sprint(a.Msg.Spec.Task.Index) || a.Msg.Spec.Env["DECO_TASK_COUNT"] != "4" {
			t.Fatalf("task spec not templated: %+v", a.Msg.Spec)
		}
	}
	if per["pA"] != 2 || per["pB"] != 2 {
		t.Fatalf("not spread: %v", per)
	}
	if j.State != JobRunning {
		t.Fatalf("job state %s", j.State)
	}
	for _, a := range assigns {
		h.step(Progress{Task: a.Msg.Spec.Task, Attempt: 1, State: "running"})
		effs = h.step(ok(a))
	}
	if j.State != JobCompleted || len(of[Finished](effs)) != 1 {
		t.Fatalf("job %s (%s)", j.State, j.Reason)
	}
	for _, tk := range j.Tasks {
		if tk.State != TaskVerified || tk.OutputRoot == "" || len(tk.Attempts) != 1 {
			t.Fatalf("task %+v", tk)
		}
	}
	if len(h.m.inflight) != 0 {
		t.Fatalf("inflight leaked: %v", h.m.inflight)
	}
	if len(of[Save](h.effs)) == 0 || len(of[Log](h.effs)) == 0 {
		t.Fatal("no Save/Log effects")
	}
}

func TestProviderFaultRetriesElsewhere(t *testing.T) {
	h := newHarness(t, Config{})
	h.offer("pA", 1, 100)
	h.offer("pB", 1, 100)
	j := testJob(2, 1)
	assigns := of[Assign](h.bidAll(h.step(Submit{Job: j}), 10, 1))
	first := assigns[0]
	effs := h.step(Outcome{Task: first.Msg.Spec.Task, Attempt: 1, Verdict: Verdict{Reason: "outputs do not match the receipt's output root"}})
	// The retry goes straight to the other bidder's standing bid.
	assigns = append(of[Assign](effs), of[Assign](h.bidAll(effs, 10, 1))...)
	if len(assigns) != 1 || assigns[0].Peer == first.Peer || assigns[0].Msg.Spec.Attempt != 2 {
		t.Fatalf("retry went to %+v (first %s)", assigns, first.Peer)
	}
	h.step(ok(assigns[0]))
	tk := j.Tasks[0]
	if j.State != JobCompleted || len(tk.Attempts) != 2 || tk.Attempts[0].State != "failed" || !strings.Contains(tk.Attempts[0].Reason, "do not match") {
		t.Fatalf("job %s, attempts %+v", j.State, tk.Attempts)
	}
}

func TestProgramFaultFailsJob(t *testing.T) {
	h := newHarness(t, Config{})
	h.offer("pA", 2, 100)
	j := testJob(3, 2)
	assigns := of[Assign](h.bidAll(h.step(Submit{Job: j}), 10, 2))
	h.step(Outcome{Task: assigns[0].Msg.Spec.Task, Attempt: 1, Verdict: Verdict{ProgramFault: true, Reason: "time limit: the program ran longer than 1s"}})
	if j.State != JobRunning {
		t.Fatalf("job ended while a task still runs: %s", j.State)
	}
	h.step(ok(assigns[1]))
	if j.State != JobFailed || !strings.Contains(j.Reason, "time limit") {
		t.Fatalf("job %s: %s", j.State, j.Reason)
	}
}

func TestTimeoutAbortsAndRetries(t *testing.T) {
	h := newHarness(t, Config{ResultGrace: time.Second})
	h.offer("pA", 1, 100)
	h.offer("pB", 1, 100)
	j := testJob(4, 1)
	j.Spec.Timeout = spec.Duration(time.Second)
	a := of[Assign](h.bidAll(h.step(Submit{Job: j}), 10, 1))[0]
	effs := h.tick(1500 * time.Millisecond)
	if len(of[Abort](effs)) != 0 {
		t.Fatal("aborted before the deadline")
	}
	effs = h.tick(time.Second)
	ab := of[Abort](effs)
	if len(ab) != 1 || ab[0].Peer != a.Peer {
		t.Fatalf("abort %+v", ab)
	}
	if !strings.Contains(j.Tasks[0].Attempts[0].Reason, "did not return a result") {
		t.Fatalf("reason %q", j.Tasks[0].Attempts[0].Reason)
	}
	// A late outcome for the dead attempt is ignored.
	h.step(ok(a))
	if j.Tasks[0].State == TaskVerified {
		t.Fatal("late outcome accepted")
	}
}

func TestGivesUpAfterMaxAttempts(t *testing.T) {
	h := newHarness(t, Config{MaxAttempts: 2})
	h.offer("pA", 1, 100)
	h.offer("pB", 1, 100)
	j := testJob(5, 1)
	effs := h.step(Submit{Job: j})
	for i := 0; i < 2; i++ {
		as := append(of[Assign](effs), of[Assign](h.bidAll(effs, 10, 1))...)
		if len(as) != 1 {
			t.Fatalf("round %d: %d assigns", i, len(as))
		}
		effs = h.step(Outcome{Task: as[0].Msg.Spec.Task, Attempt: as[0].Msg.Spec.Attempt, Verdict: Verdict{Reason: "connection lost"}})
	}
	if j.State != JobFailed || !strings.Contains(j.Tasks[0].Reason, "gave up after 2 attempts") {
		t.Fatalf("%s: %s", j.State, j.Tasks[0].Reason)
	}
}

func TestNoProvidersSaysWhy(t *testing.T) {
	h := newHarness(t, Config{PlacementTimeout: time.Minute})
	h.offer("dear", 4, 1_000_000)
	j := testJob(6, 1)
	h.step(Submit{Job: j})
	if !strings.Contains(j.Tasks[0].Reason, "ask more than the max price") {
		t.Fatalf("reason %q", j.Tasks[0].Reason)
	}
	for i := 0; i < 130; i++ {
		h.tick(time.Second)
	}
	if j.State != JobFailed || !strings.Contains(j.Reason, "no provider took the task") {
		t.Fatalf("%s: %s", j.State, j.Reason)
	}
}

func TestBidAboveMaxIgnored(t *testing.T) {
	h := newHarness(t, Config{})
	h.offer("pA", 1, 100)
	j := testJob(7, 1)
	effs := h.bidAll(h.step(Submit{Job: j}), j.Spec.Price.Max+1, 1)
	if len(of[Assign](effs)) != 0 {
		t.Fatal("bid above max price taken")
	}
}

func TestCancel(t *testing.T) {
	h := newHarness(t, Config{})
	h.offer("pA", 4, 100)
	j := testJob(8, 3)
	h.bidAll(h.step(Submit{Job: j}), 10, 4)
	effs := h.step(Cancel{Job: j.ID})
	if len(of[Abort](effs)) != 3 || j.State != JobCancelled || h.m.Inflight("pA") != 0 {
		t.Fatalf("aborts %d, state %s, inflight %d", len(of[Abort](effs)), j.State, h.m.Inflight("pA"))
	}
}

func TestRestoreRetriesLiveAttempts(t *testing.T) {
	h := newHarness(t, Config{})
	h.offer("pA", 4, 100)
	j := testJob(9, 2)
	as := of[Assign](h.bidAll(h.step(Submit{Job: j}), 10, 4))
	h.step(ok(as[0]))
	// Simulate a restart: a new market gets the persisted job.
	h2 := newHarness(t, Config{})
	h2.now = h.now
	h2.offer("pA", 4, 100)
	// What the database gives back: exported fields only.
	b, _ := json.Marshal(j)
	j = &Job{}
	json.Unmarshal(b, j)
	effs := h2.step(Restore{Job: j})
	if j.Tasks[0].State != TaskVerified {
		t.Fatal("verified task lost")
	}
	if j.Tasks[1].Attempts[0].State != "interrupted" || len(of[RequestBid](effs)) != 1 {
		t.Fatalf("live attempt not retried: %+v", j.Tasks[1])
	}
}

// Property: random interleavings of bids, outcomes, timeouts and offers,
// under every policy, never break the invariants: a provider never holds
// more tasks than its slots, a bid above the max price is never taken,
// replicas of a task come from distinct providers (peer, EVM address,
// network), a task's state says whether it has attempts in flight, every
// accepted attempt is paid exactly once and only accepted ones are, and a
// replicated task is accepted only with a strict majority.
func TestInvariants(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		policy := rapid.SampledFrom([]string{"receipt", "replicate:2", "replicate:3", "adaptive"}).Draw(rt, "policy")
		h := newHarness(t, Config{MaxAttempts: 3, ResultGrace: time.Second, Adaptive: verify.AdaptiveConfig{Threshold: 2, Seed: 7}})
		peers := []string{"p0", "p1", "p2", "p3", "p4"}
		nets := map[string]string{"p3": "203.0.113.0/24", "p4": "203.0.113.0/24"} // one operator, two peers
		slots := map[string]int{}
		for _, p := range peers {
			slots[p] = rapid.IntRange(1, 3).Draw(rt, "slots")
			h.offerNet(p, slots[p], wire.Amount(rapid.Uint64Range(1, 20000).Draw(rt, "ask")), nets[p])
		}
		j := policyJob(10, rapid.IntRange(1, 8).Draw(rt, "tasks"), policy)
		k := max(j.Spec.Policy().Replicas, 1)
		pending := h.step(Submit{Job: j})
		var live []Assign
		for step := 0; step < 80; step++ {
			for _, a := range of[Assign](pending) {
				if a.Msg.Price > j.Spec.Price.Max {
					rt.Fatalf("assigned above max price")
				}
				live = append(live, a)
			}
			var next []Effect
			switch rapid.IntRange(0, 4).Draw(rt, "action") {
			case 0:
				for _, r := range of[RequestBid](pending) {
					price := wire.Amount(rapid.Uint64Range(1, 20000).Draw(rt, "price"))
					next = append(next, h.step(BidIn{Job: j.ID, Peer: r.Peer, Bid: wire.Bid{Round: r.Req.Round, Accept: rapid.Bool().Draw(rt, "accept"), Price: price, Slots: rapid.IntRange(0, 4).Draw(rt, "bslots"), EVM: evmOf(r.Peer)}})...)
				}
			case 1, 2:
				if len(live) > 0 {
					i := rapid.IntRange(0, len(live)-1).Draw(rt, "which")
					a := live[i]
					live = append(live[:i], live[i+1:]...)
					var v Verdict
					switch rapid.IntRange(0, 6).Draw(rt, "verdict") {
					case 0:
						v = Verdict{Reason: "x"}
					case 1:
						v = Verdict{ProgramFault: true, Reason: "exit 1"}
					case 2:
						// A failure that earns a share: replicas vote on it.
						code := rapid.Int64Range(3, 4).Draw(rt, "exit")
						v = Verdict{ProgramFault: true, ExitCode: code, Reason: fmt.Sprint("exit ", code)}
					default:
						root := rapid.SampledFrom([]string{"honest", "honest", "wrong-a", "wrong-b"}).Draw(rt, "root")
						v = Verdict{OK: true, Outputs: wire.Manifest{Kind: "outputs", Entries: []wire.Entry{{Path: "o", Size: 1, CID: wire.CIDOf([]byte(root))}}}}
					}
					next = h.step(Outcome{Task: a.Msg.Spec.Task, Attempt: a.Msg.Spec.Attempt, Verdict: v})
				}
			case 3:
				next = h.tick(time.Duration(rapid.IntRange(1, 90).Draw(rt, "dt")) * time.Second)
			case 4:
				next = h.tick(100 * time.Millisecond)
			}
			pending = append(toEffects(of[RequestBid](next)), toEffects(of[Assign](next))...)
			checkInvariants(rt, h, j, k, slots)
		}
		paid := map[string]bool{}
		for _, p := range of[Pay](h.effs) {
			key := fmt.Sprint(p.Task, "#", p.Attempt)
			if paid[key] {
				rt.Fatalf("attempt %s paid twice", key)
			}
			paid[key] = true
			tk := j.Tasks[p.Task.Index]
			a := tk.Attempts[p.Attempt-1]
			if a.Failure != "" && a.State == "failed" {
				// A failure is paid its share once replicas agree, and
				// the task fails with it.
				if !a.Paid || p.Price != a.FailurePay || p.Price > a.Price || tk.State != TaskFailed {
					rt.Fatalf("paid failure %s: pay %s, attempt %+v, task %s", key, p.Price, a, tk.State)
				}
				continue
			}
			if !a.Paid || a.State != "verified" && a.State != attemptStruck {
				// A rejected result is never paid: not even one accepted
				// unchecked and rejected by a later re-check. A result
				// paid once accepted may be struck later, when its
				// provider is caught lying.
				rt.Fatalf("paid attempt %s is %s (paid %v)", key, a.State, a.Paid)
			}
		}
		// Every change the market made to a task reached the driver in a
		// Save: the last saved copy of each task is the live one.
		saved := map[int]Task{}
		for _, sv := range of[Save](h.effs) {
			for _, tk := range sv.Tasks {
				saved[tk.Index] = tk
			}
		}
		for _, tk := range j.Tasks {
			sv, ok := saved[tk.Index]
			if !ok || sv.State != tk.State || len(sv.Attempts) != len(tk.Attempts) {
				rt.Fatalf("task %d is %s with %d attempts, saved %s with %d", tk.Index, tk.State, len(tk.Attempts), sv.State, len(sv.Attempts))
			}
			for i, a := range tk.Attempts {
				if s := sv.Attempts[i]; s.State != a.State || s.Paid != a.Paid {
					rt.Fatalf("task %d attempt %d is %s (paid %v), saved %s (paid %v)", tk.Index, a.N, a.State, a.Paid, s.State, s.Paid)
				}
			}
		}
		for _, tk := range j.Tasks {
			for i, a := range tk.Attempts {
				// Held until the job ends, or owed a while longer (see owe).
				held := holdPay(j, &tk.Attempts[i]) && (!j.State.Terminal() || isOwed(h.m, j.ID, tk.Index, a.N))
				if a.State == "verified" && !held && !paid[fmt.Sprint(wire.TaskID{Job: j.ID, Index: tk.Index}, "#", a.N)] {
					rt.Fatalf("task %d: accepted attempt %d not paid", tk.Index, a.N)
				}
				// An agreed failure is paid, unless an untrusted provider's
				// failure ended the task with nobody to confirm it.
				if a.State == "failed" && a.Failure != "" && !paid[fmt.Sprint(wire.TaskID{Job: j.ID, Index: tk.Index}, "#", a.N)] && !strings.Contains(a.Reason, "no other provider could confirm") {
					rt.Fatalf("task %d: agreed failure of attempt %d not paid", tk.Index, a.N)
				}
			}
		}
	})
}

func checkInvariants(rt *rapid.T, h *harness, j *Job, k int, slots map[string]int) {
	count := map[string]int{}
	for _, tk := range j.Tasks {
		n := 0
		holders := map[string]bool{}
		for _, a := range tk.Attempts {
			if a.Live() {
				n++
				count[a.Provider]++
			}
			if a.holds() {
				for _, id := range []string{"p:" + a.Provider, "e:" + strings.ToLower(a.EVM), "n:" + a.Net} {
					if id != "n:" && holders[id] {
						rt.Fatalf("task %d: two attempts share %s: %+v", tk.Index, id, tk.Attempts)
					}
					holders[id] = true
				}
			}
		}
		if n > h.m.bound(j) {
			rt.Fatalf("task %d has %d live attempts, bound %d", tk.Index, n, h.m.bound(j))
		}
		if (n > 0) != tk.State.live() {
			rt.Fatalf("task %d state %s with %d live attempts", tk.Index, tk.State, n)
		}
		if tk.State == TaskVerified && j.policy.Policy == spec.VerifyReplicate && 2*tk.Quorum <= k {
			rt.Fatalf("task %d accepted by %d of %d", tk.Index, tk.Quorum, k)
		}
	}
	for p, n := range count {
		if n > slots[p] {
			rt.Fatalf("%s holds %d tasks with %d slots", p, n, slots[p])
		}
		if h.m.Inflight(p) != n {
			rt.Fatalf("inflight[%s]=%d, live=%d", p, h.m.Inflight(p), n)
		}
	}
	for p := range h.m.inflight {
		if count[p] == 0 {
			rt.Fatalf("inflight[%s]=%d with nothing live", p, h.m.Inflight(p))
		}
	}
}

func toEffects[T Effect](v []T) []Effect {
	out := make([]Effect, len(v))
	for i := range v {
		out[i] = v[i]
	}
	return out
}

// A provider's bid keeps placing the job's tasks as its slots free up,
// without a new auction per task, until the bid expires.
func TestStandingBidPlacesWithoutAuction(t *testing.T) {
	h := newHarness(t, Config{BidValidity: 5 * time.Second})
	h.offer("pA", 2, 100)
	j := testJob(11, 4)
	as := of[Assign](h.bidAll(h.step(Submit{Job: j}), 10, 2))
	if len(as) != 2 {
		t.Fatalf("first round placed %d", len(as))
	}
	effs := h.step(ok(as[0]))
	if len(of[RequestBid](effs)) != 0 || len(of[Assign](effs)) != 1 {
		t.Fatalf("freed slot: %d bid requests, %d assigns", len(of[RequestBid](effs)), len(of[Assign](effs)))
	}
	h.tick(6 * time.Second) // bid expired
	effs = h.step(ok(as[1]))
	if len(of[RequestBid](effs)) != 1 {
		t.Fatalf("after expiry: %d bid requests, want a new auction", len(of[RequestBid](effs)))
	}
}

// TestOutcomesOfUnassignedTasksPayNothing: a result for a task that was
// never assigned (another index, a later attempt, another job) or for an
// attempt that already ended changes nothing and pays nothing; only the
// assigned attempt's result is paid, once.
func TestOutcomesOfUnassignedTasksPayNothing(t *testing.T) {
	h := newHarness(t, Config{})
	h.offer("pA", 1, 100)
	j := testJob(9, 2)
	assigns := of[Assign](h.bidAll(h.step(Submit{Job: j}), 50, 1))
	if len(assigns) != 1 || assigns[0].Msg.Spec.Task.Index != 0 {
		t.Fatalf("want task 0 assigned alone, got %+v", assigns)
	}
	a := assigns[0]
	forged := func(task wire.TaskID, attempt int) Outcome {
		o := ok(a)
		o.Task, o.Attempt = task, attempt
		return o
	}
	other := wire.NewJobID([16]byte{10})
	for name, o := range map[string]Outcome{
		"never assigned": forged(wire.TaskID{Job: j.ID, Index: 1}, 1),
		"beyond the job": forged(wire.TaskID{Job: j.ID, Index: 2}, 1),
		"negative index": forged(wire.TaskID{Job: j.ID, Index: -1}, 1),
		"later attempt":  forged(a.Msg.Spec.Task, 2),
		"attempt zero":   forged(a.Msg.Spec.Task, 0),
		"another job":    forged(wire.TaskID{Job: other, Index: 0}, 1),
	} {
		if effs := h.step(o); len(of[Pay](effs)) != 0 || len(of[Assign](effs)) != 0 {
			t.Fatalf("%s: effects %+v", name, effs)
		}
		if j.Tasks[1].State != TaskPending || len(j.Tasks[1].Attempts) != 0 || j.Tasks[0].State == TaskVerified {
			t.Fatalf("%s changed the job: %+v %+v", name, j.Tasks[0], j.Tasks[1])
		}
	}
	effs := h.step(ok(a))
	if pays := of[Pay](effs); len(pays) != 1 || pays[0].Task != a.Msg.Spec.Task || pays[0].Price != 50 {
		t.Fatalf("the assigned result should be paid once: %+v", pays)
	}
	if effs := h.step(ok(a)); len(of[Pay](effs)) != 0 {
		t.Fatalf("a replayed result was paid again: %+v", effs)
	}
}

// isOwed reports whether m holds attempt n of task i of job for later.
func isOwed(m *Market, job wire.JobID, i, n int) bool {
	for _, o := range m.owed {
		if o.job == job && o.task == i && o.n == n {
			return true
		}
	}
	return false
}
