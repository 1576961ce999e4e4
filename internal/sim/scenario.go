package sim

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/deco-network/deco/internal/sched"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/verify"
)

// Scenario is the full model of one simulation: who provides, what is
// submitted, how the network behaves, how the consumer's market is tuned
// and which policy schedules. Zero fields take the defaults documented on
// them (see Defaults); LoadScenario reads it from YAML.
type Scenario struct {
	Name    string        `yaml:"name" json:"name"`
	Seed    uint64        `yaml:"seed" json:"seed"`
	Policy  string        `yaml:"policy" json:"policy"`   // a name in sched.Policies (learned)
	Horizon spec.Duration `yaml:"horizon" json:"horizon"` // virtual time limit (72h)

	Providers Population   `yaml:"providers" json:"providers"`
	Workload  Workload     `yaml:"workload" json:"workload"`
	Network   Network      `yaml:"network" json:"network"`
	Market    MarketParams `yaml:"market" json:"market"`
}

// Population models the providers.
type Population struct {
	Count int `yaml:"count" json:"count"` // number of providers (1000)
	// Heterogeneity is the ratio of the fastest to the slowest true speed;
	// speeds are log-uniform in [BaseSpeed, BaseSpeed × Heterogeneity] (10).
	Heterogeneity float64 `yaml:"heterogeneity" json:"heterogeneity"`
	BaseSpeed     float64 `yaml:"base_speed" json:"base_speed"` // slowest true speed, benchmark units (100)
	Slots         [2]int  `yaml:"slots" json:"slots"`           // concurrent tasks, uniform in the range ([1, 4])
	// OverDeclaring is the fraction of providers that declare a benchmark
	// OverFactor times their true speed (0.2, [2, 5]); the rest declare it
	// within BenchNoise (log sd, 0.1).
	OverDeclaring float64    `yaml:"over_declaring" json:"over_declaring"`
	OverFactor    [2]float64 `yaml:"over_factor" json:"over_factor"`
	BenchNoise    float64    `yaml:"bench_noise" json:"bench_noise"`
	RunNoise      float64    `yaml:"run_noise" json:"run_noise"` // per-run duration noise, log sd (0.05)
	// CrashRate is the fraction of attempts interrupted by a provider crash,
	// over the population (0.05); only the Flaky fraction of providers
	// crashes at all (0.25). A flaky provider crashes on its own clock, at
	// a constant rate while up, such that a run of workload.work_median
	// seconds is interrupted with probability CrashRate/Flaky (longer runs
	// more often); it drops its tasks and rejoins after an exponential
	// downtime of mean Rejoin (10m). Crashes do not depend on the policy, so
	// every policy meets the same ones.
	CrashRate float64       `yaml:"crash_rate" json:"crash_rate"`
	Flaky     float64       `yaml:"flaky" json:"flaky"`
	Rejoin    spec.Duration `yaml:"rejoin" json:"rejoin"`
	// Cheaters is the fraction of providers that cheat (0): that many
	// (rounded), dealt Strategies in turn ([sometimes-wrong]); the rest are
	// honest. A sometimes-wrong cheater lies on CheatRate of its attempts
	// (0.5); a wrong-after-trust one returns TrustBuild honest results
	// before lying, and again after each rejected lie (20). A lie ends
	// CheatSpeedup times sooner than the honest run (10; 1 = the cheater
	// does the work). The consumer's own check of the receipt catches a lie
	// with probability Detect (1); the others are wrong outputs under a
	// valid receipt, which only the job's verification policy (replicas,
	// spot-checks) can catch. Cheaters return different wrong outputs for a
	// task unless Collude, when they agree on one. Related colluders also
	// share one network prefix and one stake funder, which the consumer
	// sees; otherwise they are unrelated Sybils, each with its own.
	Cheaters     float64    `yaml:"cheaters" json:"cheaters"`
	Strategies   []Strategy `yaml:"strategies" json:"strategies"`
	CheatRate    float64    `yaml:"cheat_rate" json:"cheat_rate"`
	TrustBuild   int        `yaml:"trust_build" json:"trust_build"`
	CheatSpeedup float64    `yaml:"cheat_speedup" json:"cheat_speedup"`
	Detect       *float64   `yaml:"detect,omitempty" json:"detect,omitempty"`
	Collude      bool       `yaml:"collude" json:"collude"`
	Related      bool       `yaml:"related" json:"related"`
	Regions      []Region   `yaml:"regions" json:"regions"` // (four regions, see DefaultRegions)
	// Price of a task at moderate load, micro-DECO, uniform in the range
	// ([500, 2000]); floor ×0.5, ceiling ×4 of it; pricing.Ask moves within.
	Price             [2]float64 `yaml:"price" json:"price"`
	UtilizationWeight float64    `yaml:"utilization_weight" json:"utilization_weight"` // pricing.Params (1)
	DemandWeight      float64    `yaml:"demand_weight" json:"demand_weight"`           // pricing.Params (0.5)
	// Stake is log-normal with this median (DECO) and log sd ([1000, 1.5]).
	Stake [2]float64 `yaml:"stake" json:"stake"`
	Power float64    `yaml:"power_watts" json:"power_watts"` // power drawn by a busy slot (60)
}

