package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/deco-network/deco/examples"
	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/devnet/inproc"
	"github.com/deco-network/deco/internal/exec"
	"github.com/deco-network/deco/internal/exec/wasm"
	"github.com/deco-network/deco/internal/report"
	"github.com/deco-network/deco/internal/sim"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
)

// `deco bench report` runs the benchmark suite on in-process networks of
// real nodes and writes DIR/report.md with PNG figures beside it. Every
// figure stands beside its baseline, measured in the same run: the
// network against a local wazero run, N providers against the ideal of N
// times one, each verification policy against a lone receipt, a proof's
// settlement against a voucher's redemption, a crashed task against the
// same task uncrashed, each workload against running its tasks locally.
//
// The run measures first (one step per line on stderr) and writes the
// report last, so a section may use what a later step measured (the
// verification table's zk row comes from the zk step).

// reportSizes are the sizes of one report run (--quick shrinks them).
type reportSizes struct {
	Quick        bool
	LatencyRuns  int   // one-task jobs per side of the overhead figure
	Providers    []int // provider counts of the throughput figure
	MinimalTasks int   // tasks of the minimal module per throughput point
	ComputeTasks int   // tasks of the compute-bound module per throughput point
	ComputeWork  int   // the C counter's WORK per compute-bound task
	VerifyTasks  int   // tasks per verification policy on the devnet
	VerifyWork   int
	SimTasks     int // the verification Monte Carlo's population
	SimProviders int
	ZKCircuit    string
	ZKTasks      int
	ZKLocal      int           // local proofs timed for the zk baseline
	Trials       int           // crashes in the recovery figure
	RecoveryTask time.Duration // how long the recovery figure's task runs, about
	RecoveryWork int           // the C counter's WORK per step of that task
}

func reportSizesFor(quick bool) reportSizes {
	if quick {
		return reportSizes{Quick: true, LatencyRuns: 10, Providers: []int{1, 2}, MinimalTasks: 40, ComputeTasks: 4, ComputeWork: 200_000,
			VerifyTasks: 3, VerifyWork: 100_000, SimTasks: 200, SimProviders: 20, ZKCircuit: "cubic", ZKTasks: 2, ZKLocal: 1,
			Trials: 1, RecoveryTask: 3 * time.Second, RecoveryWork: 1_000_000}
	}
	return reportSizes{LatencyRuns: 100, Providers: []int{1, 2, 4, 8}, MinimalTasks: 1000, ComputeTasks: 32, ComputeWork: 3_000_000,
		VerifyTasks: 16, VerifyWork: 1_000_000, SimTasks: 2000, SimProviders: 50, ZKCircuit: "mimc-chain/64", ZKTasks: 4, ZKLocal: 3,
		Trials: 2, RecoveryTask: 6 * time.Second, RecoveryWork: 2_000_000}
}

