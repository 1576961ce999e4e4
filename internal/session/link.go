package session

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/deco-network/deco/internal/p2p"
	"github.com/deco-network/deco/internal/wire"
)

// A link is the consumer's one long-lived task session with a provider
// (/deco/task/2). Every assignment to that provider, its status updates,
// results, vouchers and cancellations travel on it as frames keyed by (task,
// attempt), so a busy consumer opens one stream per provider
// instead of one per task: stream set-up and the resource manager's
// bookkeeping were the largest cost per task when each task had its own.
// Frames are not signed one by one (see wire.EncodeFrame): the stream's
// Noise channel already authenticates the provider, and what must convince
// a third party (the receipt, the voucher) carries its own signature.
//
// One goroutine reads the stream and routes each message to the attempt
// waiting for it; writers share a mutex. When the stream breaks, every
// waiting attempt gets the error and the next assignment opens a new link.
type link struct {
	m    *Manager
	peer peer.ID

	ready   chan struct{} // closed once s or openErr is set
	s       Stream
	openErr error

	wmu sync.Mutex

	mu      sync.Mutex
	waiters map[string]*waiter
	err     error // set when the link broke
	// heard is when (unix nanoseconds, the Manager's clock) any frame
	// last came over the link: an attempt whose lease ran out on a silent
	// link lost its connection, one on a live link has a hung provider.
	heard atomic.Int64
}

// waiter receives the messages of one attempt.
type waiter struct {
	ch   chan linkMsg
	done chan struct{} // closed when the attempt stops listening
	// heard is when (unix nanoseconds, the Manager's clock) the provider
	// last spoke of the attempt: a beat naming it, a status, its result.
	// The reader sets it even when the attempt is not keeping up, so a
	// busy consumer does not take its own slowness for a dead provider.
	heard atomic.Int64
}

type linkMsg struct {
	status *wire.Status
	result *wire.Result
	beat   *wire.TaskBeat
	err    error
}

// errLinkClosed is the error waiters see when the node shuts the link.
var errLinkClosed = errors.New("task session closed")

