package sched

import (
	"math"
	"sort"
	"time"

	"github.com/deco-network/deco/internal/wire"
)

// Screening: choosing whom to ask for bids among every eligible provider
// (Shortlist, ShortlistPool) with an optimistic bound per provider, so a
// decision's cost stays flat however large the network.

// unreserve ends the reservations of program's open round.
func (l *Learned) unreserve(program wire.CID) {
	for _, i := range l.roundRows[program] {
		l.ros.rows[i].res = reservation{}
	}
	delete(l.roundRows, program)
}

// reservedRows counts the rows reserved at now, and forgets the rounds
// whose reservations all expired (a round that never closed).
func (l *Learned) reservedRows(now time.Time) int {
	n := 0
	for p, rows := range l.roundRows {
		live := 0
		for _, i := range rows {
			if res := l.ros.rows[i].res; res.slots > 0 && (now.IsZero() || now.Before(res.until)) {
				live++
			}
		}
		if live == 0 {
			delete(l.roundRows, p)
		}
		n += live
	}
	return n
}

// cand is an eligible provider that passed the screening: its optimistic
// score, its row, its index in eligible.
type cand struct {
	lb     float32
	row    int32
	i      int32
	wanted bool
}

// candLess orders screened candidates; ties go to the lower row, a
// property of the provider, so the order the market lists them in never
// matters.
func candLess(a, b cand) bool {
	if a.lb != b.lb {
		return a.lb < b.lb
	}
	return a.row < b.row
}

// keep adds c to h, a max-heap of the best m candidates by candLess.
func keep(h []cand, c cand, m int) []cand {
	if len(h) == m {
		if !candLess(c, h[0]) {
			return h
		}
		h[0] = c
		for i := 0; ; {
			l, r, big := 2*i+1, 2*i+2, i
			if l < len(h) && candLess(h[big], h[l]) {
				big = l
			}
			if r < len(h) && candLess(h[big], h[r]) {
				big = r
			}
			if big == i {
				return h
			}
			h[i], h[big] = h[big], h[i]
			i = big
		}
	}
	h = append(h, c)
	for i := len(h) - 1; i > 0; {
		p := (i - 1) / 2
		if !candLess(h[p], h[i]) {
			break
		}
		h[i], h[p] = h[p], h[i]
		i = p
	}
	return h
}

// Shortlist implements Planner: every eligible provider is screened by an
// optimistic bound on its score (one table lookup and a few multiplies
// each), the most promising are scored with Thompson samples, and the best
// are returned, enough of them to cover the round's tasks with a margin, at
// most k. A provider whose offer the scheduler never saw is always scored.
func (l *Learned) Shortlist(r Round, eligible []Candidate, k int) []Candidate {
	if k <= 0 || len(eligible) == 0 {
		return nil
	}
	l.decision++
	return l.shortlist(r, eligible, k, nil)
}

// ShortlistPool implements PoolPlanner: with many more eligible providers
// than Screen it looks up only a sample and the elite, as Shortlist would
// screen, from the providers whose offers it saw, instead of receiving
// every eligible one; otherwise it is Shortlist(r, pool.All(), k). The
// sample is a window of its roster at a pseudo-random place, so a decision
// costs about Sample·(known/eligible) + 3·EliteSize lookups whatever the
// network's size.
// An eligible provider whose offer it never saw is found only through All:
// the market shows it every offer it caches (OfferWatcher).
func (l *Learned) ShortlistPool(r Round, pool Pool, k int) []Candidate {
	n := pool.Len()
	if k <= 0 || n == 0 {
		return nil
	}
	if l.cfg.Screen > 0 && n > l.cfg.Screen && l.cfg.EliteSize > 0 {
		l.maybeRebuild(r.Now)
	}
	// A sample of the roster holds about Sample·rows/n providers to look
	// up by peer id; listing the pool costs n steps several times cheaper
	// (a dense scan): list when that is less.
	rows := len(l.ros.rows)
	window := l.cfg.Sample * rows / max(n, 1)
	if l.cfg.Screen <= 0 || n <= l.cfg.Screen || l.cfg.EliteSize <= 0 || len(l.idx.elite.rows) == 0 ||
		n <= 6*(window+len(l.idx.elite.rows)) || window >= rows {
		el := pool.All()
		if len(el) == 0 {
			return nil
		}
		l.decision++
		return l.shortlist(r, el, k, nil)
	}
	l.decision++
	salt, _ := l.sampling(n)
	el, rowsOf := l.poolEl[:0], l.poolRows[:0]
	hinted, _ := pool.(HintedPool)
	look := func(i int32) {
		w := &l.ros.rows[i]
		var c Candidate
		var ok bool
		if hinted != nil {
			c, ok = hinted.LookupHint(w.peer, &w.hint)
		} else {
			c, ok = pool.Lookup(w.peer)
		}
		if ok {
			el, rowsOf = append(el, c), append(rowsOf, i)
		}
	}
	// The elite (distinct rows), then the sample's rows outside it.
	for _, i := range l.idx.elite.rows {
		look(i)
	}
	ps := poolSample{pop: n, rows: rowsOf, elite: len(el)}
	// The sample: a window of the roster at a random place (rows are in
	// the order offers were first seen, which says nothing of a
	// provider's merit), about Sample of the pool's providers.
	eliteSig := &l.idx.elite
	start := int(salt % uint64(rows))
	for k := range window {
		i := (start + k) % rows
		if !eliteSig.has(l.ros.sigs[i]) {
			look(int32(i))
		}
	}
	ps.rows = rowsOf
	l.poolEl, l.poolRows = el[:0], rowsOf[:0]
	if len(el) == 0 {
		return nil
	}
	return l.shortlist(r, el, k, &ps)
}