// Region is a latency region with its grid's carbon intensity.
type Region struct {
	Name    string        `yaml:"name" json:"name"`
	Weight  float64       `yaml:"weight" json:"weight"`   // share of providers
	Latency spec.Duration `yaml:"latency" json:"latency"` // one-way latency to the consumer
	Carbon  [2]float64    `yaml:"carbon" json:"carbon"`   // gCO2/kWh, uniform in the range
}

// DefaultRegions are used when a scenario names none.
func DefaultRegions() []Region {
	ms := func(n int) spec.Duration { return spec.Duration(time.Duration(n) * time.Millisecond) }
	return []Region{
		{Name: "eu-north", Weight: 0.25, Latency: ms(15), Carbon: [2]float64{20, 60}},
		{Name: "eu-west", Weight: 0.25, Latency: ms(10), Carbon: [2]float64{150, 300}},
		{Name: "us-east", Weight: 0.25, Latency: ms(45), Carbon: [2]float64{350, 450}},
		{Name: "ap-south", Weight: 0.25, Latency: ms(90), Carbon: [2]float64{550, 750}},
	}
}

// Workload models what the consumer submits.
type Workload struct {
	Tasks       int    `yaml:"tasks" json:"tasks"`                 // tasks in total (10000)
	TasksPerJob [2]int `yaml:"tasks_per_job" json:"tasks_per_job"` // uniform range ([50, 200])
	// Arrival is the job arrival rate, jobs per second, Poisson; 0 submits
	// every job at time zero (a batch).
	Arrival float64 `yaml:"arrival" json:"arrival"`
	// WorkMedian is a task's median run time on a provider of median true
	// speed (60s); jobs differ by JobSpread (log sd, 0.7), tasks of a job by
	// TaskSpread (0.1).
	WorkMedian spec.Duration `yaml:"work_median" json:"work_median"`
	JobSpread  float64       `yaml:"job_spread" json:"job_spread"`
	TaskSpread float64       `yaml:"task_spread" json:"task_spread"`
	// TimeoutFactor sets each job's task timeout (its deadline per attempt)
	// to this many times its median run time on a median provider (4).
	TimeoutFactor float64        `yaml:"timeout_factor" json:"timeout_factor"`
	MaxPrice      [2]float64     `yaml:"max_price" json:"max_price"`     // micro-DECO per task, uniform ([6000, 12000])
	Priority      [2]int         `yaml:"priority" json:"priority"`       // uniform ([0, 3])
	Preferences   map[string]int `yaml:"preferences" json:"preferences"` // weights of the job preference mix ({balanced: 1})
	InputSize     spec.Size      `yaml:"input_size" json:"input_size"`   // bytes shipped per task (1MiB)
	// Warmup runs this many tasks of other jobs through the same scheduler
	// and providers before the measured workload: the history a node that
	// persists its model has (0).
	Warmup int `yaml:"warmup" json:"warmup"`
	// Surge multiplies the arrival rate by Factor from At for For (none).
	Surge Surge `yaml:"surge" json:"surge"`
	// Verification is every job's verification policy, as in a job spec
	// (receipt; adaptive, replicate:K).
	Verification string `yaml:"verification" json:"verification"`
	// Programs is how many distinct programs the jobs run, in turn; 0
	// gives each job its own. Trust (adaptive verification) and learned
	// run times are per program, so jobs sharing one carry them over.
	Programs int `yaml:"programs" json:"programs"`
}

