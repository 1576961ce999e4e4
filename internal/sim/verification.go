package sim

import (
	"context"
	"fmt"
	"io"
	"math"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/verify"
)

// Verification is the verification Monte Carlo, a mode of the simulator:
// identical providers, a share of which cheat with CheatStrategies, serve
// a batch of jobs under one verification policy, and the run measures how
// many wrong results were accepted and how many executions a task cost.
// It is a Scenario (see Scenario) run by the same engine. The zero value of
// a field takes the default named in its comment.
type Verification struct {
	Policy     string  // verification policy as in a job spec (adaptive)
	Tasks      int     // tasks in all (10000)
	Jobs       int     // the tasks are split into this many jobs, submitted together (10)
	Providers  int     // (100)
	Cheaters   float64 // share of providers that cheat (0.10); negative = none
	Slots      int     // concurrent tasks per provider (2)
	WrongRate  float64 // how often a sometimes-wrong cheater lies (0.3)
	TrustBuild int     // attempts a wrong-after-trust cheater runs honestly before lying, and again after each caught lie (20)
	Collude    bool    // cheaters agree on one wrong output root per task
	// Related colluders share a network prefix and a stake funder (the
	// consumer keeps them out of one task's quorum); otherwise they are
	// unrelated Sybils.
	Related bool
	// LocalCheck is the share of accepted results the consumer re-runs
	// itself (0.02; negative = none); KnownAnswers the share of those sent
	// again to another provider as known-answer tasks (the market's 0.5;
	// negative = none).
	LocalCheck   float64
	KnownAnswers float64
	Scheduler    string // a sched.Policies name (weighted)
	// Adaptive tunes adaptive replication (the market's defaults if zero);
	// its Seed is derived from Seed.
	Adaptive verify.AdaptiveConfig
	Seed     uint64        // (1)
	TaskTime time.Duration // mean execution time (1s)
	Horizon  time.Duration // virtual time after which the run stops (24h)

	seeded bool // Seed is used as given, 0 included (a sweep)
}

// VerificationPolicies are the policies `deco bench verify` compares by
// default.
var VerificationPolicies = []string{"adaptive", "replicate:2", "replicate:3"}

func (v Verification) withDefaults() Verification {
	def := func(p *int, d int) {
		if *p == 0 {
			*p = d
		}
	}
	if v.Policy == "" {
		v.Policy = spec.VerifyAdaptive
	}
	def(&v.Tasks, 10000)
	def(&v.Jobs, 10)
	def(&v.Providers, 100)
	def(&v.Slots, 2)
	def(&v.TrustBuild, 20)
	if v.Cheaters == 0 {
		v.Cheaters = 0.10
	}
	v.Cheaters = max(v.Cheaters, 0)
	if v.WrongRate == 0 {
		v.WrongRate = 0.3
	}
	if v.Scheduler == "" {
		v.Scheduler = "weighted"
	}
	if v.Seed == 0 && !v.seeded {
		v.Seed = 1
	}
	if v.LocalCheck == 0 {
		v.LocalCheck = 0.02
	}
	v.LocalCheck = max(v.LocalCheck, 0)
	if v.TaskTime == 0 {
		v.TaskTime = time.Second
	}
	if v.Horizon == 0 {
		v.Horizon = 24 * time.Hour
	}
	v.Adaptive.Seed = v.Seed ^ 0xadab7
	return v
}

