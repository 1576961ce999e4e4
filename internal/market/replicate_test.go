package market

import (
	"encoding/hex"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

// manifest is a one-file output whose root stands for content.
func manifest(content string) wire.Manifest {
	return wire.Manifest{Kind: "outputs", Entries: []wire.Entry{{Path: "out.txt", Size: int64(len(content)), CID: wire.CIDOf([]byte(content))}}}
}

// result is an OK verdict for a whose outputs hold content.
func result(a Assign, content string) Outcome {
	return Outcome{Task: a.Msg.Spec.Task, Attempt: a.Msg.Spec.Attempt, Verdict: Verdict{OK: true, Outputs: manifest(content), Duration: time.Second}}
}

func peersOf(as []Assign) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Peer)
	}
	slices.Sort(out)
	return out
}

func paidPeers(effs []Effect) []string {
	var out []string
	for _, p := range of[Pay](effs) {
		out = append(out, p.Peer)
	}
	slices.Sort(out)
	return out
}

func TestReplicateMajorityWins(t *testing.T) {
	h := newHarness(t, Config{})
	for _, p := range []string{"pA", "pB", "pC", "pD"} {
		h.offer(p, 1, 100)
	}
	j := policyJob(20, 1, "replicate:3")
	as := of[Assign](h.bidAll(h.step(Submit{Job: j}), 10, 1))
	if len(as) != 3 || len(slices.Compact(peersOf(as))) != 3 {
		t.Fatalf("want 3 replicas on distinct providers, got %v", peersOf(as))
	}
	effs := h.step(result(as[0], "good"))
	effs = append(effs, h.step(result(as[1], "bad"))...)
	if len(of[Pay](effs)) != 0 || j.Tasks[0].State.Terminal() {
		t.Fatalf("decided before a majority: %s, pays %v", j.Tasks[0].State, paidPeers(effs))
	}
	effs = h.step(result(as[2], "good"))
	tk := j.Tasks[0]
	if tk.State != TaskVerified || tk.Quorum != 2 || tk.OutputRoot != manifest("good").Root() {
		t.Fatalf("task %s quorum %d root %s: %s", tk.State, tk.Quorum, tk.OutputRoot, tk.Reason)
	}
	if got, want := paidPeers(effs), []string{as[0].Peer, as[2].Peer}; !slices.Equal(got, want) {
		t.Fatalf("paid %v, want the winners %v", got, want)
	}
	rej := of[Reject](h.effs)
	if len(rej) != 1 || rej[0].Peer != as[1].Peer || !strings.Contains(rej[0].Reason, "lost to") {
		t.Fatalf("reject %+v", rej)
	}
	if tk.Attempts[1].State != "rejected" || tk.Attempts[1].Paid {
		t.Fatalf("loser %+v", tk.Attempts[1])
	}
	if j.State != JobCompleted || len(h.m.inflight) != 0 {
		t.Fatalf("job %s, inflight %v", j.State, h.m.inflight)
	}
	if r := h.m.Trust(as[1].Peer, j.Spec.Program.CID); r.Invalid != 1 || r.Run != 0 {
		t.Fatalf("loser trust %+v", r)
	}
	if r := h.m.Trust(as[0].Peer, j.Spec.Program.CID); r.Valid != 1 || r.Run != 1 {
		t.Fatalf("winner trust %+v", r)
	}
}

// Once a strict majority of K agrees, the replicas still running are not
// needed: they are aborted and not paid, and their late results ignored.
func TestReplicateEarlyMajorityAbortsTheRest(t *testing.T) {
	h := newHarness(t, Config{})
	for _, p := range []string{"pA", "pB", "pC"} {
		h.offer(p, 1, 100)
	}
	j := policyJob(21, 1, "replicate:3")
	as := of[Assign](h.bidAll(h.step(Submit{Job: j}), 10, 1))
	h.step(result(as[0], "good"))
	effs := h.step(result(as[1], "good"))
	ab := of[Abort](effs)
	if j.Tasks[0].State != TaskVerified || len(ab) != 1 || ab[0].Peer != as[2].Peer {
		t.Fatalf("state %s, aborts %+v", j.Tasks[0].State, ab)
	}
	if a := j.Tasks[0].Attempts[2]; a.State != "cancelled" || a.Paid {
		t.Fatalf("third replica %+v", a)
	}
	if effs := h.step(result(as[2], "good")); len(of[Pay](effs)) != 0 {
		t.Fatal("late replica paid")
	}
	if len(of[Pay](h.effs)) != 2 {
		t.Fatalf("%d payments, want 2", len(of[Pay](h.effs)))
	}
}

