package clock

import (
	"sync/atomic"
	"testing"
	"time"
)

var (
	_ Clock = Real{}
	_ Clock = (*Fake)(nil)
)

func TestFakeNow(t *testing.T) {
	f := NewFake(time.Unix(10, 0))
	f.Advance(time.Second)
	if got := f.Now(); !got.Equal(time.Unix(11, 0)) {
		t.Fatalf("got %v", got)
	}
	f.Set(time.Unix(5, 0)) // never backwards
	if got := f.Now(); !got.Equal(time.Unix(11, 0)) {
		t.Fatalf("Set moved the clock back to %v", got)
	}
}

func recv(c <-chan time.Time) (time.Time, bool) {
	select {
	case t := <-c:
		return t, true
	default:
		return time.Time{}, false
	}
}

func TestFakeTimer(t *testing.T) {
	f := NewFake(time.Unix(0, 0))
	tm := f.NewTimer(2 * time.Second)
	f.Advance(time.Second)
	if _, ok := recv(tm.C()); ok {
		t.Fatal("timer fired early")
	}
	f.Advance(time.Second)
	got, ok := recv(tm.C())
	if !ok || !got.Equal(time.Unix(2, 0)) {
		t.Fatalf("timer: got %v %v, want fired at 2s", got, ok)
	}
	f.Advance(time.Hour)
	if _, ok := recv(tm.C()); ok {
		t.Fatal("a timer fires once")
	}
	if tm.Reset(time.Second) {
		t.Fatal("Reset of a fired timer reports it active")
	}
	f.Advance(time.Second)
	tm.Reset(time.Second) // the unread tick is dropped
	if _, ok := recv(tm.C()); ok {
		t.Fatal("Reset left a stale tick in the channel")
	}
	if !tm.Stop() {
		t.Fatal("Stop of an armed timer reports false")
	}
	f.Advance(time.Hour)
	if _, ok := recv(tm.C()); ok {
		t.Fatal("a stopped timer fired")
	}
	if f.Pending() != 0 {
		t.Fatalf("pending %d after stop", f.Pending())
	}
}

func TestFakeTickerFiresInOrderAndDropsWhenSlow(t *testing.T) {
	f := NewFake(time.Unix(0, 0))
	tk := f.NewTicker(time.Second)
	var order []string
	f.AfterFunc(1500*time.Millisecond, func() { order = append(order, "func@1.5s") })
	f.Advance(time.Second)
	if got, ok := recv(tk.C()); !ok || !got.Equal(time.Unix(1, 0)) {
		t.Fatalf("first tick: %v %v", got, ok)
	}
	f.Advance(3 * time.Second) // ticks at 2, 3, 4 s: the channel holds one
	if got, ok := recv(tk.C()); !ok || !got.Equal(time.Unix(2, 0)) {
		t.Fatalf("slow reader should see the first missed tick (2s), got %v %v", got, ok)
	}
	if _, ok := recv(tk.C()); ok {
		t.Fatal("ticks queued up for a slow reader")
	}
	if len(order) != 1 {
		t.Fatalf("AfterFunc ran %d times", len(order))
	}
	tk.Reset(10 * time.Second)
	f.Advance(9 * time.Second)
	if _, ok := recv(tk.C()); ok {
		t.Fatal("ticked before the new period")
	}
	f.Advance(time.Second)
	if _, ok := recv(tk.C()); !ok {
		t.Fatal("no tick after the new period")
	}
	tk.Stop()
	f.Advance(time.Minute)
	if _, ok := recv(tk.C()); ok {
		t.Fatal("a stopped ticker ticked")
	}
}

func TestRealTimers(t *testing.T) {
	var c Clock = Real{}
	var n atomic.Int32
	done := make(chan struct{})
	c.AfterFunc(time.Millisecond, func() { n.Add(1); close(done) })
	tm := c.NewTimer(time.Millisecond)
	tk := c.NewTicker(time.Millisecond)
	defer tk.Stop()
	deadline := time.After(10 * time.Second)
	for _, ch := range []<-chan time.Time{tm.C(), tk.C()} {
		select {
		case <-ch:
		case <-deadline:
			t.Fatal("real timer or ticker never fired")
		}
	}
	select {
	case <-done:
	case <-deadline:
		t.Fatal("AfterFunc never ran")
	}
	if Since(c, time.Now().Add(-time.Hour)) < time.Hour {
		t.Fatal("Since")
	}
}