// Scenario is the simulation v runs: defaulted and validated, ready for
// the engine. Some of its fields are set to zero after Defaults (no
// benchmark noise, flat prices), so pass it to the engine as it is rather
// than through Run, which would default them again.
func (v Verification) Scenario() (Scenario, error) {
	v = v.withDefaults()
	if v.Tasks < 1 || v.Jobs < 1 || v.Jobs > v.Tasks {
		return Scenario{}, fmt.Errorf("%w: %d tasks in %d jobs", ErrBadScenario, v.Tasks, v.Jobs)
	}
	if v.WrongRate < 0 || v.WrongRate > 1 {
		return Scenario{}, fmt.Errorf("%w: the wrong rate must be within [0, 1], got %g", ErrBadScenario, v.WrongRate)
	}
	if v.TaskTime < 0 || v.Horizon < 0 {
		return Scenario{}, fmt.Errorf("%w: negative task time or horizon", ErrBadScenario)
	}
	per := (v.Tasks + v.Jobs - 1) / v.Jobs
	// Runs vary log-normally by runNoise around a median that makes their
	// mean TaskTime.
	const runNoise = 0.3
	median := time.Duration(float64(v.TaskTime) * math.Exp(-runNoise*runNoise/2))
	zero := 0.0
	sc := Scenario{
		Name: "verification", Seed: v.Seed, Policy: v.Scheduler, Horizon: spec.Duration(v.Horizon),
		Providers: Population{
			Count: v.Providers, Heterogeneity: 1, Slots: [2]int{v.Slots, v.Slots},
			Cheaters: v.Cheaters, Strategies: CheatStrategies, CheatRate: v.WrongRate, TrustBuild: v.TrustBuild, Collude: v.Collude, Related: v.Related,
			// The lies are wrong outputs under valid receipts, returned
			// after doing the work: only the verification policy catches
			// them, and timing does not give them away.
			CheatSpeedup: 1, Detect: &zero,
			Regions: []Region{{Name: "lan", Weight: 1, Latency: spec.Duration(5 * time.Millisecond)}},
			Price:   [2]float64{1000, 1000},
		},
		Workload: Workload{
			Tasks: v.Tasks, TasksPerJob: [2]int{per, per}, WorkMedian: spec.Duration(median), TimeoutFactor: 10,
			Verification: v.Policy, Programs: 1, MaxPrice: [2]float64{10000, 10000},
		},
		Market: MarketParams{Tick: spec.Duration(100 * time.Millisecond), Adaptive: v.Adaptive, LocalCheck: v.LocalCheck, KnownAnswers: v.KnownAnswers},
	}
	sc.Defaults()
	// Identical providers at a flat price, identical tasks whose runs vary
	// (by about 30%), priorities all equal: what differs between policies
	// is verification alone.
	p, w := &sc.Providers, &sc.Workload
	p.BenchNoise, p.UtilizationWeight, p.DemandWeight = 0, 0, 0
	p.RunNoise = runNoise
	w.JobSpread, w.TaskSpread = 0, 0
	w.Priority = [2]int{0, 0}
	sc.Network.Jitter = 0
	return sc, sc.Validate()
}

// VerificationResult is what one verification run measured.
type VerificationResult struct {
	Policy   string `json:"policy"`
	Tasks    int    `json:"tasks"`
	Verified int    `json:"verified"`
	Failed   int    `json:"failed"`
	// WrongAccepted counts verified tasks whose accepted output root is
	// wrong when the run ends; WrongRate is WrongAccepted / Tasks.
	WrongAccepted int     `json:"wrong_accepted"`
	WrongRate     float64 `json:"wrong_rate"`
	// Executions counts attempts started (every assignment a provider took
	// into a slot, replicas and re-checks included); Replicas is
	// Executions / Tasks.
	Executions int     `json:"executions"`
	Replicas   float64 `json:"replicas_per_task"`
	// Lies counts wrong results returned; WrongPaid those paid for.
	Lies          int     `json:"lies"`
	WrongPaid     int     `json:"wrong_paid"`
	WrongPaidRate float64 `json:"wrong_paid_rate"` // WrongPaid / Tasks
	Rejected      int     `json:"rejected"`        // results that lost a quorum before payment
	// LocalChecks counts tasks the consumer re-ran itself (not in
	// Executions, which are the providers').
	LocalChecks int `json:"local_checks"`
	// ByStrategy splits providers, executions and lies by strategy, and
	// wrong results accepted by the strategy of the provider whose result
	// was accepted.
	ByStrategy map[Strategy]StrategyResult `json:"by_strategy"`
	Makespan   time.Duration               `json:"makespan"`   // from submission to the last job's end
	Unfinished int                         `json:"unfinished"` // tasks not terminal at the horizon
}

