package anchor

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/clock"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

func leaves(n int) [][32]byte {
	out := make([][32]byte, n)
	for i := range out {
		out[i][0], out[i][1] = byte(i), byte(i>>8)
	}
	return out
}

// Every leaf's proof verifies against the root, for trees of every shape
// up to 33 leaves; a wrong leaf does not.
func TestRootAndProofs(t *testing.T) {
	if Root(nil) != ([32]byte{}) {
		t.Error("the root of nothing should be zero")
	}
	for n := 1; n <= 33; n++ {
		ls := leaves(n)
		root := Root(ls)
		for i, l := range ls {
			if !Verify(root, l, Proof(ls, i)) {
				t.Fatalf("n=%d: proof of leaf %d does not verify", n, i)
			}
		}
		if n > 1 && Verify(root, [32]byte{0xff}, Proof(ls, 0)) {
			t.Fatalf("n=%d: a leaf not in the tree verified", n)
		}
	}
}

// fakeChain records anchors; fail makes the next calls fail.
type fakeChain struct {
	mu      sync.Mutex
	anchors []string
	fail    bool
}

func (f *fakeChain) AnchorCheckpoints(_ context.Context, job [32]byte, root [32]byte, count uint64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.fail {
		return errors.New("chain down")
	}
	f.anchors = append(f.anchors, fmt.Sprintf("%x/%d/%x", job[:2], count, root[:4]))
	return nil
}

func checkpoint(job wire.JobID, seq uint64) wire.Checkpoint {
	return wire.Checkpoint{Job: job, Attempt: 1, Root: wire.CIDOf([]byte(fmt.Sprint(seq))), Seq: seq, Permille: int(seq)}
}

// One anchor per job per interval with every receipt once; a failed batch
// goes with the next one.
func TestBatcher(t *testing.T) {
	ch := &fakeChain{}
	clk := clock.NewFake(time.Unix(1_700_000_000, 0))
	d := verify.Domain{ChainID: 1337}
	b := New(Config{Chain: ch, Domain: d, Clock: clk, Interval: time.Minute})
	j1, j2 := wire.NewJobID([16]byte{1}), wire.NewJobID([16]byte{2})
	for s := uint64(1); s <= 3; s++ {
		b.Add(checkpoint(j1, s))
		b.Add(checkpoint(j1, s)) // the same receipt again
	}
	b.Add(checkpoint(j2, 1))
	if n := b.Flush(context.Background()); n != 2 || len(ch.anchors) != 2 {
		t.Fatalf("%d batches anchored (%v), want one per job", n, ch.anchors)
	}
	var want [][32]byte
	for s := uint64(1); s <= 3; s++ {
		l, _ := verify.CheckpointDigest(d, checkpoint(j1, s))
		want = append(want, l)
	}
	r, id := Root(want), j1.Bytes32()
	if got := fmt.Sprintf("%x/3/%x", id[:2], r[:4]); ch.anchors[0] != got && ch.anchors[1] != got {
		t.Errorf("anchors %v, want %s among them", ch.anchors, got)
	}
	if b.Flush(context.Background()) != 0 {
		t.Error("nothing new, yet something was anchored")
	}
	ch.fail = true
	b.Add(checkpoint(j1, 4))
	b.Flush(context.Background())
	if b.Pending(j1) != 1 {
		t.Fatalf("a failed batch should stay pending, %d are", b.Pending(j1))
	}
	ch.fail = false
	b.Add(checkpoint(j1, 5))
	b.Flush(context.Background())
	if b.Pending(j1) != 0 || ch.anchors[len(ch.anchors)-1][4:6] != "/2" {
		t.Errorf("pending %d, last anchor %s: want both receipts in one batch", b.Pending(j1), ch.anchors[len(ch.anchors)-1])
	}
}

// A batch the chain keeps refusing is dropped after MaxTries intervals.
func TestBatcherGivesUp(t *testing.T) {
	ch := &fakeChain{fail: true}
	b := New(Config{Chain: ch, Clock: clock.NewFake(time.Unix(0, 0))})
	j := wire.NewJobID([16]byte{1})
	b.Add(checkpoint(j, 1))
	for i := 0; i < MaxTries; i++ {
		b.Flush(context.Background())
	}
	if b.Pending(j) != 0 {
		t.Fatalf("%d receipts still pending after %d refusals", b.Pending(j), MaxTries)
	}
}
