package providing

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/deco-network/deco/internal/pay"
	provcore "github.com/deco-network/deco/internal/provider"
	"github.com/deco-network/deco/internal/runner"
	"github.com/deco-network/deco/internal/wire"
)

// Heartbeats (leases). While a provider holds attempts of a consumer, it
// beats on their task session every heartbeat interval: one wire.Beat
// naming each attempt queued or running, with its progress and the output
// written since the previous beat. The consumer acknowledges each beat;
// it declares an attempt dead when beats stop naming it (a provider that
// hangs while connected), and the provider stops the session's work when
// its beats go unanswered (a consumer that hangs or went away). One beat
// per session, not per task: its cost per task falls as tasks share it.

// consumerGoneBeats is how many beat intervals without an answer end a
// session's work. Longer than the consumer's own lease (4 beats by
// default): the consumer decides first, and a slow moment on either side
// does not stop work.
const consumerGoneBeats = 12

// escrowCheck is how often a session's beats look whether the escrows of
// the jobs it runs are still open (chain reads, cached by pay).
const escrowCheck = 10 * time.Second

// maxBeatBytes bounds the program output one beat carries for all its
// attempts; what does not fit waits for the next.
const maxBeatBytes = 1 << 20

// lives holds the live output of the attempts running on this provider.
type lives struct {
	mu sync.Mutex
	m  map[provcore.Key]*runner.Live
}

func (ls *lives) start(k provcore.Key) *runner.Live {
	l := runner.NewLive()
	ls.mu.Lock()
	defer ls.mu.Unlock()
	if ls.m == nil {
		ls.m = map[provcore.Key]*runner.Live{}
	}
	ls.m[k] = l
	return l
}

func (ls *lives) get(k provcore.Key) *runner.Live {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	return ls.m[k]
}

func (ls *lives) end(k provcore.Key) {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	delete(ls.m, k)
}

// beater sends one task session's heartbeats.
type beater struct {
	p     *Provider
	l     *loop
	sid   uint64
	write func(typ string, v any) error
	// gone ends the session: its attempts stop (SessionEnded).
	gone  func(reason string)
	acked atomic.Uint64 // the highest beat the consumer acknowledged
}

// ack records the consumer's BeatAck.
func (b *beater) ack(seq uint64) {
	for {
		cur := b.acked.Load()
		if seq <= cur || b.acked.CompareAndSwap(cur, seq) {
			return
		}
	}
}

// run beats until ctx ends, a write fails or the consumer stops
// answering.
func (b *beater) run(ctx context.Context) {
	clk := b.p.cfg.Clock
	interval := wire.DefaultHeartbeatMs * time.Millisecond
	t := clk.NewTimer(interval)
	defer t.Stop()
	var seq, seen uint64
	var answered time.Time // when the consumer last acknowledged a new beat
	checked := clk.Now()   // when the escrows were last looked at
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C():
		}
		var serving []provcore.Serving
		if err := b.l.do(ctx, func() { serving = b.l.m.Serving(b.sid) }); err != nil {
			return
		}
		now := clk.Now()
		if len(serving) == 0 {
			// Nothing held: nothing to beat, nothing to wait for.
			seen, answered = seq, time.Time{}
			t.Reset(interval)
			continue
		}
		interval = serving[0].Beat
		for _, s := range serving[1:] {
			interval = min(interval, s.Beat)
		}
		if a := b.acked.Load(); a > seen {
			seen, answered = a, now
		}
		if answered.IsZero() {
			answered = now // the first beat of a busy spell
		}
		if seen < seq && now.Sub(answered) > consumerGoneBeats*interval {
			b.gone("the consumer answered no heartbeat for " + now.Sub(answered).Round(time.Millisecond).String() + ": stopping its tasks")
			return
		}
		if now.Sub(checked) >= escrowCheck {
			checked = now
			b.closeEscrows(ctx, serving)
		}
		seq++
		beat := wire.Beat{Seq: seq, Tasks: make([]wire.TaskBeat, 0, len(serving))}
		budget := maxBeatBytes
		for _, s := range serving {
			tb := wire.TaskBeat{Task: s.Key.Task, Attempt: s.Key.Attempt, Running: s.Running}
			if live := b.p.lives.get(s.Key); live != nil {
				pr := live.Take(min(wire.MaxBeatLog, budget))
				tb.Permille, tb.Stdout, tb.Stderr = pr.Permille, pr.Stdout, pr.Stderr
				budget -= len(pr.Stdout) + len(pr.Stderr)
			}
			beat.Tasks = append(beat.Tasks, tb)
		}
		if edit := b.p.cfg.EditBeat; edit == nil || edit(&beat) {
			if err := b.write(wire.TypeBeat, beat); err != nil {
				return // the session is broken; its reader ends it
			}
		}
		t.Reset(interval)
	}
}

// closeEscrows stops the attempts of every job in serving whose escrow
// was refunded or is past its deadline: nothing will pay for them.
func (b *beater) closeEscrows(ctx context.Context, serving []provcore.Serving) {
	pp := b.p.cfg.Payments
	if pp == nil {
		return
	}
	done := map[wire.JobID]bool{}
	for _, s := range serving {
		job := s.Key.Task.Job
		if !s.Escrow || done[job] {
			continue
		}
		done[job] = true
		_, err := pp.Cover(ctx, job, common.HexToAddress(s.Consumer))
		if errors.Is(err, pay.ErrEscrowClosed) || errors.Is(err, pay.ErrEscrowExpired) {
			b.p.log.Warn("escrow closed: stopping the job's tasks", "job", job, "reason", err)
			b.l.step(ctx, provcore.EscrowClosed{Job: job})
		}
	}
}