// StrategyResult is a strategy's share of a run.
type StrategyResult struct {
	Providers     int `json:"providers"`
	Executions    int `json:"executions"`
	Lies          int `json:"lies"`
	WrongAccepted int `json:"wrong_accepted"`
	WrongPaid     int `json:"wrong_paid"`
}

// RunVerification runs one verification experiment. It is deterministic
// for v.
func RunVerification(ctx context.Context, v Verification) (VerificationResult, error) {
	sc, err := v.Scenario()
	if err != nil {
		return VerificationResult{}, err
	}
	s, err := newPolicy(sc)
	if err != nil {
		return VerificationResult{}, err
	}
	e, err := simulate(ctx, sc, s)
	if err != nil {
		return VerificationResult{}, err
	}
	return e.verification(), nil
}

// CompareVerification runs v once per policy (v.Policy is ignored) on the
// same seed: the same providers, cheaters and tasks.
func CompareVerification(ctx context.Context, v Verification, policies ...string) ([]VerificationResult, error) {
	out := make([]VerificationResult, 0, len(policies))
	for _, p := range policies {
		c := v
		c.Policy = p
		r, err := RunVerification(ctx, c)
		if err != nil {
			return out, fmt.Errorf("%s: %w", p, err)
		}
		out = append(out, r)
	}
	return out, nil
}

// verification is the engine's result as a VerificationResult.
func (e *engine) verification() VerificationResult {
	c := e.verdicts
	r := VerificationResult{Policy: e.sc.Workload.Verification, WrongAccepted: e.badAccepted, Executions: c.executions,
		Lies: c.lies, WrongPaid: c.wrongPaid, Rejected: c.rejected, LocalChecks: c.checks, ByStrategy: map[Strategy]StrategyResult{}}
	for _, p := range e.provs {
		c.of(p.strategy).Providers++
	}
	for s, sr := range c.by {
		r.ByStrategy[s] = *sr
	}
	var start, end time.Time
	for _, jp := range e.jobs {
		r.Tasks += len(jp.work)
		if at := epoch.Add(jp.arrive); start.IsZero() || at.Before(start) {
			start = at
		}
		j := e.m.Job(jp.id)
		if j == nil {
			r.Unfinished += len(jp.work)
			continue
		}
		if j.EndedAt.After(end) {
			end = j.EndedAt
		}
		for _, t := range j.Tasks {
			switch t.State {
			case market.TaskVerified:
				r.Verified++
			case market.TaskFailed, market.TaskCancelled:
				r.Failed++
			default:
				r.Unfinished++
			}
		}
	}
	if !end.IsZero() {
		r.Makespan = end.Sub(start)
	}
	if r.Tasks > 0 {
		r.WrongRate = float64(r.WrongAccepted) / float64(r.Tasks)
		r.WrongPaidRate = float64(r.WrongPaid) / float64(r.Tasks)
		r.Replicas = float64(r.Executions) / float64(r.Tasks)
	}
	return r
}

// WriteVerificationTable writes results as an aligned table, one policy
// per row.
func WriteVerificationTable(w io.Writer, rs []VerificationResult) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "policy\ttasks\twrong accepted\twrong rate\treplicas/task\tlies\twrong paid\tfailed\tmakespan\t")
	for _, r := range rs {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%.3f%%\t%.3f\t%d\t%d\t%d\t%s\t\n", r.Policy, r.Tasks, r.WrongAccepted, 100*r.WrongRate, r.Replicas, r.Lies, r.WrongPaid, r.Failed, r.Makespan.Round(time.Second))
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write table: %w", err)
	}
	return nil
}

// String summarises r on one line.
func (r VerificationResult) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d/%d wrong accepted (%.3f%%), %.3f replicas/task, %d lies, %d wrong paid, %d failed", r.Policy, r.WrongAccepted, r.Tasks, 100*r.WrongRate, r.Replicas, r.Lies, r.WrongPaid, r.Failed)
	return b.String()
}
