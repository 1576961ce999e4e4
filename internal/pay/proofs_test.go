package pay

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/clock"
	"github.com/deco-network/deco/internal/wire"
)

// fakeSettler records the transactions a Proofs sends; a batch holding a
// claim of index bad reverts, as the escrow's all-or-nothing batch does.
type fakeSettler struct {
	mu      sync.Mutex
	batches [][]uint64 // the claims' indexes, per transaction
	bad     uint64
}

var errRejected = errors.New("proof rejected")

func (f *fakeSettler) send(claims []chain.ProofClaim) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	var idx []uint64
	for _, c := range claims {
		idx = append(idx, c.Index)
	}
	f.batches = append(f.batches, idx)
	for _, c := range claims {
		if c.Index == f.bad {
			return errRejected
		}
	}
	return nil
}

func (f *fakeSettler) SettleWithProof(_ context.Context, _ [32]byte, c chain.ProofClaim) error {
	return f.send([]chain.ProofClaim{c})
}

func (f *fakeSettler) SettleWithProofs(_ context.Context, _ [32]byte, cs []chain.ProofClaim) error {
	return f.send(cs)
}

// settleAll settles claims 1..n of job concurrently and returns each outcome.
func settleAll(p *Proofs, job wire.JobID, n int) map[uint64]error {
	var mu sync.Mutex
	out := map[uint64]error{}
	var wg sync.WaitGroup
	for i := 1; i <= n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := p.Settle(context.Background(), job, chain.ProofClaim{Index: uint64(i)})
			mu.Lock()
			out[uint64(i)] = err
			mu.Unlock()
		}()
	}
	wg.Wait()
	return out
}

func TestProofsBatching(t *testing.T) {
	for _, tc := range []struct {
		name    string
		claims  int
		opts    ProofOptions
		bad     uint64
		batches []int // the sizes of the transactions sent, in order
	}{
		// A full batch goes at once, the rest waits out Wait together.
		{"full batch then the rest", 5, ProofOptions{Wait: 200 * time.Millisecond, Batch: 4}, 0, []int{4, 1}},
		{"one claim alone after the wait", 1, ProofOptions{Wait: 10 * time.Millisecond}, 0, []int{1}},
		// A reverted batch is retried claim by claim: only the bad one fails.
		{"bad claim in a batch", 3, ProofOptions{Wait: 200 * time.Millisecond, Batch: 3}, 2, []int{3, 1, 1, 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := &fakeSettler{bad: tc.bad}
			p := NewProofs(f, nil, tc.opts)
			out := settleAll(p, wire.NewJobID([16]byte{1}), tc.claims)
			for i, err := range out {
				if want := i == tc.bad; (err != nil) != want {
					t.Errorf("claim %d: %v", i, err)
				}
			}
			var sizes []int
			for _, b := range f.batches {
				sizes = append(sizes, len(b))
			}
			if len(sizes) != len(tc.batches) {
				t.Fatalf("transactions %v, want sizes %v", f.batches, tc.batches)
			}
			for i := range sizes {
				if sizes[i] != tc.batches[i] {
					t.Fatalf("transactions %v, want sizes %v", f.batches, tc.batches)
				}
			}
		})
	}
}

// Jobs are batched apart, and a caller that gives up gets ctx's error
// while its claim is still sent.
func TestProofsPerJobAndCancel(t *testing.T) {
	f := &fakeSettler{}
	p := NewProofs(f, nil, ProofOptions{Wait: 50 * time.Millisecond, Batch: 2})
	var wg sync.WaitGroup
	for j := byte(1); j <= 2; j++ {
		wg.Add(1)
		go func() { defer wg.Done(); settleAll(p, wire.NewJobID([16]byte{j}), 2) }()
	}
	wg.Wait()
	if len(f.batches) != 2 || len(f.batches[0]) != 2 || len(f.batches[1]) != 2 {
		t.Fatalf("transactions %v, want one of two claims per job", f.batches)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := p.Settle(ctx, wire.NewJobID([16]byte{3}), chain.ProofClaim{Index: 9}); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v", err)
	}
	time.Sleep(150 * time.Millisecond)
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.batches) != 3 || f.batches[2][0] != 9 {
		t.Fatalf("the abandoned claim was not sent: %v", f.batches)
	}
}

// A lone claim waits for company until the clock has moved by Wait: with a
// fake clock nothing is sent before the test advances it.
func TestProofsWaitFollowsTheClock(t *testing.T) {
	f := &fakeSettler{}
	clk := clock.NewFake(time.Unix(0, 0))
	p := NewProofs(f, nil, ProofOptions{Wait: time.Minute, Batch: 4, Clock: clk})
	job := wire.JobID("job-wait")
	done := make(chan error, 1)
	go func() { done <- p.Settle(context.Background(), job, chain.ProofClaim{Index: 7}) }()
	deadline := time.Now().Add(10 * time.Second)
	for clk.Pending() == 0 {
		if time.Now().After(deadline) {
			t.Fatal("Settle never armed its wait")
		}
		time.Sleep(time.Millisecond)
	}
	clk.Advance(59 * time.Second)
	select {
	case err := <-done:
		t.Fatalf("claim settled before Wait had passed on the clock (err %v)", err)
	default:
	}
	clk.Advance(time.Second)
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("claim not settled once Wait had passed")
	}
	if len(f.batches) != 1 || len(f.batches[0]) != 1 || f.batches[0][0] != 7 {
		t.Fatalf("transactions %v, want one with claim 7", f.batches)
	}
}
