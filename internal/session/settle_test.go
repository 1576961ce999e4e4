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

// A voucher that could not reach its provider (down when it was sent) is
// sent again once the provider is back, and is forgotten once a later
// voucher for the job reached it: it is never sent after a newer one.
func TestSettlerResendsOwedVoucher(t *testing.T) {
	p := newProvider(t)
	c := newConsumer(t, p, nil)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s := c.NewSettler(nil)
	go s.Run(ctx)
	task := wire.TaskID{Job: wire.NewJobID([16]byte{4}), Index: 0}
	peer := p.id.String()
	p.down.Store(true)
	s.Pay(ctx, peer, &wire.Voucher{Job: task.Job, Task: task, Attempt: 1, Cumulative: 700})
	// The send fails while the provider is down; it comes back later.
	deadline := time.After(10 * time.Second)
	for p.refused.Load() == 0 {
		select {
		case <-deadline:
			t.Fatal("the voucher was never tried")
		case <-time.After(10 * time.Millisecond):
		}
	}
	p.down.Store(false)
	select {
	case v := <-p.vouchers:
		if v.Cumulative != 700 {
			t.Fatalf("re-sent voucher carries %s, want 700", v.Cumulative)
		}
	case <-deadline:
		t.Fatal("the owed voucher never reached the provider once it was back")
	}

	// Down again: the next voucher is owed, then a later one covers it.
	p.down.Store(true)
	c.closeLinks()
	for c.openLinks() > 0 {
		select {
		case <-deadline:
			t.Fatal("the closed link stayed")
		case <-time.After(10 * time.Millisecond):
		}
	}
	refused := p.refused.Load()
	s.Pay(ctx, peer, &wire.Voucher{Job: task.Job, Task: task, Attempt: 2, Cumulative: 900})
	for p.refused.Load() == refused {
		select {
		case <-deadline:
			t.Fatal("the second voucher was never tried")
		case <-time.After(10 * time.Millisecond):
		}
	}
	p.down.Store(false)
	s.Pay(ctx, peer, &wire.Voucher{Job: task.Job, Task: task, Attempt: 3, Cumulative: 1200})
	got := map[wire.Amount]bool{}
	deadline = time.After(10 * time.Second)
	for !got[1200] {
		select {
		case v := <-p.vouchers:
			if got[1200] {
				t.Fatalf("voucher %s arrived after the later 1200", v.Cumulative)
			}
			got[v.Cumulative] = true
		case <-deadline:
			t.Fatalf("the latest voucher never arrived (got %v)", got)
		}
	}
	select {
	case v := <-p.vouchers:
		t.Fatalf("voucher %s re-sent after the later 1200 covered it", v.Cumulative)
	case <-time.After(2500 * time.Millisecond): // past two re-send periods
	}
}

// openLinks is how many sessions m holds open.
func (m *Manager) openLinks() int {
	m.linkMu.Lock()
	defer m.linkMu.Unlock()
	return len(m.links)
}
