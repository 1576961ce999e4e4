package sched

import (
	"math"
)

// Speculate implements Speculator. A running attempt is backed up when a
// backup on one of the fastest providers would, judged cautiously, end
// well before it: its expected remaining time is its predicted run less
// the time it has run (or, once it overruns its prediction, the overrun
// again: a provider that is late is more likely to have crashed), plus its
// failure odds over that time times the cost of a failure. Green jobs are
// never backed up: a backup burns energy for speed.
func (l *Learned) Speculate(r Round, running []Running) []int {
	if r.Preference == "green" || len(running) == 0 || r.Now.IsZero() {
		return nil
	}
	l.maybeRebuild(r.Now)
	x := &l.idx
	if len(x.logs) == 0 {
		return nil
	}
	work := l.model.Work(r.Program)
	w := math.Exp(work.Mean)
	// The backups go to the fastest free providers: judge them by the
	// cautious speed of the len(running)-th fastest known one.
	backup := w * math.Exp(-x.logs[min(len(running), len(x.logs)-1)])
	fc := l.cfg.FailureCost.Seconds()
	var out []int
	var tmp prow
	for i, run := range running {
		row := l.rowFor(Candidate{Peer: run.Peer}, &tmp)
		d := math.Exp(work.Mean - row.mu)
		ran := r.Now.Sub(run.Started).Seconds()
		rem := math.Abs(d - ran)
		rel := relFor(math.Max(row.a/(row.a+row.b), minRel), rem, row.dref)
		expect := rem + (1-rel)/rel*(fc+backup)
		if expect > specMargin*backup {
			out = append(out, i)
		}
	}
	return out
}

// specMargin: a backup is started only if the running attempt is expected
// to take this many times longer than the backup's cautious run.
const specMargin = 1.5