// Surge is a period of higher demand.
type Surge struct {
	At     spec.Duration `yaml:"at" json:"at"`
	For    spec.Duration `yaml:"for" json:"for"`
	Factor float64       `yaml:"factor" json:"factor"`
}

// Network models the links between the consumer and the providers.
type Network struct {
	Jitter      spec.Duration `yaml:"jitter" json:"jitter"`             // extra one-way latency per provider, uniform up to (10ms)
	Bandwidth   float64       `yaml:"bandwidth" json:"bandwidth"`       // bytes/s per transfer (100e6)
	DetectDelay spec.Duration `yaml:"detect_delay" json:"detect_delay"` // time to notice a crashed provider's dead stream (30s)
	DialTimeout spec.Duration `yaml:"dial_timeout" json:"dial_timeout"` // time to give up on an unreachable provider (5s)
	OfferPeriod spec.Duration `yaml:"offer_period" json:"offer_period"` // how often a provider republishes its offer (5m)
	OfferTTL    spec.Duration `yaml:"offer_ttl" json:"offer_ttl"`       // offer lifetime (12m)
}

// MarketParams tune the consumer's market (market.Config) and driver.
type MarketParams struct {
	AuctionWindow    spec.Duration `yaml:"auction_window" json:"auction_window"`       // (300ms)
	MaxBidders       int           `yaml:"max_bidders" json:"max_bidders"`             // (16)
	MaxAttempts      int           `yaml:"max_attempts" json:"max_attempts"`           // (4)
	ResultGrace      spec.Duration `yaml:"result_grace" json:"result_grace"`           // (60s)
	RetryBackoff     spec.Duration `yaml:"retry_backoff" json:"retry_backoff"`         // (500ms)
	PlacementTimeout spec.Duration `yaml:"placement_timeout" json:"placement_timeout"` // (2h: queues in a big simulation are long)
	Tick             spec.Duration `yaml:"tick" json:"tick"`                           // driver tick period (1s)
	// Adaptive tunes adaptive replication (the market's defaults); a zero
	// Seed is derived from the scenario's seed.
	Adaptive verify.AdaptiveConfig `yaml:"adaptive" json:"adaptive"`
	// LocalCheck is the share of accepted results the consumer re-runs
	// itself (market.Config.LocalCheck; 0 = none), each taking the
	// workload's median run time; KnownAnswers is the share of those sent
	// again to another provider as known-answer tasks (the market's 0.5).
	LocalCheck   float64 `yaml:"local_check" json:"local_check"`
	KnownAnswers float64 `yaml:"known_answers" json:"known_answers"`
}

// ErrBadScenario reports an invalid scenario.
var ErrBadScenario = errors.New("invalid simulation scenario")

