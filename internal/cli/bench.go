package cli

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
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
	"github.com/deco-network/deco/internal/sim"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
)

func newBenchCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{Use: "bench", Short: "Benchmarks: Deco's overhead over local execution, throughput, WASM vs native, verification cost"}
	cmd.AddCommand(newBenchOverheadCmd(g), newBenchKernelCmd(g), newBenchVerifyCmd(g))
	cmd.AddCommand(newBenchReportCmd(g))
	return cmd
}

// OverheadReport is the result of `deco bench overhead`.
type OverheadReport struct {
	Runs              int     `json:"runs"`
	LocalP50Ms        float64 `json:"local_p50_ms"`
	LocalP99Ms        float64 `json:"local_p99_ms"`
	NetworkP50Ms      float64 `json:"network_p50_ms"`
	NetworkP99Ms      float64 `json:"network_p99_ms"`
	AddedP50Ms        float64 `json:"added_p50_ms"`
	AddedP99Ms        float64 `json:"added_p99_ms"`
	PaidP50Ms         float64 `json:"with_payments_p50_ms"`
	PaidP99Ms         float64 `json:"with_payments_p99_ms"`
	Throughput        float64 `json:"throughput_tasks_per_s"`
	ThroughputTasks   int     `json:"throughput_tasks"`
	ThroughputGo      float64 `json:"throughput_go_module_tasks_per_s"`
	GoTasks           int     `json:"throughput_go_module_tasks"`
	ProvidersTP       int     `json:"throughput_providers"`
	CompileMs         float64 `json:"first_run_compile_ms"`
	WarmRunMs         float64 `json:"warm_run_ms"`
	CompiledRuns      int     `json:"compiled_runs"`
	CompiledProviders int     `json:"providers_used_in_warmup"`
	CompiledAfterWarm int     `json:"compiles_after_warmup"`
	// Escrow compares jobs with payments on a dev chain over JSON-RPC
	// against --no-chain, through the CLI's path.
	Escrow *EscrowReport `json:"escrow,omitempty"`
}

// printEscrow prints the escrow's figures and their targets.
func printEscrow(o io.Writer, e *EscrowReport) {
	fmt.Fprintf(o, "Escrow on the hot path (module %s; 1 consumer + 3 providers × %d slots in-process with real API servers; `deco run --wait`'s path: upload, submit, follow the job's events):\n", e.Module, e.Slots)
	fmt.Fprintf(o, "  %-34s %10s %10s %7s\n", "", "no chain", "payments", "ratio")
	row := func(name string, free, paid float64, note string) {
		fmt.Fprintf(o, "  %-34s %8.0fms %8.0fms %7.2f %s\n", name, free, paid, paid/free, note)
	}
	row(fmt.Sprintf("one job, p50 of %d", e.Runs), e.NoChainOneMs, e.PaidOneMs, "(target ≤ 1.3)")
	row("  to its last event (no polling)", e.NoChainEventsMs, e.PaidEventsMs, "")
	row("  accepted (upload + submit)", e.NoChainSubmitMs, e.PaidSubmitMs, "")
	row(fmt.Sprintf("%d at once, all accepted", e.Parallel), e.NoChainParallelSubmitMs, e.PaidParallelSubmitMs, "")
	row(fmt.Sprintf("%d at once, all ended", e.Parallel), e.NoChainParallelMs, e.PaidParallelMs, "")
	fmt.Fprintf(o, "  %d at once vs one (median of %d rounds): accepted %.2f, ended %.2f with payments (target ≤ 2); %.2f, %.2f with no chain\n",
		e.Parallel, e.Rounds, e.SubmitRatio, e.ParallelRatio, e.NoChainSubmitRatio, e.NoChainParallelRatio)
	if p := e.Processes; p != nil {
		fmt.Fprintf(o, "Escrow through processes (`deco run --wasm %s.wasm --tasks 1 --wait` against `deco devnet --providers 3 --slots %d`, with payments and with --no-chain):\n", e.Module, p.Slots)
		fmt.Fprintf(o, "  %-34s %10s %10s %7s\n", "", "no chain", "payments", "ratio")
		row(fmt.Sprintf("one job, p50 of %d", p.Runs), p.NoChainOneMs, p.PaidOneMs, "(target ≤ 1.3)")
		row(fmt.Sprintf("%d at once, all exited", p.Parallel), p.NoChainParallelMs, p.PaidParallelMs, "")
		fmt.Fprintf(o, "  %d at once vs one (median of %d rounds): %.2f with payments (target ≤ 2), %.2f with no chain\n", p.Parallel, p.Rounds, p.ParallelRatio, p.NoChainParRatio)
		fmt.Fprintf(o, "  the machine's floor: `deco job list` once %.0fms, %d at once %.0fms (%.2f×)\n", p.FloorOneMs, p.Parallel, p.FloorParallelMs, p.FloorParallelMs/p.FloorOneMs)
	}
}

