package market

import (
	"fmt"
	"sort"
	"time"

	"github.com/deco-network/deco/internal/sched"
	"github.com/deco-network/deco/internal/wire"
)

// The auction: which tasks a job places now, whom a round asks for bids,
// and how the bids that come back are ranked and turned into attempts.

// drive starts auction rounds for jobs with pending tasks, highest
// priority first; a job gains a priority level per minute it has waited
// (aging), so none starves.
func (m *Market) drive(now time.Time) {
	freed := m.freed
	if len(freed) > 0 {
		m.freed = map[string]bool{}
	}
	for _, j := range m.ordered() {
		// The cheapest tests first: this loop runs at every event.
		if j.round != nil || j.State.Terminal() {
			continue
		}
		// A job waiting for a slot (every provider busy, or the scheduler
		// holding its tasks for a faster one) tries again as soon as a
		// slot frees instead of at its next round (RetryBackoff): many
		// small jobs at once would otherwise move in waves of one round.
		// At most every RetryBackoff/10, so a simulator freeing thousands
		// of slots a second does not drive every waiting job at each.
		if now.Before(j.nextRound) && (len(freed) == 0 || now.Sub(j.tried) < m.cfg.RetryBackoff/10) {
			continue
		}
		j.tried = now
		if j.quietGen == j.gen+1 {
			if !now.Before(j.nextSpec) {
				m.speculate(now, j)
			}
			continue
		}
		gen := j.gen
		pending := m.pendingOf(now, j)
		if len(pending) == 0 && j.gen != gen {
			// pendingOf's decisions changed the job (a task accepted may end
			// it and reopen others for closing checks, behind the walk): look
			// again at the next drive rather than fall quiet with them open.
			// (A job stuck for minutes so in a CI run of the flood test.)
			continue
		}
		if len(pending) == 0 {
			// Nothing to place until one of its tasks changes.
			j.quietGen = j.gen + 1
			m.speculate(now, j)
			continue
		}
		pending = m.placeOnStanding(now, j, pending)
		if len(pending) > 0 {
			m.openRound(now, j, pending)
		}
	}
}

// pendingOf returns the tasks of j to place now (at most MaxRoundTasks),
// failing those that waited longer than PlacementTimeout. The list is kept
// until one of j's tasks changes, or one of them may time out: a job the
// scheduler holds is driven every RetryBackoff, and walking its tasks each
// time would cost more than the rounds.
func (m *Market) pendingOf(now time.Time, j *Job) []int {
	pm := &j.pend
	if pm.gen == j.gen+1 && !now.Before(pm.at) && now.Sub(pm.oldest) <= m.cfg.PlacementTimeout {
		return append([]int(nil), pm.tasks...)
	}
	var pending []int
	oldest, memo := now, true
	for _, t := range j.Tasks {
		if t.wants() > 0 {
			if t.replicas() > 1 && len(t.LiveAttempts()) == 0 {
				memo = false // decide may accept it without a replica
				if m.decide(now, j, t) {
					continue // accepted without a replica: nobody can replicate it
				}
			}
			if now.Sub(t.waitingSince) > m.cfg.PlacementTimeout {
				reason := fmt.Sprintf("no provider took the task within %s: %s", m.cfg.PlacementTimeout, t.Reason)
				if !m.keepAccepted(now, j, t, reason) {
					m.failTask(now, j, t, reason)
				}
				continue
			}
			pending = append(pending, t.Index)
			if t.waitingSince.Before(oldest) {
				oldest = t.waitingSince
			}
			if len(pending) == m.cfg.MaxRoundTasks {
				break
			}
		}
	}
	if memo && len(pending) > 0 {
		*pm = pendMemo{gen: j.gen + 1, at: now, oldest: oldest, tasks: append(pm.tasks[:0], pending...)}
	} else {
		pm.gen = 0
	}
	return pending
}

// pendMemo is a job's pending tasks as pendingOf last found them: valid
// while the job's gen is gen−1.
type pendMemo struct {
	gen        uint64
	at, oldest time.Time
	tasks      []int
}