// Two results that disagree settle nothing: a third provider breaks the tie.
func TestReplicateTieAddsAReplica(t *testing.T) {
	h := newHarness(t, Config{})
	for _, p := range []string{"pA", "pB", "pC"} {
		h.offer(p, 1, 100)
	}
	j := policyJob(22, 1, "replicate:2")
	as := of[Assign](h.bidAll(h.step(Submit{Job: j}), 10, 1))
	if len(as) != 2 {
		t.Fatalf("%d replicas", len(as))
	}
	h.step(result(as[0], "good"))
	effs := h.step(result(as[1], "bad"))
	third := append(of[Assign](effs), of[Assign](h.bidAll(effs, 10, 1))...)
	if j.Tasks[0].Replicas != 3 || len(third) != 1 || third[0].Peer != "pC" {
		t.Fatalf("replicas %d, tie-breaker %v", j.Tasks[0].Replicas, peersOf(third))
	}
	h.step(result(third[0], "good"))
	if tk := j.Tasks[0]; tk.State != TaskVerified || tk.OutputRoot != manifest("good").Root() || !strings.Contains(tk.Reason, "2 of 3") {
		t.Fatalf("%s: %s", tk.State, tk.Reason)
	}
}

func TestReplicateGivesUpWithoutMajority(t *testing.T) {
	h := newHarness(t, Config{ExtraReplicas: 1})
	for _, p := range []string{"pA", "pB", "pC", "pD"} {
		h.offer(p, 1, 100)
	}
	j := policyJob(23, 1, "replicate:2")
	as := of[Assign](h.bidAll(h.step(Submit{Job: j}), 10, 1))
	h.step(result(as[0], "x"))
	effs := h.step(result(as[1], "y"))
	third := append(of[Assign](effs), of[Assign](h.bidAll(effs, 10, 1))...)
	h.step(result(third[0], "z"))
	tk := j.Tasks[0]
	if tk.State != TaskFailed || !strings.Contains(tk.Reason, "no output root won a strict majority") || !strings.Contains(tk.Reason, "gave up after 3 replicas") {
		t.Fatalf("%s: %s", tk.State, tk.Reason)
	}
	if len(of[Pay](h.effs)) != 0 || len(of[Reject](h.effs)) != 3 {
		t.Fatalf("pays %d, rejects %d", len(of[Pay](h.effs)), len(of[Reject](h.effs)))
	}
}

// Replicas never share a peer id, an EVM address or a network.
func TestReplicasComeFromDistinctProviders(t *testing.T) {
	h := newHarness(t, Config{PlacementTimeout: time.Minute})
	h.offerNet("lan1", 1, 100, "198.51.100.0/24")
	h.offerNet("lan2", 1, 100, "198.51.100.0/24")
	for _, p := range []string{"key1", "key2"} { // one EVM key behind two peer ids
		h.step(OfferSeen{Offer: wire.Offer{Peer: p, EVM: evmOf("same-key"), Slots: 1, Ask: 100, Resources: wire.Resources{Cores: 4, Memory: 8 << 30}, ExpiresMs: h.now.Add(time.Hour).UnixMilli()}})
	}
	j := policyJob(24, 1, "replicate:3")
	effs := h.step(Submit{Job: j})
	var as []Assign
	for _, r := range of[RequestBid](effs) {
		evm := evmOf(r.Peer)
		if strings.HasPrefix(r.Peer, "key") {
			evm = evmOf("same-key")
		}
		as = append(as, of[Assign](h.step(BidIn{Job: j.ID, Peer: r.Peer, Bid: wire.Bid{Round: r.Req.Round, Accept: true, Price: 10, Slots: 1, EVM: evm}}))...)
	}
	if len(as) != 2 {
		t.Fatalf("want one replica per operator (2), got %v", peersOf(as))
	}
	if !strings.Contains(j.Tasks[0].Reason, "assigned") {
		t.Fatalf("reason %q", j.Tasks[0].Reason)
	}
	h.step(result(as[0], "good"))
	h.step(result(as[1], "bad")) // split: only a third provider could settle it
	if tk := j.Tasks[0]; tk.State != TaskSubmitted || !strings.Contains(tk.Reason, "waiting for another provider to replicate") {
		t.Fatalf("%s: %s", tk.State, tk.Reason)
	}
	for i := 0; i < 70; i++ {
		h.tick(time.Second)
	}
	if tk := j.Tasks[0]; tk.State != TaskFailed || !strings.Contains(tk.Reason, "no provider took the task") || !strings.Contains(tk.Reason, "replicate:3") {
		t.Fatalf("%s: %s", tk.State, tk.Reason)
	}
	if len(of[Pay](h.effs)) != 0 || len(of[Reject](h.effs)) != 2 {
		t.Fatalf("pays %d, rejects %d", len(of[Pay](h.effs)), len(of[Reject](h.effs)))
	}
}