func pct(ds []time.Duration, p float64) float64 {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, k int) bool { return s[i] < s[k] })
	i := int(p * float64(len(s)-1))
	return float64(s[i].Microseconds()) / 1000
}

func newBenchOverheadCmd(g *globals) *cobra.Command {
	var runs, tpTasks, goTasks, tpProviders int
	var cpuprofile string
	var escrowOnly bool
	var escrowModule string
	var escrowRuns, parallel, rounds int
	var processes bool
	cmd := &cobra.Command{
		Use:   "overhead",
		Short: "Latency Deco adds over a local wazero run, throughput with 8 providers, first-run compile cost",
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx := cmd.Context()
			w := cmd.ErrOrStderr()
			if cpuprofile != "" {
				f, err := os.Create(cpuprofile)
				if err != nil {
					return err
				}
				defer f.Close()
				pprof.StartCPUProfile(f)
				defer pprof.StopCPUProfile()
			}
			var r OverheadReport
			if !escrowOnly {
				var err error
				if r, err = benchOverhead(ctx, w, runs, tpTasks, goTasks, tpProviders); err != nil {
					return err
				}
			}
			e, err := benchEscrow(ctx, w, escrowModule, escrowRuns, parallel, rounds)
			if err != nil {
				return err
			}
			if processes {
				if e.Processes, err = benchProcesses(ctx, w, escrowModule, escrowRuns, parallel, rounds); err != nil {
					return err
				}
			}
			r.Escrow = e
			if ok, err := g.emit(cmd.OutOrStdout(), r); ok {
				return err
			}
			o := cmd.OutOrStdout()
			if escrowOnly {
				printEscrow(o, e)
				return nil
			}
			fmt.Fprintf(o, "Overhead (%d one-task jobs, minimal module, 4-node loopback devnet):\n", r.Runs)
			fmt.Fprintf(o, "  local wazero (warm):  p50 %.2fms  p99 %.2fms\n", r.LocalP50Ms, r.LocalP99Ms)
			fmt.Fprintf(o, "  through Deco:         p50 %.2fms  p99 %.2fms\n", r.NetworkP50Ms, r.NetworkP99Ms)
			fmt.Fprintf(o, "  added by Deco:        p50 %.2fms  p99 %.2fms   (targets: 50ms / 200ms)\n", r.AddedP50Ms, r.AddedP99Ms)
			fmt.Fprintf(o, "  with payments:        p50 %.2fms  p99 %.2fms   (escrow opened per job, voucher per task: +%.2fms p50)\n", r.PaidP50Ms, r.PaidP99Ms, r.PaidP50Ms-r.NetworkP50Ms)
			fmt.Fprintf(o, "Throughput with %d providers:\n", r.ProvidersTP)
			fmt.Fprintf(o, "  minimal module:       %.0f tasks/s (%d tasks; target 1000)\n", r.Throughput, r.ThroughputTasks)
			fmt.Fprintf(o, "  Go-built module:      %.0f tasks/s (%d tasks)\n", r.ThroughputGo, r.GoTasks)
			fmt.Fprintf(o, "First run of a new module: compile %.0fms vs warm run %.1fms locally; warm-up job: %d compiles on %d providers (%d tasks); measured job: %d compiles for %d tasks\n",
				r.CompileMs, r.WarmRunMs, r.CompiledRuns, r.CompiledProviders, 4*r.ProvidersTP, r.CompiledAfterWarm, r.GoTasks)
			printEscrow(o, e)
			return nil
		},
	}
	cmd.Flags().IntVar(&runs, "runs", 200, "one-task jobs for the latency figures")
	cmd.Flags().IntVar(&tpTasks, "tasks", 5000, "tasks in the throughput job")
	cmd.Flags().IntVar(&goTasks, "go-tasks", 200, "tasks in the Go-module throughput job")
	cmd.Flags().IntVar(&tpProviders, "providers", 8, "providers for throughput")
	cmd.Flags().StringVar(&cpuprofile, "cpuprofile", "", "write a CPU profile of the whole benchmark to this file")
	cmd.Flags().BoolVar(&escrowOnly, "escrow-only", false, "measure only the escrow's cost (payments on a dev chain vs --no-chain)")
	cmd.Flags().StringVar(&escrowModule, "escrow-module", "hello", "module of the escrow jobs: hello (examples/hello) or minimal")
	cmd.Flags().IntVar(&escrowRuns, "escrow-runs", 10, "one-task jobs per network for the escrow figures")
	cmd.Flags().IntVar(&parallel, "parallel", 20, "jobs submitted at once for the escrow figures")
	cmd.Flags().IntVar(&rounds, "rounds", 3, "rounds of parallel jobs (the median is reported)")
	cmd.Flags().BoolVar(&processes, "processes", false, "also measure the escrow through real processes: `deco run --wait` against two `deco devnet`s (payments and --no-chain)")
	addOutputFlag(cmd, g)
	return cmd
}

