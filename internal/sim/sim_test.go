package sim

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/spf13/pflag"
	"pgregory.net/rapid"

	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/spec"
)

// small is a scenario that runs in well under a second but exercises
// everything: heterogeneity, over-declaring, crashes, cheaters, arrivals.
func small(policy string, seed uint64) Scenario {
	sc := Scenario{Name: "small", Seed: seed, Policy: policy,
		Providers: Population{Count: 40, OverDeclaring: 0.2, CrashRate: 0.1, Cheaters: 0.1, Rejoin: spec.Duration(time.Minute)},
		Workload:  Workload{Tasks: 300, Warmup: 100, TasksPerJob: [2]int{10, 40}, Arrival: 0.2, WorkMedian: spec.Duration(20 * time.Second)},
	}
	sc.Defaults()
	return sc
}

// nanFree replaces NaN (no price in a time bucket) so reports compare with DeepEqual.
func nanFree(r Report) Report {
	r.Series.Price = append([]float64(nil), r.Series.Price...)
	for i, p := range r.Series.Price {
		if math.IsNaN(p) {
			r.Series.Price[i] = -1
		}
	}
	return r
}

func runSim(t testing.TB, sc Scenario) Report {
	t.Helper()
	r, err := Run(context.Background(), sc)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// Same seed, same report (but for the wall-clock timing).
func TestDeterministicReplay(t *testing.T) {
	for _, policy := range []string{"learned", "random", "stake-weighted"} {
		t.Run(policy, func(t *testing.T) {
			a, b := runSim(t, small(policy, 42)), runSim(t, small(policy, 42))
			a.Timing, b.Timing = Timing{}, Timing{}
			if !reflect.DeepEqual(nanFree(a), nanFree(b)) {
				ja, _ := json.Marshal(a)
				jb, _ := json.Marshal(b)
				t.Fatalf("two runs of the same seed differ:\n%s\n%s", ja, jb)
			}
			c := runSim(t, small(policy, 43))
			if c.Makespan == a.Makespan && c.MeanCompletion == a.MeanCompletion {
				t.Fatal("another seed gave the same result")
			}
		})
	}
}

// Property: whatever the scenario, every task ends verified or failed (none
// left open, none lost), no provider ever ran more tasks than its slots,
// and the bound is a lower bound.
func TestEveryTaskEndsAndNoSlotOvercommitted(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		sc := Scenario{
			Seed:   rapid.Uint64().Draw(t, "seed"),
			Policy: rapid.SampledFrom(ComparePolicies()).Draw(t, "policy"),
			Providers: Population{
				Count:         rapid.IntRange(3, 30).Draw(t, "providers"),
				Heterogeneity: rapid.Float64Range(1, 20).Draw(t, "h"),
				Slots:         [2]int{1, rapid.IntRange(1, 4).Draw(t, "slots")},
				OverDeclaring: rapid.Float64Range(0, 1).Draw(t, "over"),
				CrashRate:     rapid.Float64Range(0, 0.3).Draw(t, "crash"),
				Cheaters:      rapid.Float64Range(0, 0.5).Draw(t, "cheat"),
				Rejoin:        spec.Duration(time.Minute),
			},
			Workload: Workload{
				Tasks:         rapid.IntRange(1, 120).Draw(t, "tasks"),
				TasksPerJob:   [2]int{1, rapid.IntRange(1, 30).Draw(t, "perjob")},
				Arrival:       rapid.SampledFrom([]float64{0, 0.1, 1}).Draw(t, "arrival"),
				WorkMedian:    spec.Duration(10 * time.Second),
				TimeoutFactor: rapid.Float64Range(1, 6).Draw(t, "timeout"),
				Preferences:   map[string]int{rapid.SampledFrom(spec.Preferences).Draw(t, "pref"): 1},
			},
		}
		sc.Defaults()
		r, err := Run(context.Background(), sc)
		if err != nil {
			t.Fatal(err)
		}
		if r.Unfinished != 0 || r.Completed+r.Failed != r.Tasks {
			t.Fatalf("completed %d + failed %d != tasks %d (unfinished %d)", r.Completed, r.Failed, r.Tasks, r.Unfinished)
		}
		if r.Overcommits != 0 {
			t.Fatalf("%d assignments found the provider's slots full", r.Overcommits)
		}
		if r.Attempts > r.Tasks*sc.Market.MaxAttempts {
			t.Fatalf("%d attempts for %d tasks", r.Attempts, r.Tasks)
		}
		// Failed tasks (time limits) and undetected cheats end early; otherwise
		// no schedule beats the clairvoyant bound, up to the run-time noise
		// (the bound uses noise-free run times; 3 sd of 5% noise).
		if r.Failed == 0 && r.BadAccepted == 0 && r.Makespan < 0.85*r.LowerBound {
			t.Fatalf("makespan %.1f below the clairvoyant bound %.1f", r.Makespan, r.LowerBound)
		}
	})
}