// Under adaptive, a lone provider's result is accepted when nobody else
// could replicate it, and marked unchecked.
func TestAdaptiveWithOneProviderAcceptsUnreplicated(t *testing.T) {
	h := newHarness(t, Config{})
	h.offer("solo", 2, 100)
	j := policyJob(25, 2, "adaptive")
	as := of[Assign](h.bidAll(h.step(Submit{Job: j}), 10, 2))
	if len(as) != 2 || j.Tasks[0].Replicas != 2 {
		t.Fatalf("assigns %d, replicas %d", len(as), j.Tasks[0].Replicas)
	}
	for _, a := range as {
		h.step(result(a, "good"))
	}
	for _, tk := range j.Tasks {
		if tk.State != TaskVerified || !strings.Contains(tk.Reason, "no other eligible provider") || !tk.Attempts[0].Unchecked {
			t.Fatalf("%s: %s", tk.State, tk.Reason)
		}
	}
	if j.State != JobCompleted || len(of[Pay](h.effs)) != 0 {
		t.Fatalf("job %s, pays %d: the provider's latest results are unchecked, so pay waits", j.State, len(of[Pay](h.effs)))
	}
	h.tick(5 * time.Minute) // Config.OwedWait after the job ended
	if len(of[Pay](h.effs)) != 2 {
		t.Fatalf("pays %d after OwedWait", len(of[Pay](h.effs)))
	}
}

// Receipt jobs pay each verified attempt once, right at the verdict.
func TestReceiptPaysAtVerdict(t *testing.T) {
	h := newHarness(t, Config{})
	h.offer("pA", 1, 100)
	h.offer("pB", 1, 100)
	j := testJob(26, 1)
	as := of[Assign](h.bidAll(h.step(Submit{Job: j}), 10, 1))
	effs := h.step(Outcome{Task: as[0].Msg.Spec.Task, Attempt: 1, Verdict: Verdict{Reason: "lost connection"}})
	retry := append(of[Assign](effs), of[Assign](h.bidAll(effs, 10, 1))...)
	effs = h.step(ok(retry[0]))
	pays := of[Pay](effs)
	if len(pays) != 1 || pays[0].Peer != retry[0].Peer || pays[0].Attempt != 2 || pays[0].Price != 10 || pays[0].EVM != evmOf(retry[0].Peer) {
		t.Fatalf("pays %+v", pays)
	}
	if len(of[Pay](h.effs)) != 1 {
		t.Fatal("paid more than once")
	}
}