// poolSample describes a ShortlistPool's candidates: a sample of about pop
// eligible providers, found at these roster rows, the first elite of them
// the elite's.
type poolSample struct {
	pop   int
	rows  []int32
	elite int
}

// sampling returns the salt and limit of the decision's screening sample
// among pop eligible providers: those whose (signature ^ salt) >> 32 is
// below limit, about Sample of them.
func (l *Learned) sampling(pop int) (salt, limit uint64) {
	salt = mix64(l.seed ^ l.decision*0x9e3779b97f4a7c15)
	if l.cfg.Screen > 0 && pop > l.cfg.Screen {
		limit = uint64(float64(l.cfg.Sample) / float64(pop) * (1 << 32))
	}
	return salt, limit
}

// shortlist is Shortlist after the decision count moved; ps as in screen.
func (l *Learned) shortlist(r Round, eligible []Candidate, k int, ps *poolSample) []Candidate {
	ru := l.rulesFor(r)
	if r.Tasks > 0 && !r.Backup {
		l.load.update(r.Program, r.Tasks, ru.w, r.Now, r.Priority)
	}
	ss, best, ceiled := l.screen(r, ru, eligible, k, ps)
	if r.Preference == "green" && !ru.released {
		// Green waits for clean providers: it skips those emitting more than
		// GreenFactor times the cleanest free one (the ski-rental release
		// below bounds the wait).
		minE := math.Inf(1)
		for _, s := range ss {
			minE = math.Min(minE, s.e)
		}
		kept := ss[:0]
		for _, s := range ss {
			if s.e <= l.cfg.GreenFactor*minE {
				kept = append(kept, s)
			}
		}
		ss = kept
	}
	l.scratch = ss[:0]
	if len(ss) == 0 {
		if ceiled {
			return nil // bigger tasks go first
		}
		if !ru.released && !r.Now.IsZero() && !math.IsInf(best, 1) && (!math.IsInf(ru.cut, -1) || r.Preference == "green") {
			since, ok := l.heldSince[r.Program]
			wait := best * l.waitFactor(r)
			if !ok {
				l.heldSince[r.Program], since = r.Now, r.Now
			} else if r.Now.Sub(since).Seconds() >= wait {
				l.heldSince[r.Program] = time.Time{} // released: see released
				delete(l.holdEnds, r.Program)
				l.decision++
				return l.shortlist(r, eligible, k, ps)
			}
			l.holdEnds[r.Program] = since.Add(time.Duration(min(wait, 3600) * float64(time.Second)))
		}
		return nil
	}
	if since, ok := l.heldSince[r.Program]; ok && !since.IsZero() {
		delete(l.heldSince, r.Program)
		delete(l.holdEnds, r.Program)
	}
	l.finish(ss, r.Preference, ru.w)
	top := topK(ss, k, eligible)
	need := k
	if r.Tasks > 0 {
		// Ask enough providers to cover the tasks one and a half times over.
		want, slots := (3*r.Tasks+1)/2+1, 0
		for n, s := range top {
			slots += eligible[s.i].Slots
			if slots >= want {
				need = n + 1
				break
			}
		}
	}
	out := make([]Candidate, 0, min(need, len(top)))
	left := r.Tasks
	for _, s := range top[:min(need, len(top))] {
		c := eligible[s.i]
		out = append(out, c)
		if r.Tasks > 0 && !r.Now.IsZero() && s.row >= 0 {
			n := min(c.Slots, max(left, 1))
			left -= n
			res := &l.ros.rows[s.row].res
			if r.Now.Before(res.until) {
				n += res.slots
			}
			*res = reservation{slots: n, until: r.Now.Add(5 * time.Second)}
			l.roundRows[r.Program] = append(l.roundRows[r.Program], s.row)
		}
	}
	return out
}