// Defaults fills unset fields.
func (s *Scenario) Defaults() {
	if s.Name == "" {
		s.Name = "custom"
	}
	if s.Policy == "" {
		s.Policy = "learned"
	}
	if s.Horizon == 0 {
		s.Horizon = spec.Duration(72 * time.Hour)
	}
	p := &s.Providers
	defInt(&p.Count, 1000)
	defF(&p.Heterogeneity, 10)
	defF(&p.BaseSpeed, 100)
	if p.Slots == [2]int{} {
		p.Slots = [2]int{1, 4}
	}
	if p.OverFactor == [2]float64{} {
		p.OverFactor = [2]float64{2, 5}
	}
	defF(&p.BenchNoise, 0.1)
	defF(&p.RunNoise, 0.05)
	defF(&p.Flaky, 0.25)
	defD(&p.Rejoin, 10*time.Minute)
	if len(p.Strategies) == 0 {
		p.Strategies = []Strategy{SometimesWrong}
	}
	defF(&p.CheatRate, 0.5)
	defInt(&p.TrustBuild, 20)
	defF(&p.CheatSpeedup, 10)
	if p.Detect == nil {
		one := 1.0
		p.Detect = &one
	}
	if len(p.Regions) == 0 {
		p.Regions = DefaultRegions()
	}
	if p.Price == [2]float64{} {
		p.Price = [2]float64{500, 2000}
	}
	defF(&p.UtilizationWeight, 1)
	defF(&p.DemandWeight, 0.5)
	if p.Stake == [2]float64{} {
		p.Stake = [2]float64{1000, 1.5}
	}
	defF(&p.Power, 60)
	w := &s.Workload
	defInt(&w.Tasks, 10000)
	if w.TasksPerJob == [2]int{} {
		w.TasksPerJob = [2]int{50, 200}
	}
	defD(&w.WorkMedian, time.Minute)
	defF(&w.JobSpread, 0.7)
	defF(&w.TaskSpread, 0.1)
	defF(&w.TimeoutFactor, 4)
	if w.MaxPrice == [2]float64{} {
		w.MaxPrice = [2]float64{6000, 12000}
	}
	if w.Priority == [2]int{} {
		w.Priority = [2]int{0, 3}
	}
	if len(w.Preferences) == 0 {
		w.Preferences = map[string]int{"balanced": 1}
	}
	if w.InputSize == 0 {
		w.InputSize = 1 << 20
	}
	if w.Verification == "" {
		w.Verification = spec.VerifyReceipt
	}
	n := &s.Network
	defD(&n.Jitter, 10*time.Millisecond)
	defF(&n.Bandwidth, 100e6)
	defD(&n.DetectDelay, 30*time.Second)
	defD(&n.DialTimeout, 5*time.Second)
	defD(&n.OfferPeriod, 5*time.Minute)
	defD(&n.OfferTTL, 12*time.Minute)
	m := &s.Market
	defD(&m.AuctionWindow, 300*time.Millisecond)
	defInt(&m.MaxBidders, 16)
	defInt(&m.MaxAttempts, 4)
	defD(&m.ResultGrace, 60*time.Second)
	defD(&m.RetryBackoff, 500*time.Millisecond)
	defD(&m.PlacementTimeout, 2*time.Hour)
	defD(&m.Tick, time.Second)
}

func defInt(p *int, v int) {
	if *p == 0 {
		*p = v
	}
}

func defF(p *float64, v float64) {
	if *p == 0 {
		*p = v
	}
}

func defD(p *spec.Duration, v time.Duration) {
	if *p == 0 {
		*p = spec.Duration(v)
	}
}

