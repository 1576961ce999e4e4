package sim

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/sched"
	"github.com/deco-network/deco/internal/wire"
)

// Report is what one simulation measured. Times are in seconds of virtual
// time from the start; money in DECO. Everything but Timing is a function
// of the scenario alone (deterministic replay).
type Report struct {
	Scenario  string `json:"scenario"`
	Policy    string `json:"policy"`
	Seed      uint64 `json:"seed"`
	Providers int    `json:"providers"`
	Jobs      int    `json:"jobs"`
	Tasks     int    `json:"tasks"`

	Makespan   float64 `json:"makespan_s"`    // until the last task ended (verified or failed)
	LowerBound float64 `json:"lower_bound_s"` // clairvoyant bound on the makespan (see lowerBound)
	Ratio      float64 `json:"ratio"`         // Makespan / LowerBound
	// CrashFreeBound is the bound were no provider ever down: below
	// LowerBound when providers crash; RatioCrashFree is Makespan over it.
	CrashFreeBound float64 `json:"crash_free_bound_s"`
	RatioCrashFree float64 `json:"ratio_crash_free"`
	MeanCompletion float64 `json:"mean_completion_s"` // job arrival to task verified
	P95Completion  float64 `json:"p95_completion_s"`

	Completed    int     `json:"completed"`
	Failed       int     `json:"failed"`
	Unfinished   int     `json:"unfinished"` // still open at the horizon
	Retried      int     `json:"retried"`    // tasks that needed more than one attempt
	Attempts     int     `json:"attempts"`
	TotalCost    float64 `json:"total_cost_deco"` // paid for verified attempts
	MeanPrice    float64 `json:"mean_price_deco"` // per assignment
	CheaterShare float64 `json:"cheater_share"`   // fraction of attempts given to cheating providers
	BadAccepted  int     `json:"bad_accepted"`    // cheats verification missed
	CarbonKg     float64 `json:"carbon_kg"`       // emitted by the runs, failed ones included

	// PredictionError is the median absolute relative error of the
	// scheduler's run-time predictions after warm-up (the first 20% of
	// completed attempts); nil for policies that do not predict.
	PredictionError *float64 `json:"prediction_error,omitempty"`
	Utilization     float64  `json:"utilization"`    // slot time busy / slot time available, over the makespan
	UtilizationCV   float64  `json:"utilization_cv"` // spread of per-provider utilization (std/mean)
	Overcommits     int      `json:"overcommits"`    // assignments that found the provider's slots full
	Events          int      `json:"events"`

	Timing Timing `json:"timing"`
	Series Series `json:"-"`
}

// Timing is measured on the wall clock, so it differs between runs.
type Timing struct {
	Wall            float64 `json:"wall_s"`
	Rounds          int     `json:"rounds"`       // auction rounds ranked
	DecisionMicros  float64 `json:"decision_us"`  // scheduler CPU per round (shortlist + rank)
	RankMicros      float64 `json:"rank_us"`      // per Rank/Plan call
	ShortlistMicros float64 `json:"shortlist_us"` // per Shortlist call (0 if the market never asks)
	Shortlists      int     `json:"shortlists"`
}

// Series are the data behind the plots.
type Series struct {
	Completion  []float64 // per verified task, seconds, ascending
	Utilization []float64 // per provider, descending
	Learning    []Point   // median relative prediction error over virtual time
	Time        []float64 // bucket start, seconds
	Busy        []float64 // fraction of all slots busy
	Price       []float64 // mean assigned price, DECO (NaN when none)
	Demand      []float64 // tasks submitted per minute
}

// Point is an (x, y) pair.
type Point struct{ X, Y float64 }

