package session

import (
	"context"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/wire"
)

// Vouchers reach the provider in the order they were queued (they are
// cumulative: a later one must never arrive first), and a rejection
// reaches it as a cancel with the market's reason.
func TestSettlerSendsInOrder(t *testing.T) {
	p := newProvider(t)
	c := newConsumer(t, p, nil)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s := c.NewSettler(nil)
	go s.Run(ctx)
	task := wire.TaskID{Job: wire.NewJobID([16]byte{3}), Index: 0}
	peer := p.id.String()
	for i := 1; i <= 5; i++ {
		s.Pay(ctx, peer, &wire.Voucher{Job: task.Job, Task: task, Attempt: i, Cumulative: wire.Amount(i * 1000)})
	}
	s.Reject(ctx, market.Reject{Peer: peer, Task: task, Attempt: 6, Reason: "lost the quorum"})
	deadline := time.After(10 * time.Second)
	for i := 1; i <= 5; i++ {
		select {
		case v := <-p.vouchers:
			if v.Cumulative != wire.Amount(i*1000) {
				t.Fatalf("voucher %d carries %s, want %d: out of order", i, v.Cumulative, i*1000)
			}
		case <-deadline:
			t.Fatalf("voucher %d never arrived", i)
		}
	}
	select {
	case got := <-p.cancels:
		if got.Attempt != 6 || got.Reason != "lost the quorum" {
			t.Fatalf("rejection arrived as %+v", got)
		}
	case <-deadline:
		t.Fatal("rejection never arrived")
	}
}