// A replica's program fault fails the task and stops the others unpaid.
func TestReplicateProgramFaultStopsReplicas(t *testing.T) {
	h := newHarness(t, Config{})
	h.offer("pA", 1, 100)
	h.offer("pB", 1, 100)
	j := policyJob(27, 1, "replicate:2")
	as := of[Assign](h.bidAll(h.step(Submit{Job: j}), 10, 1))
	effs := h.step(Outcome{Task: as[0].Msg.Spec.Task, Attempt: as[0].Msg.Spec.Attempt, Verdict: Verdict{ProgramFault: true, Reason: "time limit"}})
	if j.Tasks[0].State != TaskFailed || len(of[Abort](effs)) != 1 || h.m.Inflight(as[1].Peer) != 0 {
		t.Fatalf("%s, aborts %d", j.Tasks[0].State, len(of[Abort](effs)))
	}
}

// A provider that signs two receipts for one task with different output
// roots is caught, and the Fraud effect carries evidence anyone can check.
func TestEquivocationEmitsCheckableEvidence(t *testing.T) {
	key, _ := crypto.GenerateKey()
	addr := crypto.PubkeyToAddress(key.PublicKey).Hex()
	d := verify.Domain{ChainID: 1337}
	h := newHarness(t, Config{})
	for _, p := range []string{"sybil1", "sybil2"} { // two peer ids, one EVM key
		h.step(OfferSeen{Offer: wire.Offer{Peer: p, EVM: addr, Slots: 1, Ask: 100, Resources: wire.Resources{Cores: 4, Memory: 8 << 30}, ExpiresMs: h.now.Add(time.Hour).UnixMilli()}})
	}
	j := testJob(28, 1)
	sign := func(a Assign, content string) (wire.Receipt, []byte) {
		pd, _ := a.Msg.Spec.Program.Digest()
		in := a.Msg.Spec.InputManifest()
		r := wire.Receipt{Job: j.ID, Index: 0, Program: a.Msg.Spec.Program, InputRoot: in.Root(), SpecHash: verify.HashHex(verify.SpecHash(a.Msg.Spec)), OutputRoot: manifest(content).Root(), Provider: addr,
			Environment: wire.Environment{Runtime: "wazero", ModuleHash: hex.EncodeToString(pd[:])}}
		verify.Fill(d, &r)
		sig, err := verify.Sign(key, d, r)
		if err != nil {
			t.Fatal(err)
		}
		return r, sig
	}
	bid := func(effs []Effect) []Assign {
		var as []Assign
		for _, r := range of[RequestBid](effs) {
			as = append(as, of[Assign](h.step(BidIn{Job: j.ID, Peer: r.Peer, Bid: wire.Bid{Round: r.Req.Round, Accept: true, Price: 10, Slots: 1, EVM: addr}}))...)
		}
		return as
	}
	as := bid(h.step(Submit{Job: j}))
	r1, s1 := sign(as[0], "one")
	// The node rejected the outputs but the receipt is validly signed.
	effs := h.step(Outcome{Task: as[0].Msg.Spec.Task, Attempt: 1, Verdict: Verdict{Reason: "outputs do not match", Receipt: &r1, Signature: s1}})
	retry := append(of[Assign](effs), bid(effs)...)
	if len(retry) != 1 || retry[0].Peer == as[0].Peer {
		t.Fatalf("retry %v", peersOf(retry))
	}
	r2, s2 := sign(retry[0], "two")
	effs = h.step(Outcome{Task: retry[0].Msg.Spec.Task, Attempt: 2, Verdict: Verdict{OK: true, Outputs: manifest("two"), Receipt: &r2, Signature: s2}})
	fr := of[Fraud](effs)
	if len(fr) != 1 || fr[0].Evidence.Kind != verify.KindEquivocation {
		t.Fatalf("fraud %+v", fr)
	}
	// The evidence survives gossip (JSON) and proves itself.
	b, _ := json.Marshal(fr[0].Evidence)
	var ev verify.Evidence
	if err := json.Unmarshal(b, &ev); err != nil {
		t.Fatal(err)
	}
	who, err := ev.Check(d, nil)
	if err != nil || who.Hex() != addr {
		t.Fatalf("evidence check: %v %s", err, who.Hex())
	}
}

