package market

import (
	"fmt"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/deco-network/deco/internal/wire"
)

// TestLookupHintIsLookup: whatever memo a caller holds (none, stale after
// offers came and went, another peer's, garbage), LookupHint answers as
// Lookup does, and the memo it leaves finds the peer again.
func TestLookupHintIsLookup(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		h := newHarness(t, Config{})
		n := rapid.IntRange(1, 12).Draw(rt, "n")
		peers := make([]string, n)
		for i := range peers {
			peers[i] = fmt.Sprintf("P%02d", i)
			h.offer(peers[i], rapid.IntRange(1, 3).Draw(rt, "slots"), wire.Amount(rapid.Uint64Range(1, 2000).Draw(rt, "ask")))
		}
		j := testJob(7, 2)
		j.Spec.Price.Max = 1000
		h.step(Submit{Job: j})
		hints := make([]int32, n)
		for i := range hints {
			hints[i] = int32(rapid.IntRange(-1, n+2).Draw(rt, "hint"))
		}
		for range rapid.IntRange(1, 20).Draw(rt, "steps") {
			i := rapid.IntRange(0, n-1).Draw(rt, "peer")
			switch rapid.IntRange(0, 2).Draw(rt, "op") {
			case 0: // the offer goes away (or comes back)
				if rec := h.m.offers[peers[i]]; rec != nil {
					h.m.dropOffer(rec)
				} else {
					h.offer(peers[i], 1, 500)
				}
			case 1: // the provider gets busy with this consumer's tasks, or free
				h.m.inflight[peers[i]] = rapid.IntRange(0, 3).Draw(rt, "inflight")
				h.m.slotsChanged(peers[i])
			}
			pl := &pool{m: h.m, j: h.m.Job(j.ID), now: h.now.Add(time.Second)}
			for k, p := range peers {
				want, wok := pl.Lookup(p)
				got, gok := pl.LookupHint(p, &hints[k])
				if want != got || wok != gok {
					rt.Fatalf("%s: Lookup = %+v %v, LookupHint = %+v %v", p, want, wok, got, gok)
				}
				if rec := h.m.offers[p]; rec != nil && int(hints[k]) != rec.at {
					rt.Fatalf("%s: memo %d, offer at %d", p, hints[k], rec.at)
				}
			}
		}
	})
}
