package node

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"time"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/p2p"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

func pid() int { return os.Getpid() }

// input is an event for the loop to step. done, when set, runs on the loop
// once the Ready the event led to is performed.
type input struct {
	ev   market.Event
	done func()
}

// post hands an event to the loop. It never blocks the loop itself: the
// callers are goroutines doing network work.
func (n *Node) post(ctx context.Context, ev market.Event) {
	select {
	case n.events <- input{ev: ev}:
	case <-ctx.Done():
	}
}

// postWait hands an event to the loop and waits until the loop has stepped
// it and performed what it led to; then, still on the loop, it runs after
// (if set), which may read the market.
func (n *Node) postWait(ctx context.Context, ev market.Event, after func()) error {
	done := make(chan struct{})
	in := input{ev: ev, done: func() {
		if after != nil {
			after()
		}
		close(done)
	}}
	select {
	case n.events <- in:
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// call runs fn on the loop goroutine and waits for it.
func (n *Node) call(ctx context.Context, fn func()) error {
	done := make(chan struct{})
	select {
	case n.calls <- func() { fn(); close(done) }:
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// schedKey is where the learned scheduler's model is saved in the "meta"
// bucket (saved every 10 s and at shutdown).
const schedKey = "sched-learned"

// step hands one event to the market. With loop's Tick it is the only
// place the market advances, and it runs only on the loop goroutine: other
// goroutines post events (post, postWait) instead.
func (n *Node) step(now time.Time, ev market.Event) market.Ready {
	rd := n.market.Step(now, ev)
	n.metrics.Stepped(now, ev, rd)
	return rd
}

// loop is the only goroutine that touches n.market and n.sched. It first
// restores the jobs persisted before a restart, then steps every event
// posted to it and ticks the market, and performs what each batch asks.
func (n *Node) loop(ctx context.Context, restored []*market.Job) {
	t := n.clk.NewTicker(n.opts.Tick)
	defer t.Stop()
	schedSaved, peersSaved := time.Time{}, time.Time{}
	if len(restored) > 0 {
		now := n.clk.Now()
		var rd market.Ready
		n.repay(ctx, restored)
		for _, j := range restored {
			rd.Merge(n.step(now, market.Restore{Job: j}))
		}
		n.perform(ctx, rd)
	}
	var done []func()
	for {
		var rd market.Ready
		done = done[:0]
		select {
		case <-ctx.Done():
			return
		case fn := <-n.calls:
			fn()
			continue
		case in := <-n.events:
			now := n.clk.Now()
			rd = n.step(now, in.ev)
			if in.done != nil {
				done = append(done, in.done)
			}
			// drain whatever else is queued so one transaction covers the batch
			for k := 0; k < 512; k++ {
				select {
				case in := <-n.events:
					rd.Merge(n.step(now, in.ev))
					if in.done != nil {
						done = append(done, in.done)
					}
					continue
				default:
				}
				break
			}
		case <-t.C():
			now := n.clk.Now()
			rd = n.market.Tick(now)
			n.metrics.Stepped(now, nil, rd)
			if now.Sub(peersSaved) >= time.Second {
				peersSaved = now
				n.jobs.SavePeers(n.host.ListenAddrs(4)) // writes only a changed set
			}
			if now.Sub(schedSaved) > 10*time.Second {
				schedSaved = now
				n.db.Put("meta", schedKey, n.sched.Snapshot())
				n.saveReputation()
			}
		}
		if !rd.Empty() {
			n.perform(ctx, rd)
		}
		for _, fn := range done {
			fn()
		}
	}
}

// perform carries out a Ready in the order its type prescribes: persist
// its Saves and Logs in one transaction (jobdb numbers the lines), then tell followers the log
// lines, then carry out its Actions, then announce finished jobs.
func (n *Node) perform(ctx context.Context, rd market.Ready) {
	lines, err := n.jobs.Write(rd.Saves, rd.Logs)
	if err != nil {
		n.log.Error("persist job state failed; the node keeps running but a restart may lose the latest changes", "err", err)
	}
	for _, e := range rd.Logs {
		n.log.Debug("job event", "job", e.Job.Short(), "task", e.Index, "text", e.Text)
	}
	for i, l := range lines {
		n.publish(rd.Logs[i].Job, l)
	}
	for _, e := range rd.Actions {
		switch e := e.(type) {
		case market.RequestBid:
			go n.sessions.RequestBid(ctx, e)
		case market.Assign:
			n.sessions.Start(ctx, e)
		case market.Abort:
			n.sessions.Abort(e)
		case market.Pay:
			n.signPay(ctx, e)
		case market.Fetch:
			n.settle.Fetch(ctx, e) // after the attempt's voucher
		case market.Reject:
			n.rejectAttempt(ctx, e)
		case market.CheckLocal, market.RunChecker: // the consumer's own runs
			n.wg.Add(1)
			go func() { defer n.wg.Done(); n.post(ctx, n.check.Answer(ctx, e)) }()
		case market.Fraud:
			n.wg.Add(1)
			go func() { defer n.wg.Done(); n.reportFraud(ctx, e) }()
		}
	}
	for _, f := range rd.Finished {
		n.finishSubs(f.Job, f.State)
		if n.pay.consumer != nil {
			n.pay.consumer.Finish(f.Job)
		}
	}
}

// restoreJobs loads the jobs persisted before a restart, for the loop to
// restore into the market before it steps anything else.
func (n *Node) restoreJobs() ([]*market.Job, error) {
	jobs, err := n.jobs.Load()
	if err != nil {
		return nil, fmt.Errorf("restore jobs: %w", err)
	}
	for _, j := range jobs {
		n.zk.Track(j.ID, j.Spec)
	}
	return jobs, nil
}

// consumeOffers feeds verified offers from gossip into the market.
func (n *Node) consumeOffers(ctx context.Context, ch <-chan p2p.Message) {
	for {
		select {
		case <-ctx.Done():
			return
		case m, ok := <-ch:
			if !ok {
				return
			}
			var o wire.Offer
			if err := n.open(m.Data, m.From, wire.TypeOffer, &o); err != nil {
				n.log.Debug("dropped offer", "from", m.From, "err", err)
				continue
			}
			if o.Peer != m.From.String() {
				n.log.Debug("dropped offer naming another peer", "from", m.From, "names", o.Peer)
				continue
			}
			if err := verify.CheckBinding(o.Binding, o.Peer, o.EVM); err != nil {
				n.log.Debug("dropped offer", "from", m.From, "err", err)
				continue
			}
			if n.eligible(ctx, m.From, o.EVM) != nil {
				continue // not a staked provider bound to this peer; logged once
			}
			n.post(ctx, market.OfferSeen{Offer: o, Latency: n.host.Latency(m.From), Net: n.peerNet(m.From)})
		}
	}
}

// publish sends a log line to followers of the job.
func (n *Node) publish(j wire.JobID, l api.LogLine) {
	n.subsMu.Lock()
	defer n.subsMu.Unlock()
	for _, ch := range n.subs[j] {
		select {
		case ch <- l:
		default: // a slow follower misses live lines; it can re-read the log
		}
	}
}

func (n *Node) finishSubs(j wire.JobID, st market.JobState) {
	n.subsMu.Lock()
	defer n.subsMu.Unlock()
	for _, ch := range n.subs[j] {
		select {
		case ch <- api.LogLine{Index: -1, State: api.JobState(st), At: n.clk.Now(), Text: "job " + string(st)}:
		default:
		}
		close(ch)
	}
	delete(n.subs, j)
}

// saveReputation persists what the market learned about providers.
func (n *Node) saveReputation() {
	if b, err := n.market.Reputation().MarshalJSON(); err == nil {
		n.db.Put("meta", "reputation", json.RawMessage(b))
	}
}