// A verdict carrying evidence (a zk proof that fails) fails the attempt
// and is passed on as Fraud.
func TestVerdictEvidenceBecomesFraud(t *testing.T) {
	h := newHarness(t, Config{})
	h.offer("pA", 1, 100)
	h.offer("pB", 1, 100)
	j := policyJob(29, 1, "zk")
	as := of[Assign](h.bidAll(h.step(Submit{Job: j}), 10, 1))
	ev := verify.BadProof(wire.Receipt{Provider: evmOf(as[0].Peer)}, nil, wire.Manifest{}, "mimc", []byte("p"), []byte("w"))
	effs := h.step(Outcome{Task: as[0].Msg.Spec.Task, Attempt: 1, Verdict: Verdict{OK: true, Reason: "the zk proof does not verify", Evidence: &ev}})
	if fr := of[Fraud](effs); len(fr) != 1 || fr[0].Peer != as[0].Peer {
		t.Fatalf("fraud %+v", fr)
	}
	tk := j.Tasks[0]
	if tk.Attempts[0].State != "failed" || len(of[Pay](h.effs)) != 0 {
		t.Fatalf("attempt %+v", tk.Attempts[0])
	}
	if r := h.m.Reputation().Record(as[0].Peer, h.now); r.Invalid != 1 {
		t.Fatalf("record %+v", r)
	}
}

// A restarted consumer keeps the results already in hand and finishes
// the quorum with the replicas still to come.
func TestReplicateSurvivesRestart(t *testing.T) {
	h := newHarness(t, Config{})
	for _, p := range []string{"pA", "pB", "pC"} {
		h.offer(p, 1, 100)
	}
	j := policyJob(30, 1, "replicate:2")
	as := of[Assign](h.bidAll(h.step(Submit{Job: j}), 10, 1))
	h.step(result(as[0], "good"))
	b, _ := json.Marshal(j)
	j = &Job{}
	if err := json.Unmarshal(b, j); err != nil {
		t.Fatal(err)
	}
	h2 := newHarness(t, Config{})
	h2.now = h.now
	for _, p := range []string{"pA", "pB", "pC"} {
		h2.offer(p, 1, 100)
	}
	effs := h2.step(Restore{Job: j})
	if a := j.Tasks[0].Attempts[1]; a.State != "interrupted" {
		t.Fatalf("in-flight replica: %+v", a)
	}
	again := of[Assign](h2.bidAll(effs, 10, 1))
	if len(again) != 1 || again[0].Peer == as[0].Peer {
		t.Fatalf("re-placed on %v", peersOf(again))
	}
	h2.step(result(again[0], "good"))
	if tk := j.Tasks[0]; tk.State != TaskVerified || tk.Quorum != 2 || len(of[Pay](h2.effs)) != 2 {
		t.Fatalf("%s quorum %d pays %d: %s", tk.State, tk.Quorum, len(of[Pay](h2.effs)), tk.Reason)
	}
}

// A provider caught returning a wrong result gets no more work while its
// reputation is low; the reason says so.
func TestCaughtProviderGetsNoWork(t *testing.T) {
	h := newHarness(t, Config{})
	for _, p := range []string{"pA", "pB", "pC"} {
		h.offer(p, 1, 100)
	}
	j := policyJob(31, 1, "replicate:2")
	as := of[Assign](h.bidAll(h.step(Submit{Job: j}), 10, 1))
	h.step(result(as[0], "good"))
	effs := h.step(result(as[1], "bad"))
	third := append(of[Assign](effs), of[Assign](h.bidAll(effs, 10, 1))...)
	h.step(result(third[0], "good"))
	liar := as[1].Peer
	if !h.m.Reputation().Suspect(liar, h.now, 0.2) {
		t.Fatalf("%s not suspect: %+v", liar, h.m.Reputation().Record(liar, h.now))
	}
	// The next job is placed on the other two only.
	j2 := policyJob(32, 3, "replicate:2")
	effs = h.step(Submit{Job: j2})
	for i := 0; i < 5; i++ {
		for _, r := range of[RequestBid](effs) {
			if r.Peer == liar {
				t.Fatalf("the liar was asked to bid again")
			}
		}
		effs = h.bidAll(effs, 10, 1)
		for _, a := range of[Assign](effs) {
			effs = append(effs, h.step(result(a, "good"))...)
		}
		effs = append(effs, h.tick(time.Second)...)
	}
	if !strings.Contains(j2.Tasks[2].Reason, "1 were caught returning wrong results") && j2.Tasks[2].State != TaskVerified {
		t.Fatalf("reason %q", j2.Tasks[2].Reason)
	}
}

