package market

import (
	"reflect"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/sched"
	"github.com/deco-network/deco/internal/wire"
)

func TestReadyMergeKeepsOrder(t *testing.T) {
	a := Ready{
		Saves:    []Save{{Job: Job{ID: "a"}}},
		Logs:     []Log{{Job: "a", Text: "1"}},
		Actions:  []Action{RequestBid{Peer: "p1"}, Pay{Peer: "p1", Price: 1}},
		Finished: []Finished{{Job: "a", State: JobCompleted}},
	}
	b := Ready{
		Saves:   []Save{{Job: Job{ID: "b"}}},
		Logs:    []Log{{Job: "b", Text: "2"}},
		Actions: []Action{Pay{Peer: "p1", Price: 2}, Abort{Peer: "p2"}},
	}
	var rd Ready
	if !rd.Empty() {
		t.Fatal("zero Ready is not empty")
	}
	rd.Merge(a)
	rd.Merge(b)
	if rd.Empty() {
		t.Fatal("merged Ready is empty")
	}
	// Persistence of both steps first, then both steps' actions in order
	// (the two vouchers to p1 keep theirs), then finished jobs.
	want := []Effect{
		Save{Job: Job{ID: "a"}}, Save{Job: Job{ID: "b"}},
		Log{Job: "a", Text: "1"}, Log{Job: "b", Text: "2"},
		RequestBid{Peer: "p1"}, Pay{Peer: "p1", Price: 1}, Pay{Peer: "p1", Price: 2}, Abort{Peer: "p2"},
		Finished{Job: "a", State: JobCompleted},
	}
	if got := rd.Effects(); !reflect.DeepEqual(got, want) {
		t.Fatalf("effects\n got %+v\nwant %+v", got, want)
	}
}

// watcher is a Weighted scheduler that records the offers it is shown.
type watcher struct {
	*sched.Weighted
	seen []string
}

func (w *watcher) SeeOffer(o wire.Offer, _ time.Duration) { w.seen = append(w.seen, o.Peer) }

// TestOffersReachScheduler: the market, not its driver, shows every offer
// to a scheduler that watches them, before it caches the offer.
func TestOffersReachScheduler(t *testing.T) {
	w := &watcher{Weighted: sched.NewWeighted()}
	h := &harness{t: t, m: New(Config{}, w), now: time.Unix(1_700_000_000, 0)}
	h.offer("pA", 1, 100)
	h.offer("pB", 1, 100)
	h.offer("pA", 2, 100)
	if want := []string{"pA", "pB", "pA"}; !reflect.DeepEqual(w.seen, want) {
		t.Fatalf("scheduler saw %v, want %v", w.seen, want)
	}
	if n := len(h.m.Offers()); n != 2 {
		t.Fatalf("%d offers cached, want 2", n)
	}
}
