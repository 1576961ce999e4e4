package sched

import (
	"math"
	"sort"
	"time"

	"github.com/deco-network/deco/internal/wire"
)

// Placement rules: the straggler rule, longest tasks first, the time limit
// and the hold's release, and the backlog they are judged against.

// waitFactor is how many best-run lengths held tasks may wait: one for
// speed (never worse than twice the best choice), GreenWait for green jobs,
// whose owners trade completion time for emissions.
func (l *Learned) waitFactor(r Round) float64 {
	if r.Preference == "green" {
		return l.cfg.GreenWait
	}
	return 1
}

// released reports whether the program's held tasks were released (see
// heldSince); the release lasts until a round of it places tasks.
func (l *Learned) released(r Round) bool {
	since, ok := l.heldSince[r.Program]
	return ok && since.IsZero()
}

// rules are a round's placement rules (see Learned).
type rules struct {
	work     Gauss
	w        float64 // e^work.Mean
	cut      float64 // straggler cut: cautious log speed below which (− Slack) a provider is too slow; −Inf: none
	bn, ceil float64 // tasks of bigger programs waiting; cautious log speed from which a provider fits them
	maxRun   float64 // longest mean run the time limit allows, seconds (+Inf: none)
	released bool
	deadline time.Time
	now      time.Time
	slack    float64
}

func (l *Learned) rulesFor(r Round) rules {
	l.maybeRebuild(r.Now)
	l.model.SeeProgram(r.Program, r.Timeout)
	work := l.model.Work(r.Program)
	sd := math.Sqrt(work.Var)
	ru := rules{work: work, w: math.Exp(work.Mean), cut: l.threshold(r, work.Mean+l.cfg.Caution*sd), ceil: math.Inf(1),
		maxRun: math.Inf(1), released: l.released(r), deadline: r.Deadline, now: r.Now, slack: l.cfg.Slack}
	if ru.released {
		ru.cut = math.Inf(-1)
	}
	if r.Timeout > 0 {
		ru.maxRun = l.cfg.DeadlineMargin * r.Timeout.Seconds()
	}
	ru.bn, ru.ceil = l.ceiling(r, work.Mean, sd)
	return ru
}

// dropWanted leaves to bigger waiting tasks the candidates they fit: all of
// them when those tasks could take all of them, else the fastest
// (cautiously) covering bn slots. It reports whether it dropped all.
func dropWanted(ss []scored, slots func(i int) int, bn float64) ([]scored, bool) {
	f := 0
	var wanted []int
	for k, s := range ss {
		if s.wanted {
			f += slots(s.i)
			wanted = append(wanted, k)
		}
	}
	if f == 0 {
		return ss, false
	}
	all := float64(f) <= bn
	if !all {
		sort.Slice(wanted, func(a, b int) bool {
			x, y := ss[wanted[a]], ss[wanted[b]]
			if x.cautHi != y.cautHi {
				return x.cautHi > y.cautHi
			}
			return x.i < y.i
		})
		acc := 0
		for n, k := range wanted {
			if float64(acc) >= bn {
				for _, k := range wanted[n:] {
					ss[k].wanted = false // not needed by bigger tasks
				}
				break
			}
			acc += slots(ss[k].i)
		}
	}
	kept := ss[:0]
	for _, s := range ss {
		if !s.wanted {
			kept = append(kept, s)
		}
	}
	return kept, all
}

// ceiling returns, for a round of a program of log work w (sd its
// uncertainty), how many tasks of bigger programs wait (bn) and the
// cautious log speed at or above which a provider fits them (ceil; −Inf:
// any does). Longest tasks first (LPT) keeps the makespan short: while
// more tasks wait than there are free slots, the providers bigger tasks
// fit are theirs. Only bigger programs that arrived before this one or
// within lptWindow after it count, so a stream of big jobs never starves a
// small one.
func (l *Learned) ceiling(r Round, w, sd float64) (bn, ceil float64) {
	if r.Now.IsZero() || !l.saturated {
		return 0, math.Inf(1)
	}
	bn, wNext := l.load.bigger(r.Program, math.Exp(w), r.Priority, r.Now)
	if bn <= 0 {
		return 0, math.Inf(1)
	}
	return bn, l.threshold(r, math.Log(wNext)+l.cfg.Caution*sd)
}