func benchOverhead(ctx context.Context, w interface{ Write([]byte) (int, error) }, runs, tpTasks, goTasks, tpProviders int) (OverheadReport, error) {
	r := OverheadReport{Runs: runs, ThroughputTasks: tpTasks, GoTasks: goTasks, ProvidersTP: tpProviders}
	mod := wasm.MinimalModule()
	modID := string(wire.CIDOf(mod))

	// Local baseline: the same module, warm, in wazero.
	dir, err := os.MkdirTemp("", "deco-bench-")
	if err != nil {
		return r, err
	}
	defer os.RemoveAll(dir)
	e, err := wasm.New(ctx)
	if err != nil {
		return r, err
	}
	defer e.Close(ctx)
	runLocal := func(module []byte, id string) (exec.Result, time.Duration, error) {
		out, _ := os.MkdirTemp(dir, "out-")
		defer os.RemoveAll(out)
		t := time.Now()
		res, err := e.Run(ctx, exec.Spec{Module: module, ModuleID: id, OutputDir: out, Timeout: time.Minute})
		return res, time.Since(t), err
	}
	if _, _, err := runLocal(mod, modID); err != nil {
		return r, fmt.Errorf("local run: %w", err)
	}
	var local []time.Duration
	for i := 0; i < runs; i++ {
		_, d, err := runLocal(mod, modID)
		if err != nil {
			return r, err
		}
		local = append(local, d)
	}
	r.LocalP50Ms, r.LocalP99Ms = pct(local, 0.5), pct(local, 0.99)

	// Compile cost of a Go-built module, paid on the first run only.
	hello := examples.HelloWASM()
	hid := string(wire.CIDOf(hello))
	_, d, err := runLocal(hello, hid)
	if err != nil {
		return r, fmt.Errorf("local run of hello: %w", err)
	}
	r.CompileMs = float64(d.Microseconds()) / 1000
	_, d, _ = runLocal(hello, hid)
	r.WarmRunMs = float64(d.Microseconds()) / 1000

	// Through a 4-node devnet: 1 consumer + 3 providers.
	fmt.Fprintf(w, "latency: %d one-task jobs through a 4-node devnet...\n", runs)
	c, err := inproc.Start(ctx, inproc.Options{Providers: 3, Slots: 2})
	if err != nil {
		return r, err
	}
	ref, err := c.Client.PutBlob(ctx, bytes.NewReader(mod))
	if err != nil {
		c.Close()
		return r, err
	}
	one := spec.Job{Name: "bench", Program: spec.Program{CID: ref.CID}, Timeout: spec.Duration(time.Minute), Verification: spec.VerifyReceipt}
	one.Defaults()
	runJob := func(cl *api.Client, j spec.Job) (time.Duration, *api.JobView, error) {
		t := time.Now()
		job, err := cl.Submit(ctx, j)
		if err != nil {
			return 0, nil, err
		}
		if err := cl.Follow(ctx, string(job.ID), func(api.LogLine) error { return nil }); err != nil {
			return 0, nil, err
		}
		d := time.Since(t)
		final, err := cl.Job(ctx, string(job.ID))
		if err != nil {
			return 0, nil, err
		}
		if final.State != api.JobCompleted {
			return d, final, fmt.Errorf("bench job %s: %s", final.State, final.Reason)
		}
		return d, final, nil
	}
	for i := 0; i < 5; i++ { // warm every provider's compile cache
		if _, _, err := runJob(c.Client, one); err != nil {
			c.Close()
			return r, err
		}
	}
	var netw []time.Duration
	for i := 0; i < runs; i++ {
		d, _, err := runJob(c.Client, one)
		if err != nil {
			c.Close()
			return r, err
		}
		netw = append(netw, d)
	}
	c.Close()
	r.NetworkP50Ms, r.NetworkP99Ms = pct(netw, 0.5), pct(netw, 0.99)
	r.AddedP50Ms, r.AddedP99Ms = r.NetworkP50Ms-r.LocalP50Ms, r.NetworkP99Ms-r.LocalP99Ms

	// The same with payments on an in-process chain: escrow opened at
	// submit, a voucher per verified task.
	fmt.Fprintf(w, "latency with payments: %d one-task jobs...\n", runs)
	c, err = inproc.Start(ctx, inproc.Options{Providers: 3, Slots: 2, Chain: true})
	if err != nil {
		return r, err
	}
	ref, err = c.Client.PutBlob(ctx, bytes.NewReader(mod))
	if err != nil {
		c.Close()
		return r, err
	}
	one.Program.CID = ref.CID
	for i := 0; i < 5; i++ {
		if _, _, err := runJob(c.Client, one); err != nil {
			c.Close()
			return r, err
		}
	}
	var paid []time.Duration
	for i := 0; i < runs; i++ {
		d, _, err := runJob(c.Client, one)
		if err != nil {
			c.Close()
			return r, err
		}
		paid = append(paid, d)
	}
	c.Close()
	r.PaidP50Ms, r.PaidP99Ms = pct(paid, 0.5), pct(paid, 0.99)
	if tpTasks == 0 { // latency only (`deco bench report` measures throughput itself)
		return r, nil
	}

	// Throughput with tpProviders providers.
	fmt.Fprintf(w, "throughput: %d tasks over %d providers...\n", tpTasks, tpProviders)
	c, err = inproc.Start(ctx, inproc.Options{Providers: tpProviders, Slots: 16})
	if err != nil {
		return r, err
	}
	defer c.Close()
	ref, err = c.Client.PutBlob(ctx, bytes.NewReader(mod))
	if err != nil {
		return r, err
	}
	many := spec.Job{Name: "throughput", Program: spec.Program{CID: ref.CID}, Tasks: spec.Tasks{Count: tpTasks}, Timeout: spec.Duration(time.Minute), Verification: spec.VerifyReceipt}
	many.Defaults()
	d, _, err = runJob(c.Client, many)
	if err != nil {
		return r, err
	}
	r.Throughput = float64(tpTasks) / d.Seconds()

	href, err := c.Client.PutBlob(ctx, bytes.NewReader(hello))
	if err != nil {
		return r, err
	}
	// First run of the Go module everywhere: each provider compiles it once.
	warm := spec.Job{Name: "warm-go", Program: spec.Program{CID: href.CID}, Tasks: spec.Tasks{Count: 4 * tpProviders}, Timeout: spec.Duration(5 * time.Minute), Verification: spec.VerifyReceipt}
	warm.Defaults()
	_, wfinal, err := runJob(c.Client, warm)
	if err != nil {
		return r, err
	}
	used := map[string]bool{}
	for _, t := range wfinal.Tasks {
		used[t.Provider] = true
		if t.Compiled {
			r.CompiledRuns++
		}
	}
	r.CompiledProviders = len(used)
	gj := spec.Job{Name: "throughput-go", Program: spec.Program{CID: href.CID}, Tasks: spec.Tasks{Count: goTasks}, Timeout: spec.Duration(time.Minute), Verification: spec.VerifyReceipt}
	gj.Defaults()
	d, final, err := runJob(c.Client, gj)
	if err != nil {
		return r, err
	}
	r.ThroughputGo = float64(goTasks) / d.Seconds()
	for _, t := range final.Tasks {
		if t.Compiled {
			r.CompiledAfterWarm++
		}
	}
	return r, nil
}