// candidates filters the offer cache by the job's requirements and says
// why the others were left out.
//
// An offer that may take none of the round's tasks (replicas whose other
// holders it is, or shares an EVM address or network with) is left out
// too, so the scheduler never shortlists a provider that cannot be used.
func (m *Market) candidates(now time.Time, j *Job, tasks []int) ([]*offer, string) {
	// Only tasks with attempts exclude anyone.
	var replicas []*Task
	for _, i := range tasks {
		if t := j.Tasks[i]; len(t.Attempts) > 0 {
			replicas = append(replicas, t)
		}
	}
	if len(replicas) < len(tasks) {
		replicas = nil // a fresh task may go to anyone
	}
	pl := &pool{m: m, j: j, now: now, replicas: replicas}
	var out []*offer
	held := false
	switch s := m.sched.(type) {
	case sched.PoolPlanner:
		// The scheduler looks up whom it would ask among the eligible.
		picked := s.ShortlistPool(m.round(now, j, len(tasks)), pl, m.cfg.MaxBidders)
		out = m.picked(picked)
		held = len(picked) == 0
	case sched.Planner:
		// The scheduler chooses whom to ask among every eligible provider.
		el := pl.All()
		picked := s.Shortlist(m.round(now, j, len(tasks)), el, m.cfg.MaxBidders)
		held = len(el) > 0 && len(picked) == 0
		out = m.picked(picked)
	default:
		for _, o := range m.free {
			if pl.eligible(o) {
				out = append(out, o)
			}
		}
		sort.Slice(out, func(i, k int) bool {
			fi, fk := m.freeSlots(out[i]), m.freeSlots(out[k])
			if fi != fk {
				return fi > fk
			}
			return out[i].Peer < out[k].Peer
		})
		if len(out) > m.cfg.MaxBidders {
			out = out[:m.cfg.MaxBidders]
		}
	}
	if len(out) > 0 {
		return out, "" // the reason is only for rounds that ask nobody
	}
	// Rounds that ask nobody repeat every RetryBackoff while the scheduler
	// holds a job: explaining each would scan every offer each time, so the
	// explanation is kept for a while unless the offer set changed size.
	w := &j.why
	if w.text == "" || w.held != held || w.offers != len(m.list) || now.Sub(w.at) >= whyRefresh || now.Before(w.at) {
		*w = whyMemo{text: m.whyNone(now, j, nil, held), held: held, offers: len(m.list), at: now}
	}
	return nil, w.text
}

// picked returns the offers of the providers a Planner shortlisted.
func (m *Market) picked(picked []sched.Candidate) []*offer {
	var out []*offer
	for _, c := range picked {
		if o, ok := m.offers[c.Peer]; ok && len(out) < m.cfg.MaxBidders {
			out = append(out, o)
		}
	}
	return out
}

// suspect reports whether peer is kept from work for cheating.
func (m *Market) suspect(peer string, now time.Time) bool {
	if since, gone := m.unreachable[peer]; gone && now.Sub(since) < UnreachableFor {
		return true
	}
	return m.convicted[peer] || m.cfg.MinReliability > 0 && m.rep.Suspect(peer, now, m.cfg.MinReliability)
}

func hasLabels(have, want map[string]string) bool {
	if len(want) == 0 {
		return true
	}
	for k, v := range want {
		if have[k] != v {
			return false
		}
	}
	return true
}

func (m *Market) openRound(now time.Time, j *Job, tasks []int) {
	cands, why := m.candidates(now, j, tasks)
	if len(cands) == 0 {
		reason := "waiting for a provider: " + why
		for _, i := range tasks {
			t := j.Tasks[i]
			r := reason
			if len(t.Attempts) > 0 && t.replicas() > 1 {
				r = replicateReason(j)
			}
			// A task running elsewhere keeps its reason while it waits for
			// more replicas.
			if t.Reason != r && len(t.LiveAttempts()) == 0 {
				t.Reason = r
				m.touch(now, j, t)
			}
		}
		if j.Reason != reason && j.State == JobPending {
			j.Reason = reason
			m.touch(now, j, nil)
			m.logf(now, j, -1, "%s", reason)
		}
		j.nextRound = now.Add(m.cfg.RetryBackoff)
		// A scheduler holding the tasks for a faster provider says when it
		// lets them go; a short program's hold ends long before RetryBackoff.
		if h, ok := m.sched.(interface{ HoldEnds(wire.CID) time.Time }); ok {
			if at := h.HoldEnds(j.Spec.Program.CID); at.After(now) && at.Before(j.nextRound) {
				j.nextRound = at
			}
		}
		return
	}
	// Auction only as many replicas as the candidates have free slots, so a
	// big job does not churn its whole backlog through every round.
	free := 0
	for _, o := range cands {
		free += m.freeSlots(o)
	}
	placeable := tasks[:0:0]
	for _, i := range tasks {
		t := j.Tasks[i]
		ok := false
		for _, o := range cands {
			if !m.excluded(t, o.Peer, o.EVM) {
				ok = true
				break
			}
		}
		switch {
		case ok:
			placeable = append(placeable, i)
		case t.replicas() > 1:
			reason := replicateReason(j)
			if t.Reason != reason && len(t.LiveAttempts()) == 0 {
				t.Reason = reason
				m.touch(now, j, t)
			}
		}
	}
	tasks = placeable
	if len(tasks) == 0 {
		j.nextRound = now.Add(m.cfg.RetryBackoff)
		return
	}
	// Each task takes as many slots as it wants replicas.
	for k, i := range tasks {
		free -= j.Tasks[i].wants()
		if free < 0 {
			tasks = tasks[:max(k, 1)]
			break
		}
	}
	j.Rounds++
	r := &round{n: j.Rounds, tasks: tasks, asked: map[string]bool{}, replied: map[string]bool{}, bids: map[string]wire.Bid{}, closeAt: now.Add(m.cfg.AuctionWindow)}
	j.round = r
	for _, i := range tasks {
		t := j.Tasks[i]
		if len(t.LiveAttempts()) > 0 {
			continue // running replicas keep their state while more are sought
		}
		t.State, t.Reason = TaskBidding, fmt.Sprintf("auction round %d: asked %d providers", r.n, len(cands))
		m.touch(now, j, t)
	}
	m.touch(now, j, nil)
	for _, o := range cands {
		r.asked[o.Peer] = true
		m.emit(RequestBid{Peer: o.Peer, Req: wire.BidRequest{
			Job: j.ID, Round: r.n, Tasks: tasks, Program: j.Spec.Program.CID, ProgramSz: j.Spec.Program.Size,
			Need:      wire.Resources{Cores: j.Spec.Resources.CPU, Memory: uint64(j.Spec.Resources.Memory), Disk: uint64(j.Spec.Resources.Disk), GPU: j.Spec.Resources.GPU},
			TimeoutMs: time.Duration(j.Spec.Timeout).Milliseconds(), MaxPrice: j.Spec.Price.Max, Consumer: m.cfg.Consumer,
			Labels: j.Spec.Labels,
		}})
	}
}

