package market

import (
	"fmt"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
)

// replicaPairs places a replicate:2 job of n tasks on providers p0…p7
// (equal asks, so the ranking alone would pair a task's first holder with
// the bidder ranked next) and returns each task's two holders.
func replicaPairs(t *testing.T, secret uint64, n int) map[int][2]string {
	h := newHarness(t, Config{Secret: secret, MaxBidders: 8})
	for i := range 8 {
		h.offer(fmt.Sprintf("p%d", i), n, 100)
	}
	j := policyJob(40, n, "replicate:2")
	as := of[Assign](h.bidAll(h.step(Submit{Job: j}), 10, n))
	out := map[int][2]string{}
	for _, a := range as {
		i := a.Msg.Spec.Task.Index
		p := out[i]
		if a.Msg.Spec.Attempt == 1 {
			p[0] = a.Peer
		} else {
			p[1] = a.Peer
		}
		out[i] = p
	}
	if len(out) != n {
		t.Fatalf("%d tasks placed, want %d", len(out), n)
	}
	return out
}

// A provider that knows the job id and its own peer id cannot tell
// whether it will replicate a task: the replica holder is drawn with the
// consumer's secret, so the same job under another secret pairs providers
// differently, and a first holder's replicas spread over many partners
// instead of the one ranked after it (which colluders could steer to).
func TestReplicaDrawIsSecretAndSpread(t *testing.T) {
	a, b := replicaPairs(t, 1, 64), replicaPairs(t, 2, 64)
	differ := 0
	partners := map[string]map[string]bool{}
	for i, p := range a {
		if p[0] == p[1] || p[1] == "" {
			t.Fatalf("task %d: holders %v", i, p)
		}
		if b[i][1] != p[1] {
			differ++
		}
		if partners[p[0]] == nil {
			partners[p[0]] = map[string]bool{}
		}
		partners[p[0]][p[1]] = true
	}
	if differ < 32 {
		t.Fatalf("only %d of 64 replicas moved with the secret: the draw is predictable without it", differ)
	}
	for first, ps := range partners {
		if len(ps) < 3 {
			t.Fatalf("%s's tasks were replicated by only %v: replicas follow the ranking", first, ps)
		}
	}
}

// Replicas of one task never share a stake funder, network or EVM address.
func TestReplicasSpreadAcrossFunders(t *testing.T) {
	h := newHarness(t, Config{})
	for i, f := range []string{"ring", "ring", "ring", "x", "y"} {
		p := fmt.Sprintf("p%d", i)
		h.step(OfferSeen{Offer: wire.Offer{Peer: p, EVM: evmOf(p), Slots: 4, FreeSlots: 4, Ask: 100, Benchmark: 10,
			Resources: wire.Resources{Cores: 4, Memory: 8 << 30}, ExpiresMs: h.now.Add(time.Hour).UnixMilli()}, Funder: f})
	}
	j := policyJob(41, 6, "replicate:2")
	h.bidAll(h.step(Submit{Job: j}), 10, 4)
	for _, tk := range j.Tasks {
		ring := 0
		for _, a := range tk.Attempts {
			if a.Funder == "ring" {
				ring++
			}
		}
		if ring > 1 {
			t.Fatalf("task %d has %d replicas funded by one ring: %+v", tk.Index, ring, tk.Attempts)
		}
	}
}

func localJob(id byte, tasks int, policy string, local float64) *Job {
	j := policyJob(id, tasks, policy)
	j.Spec.Checks = &spec.Checks{Local: &local}
	return j
}

