package clock

import (
	"sort"
	"sync"
	"time"
)

// Clock tells the time and makes timers and tickers that follow it. Loops
// in adapters take a Clock instead of calling the time package, so a test
// drives them with Fake: nothing fires until the test advances time.
type Clock interface {
	// Now returns the current time.
	Now() time.Time
	// NewTimer returns a timer that sends the time on its channel once, d
	// from now.
	NewTimer(d time.Duration) Timer
	// NewTicker returns a ticker that sends the time on its channel every d
	// (d > 0). Like time.Ticker, a slow reader misses ticks rather than
	// queueing them.
	NewTicker(d time.Duration) Ticker
	// AfterFunc calls f in its own goroutine d from now, unless the
	// returned timer is stopped first.
	AfterFunc(d time.Duration, f func()) Timer
}

// Timer is a one-shot timer made by a Clock.
type Timer interface {
	// C delivers the time when the timer fires (nil for AfterFunc timers).
	C() <-chan time.Time
	// Stop prevents the timer from firing; it reports whether it stopped
	// the timer (false if it had fired or was stopped already).
	Stop() bool
	// Reset makes the timer fire d from now, whether or not it fired; it
	// reports whether the timer was active.
	Reset(d time.Duration) bool
}

// Ticker is a periodic ticker made by a Clock.
type Ticker interface {
	C() <-chan time.Time
	// Stop turns the ticker off; no more ticks are sent.
	Stop()
	// Reset changes the period to d and restarts the count from now.
	Reset(d time.Duration)
}

// Since is c.Now().Sub(t).
func Since(c Clock, t time.Time) time.Duration { return c.Now().Sub(t) }

// Real is the system clock.
type Real struct{}

// Now returns the wall-clock time.
func (Real) Now() time.Time { return time.Now() }

// NewTimer wraps time.NewTimer.
func (Real) NewTimer(d time.Duration) Timer { return realTimer{time.NewTimer(d)} }

// NewTicker wraps time.NewTicker.
func (Real) NewTicker(d time.Duration) Ticker { return realTicker{time.NewTicker(d)} }

// AfterFunc wraps time.AfterFunc.
func (Real) AfterFunc(d time.Duration, f func()) Timer { return realTimer{time.AfterFunc(d, f)} }

type realTimer struct{ t *time.Timer }

func (r realTimer) C() <-chan time.Time        { return r.t.C }
func (r realTimer) Stop() bool                 { return r.t.Stop() }
func (r realTimer) Reset(d time.Duration) bool { return r.t.Reset(d) }

type realTicker struct{ t *time.Ticker }

func (r realTicker) C() <-chan time.Time   { return r.t.C }
func (r realTicker) Stop()                 { r.t.Stop() }
func (r realTicker) Reset(d time.Duration) { r.t.Reset(d) }

// Fake is a manually advanced clock, safe for concurrent use. Its timers
// and tickers fire only inside Advance (or Set), in deadline order, each
// seeing the time it was due.
type Fake struct {
	mu      sync.Mutex
	now     time.Time
	waiters []*fakeTimer
}

// NewFake returns a Fake reading start.
func NewFake(start time.Time) *Fake { return &Fake{now: start} }

// Now returns the fake time.
func (f *Fake) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

// Advance moves the clock forward by d, firing what falls due on the way.
func (f *Fake) Advance(d time.Duration) {
	f.mu.Lock()
	to := f.now.Add(d)
	f.mu.Unlock()
	f.Set(to)
}

// Set moves the clock to t (never backwards), firing what falls due.
func (f *Fake) Set(t time.Time) {
	for {
		f.mu.Lock()
		w := f.nextDueLocked(t)
		if w == nil {
			if t.After(f.now) {
				f.now = t
			}
			f.mu.Unlock()
			return
		}
		if w.when.After(f.now) {
			f.now = w.when
		}
		at := f.now
		fn := w.fire(at)
		f.mu.Unlock()
		if fn != nil {
			fn()
		}
	}
}

// Pending reports how many timers and tickers are waiting to fire: a test
// can wait until a loop has armed its timer before advancing.
func (f *Fake) Pending() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.waiters)
}