// The simulator measures the node's core, not a copy of it: it imports
// market, sched and provider, builds the market with market.New and each
// provider with provider.New (bids, asks and slots are its), takes schedulers
// from sched.Policies, and defines no ranking of its own (its only
// Rank/Plan/Shortlist methods are the timing wrapper, which delegates).
func TestSimulatorRunsTheRealCore(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", "{{join .Imports \"\\n\"}}", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	imports := string(out)
	for _, want := range []string{"github.com/deco-network/deco/internal/market", "github.com/deco-network/deco/internal/sched", "github.com/deco-network/deco/internal/provider"} {
		if !strings.Contains(imports, want+"\n") && !strings.HasSuffix(strings.TrimSpace(imports), want) {
			t.Errorf("sim does not import %s", want)
		}
	}
	files, _ := filepath.Glob("*.go")
	var src strings.Builder
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		src.Write(b)
	}
	s := src.String()
	for _, want := range []string{"market.New(", "sched.NewPolicy(", "provcore.New("} {
		if !strings.Contains(s, want) {
			t.Errorf("sim never calls %s", want)
		}
	}
	// Bids, asks and slots are the provider machine's: the sim keeps no copy.
	for _, own := range []string{"pricing.Ask(", "Accept = true", "Accept:", ".busy++"} {
		if strings.Contains(s, own) {
			t.Errorf("sim decides a provider's bid or slots itself (%s): that is provider.Machine's", own)
		}
	}
	if strings.Contains(s, "sched.Assign(") {
		t.Error("sim calls sched.Assign itself: placement must stay in the market")
	}
	methods := regexp.MustCompile(`(?m)^func \((\w+) \*?(\w+)\) (Rank|Plan|Shortlist)\(`).FindAllStringSubmatch(s, -1)
	for _, m := range methods {
		if m[2] != "timed" && m[2] != "timedPlanner" {
			t.Errorf("sim defines its own %s.%s: scheduling logic belongs in sched", m[2], m[3])
		}
	}
}

func TestLoadScenario(t *testing.T) {
	sc, err := LoadScenario([]byte(`
preset: hetero-unreliable
seed: 9
policy: random
providers:
  count: 50
workload:
  tasks: 200
  surge: {at: 5m, for: 2m, factor: 3}
`))
	if err != nil {
		t.Fatal(err)
	}
	if sc.Seed != 9 || sc.Policy != "random" || sc.Providers.Count != 50 || sc.Workload.Tasks != 200 {
		t.Fatalf("overrides not applied: %+v", sc)
	}
	if sc.Providers.OverDeclaring != 0.2 || sc.Providers.CrashRate != 0.05 {
		t.Fatalf("preset not applied: %+v", sc.Providers)
	}
	if time.Duration(sc.Workload.Surge.At) != 5*time.Minute {
		t.Fatalf("surge %+v", sc.Workload.Surge)
	}
	for _, bad := range []string{
		"providers: {count: 10, speeed: 3}",
		"providers: {cheaters: 2}",
		"policy: magic",
		"preset: nope",
		"workload: {tasks_per_job: [5, 1]}",
	} {
		if _, err := LoadScenario([]byte(bad)); !errors.Is(err, ErrBadScenario) {
			t.Errorf("%q: %v, want ErrBadScenario", bad, err)
		}
	}
}

func TestOptionsResolve(t *testing.T) {
	var o Options
	fs := pflag.NewFlagSet("sim", pflag.ContinueOnError)
	o.Bind(fs)
	if err := fs.Parse([]string{"--providers", "30", "--tasks", "100", "--policy", "cheapest", "--seed", "5", "--cheaters", "0",
		"--crash-rate", "0.2", "--heterogeneity", "20", "--arrival", "2", "--preset", "hetero-unreliable", "-o", "json"}); err != nil {
		t.Fatal(err)
	}
	sc, err := o.Resolve(fs)
	if err != nil {
		t.Fatal(err)
	}
	p, w := sc.Providers, sc.Workload
	if p.Count != 30 || w.Tasks != 100 || sc.Policy != "cheapest" || sc.Seed != 5 || p.CrashRate != 0.2 || p.Heterogeneity != 20 || w.Arrival != 2 {
		t.Fatalf("flags not applied: %+v", sc)
	}
	if p.OverDeclaring != 0.2 {
		t.Fatalf("preset lost: over_declaring %v", p.OverDeclaring)
	}
	o.Output = "xml"
	if _, err := o.Resolve(fs); err == nil {
		t.Fatal("-o xml accepted")
	}
}

func TestMainWritesTableJSONAndPlots(t *testing.T) {
	dir := t.TempDir()
	var o Options
	fs := pflag.NewFlagSet("sim", pflag.ContinueOnError)
	o.Bind(fs)
	if err := fs.Parse([]string{"--providers", "20", "--tasks", "60", "--compare", "--out", dir, "-o", "json"}); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	if err := Main(context.Background(), &out, fs, o); err != nil {
		t.Fatal(err)
	}
	var reports []Report
	if err := json.Unmarshal([]byte(out.String()), &reports); err != nil {
		t.Fatalf("output is not a JSON list of reports: %v\n%s", err, out.String())
	}
	if len(reports) != len(ComparePolicies()) {
		t.Fatalf("%d reports, want one per policy", len(reports))
	}
	for _, f := range []string{"completion_cdf.png", "utilization.png", "learning_curve.png", "price_demand.png", "report.json"} {
		if st, err := os.Stat(filepath.Join(dir, f)); err != nil || st.Size() == 0 {
			t.Errorf("%s not written: %v", f, err)
		}
	}
	var table strings.Builder
	if err := WriteTable(&table, reports); err != nil || !strings.Contains(table.String(), "learned") {
		t.Fatalf("table: %v\n%s", err, table.String())
	}
}

func TestLowerBound(t *testing.T) {
	provs := func(down ...downtime) []*provider { // capacity 40/s, fastest 30
		return []*provider{{speed: 10, slots: 1}, {speed: 30, slots: 1, down: down}}
	}
	tests := []struct {
		name string
		down []downtime
		jobs []*jobPlan
		want time.Duration
	}{
		{"capacity bound", nil, []*jobPlan{{work: []float64{400, 400}}}, 20 * time.Second},                                         // 800/40
		{"one big task", nil, []*jobPlan{{work: []float64{1200}}}, 40 * time.Second},                                               // 1200/30
		{"late arrival", nil, []*jobPlan{{work: []float64{40}}, {arrive: time.Minute, work: []float64{60, 60}}}, 63 * time.Second}, // 60 + 120/40
		// The fast provider is down from 10s to 30s: 400 by 10s, then 10/s
		// until 30s (600), then 40/s: 800 at 35s.
		{"capacity down for a while", []downtime{{10 * time.Second, 30 * time.Second}}, []*jobPlan{{work: []float64{400, 400}}}, 35 * time.Second},
		{"down after the end", []downtime{{time.Minute, 2 * time.Minute}}, []*jobPlan{{work: []float64{400, 400}}}, 20 * time.Second},
	}
	for _, tt := range tests {
		if got := lowerBound(provs(tt.down...), tt.jobs); (got - tt.want).Abs() > time.Millisecond {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
		if got, want := crashFreeBound(provs(tt.down...), tt.jobs), lowerBound(provs(), tt.jobs); got != want {
			t.Errorf("%s: crash-free bound %v, want %v", tt.name, got, want)
		}
	}
}

// Providers crash on their own clock: every policy meets the same crashes,
// so the bound, which counts the capacity down, is the same for all.
func TestCrashesIndependentOfPolicy(t *testing.T) {
	var engines []*engine
	for _, policy := range []string{"learned", "random"} {
		sc := small(policy, 9)
		s, _ := newPolicy(sc)
		e := newEngine(sc, s, workload(sc, 2))
		if err := e.loop(context.Background()); err != nil {
			t.Fatal(err)
		}
		engines = append(engines, e)
	}
	a, b := engines[0], engines[1]
	end := min(a.now, b.now)
	crashes := 0
	for i := range a.provs {
		var x, y []downtime
		for _, d := range a.provs[i].down {
			if d.from < end {
				x = append(x, d)
			}
		}
		for _, d := range b.provs[i].down {
			if d.from < end {
				y = append(y, d)
			}
		}
		if !reflect.DeepEqual(x, y) {
			t.Fatalf("provider %d crashed at %v under one policy, %v under the other", i, x, y)
		}
		crashes += len(x)
	}
	if crashes == 0 {
		t.Fatal("no provider crashed: the test tests nothing")
	}
	if ra, rb := a.report(), b.report(); ra.LowerBound != rb.LowerBound || ra.LowerBound < ra.CrashFreeBound {
		t.Fatalf("bounds %v and %v (crash-free %v): want equal, at least the crash-free one", ra.LowerBound, rb.LowerBound, ra.CrashFreeBound)
	}
}

// A cancelled context stops a run with an error that says so.
func TestRunStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	sc := small("random", 1)
	sc.Workload.Tasks, sc.Workload.Warmup = 3000, 0
	if _, err := Run(ctx, sc); !errors.Is(err, context.Canceled) {
		t.Fatalf("err %v, want context.Canceled", err)
	}
}

// The market the simulator drives is the node's: a task's record carries
// the market's own reasons.
func TestReportsComeFromMarketRecords(t *testing.T) {
	sc := small("learned", 7)
	s, _ := newPolicy(sc)
	e := newEngine(sc, s, workload(sc, 2))
	if err := e.loop(context.Background()); err != nil {
		t.Fatal(err)
	}
	verified := 0
	for _, j := range e.m.Jobs() {
		for _, tk := range j.Tasks {
			if tk.State == market.TaskVerified {
				verified++
				if !strings.HasPrefix(tk.Reason, "verified") {
					t.Fatalf("verified task with reason %q", tk.Reason)
				}
			}
		}
	}
	if r := e.report(); r.Completed != verified || verified == 0 {
		t.Fatalf("report says %d completed, the market %d", r.Completed, verified)
	}
}
