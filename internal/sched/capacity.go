package sched

import (
	"math"
	"sort"
	"time"
)

// The capacity index: known providers sorted by cautious speed for the
// straggler rule, the elite the screening always looks at, and the
// population means scores are normalized by.

// capIndex is the known providers' capacity sorted by cautious speed, for
// the straggler rule, and the population means the scores are normalized by.
type capIndex struct {
	elite elite
	dirty int
	logs  []float64 // cautious log speeds, descending
	// ref is the work the cautious speeds were judged at (the backlog's
	// mean work at the rebuild): the straggler rule judges every
	// candidate at the same work, so the cautiously fastest always passes
	// whatever the round's program.
	ref     Gauss
	cum     []float64 // cumulative slots × mean speed
	norms   norms
	builtAt time.Time
	built   bool
}

// maybeRebuild rebuilds the index when many rows changed or it is old.
func (l *Learned) maybeRebuild(now time.Time) {
	x := &l.idx
	if !x.built || x.dirty > len(x.logs)/32 || (!now.IsZero() && now.Sub(x.builtAt) > 30*time.Second) {
		l.rebuild(now)
	}
}

// rebuild refreshes every row from the model and rebuilds the capacity
// index and the score norms.
func (l *Learned) rebuild(now time.Time) {
	x := &l.idx
	type e struct {
		row      int32
		ls, caut float64
		slots    int
	}
	es := make([]e, 0, len(l.ros.rows))
	// The failure-cost term needs a run length: the backlog's mean work.
	ref := Gauss{Mean: math.Log(l.load.mean(now, math.Exp(l.model.workMean.Mean)))}
	var n, lat, inv1, bf, cinv1, ask float64
	defCarbon := math.Max(l.carbon, 1)
	for i := range l.ros.rows {
		l.refresh(int32(i))
		w := &l.ros.rows[i]
		if w.slots <= 0 || (!now.IsZero() && w.exp != 0 && now.UnixMilli() > w.exp) {
			continue
		}
		s := scored{a: w.a, b: w.b, mu: w.mu, sd: w.sd, dref: w.dref}
		es = append(es, e{int32(i), w.mu, l.cautious(s, ref), w.slots})
		carbon := w.carbon
		if carbon <= 0 {
			carbon = defCarbon
		}
		f := w.invMean * (1 + w.odds)
		n++
		lat, inv1, bf, cinv1, ask = lat+w.lat.Seconds(), inv1+f, bf+w.odds*l.cfg.FailureCost.Seconds(), cinv1+carbon*f, ask+w.ask
	}
	sort.Slice(es, func(i, j int) bool {
		if es[i].caut != es[j].caut {
			return es[i].caut > es[j].caut
		}
		return es[i].row < es[j].row
	})
	x.logs, x.cum = x.logs[:0], x.cum[:0]
	c := 0.0
	for _, v := range es {
		c += float64(v.slots) * math.Exp(v.ls)
		x.logs = append(x.logs, v.caut)
		x.cum = append(x.cum, c)
	}
	x.elite = elite{rows: x.elite.rows[:0]}
	if k := l.cfg.EliteSize; k > 0 && len(es) > l.cfg.Screen && l.cfg.Screen > 0 {
		for _, v := range es[:min(k, len(es))] { // the fastest, cautiously
			if x.elite.add(benchSig(l.ros.rows[v.row].bench)) {
				x.elite.rows = append(x.elite.rows, v.row)
			}
		}
		by := func(key func(w *prow) float64) {
			sort.Slice(es, func(i, j int) bool {
				a, b := key(&l.ros.rows[es[i].row]), key(&l.ros.rows[es[j].row])
				if a != b {
					return a < b
				}
				return es[i].row < es[j].row
			})
			for _, v := range es[:min(k, len(es))] {
				if x.elite.add(benchSig(l.ros.rows[v.row].bench)) {
					x.elite.rows = append(x.elite.rows, v.row)
				}
			}
		}
		by(func(w *prow) float64 { return w.ask })
		by(func(w *prow) float64 {
			c := w.carbon
			if c <= 0 {
				c = defCarbon
			}
			return c * w.invMean * (1 + w.odds)
		})
	}
	x.norms = norms{}
	if n > 0 {
		x.norms = norms{lat: lat / n, inv1: inv1 / n, bf: bf / n, carbonInv1: cinv1 / n, ask: ask / n, ok: true}
	}
	x.ref = ref
	x.dirty, x.builtAt, x.built = 0, now, true
}