func newBenchReportCmd(g *globals) *cobra.Command {
	var out string
	var quick bool
	cmd := &cobra.Command{
		Use:   "report [--out DIR] [--quick]",
		Short: "Run the benchmark suite on local devnets and write a Markdown report with PNG plots",
		Long: `report runs the benchmarks on in-process networks of real nodes on loopback
and writes DIR/report.md with PNG figures beside it: the machine, Deco's
overhead over a local run, throughput against the number of providers,
verification cost per policy, zk proving time and settlement gas, recovery
after a provider crashes, and cost and time per workload. Each figure is
measured beside its baseline in the same run. A few minutes on two cores;
--quick runs small sizes in one to two minutes.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := os.MkdirAll(out, 0o755); err != nil {
				return fmt.Errorf("--out %s: %w", out, err)
			}
			b := &benchReport{out: out, sz: reportSizesFor(quick), p: newReportProgress(cmd.ErrOrStderr()), failed: map[string]error{}}
			path, err := b.run(cmd.Context())
			if path != "" {
				fmt.Fprintf(cmd.OutOrStdout(), "report: %s\n", path)
			}
			return err
		},
	}
	cmd.Flags().StringVar(&out, "out", "deco-report", "directory for report.md and its figures")
	cmd.Flags().BoolVar(&quick, "quick", false, "small sizes (one to two minutes): checks the pipeline, not the figures")
	return cmd
}

// benchReport is one run: what each step measured, then the report.
type benchReport struct {
	out    string
	sz     reportSizes
	p      *reportProgress
	failed map[string]error // step title -> why it measured nothing

	machine     report.Machine
	overhead    *OverheadReport
	throughput  []throughputPoint
	computeMs   float64 // one compute-bound task alone in wazero
	verifyNet   []policyRun
	verifySim   []sim.VerificationResult
	recovery    *recoveryResult
	paid        *inproc.Cluster   // the paying network of the workload and zk steps
	paidGas     map[string]gasUse // the chain metrics when it started
	workloads   []workloadResult
	zk          *zkResult
	startedAt   time.Time
	elapsedWall time.Duration
}

// reportStep is one measurement of the run.
type reportStep struct {
	title   string
	measure func(ctx context.Context) error
}

// run measures every step, then writes report.md; it returns its path.
// A failed step is reported (in report.md and on stderr) and the others
// still run; run then returns an error naming the failed steps.
func (b *benchReport) run(ctx context.Context) (string, error) {
	b.startedAt = time.Now()
	steps := []reportStep{
		{"machine", func(context.Context) error { b.machine = report.DescribeMachine(); return nil }},
		{"overhead vs a local run", b.measureOverhead},
		{"throughput vs providers", b.measureThroughput},
		{"verification cost per policy", b.measureVerification},
		{"recovery after a crash", b.measureRecovery},
		{"workloads on a paying network", b.measureWorkloads},
		{"zk proving and settlement", b.measureZK},
	}
	for i, s := range steps {
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		b.p.begin(i+1, len(steps), s.title)
		err := s.measure(ctx)
		if err != nil {
			b.failed[s.title] = err
		}
		b.p.end(err)
	}
	if b.paid != nil {
		b.paid.Close()
	}
	b.elapsedWall = time.Since(b.startedAt)
	path, err := b.write()
	if err != nil {
		return "", err
	}
	if len(b.failed) > 0 {
		var names []string
		for n := range b.failed {
			names = append(names, n)
		}
		sort.Strings(names)
		return path, fmt.Errorf("bench report: %s measured nothing (see %s); run the matching `deco bench` command or test to investigate", strings.Join(names, ", "), path)
	}
	return path, nil
}

// reportProgress prints one line per step with its elapsed time, and a
// bar for the steps that run several parts.
type reportProgress struct {
	w            io.Writer
	start, began time.Time
	index, total int
	title        string
}

func newReportProgress(w io.Writer) *reportProgress {
	return &reportProgress{w: w, start: time.Now()}
}

func (p *reportProgress) begin(i, n int, title string) {
	p.index, p.total, p.title, p.began = i, n, title, time.Now()
	fmt.Fprintf(p.w, "[%d/%d] %s...\n", i, n, title)
}

// step shows that part done of total of the current step is finished.
func (p *reportProgress) step(done, total int, what string) {
	const width = 20
	filled := width * done / max(total, 1)
	fmt.Fprintf(p.w, "      [%s%s] %d/%d %s (%s)\n", strings.Repeat("#", filled), strings.Repeat(".", width-filled), done, total, what, p.since(p.began))
}

func (p *reportProgress) end(err error) {
	if err != nil {
		fmt.Fprintf(p.w, "[%d/%d] %s: FAILED after %s: %v\n", p.index, p.total, p.title, p.since(p.began), err)
		return
	}
	fmt.Fprintf(p.w, "[%d/%d] %s: done in %s (total %s)\n", p.index, p.total, p.title, p.since(p.began), p.since(p.start))
}

func (p *reportProgress) since(t time.Time) time.Duration {
	return time.Since(t).Round(100 * time.Millisecond)
}

// indent is a writer that indents what the reused benchmarks print.
type indent struct{ w io.Writer }

func (i indent) Write(b []byte) (int, error) {
	if _, err := io.WriteString(i.w, "      "+string(b)); err != nil {
		return 0, err
	}
	return len(b), nil
}

// --- overhead ----------------------------------------------------------

func (b *benchReport) measureOverhead(ctx context.Context) error {
	r, err := benchOverhead(ctx, indent{b.p.w}, b.sz.LatencyRuns, 0, 0, 0)
	if err != nil {
		return err
	}
	b.overhead = &r
	return nil
}

// --- throughput --------------------------------------------------------

// throughputPoint is the throughput of P providers, one slot each.
type throughputPoint struct {
	Providers int
	Minimal   float64 // tasks/s, the minimal module (Deco's own cost per task)
	Compute   float64 // tasks/s, the compute-bound C counter
}

// counterArgs are the C counter's arguments for steps of work each.
func counterArgs(steps, work int) []string {
	return []string{strconv.Itoa(steps), strconv.Itoa(work)}
}

func (b *benchReport) measureThroughput(ctx context.Context) error {
	// Baseline: one compute-bound task alone in a local wazero, warm.
	e, err := wasm.New(ctx)
	if err != nil {
		return err
	}
	defer e.Close(context.WithoutCancel(ctx))
	counter := examples.CounterCWASM()
	var best time.Duration
	for i := 0; i < 3; i++ {
		d, err := runLocally(ctx, e, counter, counterArgs(1, b.sz.ComputeWork), nil, "")
		if err != nil {
			return fmt.Errorf("local run of the C counter: %w", err)
		}
		if i == 0 || d < best {
			best = d
		}
	}
	b.computeMs = ms(best)
	for i, n := range b.sz.Providers {
		pt, err := b.throughputAt(ctx, n)
		if err != nil {
			return fmt.Errorf("%d providers: %w", n, err)
		}
		b.throughput = append(b.throughput, pt)
		b.p.step(i+1, len(b.sz.Providers), fmt.Sprintf("%d providers: %.0f tasks/s minimal, %.1f tasks/s compute-bound", n, pt.Minimal, pt.Compute))
	}
	return nil
}

// throughputAt starts n providers with one slot each, so that a provider
// more is a slot more, and times a job of each module.
func (b *benchReport) throughputAt(ctx context.Context, n int) (throughputPoint, error) {
	pt := throughputPoint{Providers: n}
	c, err := inproc.Start(ctx, inproc.Options{Providers: n, Slots: 1})
	if err != nil {
		return pt, err
	}
	defer c.Close()
	minimal, err := c.Client.PutBlob(ctx, bytes.NewReader(wasm.MinimalModule()))
	if err != nil {
		return pt, err
	}
	counter, err := c.Client.PutBlob(ctx, bytes.NewReader(examples.CounterCWASM()))
	if err != nil {
		return pt, err
	}
	job := func(name string, cid wire.CID, tasks int, args []string) spec.Job {
		j := spec.Job{Name: name, Program: spec.Program{CID: cid}, Tasks: spec.Tasks{Count: tasks, Args: args},
			Timeout: spec.Duration(5 * time.Minute), Verification: spec.VerifyReceipt}
		j.Defaults()
		return j
	}
	// Warm every provider's compile cache for both modules.
	if _, _, err := reportRunJob(ctx, c.Client, job("warm-minimal", minimal.CID, 2*n, nil)); err != nil {
		return pt, err
	}
	if _, _, err := reportRunJob(ctx, c.Client, job("warm-counter", counter.CID, 2*n, counterArgs(1, 1))); err != nil {
		return pt, err
	}
	d, _, err := reportRunJob(ctx, c.Client, job("throughput-minimal", minimal.CID, b.sz.MinimalTasks, nil))
	if err != nil {
		return pt, err
	}
	pt.Minimal = float64(b.sz.MinimalTasks) / d.Seconds()
	d, _, err = reportRunJob(ctx, c.Client, job("throughput-compute", counter.CID, b.sz.ComputeTasks, counterArgs(1, b.sz.ComputeWork)))
	if err != nil {
		return pt, err
	}
	pt.Compute = float64(b.sz.ComputeTasks) / d.Seconds()
	return pt, nil
}

// reportRunJob submits j, follows it to its end and returns how long it
// took; a job that did not complete is an error.
func reportRunJob(ctx context.Context, cl *api.Client, j spec.Job) (time.Duration, *api.JobView, error) {
	t := time.Now()
	v, err := cl.Submit(ctx, j)
	if err != nil {
		return 0, nil, fmt.Errorf("submit %s: %w", j.Name, err)
	}
	if err := cl.Follow(ctx, string(v.ID), func(api.LogLine) error { return nil }); err != nil {
		return 0, nil, err
	}
	d := time.Since(t)
	final, err := cl.Job(ctx, string(v.ID))
	if err != nil {
		return 0, nil, err
	}
	if final.State != api.JobCompleted {
		return d, final, fmt.Errorf("job %s (%s) %s: %s", j.Name, final.ID, final.State, final.Reason)
	}
	return d, final, nil
}

// runLocally runs module once in e with args and env, outputs in a
// temporary directory, and returns the run's duration.
func runLocally(ctx context.Context, e *wasm.Executor, module []byte, args []string, env map[string]string, inputs string) (time.Duration, error) {
	out, err := os.MkdirTemp("", "deco-report-run-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(out)
	t := time.Now()
	res, err := e.Run(ctx, exec.Spec{Module: module, Args: args, Env: env, InputDir: inputs, OutputDir: out, Timeout: 5 * time.Minute})
	d := time.Since(t)
	if err == nil && res.ExitCode != 0 {
		err = fmt.Errorf("exit %d: %s", res.ExitCode, res.Stderr)
	}
	return d, err
}

func meanDuration(ds []time.Duration) time.Duration {
	var s time.Duration
	for _, d := range ds {
		s += d
	}
	return s / time.Duration(max(len(ds), 1))
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// --- verification -------------------------------------------------------

// policyRun is one job on the devnet under one verification policy.
type policyRun struct {
	Label, Policy string
	Tasks         int
	Executions    int            // attempts started, replicas included
	States        map[string]int // attempts by final state
	Wall          time.Duration
}

// states lists r.States as "verified 6, cancelled 2".
func (r policyRun) states() string {
	var names []string
	for s := range r.States {
		names = append(names, s)
	}
	sort.Strings(names)
	var parts []string
	for _, s := range names {
		parts = append(parts, fmt.Sprintf("%s %d", s, r.States[s]))
	}
	return strings.Join(parts, ", ")
}

func (r policyRun) replicas() float64 { return float64(r.Executions) / float64(max(r.Tasks, 1)) }

// verifyPolicies are the devnet's runs, in order: adaptive meets a
// program no provider has run yet first, and again after the others
// (trust earned).
var verifyPolicies = []struct{ label, policy string }{
	{"adaptive (new program)", spec.VerifyAdaptive},
	{"receipt", spec.VerifyReceipt},
	{"replicate:2", "replicate:2"},
	{"replicate:3", "replicate:3"},
	{"adaptive (after the others)", spec.VerifyAdaptive},
}

func (b *benchReport) measureVerification(ctx context.Context) error {
	c, err := inproc.Start(ctx, inproc.Options{Providers: 4, Slots: 2})
	if err != nil {
		return err
	}
	defer c.Close()
	counter, err := c.Client.PutBlob(ctx, bytes.NewReader(examples.CounterCWASM()))
	if err != nil {
		return err
	}
	for i, p := range verifyPolicies {
		j := spec.Job{Name: "verify-" + p.policy, Program: spec.Program{CID: counter.CID},
			Tasks:   spec.Tasks{Count: b.sz.VerifyTasks, Args: []string{"1", strconv.Itoa(b.sz.VerifyWork + i)}},
			Timeout: spec.Duration(5 * time.Minute), Verification: p.policy}
		j.Defaults()
		d, final, err := reportRunJob(ctx, c.Client, j)
		if err != nil {
			return fmt.Errorf("%s: %w", p.label, err)
		}
		r := policyRun{Label: p.label, Policy: p.policy, Tasks: len(final.Tasks), Wall: d, States: map[string]int{}}
		for _, t := range final.Tasks {
			r.Executions += len(t.Attempts)
			for _, a := range t.Attempts {
				r.States[a.State]++
			}
		}
		b.verifyNet = append(b.verifyNet, r)
		b.p.step(i+1, len(verifyPolicies)+1, fmt.Sprintf("%s: %.2f replicas/task, %s", p.label, r.replicas(), d.Round(time.Millisecond)))
	}
	// The same policies against cheaters, in the simulator (virtual
	// time, the real market core), as `deco bench verify` runs them.
	cfg := sim.Verification{Tasks: b.sz.SimTasks, Providers: b.sz.SimProviders, Cheaters: 0.10, WrongRate: 0.3,
		LocalCheck: 0.02, KnownAnswers: 0.5, Seed: 1}
	rs, err := sim.CompareVerification(ctx, cfg, spec.VerifyReceipt, "replicate:2", "replicate:3", spec.VerifyAdaptive)
	if err != nil {
		return fmt.Errorf("simulated cheaters: %w", err)
	}
	b.verifySim = rs
	b.p.step(len(verifyPolicies)+1, len(verifyPolicies)+1, fmt.Sprintf("simulated %d tasks, %d providers, 10%% cheaters", cfg.Tasks, cfg.Providers))
	return nil
}

// --- recovery -----------------------------------------------------------

// recoveryResult compares a long one-task job whose provider is killed
// halfway with the same job left alone.
type recoveryResult struct {
	Baseline time.Duration   // the job, no crash
	Detect   []time.Duration // crash -> the task running elsewhere
	Total    []time.Duration // submit -> completed, with the crash
	Resumed  []bool          // the retry resumed from a checkpoint
	CrashAt  []float64       // progress of the task when its provider died (0..1)
	Steps    int             // the counter's steps (RecoveryWork each)
}

func (b *benchReport) measureRecovery(ctx context.Context) error {
	c, err := inproc.Start(ctx, inproc.Options{Providers: b.sz.Trials + 2, Slots: 2})
	if err != nil {
		return err
	}
	defer c.Close()
	counter, err := c.Client.PutBlob(ctx, bytes.NewReader(examples.CounterCWASM()))
	if err != nil {
		return err
	}
	// Steps for a task of about RecoveryTask at this machine's speed now,
	// so that a heartbeat or two carry its progress before it ends.
	e, err := wasm.New(ctx)
	if err != nil {
		return err
	}
	var step time.Duration
	for range 2 { // the first run compiles the module
		step, err = runLocally(ctx, e, examples.CounterCWASM(), counterArgs(1, b.sz.RecoveryWork), nil, "")
	}
	e.Close(context.WithoutCancel(ctx))
	if err != nil {
		return fmt.Errorf("local run of the C counter: %w", err)
	}
	steps := min(max(int(b.sz.RecoveryTask/max(step, time.Millisecond)), 10), 10_000)
	job := func(name string, tasks, steps int) spec.Job {
		j := spec.Job{Name: name, Program: spec.Program{CID: counter.CID}, Tasks: spec.Tasks{Count: tasks, Args: counterArgs(steps, b.sz.RecoveryWork)},
			Timeout: spec.Duration(5 * time.Minute), Verification: spec.VerifyReceipt,
			Checkpoint: &spec.Checkpoint{Every: spec.Duration(200 * time.Millisecond)}}
		j.Defaults()
		return j
	}
	if _, _, err := reportRunJob(ctx, c.Client, job("warm", 2*len(c.Providers), 1)); err != nil {
		return err
	}
	// Uncrashed and crashed jobs take turns, so the machine's load weighs
	// on both alike; the baseline is the mean of the uncrashed ones.
	r := &recoveryResult{Steps: steps}
	var base []time.Duration
	for i := 0; i < b.sz.Trials; i++ {
		d, _, err := reportRunJob(ctx, c.Client, job(fmt.Sprintf("uncrashed-%d", i), 1, steps))
		if err != nil {
			return err
		}
		base = append(base, d)
		r.Baseline = meanDuration(base)
		if err := b.crashTrial(ctx, c, job(fmt.Sprintf("crash-%d", i), 1, steps), r); err != nil {
			return fmt.Errorf("crash %d: %w", i+1, err)
		}
		b.p.step(i+1, b.sz.Trials, fmt.Sprintf("no crash %s; crash: running elsewhere after %s, done in %s",
			d.Round(time.Millisecond), r.Detect[i].Round(time.Millisecond), r.Total[i].Round(time.Millisecond)))
	}
	b.recovery = r
	return nil
}

// crashTrial runs j, closes its provider (connections reset, as when the
// process is killed) once the task reported half its progress, and
// records how long the task took to run elsewhere and to finish.
func (b *benchReport) crashTrial(ctx context.Context, c *inproc.Cluster, j spec.Job, r *recoveryResult) error {
	t0 := time.Now()
	v, err := c.Client.Submit(ctx, j)
	if err != nil {
		return err
	}
	id := string(v.ID)
	// wait polls the job until ok says so, for at most 2 minutes.
	wait := func(what string, ok func(*api.JobView) bool) (*api.JobView, error) {
		deadline := time.Now().Add(2 * time.Minute)
		for {
			j, err := c.Client.Job(ctx, id)
			if err != nil {
				return nil, err
			}
			if ok(j) {
				return j, nil
			}
			if j.State.Terminal() || time.Now().After(deadline) {
				return nil, fmt.Errorf("job %s: %s never came (state %s %s)", id, what, j.State, j.Reason)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	// Crash at half the progress the task reported, or at 40% of the
	// uncrashed job's time if its beats are slow to say.
	halfway, err := wait("the task halfway", func(j *api.JobView) bool {
		as := j.Tasks[0].Attempts
		return len(as) == 1 && as[0].State == "running" &&
			(as[0].Permille >= 500 || time.Since(as[0].Started) >= r.Baseline*2/5)
	})
	if err != nil {
		return err
	}
	first := halfway.Tasks[0].Attempts[0]
	crashed := time.Now()
	killed := false
	for _, p := range c.Providers {
		if p.PeerID().String() == first.Provider {
			go p.Close() // Close waits for the execution; the network side goes at once
			killed = true
		}
	}
	if !killed {
		return fmt.Errorf("job %s: its provider %s is not in the cluster", id, first.Provider)
	}
	again, err := wait("a second attempt running", func(j *api.JobView) bool {
		as := j.Tasks[0].Attempts
		return len(as) >= 2 && as[len(as)-1].State == "running"
	})
	if err != nil {
		return err
	}
	detect := time.Since(crashed)
	if _, err := wait("the end", func(j *api.JobView) bool { return j.State.Terminal() }); err != nil {
		return err
	}
	final, err := c.Client.Job(ctx, id)
	if err != nil {
		return err
	}
	if final.State != api.JobCompleted {
		return fmt.Errorf("job %s %s: %s", id, final.State, final.Reason)
	}
	r.Detect = append(r.Detect, detect)
	r.Total = append(r.Total, time.Since(t0))
	r.CrashAt = append(r.CrashAt, float64(first.Permille)/1000)
	as := again.Tasks[0].Attempts
	r.Resumed = append(r.Resumed, as[len(as)-1].Resume != "")
	return nil
}

// --- writing ------------------------------------------------------------

// write lays the report out in DIR/report.md and draws its figures.
func (b *benchReport) write() (string, error) {
	var d report.Doc
	d.Heading(1, "Deco benchmark report")
	size := "default sizes"
	if b.sz.Quick {
		size = "`--quick` sizes (small: the figures check the pipeline, not the machine)"
	}
	d.Para("Measured %s in %s, %s, by `deco bench report`. Every network is in this process on loopback: real nodes (libp2p, the market, wazero, bbolt; an embedded EVM chain where payments are on) sharing this machine's cores, so the figures say what Deco costs on one machine, not across a WAN. Each figure stands beside its baseline, measured in the same run.",
		b.startedAt.UTC().Format("2006-01-02 15:04 UTC"), b.elapsedWall.Round(time.Second), size)
	sections := []struct {
		title, step string
		render      func(*report.Doc) error
	}{
		{"Machine", "machine", b.renderMachine},
		{"Overhead vs a local run", "overhead vs a local run", b.renderOverhead},
		{"Throughput vs providers", "throughput vs providers", b.renderThroughput},
		{"Verification cost per policy", "verification cost per policy", b.renderVerification},
		{"zk proving time and settlement gas", "zk proving and settlement", b.renderZK},
		{"Recovery after a crash", "recovery after a crash", b.renderRecovery},
		{"Cost and time per workload", "workloads on a paying network", b.renderWorkloads},
	}
	for _, s := range sections {
		d.Heading(2, s.title)
		if err := b.failed[s.step]; err != nil {
			d.Para("**Not measured**: %v", err)
			continue
		}
		if err := s.render(&d); err != nil {
			return "", fmt.Errorf("report section %q: %w", s.title, err)
		}
	}
	path := filepath.Join(b.out, "report.md")
	if err := os.WriteFile(path, d.Bytes(), 0o644); err != nil {
		return "", err
	}
	return path, nil
}

// figure saves a figure as DIR/name and links it from d.
func (b *benchReport) figure(d *report.Doc, name, alt string, save func(path string) error) error {
	if err := save(filepath.Join(b.out, name)); err != nil {
		return fmt.Errorf("figure %s: %w", name, err)
	}
	d.Image(alt, name)
	return nil
}

func (b *benchReport) renderMachine(d *report.Doc) error {
	d.Table([]string{"", "this machine"}, b.machine.Rows())
	return nil
}

func f1(v float64) string { return strconv.FormatFloat(v, 'f', 1, 64) }
func f2(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) }

func (b *benchReport) renderOverhead(d *report.Doc) error {
	r := b.overhead
	d.Para("%d one-task jobs of a minimal module (it returns at once), after a warm-up, through `deco bench overhead`'s code: run locally in a warm wazero (the baseline), through a 4-node devnet (1 consumer + 3 providers: upload, auction, assignment, run, receipt, fetch, verify), and the same with payments (an escrow opened per job on the in-process chain, a voucher per task).", r.Runs)
	d.Table([]string{"", "p50 ms", "p99 ms", "p50 vs local"}, [][]string{
		{"local wazero (baseline)", f2(r.LocalP50Ms), f2(r.LocalP99Ms), "1.0×"},
		{"through Deco", f2(r.NetworkP50Ms), f2(r.NetworkP99Ms), fmt.Sprintf("+%s ms", f2(r.AddedP50Ms))},
		{"through Deco, with payments", f2(r.PaidP50Ms), f2(r.PaidP99Ms), fmt.Sprintf("+%s ms", f2(r.PaidP50Ms-r.LocalP50Ms))},
	})
	d.Para("Added by Deco: p50 **%s ms**, p99 **%s ms** (targets 50 / 200 ms). First run of a 3 MB Go-built module (hello): compile %s ms vs %s ms for a warm run, paid once per provider.",
		f2(r.AddedP50Ms), f2(r.AddedP99Ms), f1(r.CompileMs), f1(r.WarmRunMs))
	return b.figure(d, "overhead.png", "latency of a one-task job: local vs through Deco", report.Bars{
		Title: "One-task job latency", Y: "milliseconds",
		Labels: []string{"local wazero", "through Deco", "with payments"},
		Sets: []report.BarSet{{Name: "p50", Values: []float64{r.LocalP50Ms, r.NetworkP50Ms, r.PaidP50Ms}},
			{Name: "p99", Values: []float64{r.LocalP99Ms, r.NetworkP99Ms, r.PaidP99Ms}}},
	}.Save)
}

func (b *benchReport) renderThroughput(d *report.Doc) error {
	if len(b.throughput) == 0 {
		return report.ErrNoData
	}
	one := b.throughput[0]
	d.Para("Each provider has one task slot, so a provider more is a slot more; the ideal is N times the throughput of one provider. Two modules: the minimal one (%d tasks per point: Deco's own cost per task, the consumer's loop the bottleneck) and the C counter with %d units of work per task (%d tasks per point: compute-bound; alone in a local wazero one task takes **%s ms**, so one slot can do at most %s tasks/s, and this machine's %d cores at most %s).",
		b.sz.MinimalTasks, b.sz.ComputeWork, b.sz.ComputeTasks, f1(b.computeMs), f1(1000/b.computeMs), b.machine.Cores, f1(float64(b.machine.Cores)*1000/b.computeMs))
	var rows [][]string
	var xs, minimal, compute, minIdeal, compIdeal, cores []float64
	for _, pt := range b.throughput {
		n := float64(pt.Providers)
		rows = append(rows, []string{strconv.Itoa(pt.Providers), f1(pt.Minimal), f1(one.Minimal * n), f2(pt.Minimal / (one.Minimal * n)),
			f1(pt.Compute), f1(one.Compute * n), f2(pt.Compute / (one.Compute * n))})
		xs = append(xs, n)
		minimal, compute = append(minimal, pt.Minimal), append(compute, pt.Compute)
		minIdeal, compIdeal = append(minIdeal, one.Minimal*n), append(compIdeal, one.Compute*n)
		cores = append(cores, float64(b.machine.Cores)*1000/b.computeMs)
	}
	d.Table([]string{"providers", "minimal tasks/s", "ideal", "of ideal", "compute-bound tasks/s", "ideal", "of ideal"}, rows)
	last := b.throughput[len(b.throughput)-1]
	d.Para("With %d providers: **%s tasks/s** minimal (%s× one provider), **%s tasks/s** compute-bound (%s× one provider). All nodes share this machine's %d cores, so the compute-bound line cannot pass the cores' ceiling whatever the number of providers; on separate machines each provider brings its own cores.",
		last.Providers, f1(last.Minimal), f2(last.Minimal/one.Minimal), f1(last.Compute), f2(last.Compute/one.Compute), b.machine.Cores)
	return b.figure(d, "throughput.png", "throughput vs providers with the ideal linear lines", report.Lines{
		Title: "Throughput vs providers (one slot each)", X: "providers", Y: "tasks/s (log scale)", LogY: true,
		Series: []report.Series{
			{Name: "minimal module", X: xs, Y: minimal}, {Name: "minimal: ideal (N × one)", X: xs, Y: minIdeal, Dashed: true},
			{Name: "compute-bound", X: xs, Y: compute}, {Name: "compute-bound: ideal (N × one)", X: xs, Y: compIdeal, Dashed: true},
			{Name: "compute-bound: all cores busy", X: xs, Y: cores, Dotted: true},
		},
	}.Save)
}

func (b *benchReport) renderVerification(d *report.Doc) error {
	if len(b.verifyNet) == 0 {
		return report.ErrNoData
	}
	base := b.verifyNet[0].Wall // until the receipt run is found
	for _, r := range b.verifyNet {
		if r.Policy == spec.VerifyReceipt {
			base = r.Wall
		}
	}
	d.Para("On a devnet of 4 honest providers (2 slots each): a job of %d C-counter tasks per policy, the receipt policy (one provider's signed receipt) being the baseline. Replicas per task count every attempt started.", b.sz.VerifyTasks)
	var rows [][]string
	var reps, walls []float64
	for _, r := range b.verifyNet {
		rows = append(rows, []string{r.Label, strconv.Itoa(r.Tasks), f2(r.replicas()), r.states(), f1(ms(r.Wall)), f2(r.Wall.Seconds() / base.Seconds())})
		reps, walls = append(reps, r.replicas()), append(walls, ms(r.Wall))
	}
	if z := b.zk; z != nil && z.Tasks > 0 {
		rows = append(rows, []string{fmt.Sprintf("zk (%s, from the zk section)", z.Circuit), strconv.Itoa(z.Tasks), f2(float64(z.Executions) / float64(z.Tasks)), "", f1(ms(z.JobWall)),
			f2(z.JobWall.Seconds() / base.Seconds())})
		reps, walls = append(reps, float64(z.Executions)/float64(z.Tasks)), append(walls, ms(z.JobWall))
	}
	d.Table([]string{"policy", "tasks", "replicas/task", "attempts by state", "job ms", "vs receipt"}, rows)
	d.Para("Adaptive replicates a provider's results for a program until they have a run of valid ones, then spot-checks: its first row meets a program no provider has run, its last comes after the other jobs (trust earned on the same program). A zk task needs no replica (the proof is checked) but proving costs far more than running: see the zk section.")
	if err := b.figure(d, "verification.png", "replicas per task and job time per policy", report.Bars{
		Title: "Verification cost per policy (devnet)", Y: "replicas per task", Labels: shortLabels(b.verifyNet, b.zk != nil && b.zk.Tasks > 0),
		Sets: []report.BarSet{{Name: "replicas/task", Values: reps}},
	}.Save); err != nil {
		return err
	}
	if err := b.figure(d, "verification_time.png", "job time per policy", report.Bars{
		Title: fmt.Sprintf("Job time per policy (%d tasks, devnet)", b.sz.VerifyTasks), Y: "milliseconds", Labels: shortLabels(b.verifyNet, b.zk != nil && b.zk.Tasks > 0),
		Sets: []report.BarSet{{Name: "job time", Values: walls}},
	}.Save); err != nil {
		return err
	}
	d.Para("Against cheaters, in the simulator (the real market core in virtual time, as `deco bench verify`): %d tasks, %d providers, 10%% of them cheating, the consumer re-running 2%% of accepted results itself.", b.sz.SimTasks, b.sz.SimProviders)
	rows = nil
	for _, r := range b.verifySim {
		rows = append(rows, []string{r.Policy, strconv.Itoa(r.Tasks), strconv.Itoa(r.WrongAccepted), fmt.Sprintf("%.2f%%", 100*r.WrongRate), f2(r.Replicas), strconv.Itoa(r.WrongPaid)})
	}
	d.Table([]string{"policy", "tasks", "wrong accepted", "wrong rate", "replicas/task", "wrong paid"}, rows)
	return nil
}

// shortLabels names the verification bars: "adaptive (new)" and
// "adaptive (trusted)" for the two adaptive runs.
func shortLabels(runs []policyRun, withZK bool) []string {
	var out []string
	for i, r := range runs {
		l := r.Label
		if r.Policy == spec.VerifyAdaptive {
			l = "adaptive (new)"
			if i > 0 {
				l = "adaptive (trusted)"
			}
		}
		out = append(out, l)
	}
	if withZK {
		out = append(out, "zk")
	}
	return out
}

func (b *benchReport) renderRecovery(d *report.Doc) error {
	r := b.recovery
	if r == nil || len(r.Total) == 0 {
		return report.ErrNoData
	}
	mean := meanDuration
	d.Para("A one-task job of the C counter (%d steps of %d units, a checkpoint every 200 ms) on a devnet of %d providers, with the default lease (a beat every 500 ms, 4 missed: 2 s). The baseline is the same job left alone, run before each trial; in each trial the provider running the task is closed once the task reported half its progress or ran for 40%% of the uncrashed job's time (its connections reset, as when the process is killed). The task's length is set from this machine's speed (about %s).",
		r.Steps, b.sz.RecoveryWork, b.sz.Trials+2, b.sz.RecoveryTask)
	rows := [][]string{{fmt.Sprintf("no crash (baseline, mean of %d)", len(r.Total)), "", "", f1(ms(r.Baseline)), "", ""}}
	for i := range r.Total {
		resumed := "no"
		if r.Resumed[i] {
			resumed = "yes"
		}
		rows = append(rows, []string{fmt.Sprintf("crash %d", i+1), fmt.Sprintf("%.0f%%", 100*r.CrashAt[i]), f1(ms(r.Detect[i])), f1(ms(r.Total[i])), f1(ms(r.Total[i] - r.Baseline)), resumed})
	}
	d.Table([]string{"run", "crashed at", "crash → running elsewhere, ms", "job ms", "added ms", "retry resumed from a checkpoint"}, rows)
	d.Para("Mean time from the crash to the task running elsewhere: **%s ms** (target ≤ 2,000 ms); the crash added %s ms to a %s ms job on average.",
		f1(ms(mean(r.Detect))), f1(ms(mean(r.Total)-r.Baseline)), f1(ms(r.Baseline)))
	return b.figure(d, "recovery.png", "job time with and without a crash", report.Bars{
		Title: "Recovery after a provider crash", Y: "milliseconds",
		Labels: []string{"job, no crash", "job, crashed", "crash → running elsewhere"},
		Sets:   []report.BarSet{{Name: "mean", Values: []float64{ms(r.Baseline), ms(mean(r.Total)), ms(mean(r.Detect))}}},
	}.Save)
}