func (e *engine) report() Report {
	sc := e.sc
	r := Report{Scenario: sc.Name, Policy: sc.Policy, Seed: sc.Seed, Providers: len(e.provs), Jobs: len(e.jobs),
		Events: e.events, Overcommits: e.overcommits, BadAccepted: e.badAccepted}
	var last time.Duration
	var cost, cheats float64
	var completions []float64
	for _, jp := range e.jobs {
		r.Tasks += len(jp.work)
		j := e.m.Job(jp.id)
		if j == nil {
			r.Unfinished += len(jp.work)
			continue
		}
		for _, t := range j.Tasks {
			r.Attempts += len(t.Attempts)
			if len(t.Attempts) > 1 {
				r.Retried++
			}
			for _, a := range t.Attempts {
				if p := e.byPeer[a.Provider]; p != nil && p.strategy != Honest {
					cheats++
				}
			}
			switch t.State {
			case market.TaskVerified:
				a := t.Attempts[len(t.Attempts)-1]
				end := a.Ended.Sub(epoch)
				completions = append(completions, (end - jp.arrive).Seconds())
				cost += float64(a.Price)
				last = max(last, end)
				r.Completed++
			case market.TaskFailed:
				r.Failed++
				last = max(last, t.UpdatedAt.Sub(epoch))
			default:
				r.Unfinished++
			}
		}
	}
	if r.Unfinished > 0 {
		last = max(last, e.now)
	}
	r.Makespan = last.Seconds()
	r.LowerBound = lowerBound(e.provs, e.jobs).Seconds()
	r.CrashFreeBound = crashFreeBound(e.provs, e.jobs).Seconds()
	if r.LowerBound > 0 {
		r.Ratio = r.Makespan / r.LowerBound
	}
	if r.CrashFreeBound > 0 {
		r.RatioCrashFree = r.Makespan / r.CrashFreeBound
	}
	sort.Float64s(completions)
	if n := len(completions); n > 0 {
		s := 0.0
		for _, c := range completions {
			s += c
		}
		r.MeanCompletion = s / float64(n)
		r.P95Completion = completions[min(n-1, int(math.Ceil(0.95*float64(n)))-1)]
	}
	r.TotalCost = cost / wire.MicroPerDECO
	if r.Attempts > 0 {
		r.CheaterShare = cheats / float64(r.Attempts)
	}
	var busy, slots float64
	util := make([]float64, 0, len(e.provs))
	for _, p := range e.provs {
		r.CarbonKg += p.carbonG / 1000
		busy += p.busyTime.Seconds()
		slots += float64(p.slots)
		if r.Makespan > 0 {
			util = append(util, p.busyTime.Seconds()/(float64(p.slots)*r.Makespan))
		}
	}
	if r.Makespan > 0 && slots > 0 {
		r.Utilization = busy / (slots * r.Makespan)
	}
	r.UtilizationCV = cv(util)
	sort.Sort(sort.Reverse(sort.Float64Slice(util)))
	r.Series = Series{Completion: completions, Utilization: util}

	if e.pred != nil && len(e.preds) > 0 {
		errs := make([]float64, len(e.preds))
		for i, p := range e.preds {
			errs[i] = p.relError
		}
		m := median(errs[len(errs)/5:])
		r.PredictionError = &m
		const bins = 25
		for b := range bins {
			lo, hi := b*len(e.preds)/bins, (b+1)*len(e.preds)/bins
			if hi <= lo {
				continue
			}
			r.Series.Learning = append(r.Series.Learning, Point{X: e.preds[hi-1].at.Seconds(), Y: median(errs[lo:hi])})
		}
	}
	var assigns int
	var priceSum float64
	for i, b := range e.series {
		r.Series.Time = append(r.Series.Time, (time.Duration(i) * bucket).Seconds())
		r.Series.Busy = append(r.Series.Busy, b.busy/(bucket.Seconds()*math.Max(slots, 1)))
		p := math.NaN()
		if b.assigns > 0 {
			p = b.priceSum / float64(b.assigns) / wire.MicroPerDECO
		}
		r.Series.Price = append(r.Series.Price, p)
		r.Series.Demand = append(r.Series.Demand, float64(b.arrivals)/bucket.Minutes())
		assigns += b.assigns
		priceSum += b.priceSum
	}
	if assigns > 0 {
		r.MeanPrice = priceSum / float64(assigns) / wire.MicroPerDECO
	}
	t := e.timer
	r.Timing.Rounds = t.rankN
	r.Timing.Shortlists = t.shortN
	if t.rankN > 0 {
		r.Timing.RankMicros = float64(t.rankT.Microseconds()) / float64(t.rankN)
		r.Timing.DecisionMicros = float64((t.rankT + t.shortT).Microseconds()) / float64(t.rankN)
	}
	if t.shortN > 0 {
		r.Timing.ShortlistMicros = float64(t.shortT.Microseconds()) / float64(t.shortN)
	}
	return r
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	c := append([]float64(nil), xs...)
	sort.Float64s(c)
	n := len(c)
	if n%2 == 1 {
		return c[n/2]
	}
	return (c[n/2-1] + c[n/2]) / 2
}

