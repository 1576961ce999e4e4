package providing

import (
	"context"
	"slices"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	provcore "github.com/deco-network/deco/internal/provider"
	"github.com/deco-network/deco/internal/wire"
)

// loop is the provider role's one loop. It owns the provider.Machine:
// every Step and Tick goes through it, so bids, slots and escrow
// reservations need no lock. Handlers look up escrow facts on their own
// goroutine (chain reads), then post the event and wait for the loop to
// step and perform it; executions, result writes and proof settlements
// run on goroutines of their own and report back as events.
type loop struct {
	p     *Provider
	m     *provcore.Machine
	calls chan func()
	done  chan struct{} // closed when the loop has stopped

	// Owned by the loop goroutine, like m.
	ctx      context.Context
	sessions map[uint64]*servedSession
	runs     map[provcore.Key]context.CancelFunc
	lastID   uint64
	records  *runRecorder // nil without Config.Runs
}

// servedSession is one consumer's task session (/deco/task/2).
type servedSession struct {
	peer  peer.ID
	write func(typ string, v any) error
}

func newLoop(p *Provider, m *provcore.Machine) *loop {
	return &loop{p: p, m: m, calls: make(chan func()), done: make(chan struct{}),
		sessions: map[uint64]*servedSession{}, runs: map[provcore.Key]context.CancelFunc{},
		records: newRunRecorder(p.cfg.Runs, p.cfg.Clock, p.log)}
}

func (l *loop) now() time.Time { return l.p.cfg.Clock.Now() }

// run steps the machine until ctx ends: posted events and a tick a second
// (expiries and the redemption schedule).
func (l *loop) run(ctx context.Context) {
	defer close(l.done)
	l.ctx = ctx
	t := l.p.cfg.Clock.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case fn := <-l.calls:
			fn()
		case <-t.C():
			l.perform(l.m.Tick(l.now()))
		}
	}
}

// do runs fn on the loop goroutine and waits for it.
func (l *loop) do(ctx context.Context, fn func()) error {
	done := make(chan struct{})
	select {
	case l.calls <- func() { fn(); close(done) }:
	case <-ctx.Done():
		return ctx.Err()
	case <-l.done:
		return errStopped
	}
	<-done // taken: the loop runs fn to its end
	return nil
}

// step feeds ev to the machine, performs the Ready and returns its answers.
func (l *loop) step(ctx context.Context, ev provcore.Event) ([]provcore.Answer, error) {
	var answers []provcore.Answer
	err := l.do(ctx, func() {
		rd := l.m.Step(l.now(), ev)
		answers = slices.Clone(rd.Answers)
		l.perform(rd)
	})
	return answers, err
}

// perform carries out a Ready in its order. Persist first: the record of
// consumers that did not pay is stored. The provider's other durable state
// is its vouchers, which pay stores before VoucherAccepted is stepped;
// reservations and standing bids belong to sessions that die with the
// process.
func (l *loop) perform(rd provcore.Ready) {
	p := l.p
	for _, d := range rd.Persist.Debtors {
		if p.cfg.Debtors == nil {
			break
		}
		if err := p.cfg.Debtors.Put(d); err != nil {
			p.log.Error("store the record of a consumer that did not pay", "consumer", d.Consumer, "err", err)
		}
	}
	for _, d := range rd.Persist.Debtors {
		if !d.Cleared {
			p.log.Warn("consumer did not pay: refusing its work", "consumer", d.Consumer, "peer", d.Peer, "task", d.Owed.Task, "reason", d.Reason)
		}
	}
	var orphans []provcore.Key
	for _, r := range rd.Runs {
		s := l.sessions[r.Session]
		if s == nil {
			// Cannot happen: a session's attempts are stopped before it is
			// forgotten. Free the slot (below) rather than leak it.
			p.log.Error("run for an unknown task session", "task", r.Key.Task)
			orphans = append(orphans, r.Key)
			continue
		}
		l.records.start(RunRecord{Task: r.Key.Task, Attempt: r.Key.Attempt, Consumer: s.peer.String(), Started: l.now()})
		ctx, cancel := context.WithCancel(l.ctx)
		l.runs[r.Key] = cancel
		p.wg.Add(1)
		go l.serveTask(ctx, cancel, r, s)
	}
	for _, st := range rd.Stops {
		if cancel := l.runs[st.Key]; cancel != nil {
			cancel()
		}
	}
	for _, snd := range rd.Sends {
		s := l.sessions[snd.Session]
		if s == nil {
			continue // the session is gone, and its consumer with it
		}
		res := snd.Result
		// Off the loop: a slow consumer must not stall every bid.
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			if err := s.write(wire.TypeResult, res); err != nil {
				p.log.Debug("send result", "task", res.Task, "err", err)
			}
		}()
	}
	for _, r := range rd.Redeems {
		job := r.Job
		p.wg.Add(1)
		go func() {
			defer p.wg.Done()
			// A redemption is a chain transaction: seconds, and retried
			// by the schedule when it fails.
			ctx, cancel := context.WithTimeout(l.ctx, 3*time.Minute)
			defer cancel()
			l.step(ctx, p.cfg.Payments.Redeem(ctx, job))
		}()
	}
	// Stepped last: a Step reuses the buffers rd's slices point into.
	for _, k := range orphans {
		l.perform(l.m.Step(l.now(), provcore.ExecutionFinished{Key: k}))
	}
}

// open registers a task session and returns its number.
func (l *loop) open(ctx context.Context, from peer.ID, write func(typ string, v any) error) (uint64, error) {
	var id uint64
	err := l.do(ctx, func() {
		l.lastID++
		id = l.lastID
		l.sessions[id] = &servedSession{peer: from, write: write}
	})
	return id, err
}

// end closes a task session: its attempts are stopped or released.
func (l *loop) end(id uint64) {
	l.do(context.Background(), func() {
		rd := l.m.Step(l.now(), provcore.SessionEnded{Session: id})
		if n := len(rd.Stops); n > 0 {
			peer := ""
			if s := l.sessions[id]; s != nil {
				peer = s.peer.String()
			}
			l.p.log.Info("task session with the consumer ended: stopping its tasks", "peer", peer, "tasks", n)
		}
		l.perform(rd)
		delete(l.sessions, id)
	})
}

// finished reports an execution's end from its goroutine.
func (l *loop) finished(key provcore.Key, res wire.Result) {
	l.records.end(key)
	l.do(context.Background(), func() {
		delete(l.runs, key)
		l.perform(l.m.Step(l.now(), provcore.ExecutionFinished{Key: key, Result: res}))
	})
}

// read runs a query of the machine on the loop.
func (l *loop) read(fn func(m *provcore.Machine)) {
	l.do(context.Background(), func() { fn(l.m) })
}
