package session

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/wire"
)

// An attempt whose provider stops speaking of it (no beat, no status, no
// result) for its lease ends as the provider's fault, with the reason,
// and the provider is told to stop.
func TestSilentProviderLosesTheLease(t *testing.T) {
	p := newProvider(t)
	c := newConsumer(t, p, nil)
	p.result = func(wire.Assign) *wire.Result { return nil } // hangs after "running"
	a := assignment(p, 0)
	a.Lease = 300 * time.Millisecond
	start := time.Now()
	c.Start(context.Background(), a)
	o := next[market.Outcome](t, c)
	if o.Verdict.OK || o.Verdict.ProgramFault || !strings.Contains(o.Verdict.Reason, "no heartbeat for 300ms") {
		t.Fatalf("verdict %+v, want the provider's fault: no heartbeat", o.Verdict)
	}
	if took := time.Since(start); took < a.Lease {
		t.Fatalf("declared dead after %s, before its %s lease", took, a.Lease)
	}
	if got := <-p.cancels; !strings.Contains(got.Reason, "no heartbeat") {
		t.Fatalf("provider told %q", got.Reason)
	}
}

// Beats keep an attempt alive past its lease, are acknowledged, and bring
// its progress and output to the market.
func TestBeatsRenewTheLease(t *testing.T) {
	p := newProvider(t)
	c := newConsumer(t, p, nil)
	p.result = func(wire.Assign) *wire.Result { return nil }
	a := assignment(p, 0)
	// A lease 20 beats long: a loaded machine's stall must not end it.
	a.Lease = time.Second
	c.Start(context.Background(), a)
	next[market.Progress](t, c) // the fake's "running" status
	p.mu.Lock()
	s := p.streams[len(p.streams)-1]
	p.mu.Unlock()
	spec := a.Msg.Spec
	stop := time.Now().Add(2500 * time.Millisecond) // two and a half leases
	for seq := uint64(1); time.Now().Before(stop); seq++ {
		tb := wire.TaskBeat{Task: spec.Task, Attempt: spec.Attempt, Running: true}
		if seq == 2 {
			tb.Permille, tb.Stdout = 250, []byte("a line\n")
		}
		raw, _ := wire.EncodeFrame(wire.TypeBeat, wire.Beat{Seq: seq, Tasks: []wire.TaskBeat{tb}})
		s.WriteMsg(raw)
		time.Sleep(50 * time.Millisecond)
	}
	var got market.Progress
	for got.Permille == 0 {
		got = next[market.Progress](t, c)
	}
	if got.Permille != 250 || string(got.Stdout) != "a line\n" {
		t.Fatalf("progress %+v", got)
	}
	select {
	case ev := <-c.events:
		if o, ok := ev.(market.Outcome); ok {
			t.Fatalf("a beating attempt ended: %+v", o.Verdict)
		}
	default:
	}
}