func cv(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	var s, s2 float64
	for _, x := range xs {
		s += x
		s2 += x * x
	}
	n := float64(len(xs))
	m := s / n
	if m == 0 {
		return 0
	}
	return math.Sqrt(math.Max(0, s2/n-m*m)) / m
}

// timed measures the scheduler's CPU time per call on the wall clock. The
// measurement never feeds back into the simulation.
type timed struct {
	s             sched.Scheduler
	rankN, shortN int
	rankT, shortT time.Duration
}

func (t *timed) Rank(req sched.Request, c []sched.Candidate) []sched.Ranked {
	t0 := time.Now()
	r := t.s.Rank(req, c)
	t.rankT += time.Since(t0)
	t.rankN++
	return r
}

func (t *timed) Observe(o sched.Observation) { t.s.Observe(o) }

// SeeOffer passes offers on to a scheduler that watches them (the market
// shows them to its scheduler, which here is t).
func (t *timed) SeeOffer(o wire.Offer, latency time.Duration) {
	if w, ok := t.s.(sched.OfferWatcher); ok {
		w.SeeOffer(o, latency)
	}
}

// timedPlanner is timed for a scheduler that is also a Planner, so the
// market sees the capability.
type timedPlanner struct {
	*timed
	p sched.Planner
}

func (t timedPlanner) Plan(r sched.Round, c []sched.Candidate) []sched.Ranked {
	t0 := time.Now()
	out := t.p.Plan(r, c)
	t.rankT += time.Since(t0)
	t.rankN++
	return out
}

func (t timedPlanner) Shortlist(r sched.Round, c []sched.Candidate, k int) []sched.Candidate {
	return t.shortlist(func() []sched.Candidate { return t.p.Shortlist(r, c, k) })
}

// shortlist times one shortlisting decision.
func (t *timed) shortlist(f func() []sched.Candidate) []sched.Candidate {
	t0 := time.Now()
	out := f()
	t.shortT += time.Since(t0)
	t.shortN++
	return out
}

// timedPoolPlanner is timedPlanner for a scheduler that is also a
// PoolPlanner.
type timedPoolPlanner struct {
	timedPlanner
	pp sched.PoolPlanner
}

func (t timedPoolPlanner) ShortlistPool(r sched.Round, p sched.Pool, k int) []sched.Candidate {
	return t.shortlist(func() []sched.Candidate { return t.pp.ShortlistPool(r, p, k) })
}

// timedSpeculator is timedPoolPlanner for a scheduler that is also a
// Speculator. Its time counts as the scheduler's, without being a decision.
type timedSpeculator struct {
	timedPoolPlanner
	sp sched.Speculator
}

func (t timedSpeculator) Speculate(r sched.Round, running []sched.Running) []int {
	t0 := time.Now()
	out := t.sp.Speculate(r, running)
	t.shortT += time.Since(t0)
	return out
}

// WriteTable prints reports as an aligned table, one policy per row.
func WriteTable(w io.Writer, reports []Report) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "policy\tmakespan s\tbound s\tratio\tno-crash ratio\tmean s\tp95 s\tcost DECO\tfailed\tretried\tcheater %\tcarbon kg\tpred err\tutil\tµs/decision\t")
	for _, r := range reports {
		pe := "-"
		if r.PredictionError != nil {
			pe = fmt.Sprintf("%.1f%%", 100**r.PredictionError)
		}
		fmt.Fprintf(tw, "%s\t%.0f\t%.0f\t%.2f\t%.2f\t%.0f\t%.0f\t%.2f\t%d\t%d\t%.1f\t%.1f\t%s\t%.2f\t%.1f\t\n",
			r.Policy, r.Makespan, r.LowerBound, r.Ratio, r.RatioCrashFree, r.MeanCompletion, r.P95Completion, r.TotalCost,
			r.Failed+r.Unfinished, r.Retried, 100*r.CheaterShare, r.CarbonKg, pe, r.Utilization, r.Timing.DecisionMicros)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write table: %w", err)
	}
	if len(reports) > 0 {
		r := reports[0]
		_, err := fmt.Fprintf(w, "scenario %s, seed %d: %d providers, %d jobs, %d tasks\n", r.Scenario, r.Seed, r.Providers, r.Jobs, r.Tasks)
		return err
	}
	return nil
}

// ComparePolicies is the order `--compare` runs policies in: learned, the
// foundation's weighted scheduler, then the baselines.
func ComparePolicies() []string {
	return append([]string{"learned", "weighted"}, sched.Baselines...)
}

func policyList(ps []string) string { return strings.Join(ps, ", ") }