func newBenchVerifyCmd(g *globals) *cobra.Command {
	var cfg sim.Verification
	var policies []string
	var seeds, sizes string
	cmd := &cobra.Command{
		Use:   "verify",
		Short: "Monte Carlo over the real market core: wrong results accepted and replicas per task, adaptive vs replicate:2 and replicate:3",
		Long: `verify drives the market (auctions, replicas, quorum, adaptive spot-checks,
reputation, the consumer's local checks) in virtual time with simulated
providers, some of which cheat (always wrong, sometimes wrong, wrong after
earning trust), and reports per policy how many wrong results were accepted
and paid and how many replicas a task cost.

With --seeds (e.g. 0-19) it sweeps every seed and --sizes population and
prints each policy's worst run, for cheaters acting alone, colluders that
share a network prefix and stake funder, and colluding unrelated Sybils.
Targets: ≤ 0.1% wrong accepted and paid; adaptive ≤ 1.3 replicas/task.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			// The flags say 0 for none; the simulator reads 0 as its default.
			for _, p := range []*float64{&cfg.LocalCheck, &cfg.KnownAnswers} {
				if *p == 0 {
					*p = -1
				}
			}
			if seeds != "" {
				return benchVerifySweep(cmd, g, cfg, policies, seeds, sizes)
			}
			rs, err := sim.CompareVerification(cmd.Context(), cfg, policies...)
			if err != nil {
				return err
			}
			if ok, err := g.emit(cmd.OutOrStdout(), rs); ok {
				return err
			}
			return sim.WriteVerificationTable(cmd.OutOrStdout(), rs)
		},
	}
	f := cmd.Flags()
	f.IntVar(&cfg.Tasks, "tasks", 10000, "tasks in all")
	f.IntVar(&cfg.Providers, "providers", 100, "providers")
	f.Float64Var(&cfg.Cheaters, "cheaters", 0.10, "share of providers that cheat")
	f.Float64Var(&cfg.WrongRate, "wrong-rate", 0.3, "how often a sometimes-wrong cheater lies")
	f.BoolVar(&cfg.Collude, "collude", false, "cheaters agree on one wrong output per task")
	f.BoolVar(&cfg.Related, "related", false, "colluders share a network prefix and stake funder (with --collude)")
	f.Float64Var(&cfg.LocalCheck, "local-check", 0.02, "share of accepted results the consumer re-runs itself (0 = none)")
	f.Float64Var(&cfg.KnownAnswers, "known", 0.5, "share of locally checked tasks sent again as known-answer tasks (0 = none)")
	f.Uint64Var(&cfg.Seed, "seed", 1, "random seed (same seed, same result)")
	f.StringVar(&seeds, "seeds", "", "sweep these seeds (e.g. 0-19 or 1,5,9) and report each policy's worst run")
	f.StringVar(&sizes, "sizes", "2000/50,10000/100", "with --seeds: populations to sweep, tasks/providers")
	f.StringSliceVar(&policies, "policy", sim.VerificationPolicies, "policies to compare")
	addOutputFlag(cmd, g)
	return cmd
}

// benchVerifySweep runs `bench verify --seeds`: the worst run per policy
// for lone cheaters, related colluders and unrelated colluding Sybils.
func benchVerifySweep(cmd *cobra.Command, g *globals, cfg sim.Verification, policies []string, seeds, sizes string) error {
	ss, err := parseSeeds(seeds)
	if err != nil {
		return err
	}
	zs, err := parseSizes(sizes)
	if err != nil {
		return err
	}
	scenarios := []struct {
		name             string
		collude, related bool
	}{{"cheaters acting alone", false, false}, {"colluders sharing a network prefix and stake funder", true, true}, {"colluding unrelated Sybils", true, false}}
	out := map[string][]sim.Worst{}
	w := cmd.OutOrStdout()
	for _, sc := range scenarios {
		v := cfg
		v.Collude, v.Related = sc.collude, sc.related
		ws, err := sim.Sweep{Base: v, Seeds: ss, Sizes: zs, Policies: policies}.Run(cmd.Context())
		if err != nil {
			return err
		}
		out[sc.name] = ws
		if g.output == "" || g.output == "table" {
			fmt.Fprintf(w, "%s (%.0f%% cheaters; seeds %s; sizes %s):\n", sc.name, 100*cfg.Cheaters, seeds, sizes)
			if err := sim.WriteWorstTable(w, ws); err != nil {
				return err
			}
			fmt.Fprintln(w)
		}
	}
	if ok, err := g.emit(w, out); ok {
		return err
	}
	return nil
}

// parseSeeds reads "0-19" or "1,5,9" (or both, comma separated).
func parseSeeds(s string) ([]uint64, error) {
	var out []uint64
	for _, part := range strings.Split(s, ",") {
		lo, hi, isRange := strings.Cut(strings.TrimSpace(part), "-")
		a, err := strconv.ParseUint(lo, 10, 64)
		b := a
		if err == nil && isRange {
			b, err = strconv.ParseUint(hi, 10, 64)
		}
		if err != nil || b < a || b-a > 10000 {
			return nil, fmt.Errorf("--seeds: write seeds as 0-19 or 1,5,9; got %q", s)
		}
		for x := a; x <= b; x++ {
			out = append(out, x)
		}
	}
	return out, nil
}

// parseSizes reads "2000/50,10000/100" (tasks/providers).
func parseSizes(s string) ([]sim.Size, error) {
	var out []sim.Size
	for _, part := range strings.Split(s, ",") {
		t, p, ok := strings.Cut(strings.TrimSpace(part), "/")
		tasks, err1 := strconv.Atoi(t)
		provs, err2 := strconv.Atoi(p)
		if !ok || err1 != nil || err2 != nil || tasks < 1 || provs < 1 {
			return nil, fmt.Errorf("--sizes: write populations as tasks/providers, e.g. 2000/50,10000/100; got %q", s)
		}
		out = append(out, sim.Size{Tasks: tasks, Providers: provs})
	}
	return out, nil
}