// screen returns the eligible providers a round may use, scored with
// Thompson samples, the shortest cautious run among the usable ones (for
// the hold's ski rental) and whether the longest-first rule left them all
// to bigger tasks. It reads each candidate's row (above Screen candidates,
// a sample's and the elite's), drops stragglers and those too slow for the
// time limit, keeps the Preselect × k best by an optimistic bound on their
// score, and samples those.
//
// ps != nil says eligible is already a pool's sample (see ShortlistPool) out
// of about ps.pop eligible providers: each is screened, those outside the
// elite standing for ps.pop/Sample providers each.
func (l *Learned) screen(r Round, ru rules, eligible []Candidate, k int, ps *poolSample) (ss []scored, best float64, ceiled bool) {
	wt, wp, we := weightsOf(r.Preference)
	tn, pn, en := l.idx.norms.of(ru.w)
	if pn <= 0 {
		// No asks known: normalize prices by the candidates' mean (an
		// integer sum, the same in any order).
		var sum, n uint64
		for i := range eligible {
			if c := &eligible[i]; c.Price <= r.MaxPrice && c.Slots > 0 {
				sum, n = sum+uint64(c.Price), n+1
			}
		}
		if n > 0 {
			pn = float64(sum) / float64(n)
		}
	}
	bounded := l.idx.norms.ok && tn > 0 && pn > 0 && en > 0 && l.cfg.Preselect > 0
	// Keep the best m by the bound, more by as many as rows are reserved:
	// reservations are checked only on those kept.
	m := l.cfg.Preselect*k + l.reservedRows(r.Now)
	if !bounded {
		m = math.MaxInt
	}
	wt, wp, we = wt/tn, wp/pn, we/en
	wt32, wp32, we32 := float32(wt), float32(wp), float32(we)
	lat32 := float32(wt) * 1e-9 // per nanosecond of latency
	defCarbon := float32(math.Max(l.carbon, 1))
	straggle := float32(ru.cut - ru.slack)
	if math.IsInf(ru.cut, -1) {
		straggle = float32(math.Inf(-1))
	}
	ceil := float32(ru.ceil)
	w32, maxRun := float32(ru.w), float32(ru.maxRun)
	floor := float32(l.cfg.HoldFloor.Seconds()) // see straggler
	fc32 := float32(l.cfg.FailureCost.Seconds())
	var free int
	bestCaut := float32(math.Inf(-1))
	h, hw := l.pre[:0], l.preW[:0] // the best of all; of those bigger tasks do not want
	unknown := l.unknown[:0]
	var shared screenVals
	// Above Screen eligible providers, screen a sample and the elite; the
	// sample is drawn by a hash of the benchmark and the decision, so it is
	// the same whatever the candidates' order.
	sampled := l.cfg.Screen > 0 && len(eligible) > l.cfg.Screen
	pop := len(eligible)
	if ps != nil {
		sampled, pop = true, ps.pop
	}
	salt, limit := l.sampling(pop)
	weight := 1.0 // of a sampled provider in the counts below
	if sampled {
		weight = float64(pop) / float64(l.cfg.Sample)
	}
	el := &l.idx.elite
	var wanted64 float64
	wl := l.wl[:0] // the wanted: cautious speed (in lb), row, slots (in i)
	for i := range eligible {
		c := &eligible[i]
		if c.Price > r.MaxPrice || c.Slots <= 0 {
			continue
		}
		wgt := 1.0
		if ps != nil {
			// A pool's sample: its rows are known.
			if i >= ps.elite {
				wgt = weight
			}
			free += int(math.Round(wgt * float64(c.Slots)))
		} else {
			free += c.Slots
		}
		var row int32
		var sv *screenVals
		if ps != nil {
			row = ps.rows[i]
			sv = &l.ros.svs[row]
		} else {
			sig := benchSig(c.Benchmark)
			if sampled {
				inSample := (sig^salt)>>32 < limit
				if !inSample && !el.maybe(sig) {
					continue
				}
				if isElite := el.has(sig); !isElite && !inSample {
					continue
				} else if !isElite {
					wgt = weight
				}
			}
			sl := l.ros.findSig(sig)
			if sl == nil {
				unknown = append(unknown, int32(i))
				continue
			}
			row, sv = sl.row-1, &sl.screenVals
			if row < 0 { // a shared signature
				if row = l.ros.row(c.Peer); row < 0 {
					unknown = append(unknown, int32(i))
					continue
				}
				shared = l.ros.screenOf(row)
				sv = &shared
			}
		}
		wanted := ru.bn > 0 && sv.cautHi >= ceil
		if !wanted && sv.cautHi > bestCaut {
			bestCaut = sv.cautHi
		}
		if sv.cautHi < straggle && w32*sv.invMean > floor || w32*sv.invMean > maxRun {
			continue
		}
		if wanted {
			wanted64 += wgt * float64(c.Slots)
			wl = append(wl, cand{lb: sv.cautHi, row: row, i: int32(c.Slots)})
		}
		var lb float32
		if bounded {
			carbon := sv.carbon
			if carbon <= 0 {
				carbon = defCarbon
			}
			d1 := w32 * sv.invOpt
			o := min(sv.oc+sv.h*d1, maxOdds) // odds of failing a run of d ≥ d1: at least this
			lb = lat32*float32(c.Latency) + wt32*(d1*(1+o)+o*fc32) + wp32*float32(c.Price) + we32*d1*(1+o)*carbon
		}
		e := cand{lb: lb, row: row, i: int32(i), wanted: wanted}
		if !bounded {
			h = append(h, e)
			continue
		}
		if len(h) < m || candLess(e, h[0]) {
			h = keep(h, e, m)
		}
		if !wanted && (len(hw) < m || candLess(e, hw[0])) {
			hw = keep(hw, e, m)
		}
	}
	l.saturated = r.Backlog > free
	best = math.Inf(1)
	if !math.IsInf(float64(bestCaut), -1) {
		best = ru.w * math.Exp(-float64(bestCaut))
	}
	// Bigger tasks take the providers they fit when they could take all of
	// them, else the fastest of them covering their tasks.
	ceiled = wanted64 > 0 && wanted64 <= ru.bn
	if !ceiled && ru.bn > 0 && len(wl) > 0 {
		sort.Slice(wl, func(a, b int) bool {
			if wl[a].lb != wl[b].lb {
				return wl[a].lb > wl[b].lb
			}
			return wl[a].row < wl[b].row
		})
		acc := 0.0
		for _, e := range wl {
			if acc >= ru.bn {
				break
			}
			l.ros.rows[e.row].skip = l.decision
			acc += float64(e.i) * weight
		}
	}
	l.wl = wl[:0]
	pick := h
	if ceiled {
		pick = hw
	}
	if bounded {
		sort.Slice(pick, func(a, b int) bool { return candLess(pick[a], pick[b]) })
	}
	l.pre, l.preW = h[:0], hw[:0]
	ss = l.scratch[:0]
	score := func(i int, row int32, w *prow) {
		c := eligible[i]
		s := l.evaluate(w, c, ru.work, true, false)
		s.i, s.row = i, row
		if l.straggler(s, ru) {
			return
		}
		ss = append(ss, s)
	}
	var tmp prow
	n := 0
	for _, e := range pick {
		if bounded && n == l.cfg.Preselect*k {
			break
		}
		c := eligible[e.i]
		w := &l.ros.rows[e.row]
		if w.skip == l.decision {
			continue // left to bigger tasks
		}
		if w.peer != c.Peer {
			// The tag matched another provider's: use its own row.
			e.row = l.ros.row(c.Peer)
			w = l.rowFor(c, &tmp)
		}
		if e.row >= 0 {
			if res := l.ros.rows[e.row].res; res.slots > 0 && (r.Now.IsZero() || r.Now.Before(res.until)) && c.Slots <= res.slots {
				continue // its free slots are spoken for by another open round
			}
		}
		n++
		score(int(e.i), e.row, w)
	}
	for _, i := range unknown {
		c := eligible[i]
		w := l.rowFor(c, &tmp)
		wanted := ru.bn > 0 && w.cautHi >= ru.ceil
		if !wanted {
			best = math.Min(best, ru.w*math.Exp(-w.cautHi))
		}
		if ru.w*w.invMean > ru.maxRun || wanted && ceiled {
			continue
		}
		score(int(i), l.ros.row(c.Peer), w)
	}
	l.unknown = unknown[:0]
	return ss, best, ceiled
}
