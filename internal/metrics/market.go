package metrics

import (
	"time"

	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/wire"
)

// Market turns the consumer market's events and Readies into metrics. It
// remembers, per task, the state and attempt states it last saw in a Save
// (the market saves every change it makes), so each transition is counted
// once whatever the batching. It is not safe for concurrent use: the
// node's loop, which alone steps the market, feeds it.
type Market struct {
	tasks map[wire.TaskID]*seenTask
}

type seenTask struct {
	state    market.TaskState
	attempts []string // attempt states by attempt index
	waiting  time.Time
}

// NewMarket returns an observer with nothing seen.
func NewMarket() *Market {
	return &Market{tasks: map[wire.TaskID]*seenTask{}}
}

// Stepped records what one step (ev) or tick (ev nil) of the market did:
// ev as an input, rd as what it returned. now is the time given to the
// market.
func (m *Market) Stepped(now time.Time, ev market.Event, rd market.Ready) {
	switch e := ev.(type) {
	case market.BidIn:
		BidsReceived.Inc()
	case market.BidFailed:
		BidsFailed.Inc()
	case market.Outcome:
		if e.Verdict.Duration > 0 {
			ExecutionTime(e.Verdict.Duration)
		}
	case market.Restore:
		// What happened before the restart was counted by the old
		// process: only the restored states count, not their history.
		m.seed(e.Job)
	}
	for _, s := range rd.Saves {
		m.save(now, s)
	}
	for _, a := range rd.Actions {
		switch a := a.(type) {
		case market.RequestBid:
			BidsSent.Inc()
		case market.Pay:
			Payments.Inc()
		case market.Assign:
			if t := m.tasks[a.Msg.Spec.Task]; t != nil && !t.waiting.IsZero() {
				AuctionSeconds.Observe(now.Sub(t.waiting).Seconds())
				t.waiting = time.Time{}
			}
		}
	}
}

// seed records j's tasks as seen, counting only their states.
func (m *Market) seed(j *market.Job) {
	for _, t := range j.Tasks {
		id := wire.TaskID{Job: j.ID, Index: t.Index}
		if m.tasks[id] != nil {
			continue
		}
		seen := &seenTask{state: t.State}
		Tasks.WithLabelValues(string(t.State)).Inc()
		for _, a := range t.Attempts {
			seen.attempts = append(seen.attempts, a.State)
		}
		m.tasks[id] = seen
	}
}

// save counts the transitions of the tasks in s since they were last seen.
func (m *Market) save(now time.Time, s market.Save) {
	policy := s.Job.Spec.Policy().Policy
	for _, t := range s.Tasks {
		id := wire.TaskID{Job: s.Job.ID, Index: t.Index}
		seen := m.tasks[id]
		if seen == nil {
			seen = &seenTask{}
			m.tasks[id] = seen
		}
		if t.State != seen.state {
			if seen.state != "" {
				Tasks.WithLabelValues(string(seen.state)).Dec()
			}
			Tasks.WithLabelValues(string(t.State)).Inc()
			if waits(t.State) && !waits(seen.state) {
				seen.waiting = now
			}
			seen.state = t.State
		}
		for i, a := range t.Attempts {
			if i >= len(seen.attempts) {
				seen.attempts = append(seen.attempts, "")
			}
			if a.State == seen.attempts[i] {
				continue
			}
			seen.attempts[i] = a.State
			m.attemptEnded(policy, t, a)
		}
	}
}

// attemptEnded counts attempt a's new state if it is an end. The states
// are the market's attempt states (market.Attempt.State).
func (m *Market) attemptEnded(policy string, t market.Task, a market.Attempt) {
	switch a.State {
	case "verified":
		Verifications.WithLabelValues("accepted", policy).Inc()
	case "rejected":
		Verifications.WithLabelValues("rejected", policy).Inc()
	case "struck":
		Verifications.WithLabelValues("struck", policy).Inc()
	case "failed", "interrupted":
		if c := ReasonClass(a.Reason); c == "bad_result" || c == "fraud" {
			Verifications.WithLabelValues("failed", policy).Inc()
		}
		if t.State != market.TaskFailed && t.State != market.TaskCancelled {
			Reassignments.WithLabelValues(ReasonClass(a.Reason)).Inc()
		}
	}
}

// waits says whether a task in state s waits for a provider.
func waits(s market.TaskState) bool {
	return s == market.TaskPending || s == market.TaskBidding || s == market.TaskRetrying
}