// Receipt jobs check nothing, so they earn a provider no adaptive trust.
func TestReceiptEarnsNoTrust(t *testing.T) {
	h := newHarness(t, Config{})
	h.offer("pA", 4, 100)
	j := testJob(33, 4)
	for _, a := range of[Assign](h.bidAll(h.step(Submit{Job: j}), 10, 4)) {
		h.step(ok(a))
	}
	if tr := h.m.Trust("pA", j.Spec.Program.CID); tr != (verify.Trust{}) {
		t.Fatalf("trust %+v", tr)
	}
	if r := h.m.Reputation().Record("pA", h.now); r.Unchecked != 4 {
		t.Fatalf("record %+v", r)
	}
}

// A voucher the driver could not sign (it would exceed the escrow's
// deposit) leaves the attempt unpaid, with the reason: describe never
// calls it paid, and the job's end does not pay it again.
func TestSkippedVoucherIsUnpaid(t *testing.T) {
	h := newHarness(t, Config{})
	for _, p := range []string{"pA", "pB", "pC"} {
		h.offer(p, 1, 100)
	}
	j := policyJob(24, 1, "replicate:3")
	as := of[Assign](h.bidAll(h.step(Submit{Job: j}), 10, 1))
	var pays []Pay
	for _, a := range as {
		pays = append(pays, of[Pay](h.step(result(a, "good")))...)
	}
	if len(pays) != 2 || j.Tasks[0].State != TaskVerified {
		t.Fatalf("want 2 winners paid before the third replica was aborted, got %d pays (%s)", len(pays), j.Tasks[0].State)
	}
	skipped := pays[1]
	why := "paying 10 DECO would bring the spend above the deposit"
	h.step(Unpaid{Task: skipped.Task, Attempt: skipped.Attempt, Reason: why})
	a := j.Tasks[0].Attempts[skipped.Attempt-1]
	if a.Paid || a.Unpaid != why || !strings.Contains(a.Reason, "not paid: "+why) {
		t.Fatalf("skipped voucher's attempt: paid %v, unpaid %q, reason %q", a.Paid, a.Unpaid, a.Reason)
	}
	if b := j.Tasks[0].Attempts[pays[0].Attempt-1]; !b.Paid || b.Unpaid != "" {
		t.Fatalf("the other winner lost its payment: %+v", b)
	}
	h.m.payHeld(h.now, j)
	if p := of[Pay](h.m.flush().Effects()); len(p) != 0 {
		t.Fatalf("an unpaid attempt was paid again at the job's end: %+v", p)
	}
}

// With payments on the outputs come after the voucher (Verdict.Withheld),
// so an unchecked result cannot wait for OwedWait to be paid: its job
// would not end until then. It is paid when the other tasks are done, its
// outputs fetched, and the job completes (a node held such a one-task job
// running for five minutes).
func TestAdaptiveWithheldResultIsPaidAtJobEnd(t *testing.T) {
	h := newHarness(t, Config{})
	h.offer("solo", 2, 100)
	j := policyJob(27, 2, "adaptive")
	as := of[Assign](h.bidAll(h.step(Submit{Job: j}), 10, 2))
	if len(as) != 2 {
		t.Fatalf("assigns %d", len(as))
	}
	for _, a := range as {
		o := result(a, "good")
		o.Verdict.Withheld = true
		h.step(o)
	}
	pays, fetches := of[Pay](h.effs), of[Fetch](h.effs)
	if len(pays) != 2 || len(fetches) != 2 || j.State.Terminal() {
		t.Fatalf("job %s, pays %d, fetches %d: the withheld results are paid and fetched before the job ends", j.State, len(pays), len(fetches))
	}
	for _, f := range fetches {
		h.step(Stored{Task: f.Task, Attempt: f.Attempt})
	}
	if j.State != JobCompleted {
		t.Fatalf("job %s (%s) after its outputs were stored", j.State, j.Reason)
	}
}
