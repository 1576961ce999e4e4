package sim

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/spf13/pflag"
)

// Compare runs sc once per policy (ComparePolicies when none are given) on
// the same seed, so every policy meets the same providers, jobs and luck.
func Compare(ctx context.Context, sc Scenario, policies ...string) ([]Report, error) {
	if len(policies) == 0 {
		policies = ComparePolicies()
	}
	out := make([]Report, 0, len(policies))
	for _, p := range policies {
		s := sc
		s.Policy = p
		r, err := Run(ctx, s)
		if err != nil {
			return out, fmt.Errorf("policy %s: %w", p, err)
		}
		out = append(out, r)
	}
	return out, nil
}

// Options are the flags of `deco sim`. Flags that are set override the
// scenario (a preset or --scenario FILE); unset ones leave it alone.
type Options struct {
	Providers     int     // --providers N
	Tasks         int     // --tasks M
	Policy        string  // --policy NAME
	Seed          uint64  // --seed S
	Cheaters      float64 // --cheaters F
	CrashRate     float64 // --crash-rate F
	Heterogeneity float64 // --heterogeneity H
	OverDeclaring float64 // --over-declaring F
	Arrival       float64 // --arrival RATE (jobs per second; 0 = one batch)
	Warmup        int     // --warmup N (tasks of history before the measured workload)
	Preference    string  // --preference balanced|cheap|fast|green (all jobs)
	Out           string  // --out DIR: write PNG plots and report.json there
	Output        string  // -o table|json
	Scenario      string  // --scenario FILE.yaml
	Preset        string  // --preset NAME
	Compare       bool    // --compare
}

// Bind registers the flags on fs (cobra's cmd.Flags()).
func (o *Options) Bind(fs *pflag.FlagSet) {
	fs.IntVar(&o.Providers, "providers", 0, "number of simulated providers (scenario default 1000)")
	fs.IntVar(&o.Tasks, "tasks", 0, "number of tasks in total (scenario default 10000)")
	fs.StringVar(&o.Policy, "policy", "", "scheduling policy: learned, weighted, random, round-robin, cheapest, declared-fastest, stake-weighted, capacity-ranker")
	fs.Uint64Var(&o.Seed, "seed", 0, "random seed; the same seed gives the same result")
	fs.Float64Var(&o.Cheaters, "cheaters", 0, "fraction of providers that return wrong results")
	fs.Float64Var(&o.CrashRate, "crash-rate", 0, "fraction of attempts interrupted by a provider crash")
	fs.Float64Var(&o.Heterogeneity, "heterogeneity", 0, "fastest/slowest provider speed ratio")
	fs.Float64Var(&o.OverDeclaring, "over-declaring", 0, "fraction of providers declaring a benchmark above their true speed")
	fs.Float64Var(&o.Arrival, "arrival", 0, "job arrivals per second (0: every job at once)")
	fs.IntVar(&o.Warmup, "warmup", 0, "tasks of history run through the scheduler before the measured workload")
	fs.StringVar(&o.Preference, "preference", "", "give every job this preference: balanced, cheap, fast or green")
	fs.StringVar(&o.Out, "out", "", "directory for PNG plots and report.json")
	fs.StringVarP(&o.Output, "output", "o", "table", "output format: table or json")
	fs.StringVar(&o.Scenario, "scenario", "", "scenario YAML file (the full model)")
	fs.StringVar(&o.Preset, "preset", "", "built-in scenario: default, hetero-unreliable, mixed-carbon, surge, scale")
	fs.BoolVar(&o.Compare, "compare", false, "run every policy on the same seed and compare")
}

// Resolve builds the scenario the options describe: the --scenario file or
// the --preset (default "default"), then every flag that fs says was set.
// fs may be nil, in which case non-zero options count as set.
func (o Options) Resolve(fs *pflag.FlagSet) (Scenario, error) {
	set := func(name string, nonzero bool) bool {
		if fs != nil {
			return fs.Changed(name)
		}
		return nonzero
	}
	var sc Scenario
	switch {
	case o.Scenario != "":
		b, err := os.ReadFile(o.Scenario)
		if err != nil {
			return Scenario{}, fmt.Errorf("read scenario: %w", err)
		}
		if sc, err = LoadScenario(b); err != nil {
			return Scenario{}, fmt.Errorf("scenario %s: %w", o.Scenario, err)
		}
	default:
		name := o.Preset
		if name == "" {
			name = "default"
		}
		p, err := Preset(name)
		if err != nil {
			return Scenario{}, err
		}
		sc = p
	}
	if set("providers", o.Providers != 0) {
		sc.Providers.Count = o.Providers
	}
	if set("tasks", o.Tasks != 0) {
		sc.Workload.Tasks = o.Tasks
	}
	if set("policy", o.Policy != "") {
		sc.Policy = o.Policy
	}
	if set("seed", o.Seed != 0) {
		sc.Seed = o.Seed
	}
	if set("cheaters", o.Cheaters != 0) {
		sc.Providers.Cheaters = o.Cheaters
	}
	if set("crash-rate", o.CrashRate != 0) {
		sc.Providers.CrashRate = o.CrashRate
	}
	if set("heterogeneity", o.Heterogeneity != 0) {
		sc.Providers.Heterogeneity = o.Heterogeneity
	}
	if set("over-declaring", o.OverDeclaring != 0) {
		sc.Providers.OverDeclaring = o.OverDeclaring
	}
	if set("arrival", o.Arrival != 0) {
		sc.Workload.Arrival = o.Arrival
	}
	if set("warmup", o.Warmup != 0) {
		sc.Workload.Warmup = o.Warmup
	}
	if set("preference", o.Preference != "") {
		sc.Workload.Preferences = map[string]int{o.Preference: 1}
	}
	sc.Defaults()
	if err := sc.Validate(); err != nil {
		return Scenario{}, err
	}
	if o.Output != "" && o.Output != "table" && o.Output != "json" {
		return Scenario{}, fmt.Errorf("%w: -o %q (use table or json)", ErrBadScenario, o.Output)
	}
	return sc, nil
}

// Main is `deco sim`: resolve the scenario, run it (or every policy with
// --compare), print a table or JSON to w, and with --out write the plots
// and report.json. The CLI's command is a thin wrapper:
//
//	var o sim.Options
//	cmd := &cobra.Command{Use: "sim", RunE: func(cmd *cobra.Command, _ []string) error {
//		return sim.Main(cmd.Context(), cmd.OutOrStdout(), cmd.Flags(), o)
//	}}
//	o.Bind(cmd.Flags())
func Main(ctx context.Context, w io.Writer, fs *pflag.FlagSet, o Options) error {
	sc, err := o.Resolve(fs)
	if err != nil {
		return err
	}
	var reports []Report
	if o.Compare {
		reports, err = Compare(ctx, sc)
	} else {
		var r Report
		r, err = Run(ctx, sc)
		reports = []Report{r}
	}
	if err != nil {
		return err
	}
	if o.Out != "" {
		if err := os.MkdirAll(o.Out, 0o755); err != nil {
			return fmt.Errorf("create --out directory: %w", err)
		}
		b, _ := json.MarshalIndent(reports, "", "  ")
		if err := os.WriteFile(o.Out+"/report.json", append(b, '\n'), 0o644); err != nil {
			return fmt.Errorf("write report: %w", err)
		}
		if err := WritePlots(o.Out, reports); err != nil {
			return err
		}
	}
	if o.Output == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if len(reports) == 1 {
			return enc.Encode(reports[0])
		}
		return enc.Encode(reports)
	}
	return WriteTable(w, reports)
}