// threshold returns the cautious log speed below which a provider is a
// straggler for a task of log work w in round r. With B tasks left (the
// backlog plus half the attempts in flight, as remaining work) of mean work
// W̄ (weighted by the programs' waiting tasks), the providers cautiously at
// least as fast as s, of capacity C(≥s), finish them in about B·W̄/C(≥s); a
// provider is worth using only if its cautious run, e^w/s, ends within that
// horizon: C(≥s)/s ≤ B·W̄/e^w. Big tasks so go to fast providers and small
// ones fill the slow ones, as in the fluid schedule that the clairvoyant
// bound describes. The cautiously fastest provider always passes.
func (l *Learned) threshold(r Round, w float64) float64 {
	if r.Backlog <= 0 || l.model.nProgs == 0 && r.Timeout <= 0 {
		return math.Inf(-1) // no load known, or no idea yet of any work
	}
	work := math.Exp(w)
	x := &l.idx
	l.maybeRebuild(r.Now)
	if len(x.logs) == 0 {
		return math.Inf(-1)
	}
	b := (float64(r.Backlog) + l.inflight/2) * l.load.mean(r.Now, work) / work
	if r.Preference == "green" {
		b *= l.cfg.GreenSlack // green trades some speed for clean power
	}
	ok := func(i int) bool { return x.cum[i]/math.Exp(x.logs[i]) <= b }
	// ok is true for a prefix of the fastest providers.
	n := sort.Search(len(x.logs), func(i int) bool { return !ok(i) })
	if n == len(x.logs) {
		return math.Inf(-1)
	}
	if n == 0 {
		return x.logs[0]
	}
	return x.logs[n-1]
}

// backlogWork estimates the mean work of the tasks waiting for a provider:
// the mean of the programs' work weighted by their waiting tasks, as their
// latest Shortlist rounds reported them (Round.Tasks is a job's waiting
// count there) less what their rounds placed since. Programs not seen for a
// while no longer count.
type backlogWork struct {
	progs       map[wire.CID]*progLoad
	list        []*progLoad // progs' values, for a scan without map iteration
	sumN, sumNW float64
	swept       time.Time
}

type progLoad struct {
	prog        wire.CID
	n, w        float64
	seen, first time.Time
	prio        int
}

// backlogTTL is how long a program's waiting count counts without news.
const backlogTTL = 30 * time.Second

// lptWindow: a program is held back only for bigger ones that arrived
// before it or within this window after it. Longest first shortens a
// batch's makespan; in a stream of jobs it would only delay small ones, so
// it reorders only jobs that arrive together.
const lptWindow = 10 * time.Second

// update records that program has n tasks waiting, of work w each, at now.
func (b *backlogWork) update(program wire.CID, n int, w float64, now time.Time, prio int) {
	if b.progs == nil {
		b.progs = map[wire.CID]*progLoad{}
	}
	p, ok := b.progs[program]
	if !ok {
		p = &progLoad{prog: program, first: now}
		b.progs[program] = p
		b.list = append(b.list, p)
	}
	b.sumN -= p.n
	b.sumNW -= p.n * p.w
	p.n, p.w, p.seen, p.prio = float64(n), w, now, prio
	b.sumN += p.n
	b.sumNW += p.n * p.w
}

// placed records that n of program's waiting tasks were placed.
func (b *backlogWork) placed(program wire.CID, n int) {
	if p, ok := b.progs[program]; ok && n > 0 {
		d := math.Min(p.n, float64(n))
		p.n -= d
		b.sumN -= d
		b.sumNW -= d * p.w
	}
}

// bigger returns the tasks waiting of programs whose tasks are bigger than
// w (by a fifth), of at least priority prio, that arrived before program or
// within lptWindow after it, and the smallest work among them.
func (b *backlogWork) bigger(program wire.CID, w float64, prio int, now time.Time) (n, wNext float64) {
	me, ok := b.progs[program]
	if !ok {
		return 0, 0
	}
	wNext = math.Inf(1)
	for _, p := range b.list {
		if p.prog == program || p.n <= 0 || p.w <= 1.2*w || p.prio < prio || now.Sub(p.seen) > backlogTTL || p.first.Sub(me.first) > lptWindow {
			continue
		}
		n += p.n
		wNext = math.Min(wNext, p.w)
	}
	return n, wNext
}

// mean returns the weighted mean work, or fallback when nothing is known.
func (b *backlogWork) mean(now time.Time, fallback float64) float64 {
	if !now.IsZero() && now.Sub(b.swept) > backlogTTL/2 {
		b.swept = now
		b.sumN, b.sumNW = 0, 0
		// Sum in a fixed order: map order would make the sum's last bits,
		// and so decisions, differ between runs.
		keys := make([]wire.CID, 0, len(b.progs))
		for k, p := range b.progs {
			if now.Sub(p.seen) > backlogTTL {
				delete(b.progs, k)
				continue
			}
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
		b.list = b.list[:0]
		for _, k := range keys {
			b.list = append(b.list, b.progs[k])
		}
		for _, k := range keys {
			p := b.progs[k]
			b.sumN += p.n
			b.sumNW += p.n * p.w
		}
	}
	if b.sumN < 1 {
		return fallback
	}
	return b.sumNW / b.sumN
}