// link returns the open session with p, opening one if needed.
func (m *Manager) link(ctx context.Context, p peer.ID) (*link, error) {
	m.linkMu.Lock()
	l := m.links[p]
	if l == nil {
		l = &link{m: m, peer: p, ready: make(chan struct{}), waiters: map[string]*waiter{}}
		l.heard.Store(m.clock.Now().UnixNano())
		m.links[p] = l
		m.linkMu.Unlock()
		l.open(ctx)
	} else {
		m.linkMu.Unlock()
	}
	select {
	case <-l.ready:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if l.openErr != nil {
		return nil, l.openErr
	}
	return l, nil
}

func (l *link) open(ctx context.Context) {
	defer close(l.ready)
	// The session outlives the attempt that opened it.
	s, err := l.m.host.Open(context.WithoutCancel(ctx), l.peer, p2p.ProtoTask)
	if err != nil {
		l.openErr = err
		l.m.dropLink(l)
		return
	}
	l.s = s
	l.m.wg.Add(1)
	go func() {
		defer l.m.wg.Done()
		l.read()
	}()
}

// read routes incoming messages until the stream ends.
func (l *link) read() {
	var err error
	defer func() { l.fail(err) }()
	for {
		var b []byte
		b, err = l.s.ReadMsg(wire.MaxMessage)
		if err != nil {
			return
		}
		l.heard.Store(l.m.clock.Now().UnixNano())
		f, derr := wire.DecodeFrame(b)
		if derr != nil {
			err = fmt.Errorf("provider sent a malformed message: %w", derr)
			return
		}
		switch f.Type {
		case wire.TypeStatus:
			var st wire.Status
			if err = f.Open(wire.TypeStatus, &st); err != nil {
				err = fmt.Errorf("bad status message: %w", err)
				return
			}
			l.deliver(sessionKey(st.Task, st.Attempt), linkMsg{status: &st}, false)
		case wire.TypeBeat:
			var b wire.Beat
			if err = f.Open(wire.TypeBeat, &b); err != nil {
				err = fmt.Errorf("bad heartbeat: %w", err)
				return
			}
			l.beat(b)
		case wire.TypeResult:
			var res wire.Result
			if err = f.Open(wire.TypeResult, &res); err != nil {
				err = fmt.Errorf("bad result message: %w", err)
				return
			}
			l.deliver(sessionKey(res.Task, res.Attempt), linkMsg{result: &res}, true)
		default:
			err = fmt.Errorf("provider sent an unexpected %q message", f.Type)
			return
		}
	}
}

// beat acknowledges a heartbeat, renews the lease of every attempt it
// names, then hands each its news. News is dropped when the attempt is
// not keeping up (its output still comes whole with the result): the
// reader never waits on a beat, so leases keep being renewed.
func (l *link) beat(b wire.Beat) {
	if err := l.send(wire.TypeBeatAck, wire.BeatAck{Seq: b.Seq}); err != nil {
		return // the stream broke; the read fails next
	}
	now := l.m.clock.Now().UnixNano()
	for i := range b.Tasks {
		tb := &b.Tasks[i]
		if w := l.waiter(sessionKey(tb.Task, tb.Attempt)); w != nil {
			w.heard.Store(now)
		}
	}
	for i := range b.Tasks {
		tb := &b.Tasks[i]
		l.deliver(sessionKey(tb.Task, tb.Attempt), linkMsg{beat: tb}, false)
	}
}

func (l *link) waiter(key string) *waiter {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.waiters[key]
}

// deliver hands m to the attempt waiting for it. Status updates are
// dropped when the attempt is not keeping up; results are not.
func (l *link) deliver(key string, m linkMsg, must bool) {
	w := l.waiter(key)
	if w == nil {
		return // the attempt ended (aborted); nothing waits for it
	}
	w.heard.Store(l.m.clock.Now().UnixNano())
	if !must {
		select {
		case w.ch <- m:
		default:
		}
		return
	}
	select {
	case w.ch <- m:
	case <-w.done:
	}
}

// fail breaks the link: every waiting attempt gets err.
func (l *link) fail(err error) {
	if err == nil {
		err = errLinkClosed
	}
	l.m.dropLink(l)
	l.mu.Lock()
	if l.err == nil {
		l.err = err
	}
	ws := l.waiters
	l.waiters = map[string]*waiter{}
	l.mu.Unlock()
	for _, w := range ws {
		select {
		case w.ch <- linkMsg{err: err}:
		case <-w.done:
		}
	}
	l.s.Reset()
}

// wait registers an attempt's mailbox; stop unregisters it.
func (l *link) wait(key string) (*waiter, error) {
	w := &waiter{ch: make(chan linkMsg, 32), done: make(chan struct{})}
	w.heard.Store(l.m.clock.Now().UnixNano())
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.err != nil {
		return nil, l.err
	}
	l.waiters[key] = w
	return w, nil
}

func (l *link) stop(key string, w *waiter) {
	l.mu.Lock()
	if l.waiters[key] == w {
		delete(l.waiters, key)
	}
	l.mu.Unlock()
	close(w.done)
}

// send writes one message on the session.
func (l *link) send(typ string, v any) error {
	raw, err := wire.EncodeFrame(typ, v)
	if err != nil {
		return err
	}
	return l.write(raw)
}

func (l *link) write(raw []byte) error {
	l.wmu.Lock()
	defer l.wmu.Unlock()
	return l.s.WriteMsg(raw)
}

// dropLink forgets l so the next assignment to its peer opens a new one.
func (m *Manager) dropLink(l *link) {
	m.linkMu.Lock()
	if m.links[l.peer] == l {
		delete(m.links, l.peer)
	}
	m.linkMu.Unlock()
}

// Send sends one message on the session with the provider at peerID,
// opening one if none is open: vouchers and "done" notices for attempts
// whose session already ended.
func (m *Manager) Send(ctx context.Context, peerID string, typ string, v any) error {
	p, err := peer.Decode(peerID)
	if err != nil {
		return err
	}
	l, err := m.link(ctx, p)
	if err != nil {
		return err
	}
	return l.send(typ, v)
}

// closeLinks resets every open session (shutdown).
func (m *Manager) closeLinks() {
	m.linkMu.Lock()
	ls := make([]*link, 0, len(m.links))
	for _, l := range m.links {
		ls = append(ls, l)
	}
	m.linkMu.Unlock()
	for _, l := range ls {
		select {
		case <-l.ready:
			if l.s != nil {
				l.s.Reset()
			}
		default:
		}
	}
}