// Validate checks a scenario after Defaults and names every problem.
func (s Scenario) Validate() error {
	var errs []string
	add := func(f string, a ...any) { errs = append(errs, fmt.Sprintf(f, a...)) }
	if _, ok := sched.Policies[s.Policy]; !ok {
		add("policy %q is unknown (choose one of: %s)", s.Policy, strings.Join(sched.PolicyNames(), ", "))
	}
	p, w := s.Providers, s.Workload
	if p.Count < 1 || p.Count > 1_000_000 {
		add("providers.count must be between 1 and 1000000, got %d", p.Count)
	}
	if p.Heterogeneity < 1 {
		add("providers.heterogeneity must be at least 1 (fastest/slowest speed), got %g", p.Heterogeneity)
	}
	if p.BaseSpeed <= 0 {
		add("providers.base_speed must be positive")
	}
	if p.Slots[0] < 1 || p.Slots[1] < p.Slots[0] {
		add("providers.slots must be a range [min, max] with 1 <= min <= max, got %v", p.Slots)
	}
	for name, f := range map[string]float64{"over_declaring": p.OverDeclaring, "crash_rate": p.CrashRate, "flaky": p.Flaky, "cheaters": p.Cheaters, "cheat_rate": p.CheatRate, "detect": *p.Detect} {
		if f < 0 || f > 1 {
			add("providers.%s must be a fraction in [0, 1], got %g", name, f)
		}
	}
	for _, st := range p.Strategies {
		if !contains(strategyNames(CheatStrategies), string(st)) {
			add("providers.strategies: %q is not a cheating strategy (choose from: %s)", st, strings.Join(strategyNames(CheatStrategies), ", "))
		}
	}
	if p.TrustBuild < 0 || p.CheatSpeedup < 1 {
		add("providers.trust_build must not be negative and providers.cheat_speedup must be at least 1")
	}
	if p.OverFactor[0] < 1 || p.OverFactor[1] < p.OverFactor[0] {
		add("providers.over_factor must be a range [min, max] with 1 <= min <= max, got %v", p.OverFactor)
	}
	if p.Price[0] <= 0 || p.Price[1] < p.Price[0] {
		add("providers.price must be a range [min, max] of micro-DECO, got %v", p.Price)
	}
	tw := 0.0
	for _, r := range p.Regions {
		if r.Weight < 0 || r.Latency < 0 || r.Carbon[0] < 0 || r.Carbon[1] < r.Carbon[0] {
			add("providers.regions[%s]: weight, latency and carbon range must be non-negative", r.Name)
		}
		tw += r.Weight
	}
	if tw <= 0 {
		add("providers.regions: weights must add up to more than 0")
	}
	if w.Tasks < 1 || w.Tasks > 10_000_000 {
		add("workload.tasks must be between 1 and 10000000, got %d", w.Tasks)
	}
	if w.TasksPerJob[0] < 1 || w.TasksPerJob[1] < w.TasksPerJob[0] || w.TasksPerJob[1] > spec.MaxTasks {
		add("workload.tasks_per_job must be a range [min, max] within [1, %d], got %v", spec.MaxTasks, w.TasksPerJob)
	}
	if w.Warmup < 0 || w.Warmup > 10_000_000 {
		add("workload.warmup must be between 0 and 10000000 tasks, got %d", w.Warmup)
	}
	if w.Programs < 0 {
		add("workload.programs must not be negative (0 = one per job)")
	}
	if w.Arrival < 0 {
		add("workload.arrival must not be negative (jobs per second; 0 = all at once)")
	}
	if w.WorkMedian <= 0 || w.TimeoutFactor <= 0 {
		add("workload.work_median and workload.timeout_factor must be positive")
	}
	if w.MaxPrice[0] <= 0 || w.MaxPrice[1] < w.MaxPrice[0] {
		add("workload.max_price must be a range [min, max] of micro-DECO, got %v", w.MaxPrice)
	}
	if w.Priority[0] < 0 || w.Priority[1] > 10 || w.Priority[1] < w.Priority[0] {
		add("workload.priority must be a range within [0, 10], got %v", w.Priority)
	}
	for pref, n := range w.Preferences {
		if !contains(spec.Preferences, pref) || n < 0 {
			add("workload.preferences: %q must be one of %s with a non-negative weight", pref, strings.Join(spec.Preferences, ", "))
		}
	}
	if w.Surge.Factor < 0 {
		add("workload.surge.factor must not be negative")
	}
	if v, err := spec.ParseVerification(w.Verification); err != nil {
		add("workload.verification: %v", err)
	} else if v.Policy == spec.VerifyZK {
		add("workload.verification: the simulator does not model zk proofs (use receipt, adaptive or replicate:K)")
	}
	if s.Network.Bandwidth <= 0 {
		add("network.bandwidth must be positive (bytes/s)")
	}
	if s.Market.MaxBidders < 1 || s.Market.Tick <= 0 {
		add("market.max_bidders and market.tick must be positive")
	}
	if err := s.Market.Adaptive.Validate(); err != nil {
		add("market.adaptive: %v", err)
	}
	if len(errs) > 0 {
		sort.Strings(errs)
		return fmt.Errorf("%w:\n  %s", ErrBadScenario, strings.Join(errs, "\n  "))
	}
	return nil
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// LoadScenario parses a scenario from YAML, applies defaults and validates.
// Unknown fields are errors, so a typo does not silently vanish. A
// "preset: NAME" line starts from that preset (see Presets).
func LoadScenario(b []byte) (Scenario, error) {
	var head struct {
		Preset string `yaml:"preset"`
	}
	_ = yaml.Unmarshal(b, &head)
	var s Scenario
	if head.Preset != "" {
		p, err := Preset(head.Preset)
		if err != nil {
			return Scenario{}, err
		}
		s = p
	}
	var wrapped struct {
		Preset   string `yaml:"preset"`
		Scenario `yaml:",inline"`
	}
	wrapped.Scenario = s
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&wrapped); err != nil {
		return Scenario{}, fmt.Errorf("%w: %s", ErrBadScenario, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	s = wrapped.Scenario
	s.Defaults()
	return s, s.Validate()
}

// Presets names the built-in scenarios.
var Presets = []string{"default", "hetero-unreliable", "mixed-carbon", "surge", "scale"}

// Preset returns a built-in scenario (before defaults):
//   - default: 1,000 providers, 10,000 tasks, the population defaults.
//   - hetero-unreliable: the target: 400 providers with a 10×
//     speed spread, 20% over-declaring, 5% crash rate; a batch of 8,000
//     tasks after 6,000 tasks of history (warm-up).
//   - mixed-carbon: providers in clean and dirty grids, moderate load,
//     for the green preference.
//   - surge: steady arrivals with a 4× surge in the middle, for prices.
//   - scale: 10,000 providers × 100,000 tasks.
func Preset(name string) (Scenario, error) {
	s := Scenario{Name: name}
	switch name {
	case "default":
	case "hetero-unreliable":
		s.Providers = Population{Count: 1000, Heterogeneity: 10, OverDeclaring: 0.2, CrashRate: 0.05}
		s.Providers.Count = 400
		s.Workload = Workload{Tasks: 8000, Warmup: 6000, TasksPerJob: [2]int{100, 400}, JobSpread: 0.5, Priority: [2]int{0, 0}}
	case "mixed-carbon":
		s.Providers = Population{Count: 1000, Heterogeneity: 4, CrashRate: 0.01}
		s.Workload = Workload{Tasks: 6000, Warmup: 3000, Arrival: 0.2, TasksPerJob: [2]int{20, 60}, Preferences: map[string]int{"balanced": 1}}
	case "surge":
		s.Providers = Population{Count: 1000, CrashRate: 0.01}
		s.Workload = Workload{Tasks: 20000, Arrival: 0.3, TasksPerJob: [2]int{20, 60},
			Surge: Surge{At: spec.Duration(15 * time.Minute), For: spec.Duration(10 * time.Minute), Factor: 4}}
	case "scale":
		s.Providers = Population{Count: 10000, OverDeclaring: 0.2, CrashRate: 0.05}
		s.Workload = Workload{Tasks: 100000, Arrival: 3, TasksPerJob: [2]int{50, 150}}
	default:
		return Scenario{}, fmt.Errorf("%w: unknown preset %q (choose one of: %s)", ErrBadScenario, name, strings.Join(Presets, ", "))
	}
	return s, nil
}