func (m *Market) bidIn(now time.Time, e BidIn) {
	j := m.jobs[e.Job]
	if j == nil || j.round == nil || j.round.n != e.Bid.Round || !j.round.asked[e.Peer] || j.round.replied[e.Peer] {
		return // late, unsolicited or duplicate
	}
	r := j.round
	r.replied[e.Peer] = true
	if e.Bid.Accept && e.Bid.Price <= j.Spec.Price.Max && e.Bid.Slots > 0 {
		r.bids[e.Peer] = e.Bid
	}
	if len(r.replied) == len(r.asked) {
		m.closeRound(now, j)
	}
}

func (m *Market) bidFailed(now time.Time, e BidFailed) {
	j := m.jobs[e.Job]
	if j == nil || j.round == nil || j.round.n != e.Round || !j.round.asked[e.Peer] || j.round.replied[e.Peer] {
		return
	}
	j.round.replied[e.Peer] = true
	m.logf(now, j, -1, "bid request to %s failed: %s", shortPeer(e.Peer), e.Err)
	if len(j.round.replied) == len(j.round.asked) {
		m.closeRound(now, j)
	}
}

func (m *Market) closeRound(now time.Time, j *Job) {
	r := j.round
	j.round = nil
	var cands []sched.Candidate
	for p, b := range r.bids {
		o, ok := m.offers[p]
		if !ok || o.taint && m.suspect(p, now) {
			continue // offer expired meanwhile, or caught cheating
		}
		slots := min(b.Slots, o.Slots-m.inflight[p])
		cands = append(cands, sched.Candidate{Peer: p, Price: b.Price, Slots: slots, Benchmark: o.Benchmark, Latency: o.latency, ETA: time.Duration(b.ETAMs) * time.Millisecond})
	}
	sort.Slice(cands, func(i, k int) bool { return cands[i].Peer < cands[k].Peer })
	j.backingUp = r.backup
	ranked := m.rank(now, j, len(r.tasks), cands)
	j.backingUp = false
	var open []int
	for _, i := range r.tasks {
		if t := j.Tasks[i]; t.wants() > 0 || r.backup && backupOf(t) != nil {
			open = append(open, i)
		}
	}
	placed := m.place(now, j, open, ranked, func(p string) wire.Bid { return r.bids[p] })
	// A planning scheduler reserved the asked providers' slots for this
	// round until it closed: jobs that found them reserved try again now
	// rather than at their next round (twenty one-task jobs at once
	// otherwise moved in waves of RetryBackoff).
	if _, ok := m.sched.(sched.Planner); ok {
		for p := range r.asked {
			m.freed[p] = true
		}
	}
	for _, i := range open {
		t := j.Tasks[i]
		if t.State != TaskBidding {
			continue
		}
		t.State = TaskPending
		if len(t.Attempts) > 0 {
			t.State = t.progress()
		}
		t.Reason = fmt.Sprintf("round %d: %d of %d asked providers bid; none free for this task, trying again", r.n, len(r.bids), len(r.asked))
		m.touch(now, j, t)
	}
	if placed == 0 {
		j.nextRound = now.Add(m.cfg.RetryBackoff)
	}
	if j.standing == nil {
		j.standing = map[string]standingBid{}
	}
	for p, b := range r.bids {
		j.standing[p] = standingBid{bid: b, expires: now.Add(m.cfg.BidValidity)}
	}
	m.logf(now, j, -1, "auction round %d closed: %d/%d providers bid, %d tasks placed", r.n, len(r.bids), len(r.asked), placed)
}