// nextDueLocked removes and returns the earliest waiter due by t.
func (f *Fake) nextDueLocked(t time.Time) *fakeTimer {
	if len(f.waiters) == 0 {
		return nil
	}
	sort.SliceStable(f.waiters, func(i, k int) bool { return f.waiters[i].when.Before(f.waiters[k].when) })
	w := f.waiters[0]
	if w.when.After(t) {
		return nil
	}
	f.waiters = f.waiters[1:]
	return w
}

func (f *Fake) addLocked(w *fakeTimer) { f.waiters = append(f.waiters, w) }

func (f *Fake) removeLocked(w *fakeTimer) bool {
	for i, x := range f.waiters {
		if x == w {
			f.waiters = append(f.waiters[:i], f.waiters[i+1:]...)
			return true
		}
	}
	return false
}

// NewTimer returns a timer firing when the fake time reaches now+d.
func (f *Fake) NewTimer(d time.Duration) Timer {
	f.mu.Lock()
	defer f.mu.Unlock()
	w := &fakeTimer{clk: f, ch: make(chan time.Time, 1), when: f.now.Add(d)}
	f.addLocked(w)
	return w
}

// AfterFunc returns a timer that calls fn when the fake time reaches now+d.
// fn runs on the goroutine that advanced the clock.
func (f *Fake) AfterFunc(d time.Duration, fn func()) Timer {
	f.mu.Lock()
	defer f.mu.Unlock()
	w := &fakeTimer{clk: f, fn: fn, when: f.now.Add(d)}
	f.addLocked(w)
	return w
}

// NewTicker returns a ticker firing every d of fake time.
func (f *Fake) NewTicker(d time.Duration) Ticker {
	if d <= 0 {
		panic("clock: non-positive ticker period")
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	w := &fakeTimer{clk: f, ch: make(chan time.Time, 1), when: f.now.Add(d), period: d}
	f.addLocked(w)
	return fakeTicker{w}
}

// fakeTimer is a Fake's timer, AfterFunc or (with a period) ticker.
type fakeTimer struct {
	clk    *Fake
	ch     chan time.Time
	fn     func()
	when   time.Time
	period time.Duration
}

// fire delivers at (the clock's lock held) and returns an AfterFunc's
// function for the caller to run without the lock.
func (w *fakeTimer) fire(at time.Time) func() {
	if w.period > 0 {
		w.when = w.when.Add(w.period)
		w.clk.addLocked(w)
	}
	if w.fn != nil {
		return w.fn
	}
	select {
	case w.ch <- at:
	default: // a slow reader misses the tick, as with time.Ticker
	}
	return nil
}

func (w *fakeTimer) C() <-chan time.Time { return w.ch }

// Stop and Reset drop a tick not yet received, as time's timers do since
// Go 1.23: after either, the channel holds nothing stale.
func (w *fakeTimer) Stop() bool {
	w.clk.mu.Lock()
	defer w.clk.mu.Unlock()
	w.drainLocked()
	return w.clk.removeLocked(w)
}

func (w *fakeTimer) drainLocked() {
	if w.ch == nil {
		return
	}
	select {
	case <-w.ch:
	default:
	}
}

func (w *fakeTimer) Reset(d time.Duration) bool {
	w.clk.mu.Lock()
	defer w.clk.mu.Unlock()
	w.drainLocked()
	active := w.clk.removeLocked(w)
	w.when = w.clk.now.Add(d)
	w.clk.addLocked(w)
	return active
}

type fakeTicker struct{ w *fakeTimer }

func (t fakeTicker) C() <-chan time.Time { return t.w.ch }
func (t fakeTicker) Stop()               { t.w.Stop() }
func (t fakeTicker) Reset(d time.Duration) {
	if d <= 0 {
		panic("clock: non-positive ticker period")
	}
	t.w.clk.mu.Lock()
	defer t.w.clk.mu.Unlock()
	t.w.drainLocked()
	t.w.clk.removeLocked(t.w)
	t.w.period = d
	t.w.when = t.w.clk.now.Add(d)
	t.w.clk.addLocked(t.w)
}