// A result that differs from the consumer's own run is a proven lie: the
// provider is convicted (no pay, no more work), the result it had accepted
// for another task is struck and verified again, and the task whose check
// failed runs again and is decided by the known root.
func TestLocalCheckMismatchConvicts(t *testing.T) {
	h := newHarness(t, Config{})
	h.offer("liar", 2, 100)
	j := localJob(42, 2, spec.VerifyReceipt, 1)
	as := of[Assign](h.bidAll(h.step(Submit{Job: j}), 10, 2))
	if len(as) != 2 {
		t.Fatalf("%d assignments", len(as))
	}
	var checks []CheckLocal
	var effs []Effect
	for _, a := range as {
		e := h.step(result(a, "bad"))
		effs = append(effs, e...)
		checks = append(checks, of[CheckLocal](e)...)
	}
	// Under receipt there is no quorum to wait for: the provider holds the
	// consumer's next tasks until the voucher comes (provider/debts.go), so
	// the results are paid at once and the check runs after.
	if len(checks) != 2 || len(paidPeers(effs)) != 2 {
		t.Fatalf("checks %d, paid %v: under receipt a checked result is paid at once", len(checks), paidPeers(effs))
	}
	h.offer("honest", 2, 100)
	c := checks[0]
	effs = h.step(Checked{Task: c.Spec.Task, Claimed: c.Root, Root: manifest("good").Root()})
	if !h.m.convicted["liar"] || !h.m.suspect("liar", h.now) {
		t.Fatal("the liar is not convicted")
	}
	if j.State.Terminal() || j.Tasks[0].State == TaskVerified || j.Tasks[0].Known != manifest("good").Root() {
		t.Fatalf("job %s, task 0 %s known %s", j.State, j.Tasks[0].State, j.Tasks[0].Known)
	}
	// The liar gets no more work; the honest provider re-runs task 0 and
	// the known root accepts it.
	for i := 0; i < 5 && j.Tasks[0].State != TaskVerified; i++ {
		effs = append(effs, h.bidAll(append(effs, h.tick(time.Second)...), 10, 2)...)
		for _, a := range of[Assign](effs) {
			if a.Peer == "liar" {
				t.Fatal("the convicted provider got work")
			}
			if a.Msg.Spec.Task.Index == 0 {
				effs = h.step(result(a, "good"))
			}
		}
	}
	if j.Tasks[0].State != TaskVerified || j.Tasks[0].OutputRoot != manifest("good").Root() || j.Tasks[0].Provider != "honest" {
		t.Fatalf("task 0: %s %s from %s (%s)", j.Tasks[0].State, j.Tasks[0].OutputRoot.Short(), j.Tasks[0].Provider, j.Tasks[0].Reason)
	}
	for _, a := range j.Tasks[0].Attempts {
		if a.Provider == "liar" && a.State != attemptStruck {
			t.Fatalf("the proven lie stands: %+v", a)
		}
	}
}

// Under receipt a checked result is paid at once and the job waits for
// the check to end; "checks: local: 0" turns local checks off for a job.
func TestLocalCheckAgreesAndOff(t *testing.T) {
	h := newHarness(t, Config{LocalCheck: 1, KnownAnswers: -1})
	h.offer("p", 1, 100)
	j := localJob(43, 1, spec.VerifyReceipt, 1)
	a := of[Assign](h.bidAll(h.step(Submit{Job: j}), 10, 1))[0]
	effs := h.step(result(a, "good"))
	c := of[CheckLocal](effs)
	if len(c) != 1 || j.State.Terminal() || len(paidPeers(effs)) != 1 {
		t.Fatalf("checks %v, paid %v, job %s: the job waits for its check", c, paidPeers(effs), j.State)
	}
	effs = h.step(Checked{Task: c[0].Spec.Task, Claimed: c[0].Root, Root: c[0].Root})
	if got := paidPeers(effs); len(got) != 0 || j.State != JobCompleted {
		t.Fatalf("paid again %v, job %s", got, j.State)
	}
	off := localJob(44, 1, spec.VerifyReceipt, 0)
	a = of[Assign](h.bidAll(h.step(Submit{Job: off}), 10, 1))[0]
	if effs := h.step(result(a, "good")); len(of[CheckLocal](effs)) != 0 || len(paidPeers(effs)) != 1 {
		t.Fatal("checks: local: 0 still checked")
	}
}

// Results that disagree are settled by the consumer's own run, not by a
// vote a colluding majority could win: no third replica is asked, nobody
// is paid before the run, then the matching provider is paid and the
// other convicted.
func TestSplitSettledByTheConsumersRun(t *testing.T) {
	h := newHarness(t, Config{LocalCheck: 0.02, KnownAnswers: -1})
	for _, p := range []string{"pA", "pB", "pC"} {
		h.offer(p, 1, 100)
	}
	j := policyJob(41, 1, "replicate:2")
	as := of[Assign](h.bidAll(h.step(Submit{Job: j}), 50, 1))
	if len(as) != 2 {
		t.Fatalf("assigns %d, want 2 replicas", len(as))
	}
	honest, liar := as[0], as[1]
	effs := h.step(result(honest, "right"))
	effs = append(effs, h.step(result(liar, "wrong"))...)
	checks := of[CheckLocal](effs)
	if len(checks) != 1 || len(of[Assign](h.bidAll(effs, 50, 1))) != 0 || len(of[Pay](effs)) != 0 {
		t.Fatalf("split results: %d local checks, effects %+v; want one check, no replica, no pay", len(checks), effs)
	}
	effs = h.step(Checked{Task: checks[0].Spec.Task, Claimed: checks[0].Root, Root: manifest("right").Root()})
	if got := paidPeers(effs); len(got) != 1 || got[0] != honest.Peer {
		t.Fatalf("paid %v, want only %s", got, honest.Peer)
	}
	if !h.m.convicted[liar.Peer] || h.m.convicted[honest.Peer] {
		t.Fatalf("convicted %v, want only the liar %s", h.m.convicted, liar.Peer)
	}
	if tk := j.Tasks[0]; tk.State != TaskVerified || tk.OutputRoot != manifest("right").Root() {
		t.Fatalf("task %s root %s", tk.State, tk.OutputRoot)
	}
}