// place assigns tasks to ranked bidders: one attempt per task per pass,
// and further passes for tasks that want more replicas, each on a bidder
// that does not hold the task yet. A bidder never gets more than its Slots.
// It returns the number of attempts started.
func (m *Market) place(now time.Time, j *Job, tasks []int, ranked []sched.Ranked, bid func(peer string) wire.Bid) int {
	left := append([]sched.Ranked(nil), ranked...)
	n := 0
	excluded := func(task int, peer string) bool { return m.excluded(j.Tasks[task], peer, bid(peer).EVM) }
	replica := func(task int) bool { return j.Tasks[task].held() }
	for len(tasks) > 0 {
		// A task's first attempt goes by the ranking; a replica of a result
		// held elsewhere is drawn in secret (see replicaDraw).
		placed := sched.AssignReplicas(tasks, left, excluded, replica, m.replicaDraw(j))
		if len(placed) == 0 {
			break
		}
		used := map[string]int{}
		var more []int
		for _, i := range tasks {
			p, ok := placed[i]
			if !ok {
				continue
			}
			m.assign(now, j, j.Tasks[i], p, bid(p))
			used[p]++
			n++
			if j.Tasks[i].wants() > 0 {
				more = append(more, i)
			}
		}
		for k := range left {
			left[k].Slots -= used[left[k].Peer]
		}
		tasks = more
	}
	return n
}

// placeOnStanding gives pending tasks to providers whose earlier bids for
// this job are still valid and who have free slots, best ranked first, and
// returns the tasks left over.
func (m *Market) placeOnStanding(now time.Time, j *Job, pending []int) []int {
	if len(j.standing) == 0 || len(pending) == 0 {
		return pending
	}
	var cands []sched.Candidate
	for p, sb := range j.standing {
		o, ok := m.offers[p]
		if !ok || now.After(sb.expires) || o.taint && m.suspect(p, now) {
			delete(j.standing, p)
			continue
		}
		if free := o.Slots - m.inflight[p]; free > 0 {
			cands = append(cands, sched.Candidate{Peer: p, Price: sb.bid.Price, Slots: free, Benchmark: o.Benchmark, Latency: o.latency})
		}
	}
	if len(cands) == 0 {
		return pending
	}
	sort.Slice(cands, func(i, k int) bool { return cands[i].Peer < cands[k].Peer })
	ranked := m.rank(now, j, len(pending), cands)
	m.place(now, j, pending, ranked, func(p string) wire.Bid { return j.standing[p].bid })
	left := pending[:0:0]
	for _, i := range pending {
		if j.Tasks[i].wants() > 0 {
			left = append(left, i)
		}
	}
	return left
}

// rank asks the scheduler to rank bidders for n tasks of j: with the
// round's context when it is a Planner.
func (m *Market) rank(now time.Time, j *Job, n int, cands []sched.Candidate) []sched.Ranked {
	if p, ok := m.sched.(sched.Planner); ok {
		return p.Plan(m.round(now, j, n), cands)
	}
	return m.sched.Rank(sched.Request{MaxPrice: j.Spec.Price.Max, Preference: j.Spec.Preference, Program: j.Spec.Program.CID}, cands)
}

// round is what a Planner knows about placing n tasks of j now.
func (m *Market) round(now time.Time, j *Job, n int) sched.Round {
	if m.backlog < 0 {
		m.backlog = 0
		// m.order, not ordered(): drive may be walking it, and ordered
		// compacts it in place.
		for _, jj := range m.order {
			if jj != nil && !jj.State.Terminal() {
				m.backlog += m.waiting(jj)
			}
		}
	}
	return sched.Round{
		Request: sched.Request{MaxPrice: j.Spec.Price.Max, Preference: j.Spec.Preference, Program: j.Spec.Program.CID},
		Now:     now, Tasks: n, Timeout: time.Duration(j.Spec.Timeout), Priority: j.Spec.Priority, Backlog: max(m.backlog, n),
		Backup: j.backingUp,
	}
}
