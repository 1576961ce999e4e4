package market

import "testing"

// A provider whose link failed gets no work until it is heard from again:
// its task goes elsewhere, and no bid request or assignment is sent into
// the partition; its next offer, or UnreachableFor, makes it eligible again.
func TestUnreachableProviderWaitsForItsNextOffer(t *testing.T) {
	h := newHarness(t, Config{})
	h.offer("pA", 1, 100)
	h.offer("pB", 1, 100)
	j := testJob(1, 2)
	as := of[Assign](h.bidAll(h.step(Submit{Job: j}), 50, 1))
	if len(as) != 2 {
		t.Fatalf("assigns %d", len(as))
	}
	var lostA Assign
	for _, a := range as {
		if a.Peer == "pA" {
			lostA = a
		}
	}
	effs := h.step(Outcome{Task: lostA.Msg.Spec.Task, Attempt: lostA.Msg.Spec.Attempt,
		Verdict: Verdict{Reason: "lost connection to provider pA", Unreachable: true}})
	effs = append(effs, h.tick(UnreachableFor/2)...)
	for _, r := range of[RequestBid](effs) {
		if r.Peer == "pA" {
			t.Fatalf("bid request sent to unreachable pA: %+v", r)
		}
	}
	if !h.m.suspect("pA", h.now) {
		t.Fatal("pA not kept from work after its link failed")
	}
	if h.m.suspect("pA", h.now.Add(UnreachableFor)) {
		t.Fatalf("pA still kept from work %s after its link failed, with no offer", UnreachableFor)
	}
	h.offer("pA", 1, 100)
	if h.m.suspect("pA", h.now) {
		t.Fatal("pA still kept from work after its next offer")
	}
}
