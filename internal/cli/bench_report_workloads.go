package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	dto "github.com/prometheus/client_model/go"

	"github.com/deco-network/deco/examples"
	"github.com/deco-network/deco/examples/kernel"
	"github.com/deco-network/deco/examples/mining/pow"
	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/devnet/inproc"
	"github.com/deco-network/deco/internal/exec/wasm"
	"github.com/deco-network/deco/internal/metrics"
	"github.com/deco-network/deco/internal/report"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
	"github.com/deco-network/deco/internal/zk"
)

// reportWorkload is one row of the report's workload table: a job run on
// a paying network, timed, its payment read from its escrow, and its
// tasks run again one after another in a local wazero as the baseline.
// To add a workload to the report, append an entry to reportWorkloads.
type reportWorkload struct {
	Name string
	What string // what one job computes, for the table
	// Job uploads what the workload needs through c and returns its job
	// spec, at small sizes when quick. A job with one program (no
	// stages) also gets the local baseline.
	Job func(ctx context.Context, c *api.Client, quick bool) (spec.Job, error)
	// Check, when set, checks the completed job's outputs against a
	// result computed outside Deco; an error says what differs.
	Check func(ctx context.Context, c *api.Client, j spec.Job, final *api.JobView) error
}

// reportWorkloads are the workloads of the report, in table order.
var reportWorkloads = []reportWorkload{
	{Name: "hello", What: "the hello example: each task writes a line and its index squared", Job: helloJob, Check: checkHello},
	{Name: "render", What: "the ray tracer, one band of the image per task", Job: renderJob},
	{Name: "kernel", What: "the compute kernel (`deco bench kernel`'s ray tracer), whole image per task", Job: kernelJob, Check: checkKernel},
	{Name: "montecarlo", What: "Monte Carlo price of a European call, its own random stream per task (replicate:2)", Job: monteCarloJob, Check: checkMonteCarlo},
	{Name: "mining", What: "proof-of-work nonce search, one range per task, each result judged by a checker (verification: check)", Job: miningJob, Check: checkMining},
}

// The option the Monte Carlo workload prices.
var mcArgs = []string{"--seed", "2026", "--task", "{{index}}", "--spot", "100", "--strike", "105", "--rate", "0.05", "--vol", "0.2", "--years", "1"}

func monteCarloJob(ctx context.Context, c *api.Client, quick bool) (spec.Job, error) {
	args := append(append([]string(nil), mcArgs...), "--paths", strconv.Itoa(pick(quick, 20_000, 100_000)))
	j, err := uploadJob(ctx, c, "montecarlo", examples.MonteCarloWASM(), pick(quick, 4, 8), args)
	if err != nil {
		return j, err
	}
	j.Verification = "replicate:2"
	return j, nil
}

// checkMonteCarlo pools the tasks' payoffs and checks the price is within
// 4 standard errors of the Black–Scholes closed form.
func checkMonteCarlo(ctx context.Context, c *api.Client, _ spec.Job, final *api.JobView) error {
	var n, sum, sq float64
	for _, t := range final.Tasks {
		b, err := taskOutput(ctx, c, t, "result.json")
		if err != nil {
			return err
		}
		var r struct {
			Paths int     `json:"paths"`
			Sum   float64 `json:"sum"`
			SumSq float64 `json:"sum_sq"`
		}
		if err := json.Unmarshal(b, &r); err != nil || r.Paths < 1 {
			return fmt.Errorf("task %d: result.json: %v", t.Index, err)
		}
		n, sum, sq = n+float64(r.Paths), sum+r.Sum, sq+r.SumSq
	}
	price := sum / n
	stderr := math.Sqrt(max(sq/n-price*price, 0) / n)
	const spot, strike, rate, vol, years = 100.0, 105.0, 0.05, 0.2, 1.0
	d1 := (math.Log(spot/strike) + (rate+vol*vol/2)*years) / (vol * math.Sqrt(years))
	d2 := d1 - vol*math.Sqrt(years)
	phi := func(x float64) float64 { return 0.5 * math.Erfc(-x/math.Sqrt2) }
	exact := spot*phi(d1) - strike*math.Exp(-rate*years)*phi(d2)
	if math.Abs(price-exact) > 4*stderr {
		return fmt.Errorf("price %.4f ± %.4f is %.1f standard errors from the closed form %.4f", price, stderr, math.Abs(price-exact)/stderr, exact)
	}
	return nil
}

func miningJob(ctx context.Context, c *api.Client, quick bool) (spec.Job, error) {
	bits := pick(quick, 12, 20)
	j, err := uploadJob(ctx, c, "mining", examples.MiningWASM(), pick(quick, 2, 8),
		[]string{"--header", "6465636f2d626c6f636b2d3137", "--bits", strconv.Itoa(bits), "--span", strconv.Itoa(1 << (bits + 4))})
	if err != nil {
		return j, err
	}
	ref, err := c.PutBlob(ctx, bytes.NewReader(examples.MiningCheckWASM()))
	if err != nil {
		return j, fmt.Errorf("upload the mining checker: %w", err)
	}
	j.Verification, j.Checker = spec.VerifyCheck, &spec.Program{CID: ref.CID, Size: ref.Size}
	return j, nil
}

// checkMining checks each task's nonce with one hash, in plain Go.
func checkMining(ctx context.Context, c *api.Client, j spec.Job, final *api.JobView) error {
	for _, t := range final.Tasks {
		b, err := taskOutput(ctx, c, t, pow.ResultFile)
		if err != nil {
			return err
		}
		pj, err := pow.Parse(j.Tasks.Args, t.Index)
		if err != nil {
			return err
		}
		if err := pj.Check(string(b)); err != nil {
			return fmt.Errorf("task %d: %w", t.Index, err)
		}
	}
	return nil
}

// uploadJob uploads module and returns a job of it with tasks tasks.
func uploadJob(ctx context.Context, c *api.Client, name string, module []byte, tasks int, args []string) (spec.Job, error) {
	ref, err := c.PutBlob(ctx, bytes.NewReader(module))
	if err != nil {
		return spec.Job{}, fmt.Errorf("upload %s: %w", name, err)
	}
	j := spec.Job{Name: name, Program: spec.Program{CID: ref.CID, Size: ref.Size}, Tasks: spec.Tasks{Count: tasks, Args: args},
		Timeout: spec.Duration(5 * time.Minute), Verification: spec.VerifyReceipt}
	j.Defaults()
	return j, nil
}

func helloJob(ctx context.Context, c *api.Client, quick bool) (spec.Job, error) {
	return uploadJob(ctx, c, "hello", examples.HelloWASM(), pick(quick, 2, 8), []string{"hello from task {{index}} of {{count}}"})
}

// checkHello reads each task's result.txt and checks the square.
func checkHello(ctx context.Context, c *api.Client, j spec.Job, final *api.JobView) error {
	for _, t := range final.Tasks {
		b, err := taskOutput(ctx, c, t, "result.txt")
		if err != nil {
			return err
		}
		if want := fmt.Sprintf("square %d\n", t.Index*t.Index); !strings.Contains(string(b), want) {
			return fmt.Errorf("task %d: result.txt lacks %q", t.Index, strings.TrimSpace(want))
		}
	}
	return nil
}

func renderJob(ctx context.Context, c *api.Client, quick bool) (spec.Job, error) {
	w, h, tiles := 320, 240, 8
	if quick {
		w, h, tiles = 64, 48, 2
	}
	return uploadJob(ctx, c, "render", examples.RenderWASM(), tiles,
		[]string{"--tile", "{{index}}", "--tiles", "{{count}}", "--width", strconv.Itoa(w), "--height", strconv.Itoa(h)})
}

// kernelSize is the image the kernel workload renders per task.
func kernelSize(quick bool) (w, h int) {
	if quick {
		return 32, 24
	}
	return 160, 120
}

func kernelJob(ctx context.Context, c *api.Client, quick bool) (spec.Job, error) {
	w, h := kernelSize(quick)
	return uploadJob(ctx, c, "kernel", examples.KernelWASM(), pick(quick, 2, 4),
		[]string{"--width", strconv.Itoa(w), "--height", strconv.Itoa(h)})
}

// checkKernel renders the image natively with the same kernel and
// compares its checksum with the one each task printed.
func checkKernel(ctx context.Context, c *api.Client, j spec.Job, final *api.JobView) error {
	w, h := argInt(j.Tasks.Args, "--width"), argInt(j.Tasks.Args, "--height")
	want := fmt.Sprintf("checksum %016x", kernel.Checksum(kernel.RenderBand(w, h, 0, h, 1)))
	for _, t := range final.Tasks {
		var out bytes.Buffer
		if err := c.GetBlob(ctx, t.Stdout, &out); err != nil {
			return fmt.Errorf("task %d: fetch stdout: %w", t.Index, err)
		}
		if got := strings.TrimSpace(out.String()); got != want {
			return fmt.Errorf("task %d printed %q, native Go computes %q", t.Index, got, want)
		}
	}
	return nil
}

// argInt returns the integer after flag in args (0 if absent).
func argInt(args []string, flag string) int {
	for i := 0; i+1 < len(args); i++ {
		if args[i] == flag {
			n, _ := strconv.Atoi(args[i+1])
			return n
		}
	}
	return 0
}

func pick(quick bool, small, full int) int {
	if quick {
		return small
	}
	return full
}

// taskOutput fetches one output file of task t.
func taskOutput(ctx context.Context, c *api.Client, t api.TaskView, path string) ([]byte, error) {
	for _, e := range t.Outputs.Entries {
		if e.Path == path {
			var b bytes.Buffer
			if err := c.GetBlob(ctx, e.CID, &b); err != nil {
				return nil, fmt.Errorf("task %d: fetch %s: %w", t.Index, path, err)
			}
			return b.Bytes(), nil
		}
	}
	return nil, fmt.Errorf("task %d has no output %s", t.Index, path)
}

// workloadResult is one measured row.
type workloadResult struct {
	Name, What string
	Tasks      int
	Wall       time.Duration // submit -> completed on the network
	Local      time.Duration // the tasks one after another in a local wazero (0: not measured)
	LocalNote  string        // why there is no local baseline
	Paid       wire.Amount   // vouchers signed for the job
	Check      string        // "ok", "—" (none) or what failed
}

// paidNetwork returns the run's paying network (3 providers on the
// embedded chain, zk keys under DIR/zk), starting it the first time.
func (b *benchReport) paidNetwork(ctx context.Context) (*inproc.Cluster, error) {
	if b.paid != nil {
		return b.paid, nil
	}
	keys, err := filepath.Abs(filepath.Join(b.out, "zk"))
	if err != nil {
		return nil, err
	}
	c, err := inproc.Start(ctx, inproc.Options{Providers: 3, Slots: 2, Chain: true, ZKKeys: keys})
	if err != nil {
		return nil, err
	}
	b.paid, b.paidGas = c, chainGas()
	return c, nil
}

func (b *benchReport) measureWorkloads(ctx context.Context) error {
	c, err := b.paidNetwork(ctx)
	if err != nil {
		return err
	}
	e, err := wasm.New(ctx)
	if err != nil {
		return err
	}
	defer e.Close(context.WithoutCancel(ctx))
	for i, wl := range reportWorkloads {
		j, err := wl.Job(ctx, c.Client, b.sz.Quick)
		if err != nil {
			return fmt.Errorf("%s: %w", wl.Name, err)
		}
		d, final, err := reportRunJob(ctx, c.Client, j)
		if err != nil {
			return fmt.Errorf("%s: %w", wl.Name, err)
		}
		r := workloadResult{Name: wl.Name, What: wl.What, Tasks: len(final.Tasks), Wall: d, Check: "—"}
		if p := final.Payment; p != nil {
			r.Paid = p.Spent
		}
		if wl.Check != nil {
			r.Check = "ok"
			if err := wl.Check(ctx, c.Client, j, final); err != nil {
				r.Check = "FAILED: " + err.Error()
			}
		}
		r.Local, r.LocalNote = localBaseline(ctx, e, c.Client, j)
		b.workloads = append(b.workloads, r)
		b.p.step(i+1, len(reportWorkloads), fmt.Sprintf("%s: %d tasks in %s, %s DECO", wl.Name, r.Tasks, d.Round(time.Millisecond), r.Paid))
	}
	return nil
}

// localBaseline runs j's tasks one after another in e (a fresh local
// wazero, so the module compiles once, as it would for a user running
// it at home), with the job's inputs staged, and returns the time. A
// job it cannot replay (no single program) gets a note instead.
func localBaseline(ctx context.Context, e *wasm.Executor, c *api.Client, j spec.Job) (time.Duration, string) {
	if j.Program.CID == "" {
		return 0, "no single program"
	}
	var mod bytes.Buffer
	if err := c.GetBlob(ctx, j.Program.CID, &mod); err != nil {
		return 0, "fetch the program: " + err.Error()
	}
	var total time.Duration
	for i := 0; i < j.Tasks.Count; i++ {
		in, err := stageInputs(ctx, c, j, i)
		if err != nil {
			return 0, err.Error()
		}
		d, err := runLocally(ctx, e, mod.Bytes(), j.ArgsFor(i), j.EnvFor(i), in)
		if in != "" {
			os.RemoveAll(in)
		}
		if err != nil {
			return 0, fmt.Sprintf("task %d locally: %v", i, err)
		}
		total += d
	}
	return total, ""
}

// stageInputs writes task i's inputs of j into a new directory ("" when
// it has none).
func stageInputs(ctx context.Context, c *api.Client, j spec.Job, i int) (string, error) {
	var dir string
	for _, in := range j.Inputs {
		if in.Task != nil && *in.Task != i {
			continue
		}
		if dir == "" {
			var err error
			if dir, err = os.MkdirTemp("", "deco-report-in-"); err != nil {
				return "", err
			}
		}
		name := in.Name
		if name == "" {
			name = filepath.Base(in.Path)
		}
		f, err := os.Create(filepath.Join(dir, filepath.Base(name)))
		if err != nil {
			return dir, err
		}
		err = c.GetBlob(ctx, in.CID, f)
		f.Close()
		if err != nil {
			return dir, fmt.Errorf("input %s: %w", name, err)
		}
	}
	return dir, nil
}

func (b *benchReport) renderWorkloads(d *report.Doc) error {
	if len(b.workloads) == 0 {
		return report.ErrNoData
	}
	d.Para("Each workload as one job on a paying network (1 consumer + 3 providers, 2 slots each, escrow and vouchers on the embedded chain), its providers' compile caches cold as for a first job. The baseline runs the same tasks one after another in a local wazero, compiling the module once. Tokens are the vouchers the consumer signed for the job's verified tasks (DECO).")
	var rows [][]string
	var labels []string
	var net, local []float64
	for _, r := range b.workloads {
		loc, ratio := r.LocalNote, ""
		if r.Local > 0 {
			loc, ratio = f1(ms(r.Local)), f2(r.Local.Seconds()/r.Wall.Seconds())+"×"
		}
		per := "0"
		if r.Tasks > 0 {
			per = (r.Paid / wire.Amount(r.Tasks)).String()
		}
		rows = append(rows, []string{r.Name, r.What, strconv.Itoa(r.Tasks), f1(ms(r.Wall)), loc, ratio, r.Paid.String(), per, r.Check})
		labels = append(labels, r.Name)
		net, local = append(net, ms(r.Wall)), append(local, ms(r.Local))
	}
	d.Table([]string{"workload", "what", "tasks", "network ms", "local ms", "local / network", "tokens paid", "per task", "check"}, rows)
	return b.figure(d, "workloads.png", "time per workload: network vs local", report.Bars{
		Title: "Time per workload", Y: "milliseconds", Labels: labels,
		Sets: []report.BarSet{{Name: "on the network", Values: net}, {Name: "locally, tasks in sequence", Values: local}},
	}.Save)
}

// --- zk -----------------------------------------------------------------

// zkResult is the zk step: proofs made locally (the baseline), a zk job
// on the paying network, and the gas of what went on chain.
type zkResult struct {
	Circuit     string
	Constraints int
	Setup       time.Duration // 0: the keys were cached
	Local       []time.Duration
	// The job on the network.
	Tasks      int
	Executions int
	JobWall    time.Duration
	ProveMs    float64 // mean time the providers reported per task
	Settled    int
	// Gas per chain method: registering the circuit's verifier (once per
	// circuit), the zk job (proof escrow, settlements) and the rest of
	// the paying network's run (the workloads' escrows and redemptions).
	SetupGas, JobGas, RedeemGas map[string]gasUse
}

type gasUse struct{ Gas, Txs float64 }

func (b *benchReport) measureZK(ctx context.Context) error {
	circuit, err := zk.Lookup(b.sz.ZKCircuit)
	if err != nil {
		return err
	}
	z := &zkResult{Circuit: circuit.ID()}
	if z.Constraints, err = circuit.Constraints(); err != nil {
		return err
	}
	dir, err := filepath.Abs(filepath.Join(b.out, "zk"))
	if err != nil {
		return err
	}
	keys := zk.Cache{Dir: dir}
	t := time.Now()
	_, missing := keys.Load(circuit)
	ck, err := keys.Ensure(ctx, circuit)
	if err != nil {
		return fmt.Errorf("keys of %s: %w", circuit, err)
	}
	if missing != nil {
		z.Setup = time.Since(t)
	}
	pk, err := zk.LoadProvingKey(ck.Proving)
	if err != nil {
		return err
	}
	params := circuit.Example()
	for i := 0; i < b.sz.ZKLocal; i++ {
		t := time.Now()
		if _, err := zk.Prove(ctx, circuit, pk, params, common.Address{1}); err != nil {
			return fmt.Errorf("prove %s locally: %w", circuit, err)
		}
		z.Local = append(z.Local, time.Since(t))
	}
	b.zk = z
	b.p.step(1, 2, fmt.Sprintf("%s: %d constraints, local proof %s", circuit, z.Constraints, z.Local[0].Round(time.Millisecond)))
	c, err := b.paidNetwork(ctx)
	if err != nil {
		return err
	}
	before := chainGas()
	if err := c.SetupCircuits(ctx, circuit.ID()); err != nil {
		return fmt.Errorf("set up %s on the chain: %w", circuit, err)
	}
	z.SetupGas = gasSince(before)
	before = chainGas()
	j := spec.Job{Name: "report-zk", Tasks: spec.Tasks{Count: b.sz.ZKTasks},
		Circuit: &spec.Circuit{Name: circuit.ID(), Set: params}}
	j.Defaults()
	d, final, err := reportRunJob(ctx, c.Client, j)
	if err != nil {
		return err
	}
	final = waitSettled(ctx, c.Client, final, io.Discard, false)
	z.JobGas = gasSince(before)
	z.Tasks, z.JobWall = len(final.Tasks), d
	var sum float64
	for _, t := range final.Tasks {
		z.Executions += len(t.Attempts)
		sum += float64(t.DurationMs)
	}
	z.ProveMs = sum / float64(max(len(final.Tasks), 1))
	if p := final.Payment; p != nil {
		z.Settled = len(p.Settled)
	}
	// The baseline: the voucher payments of the workloads, redeemed by
	// the providers as they went and as they stop.
	c.StopProviders()
	z.RedeemGas = map[string]gasUse{}
	for m, u := range gasSince(b.paidGas) {
		u.Gas -= z.JobGas[m].Gas + z.SetupGas[m].Gas
		u.Txs -= z.JobGas[m].Txs + z.SetupGas[m].Txs
		if u.Txs > 0 {
			z.RedeemGas[m] = u
		}
	}
	b.p.step(2, 2, fmt.Sprintf("zk job: %d tasks in %s, %d settled on chain", z.Tasks, d.Round(time.Millisecond), z.Settled))
	return nil
}

// chainGas reads the process's chain metrics: gas and mined transactions
// by method (every in-process node counts into them).
func chainGas() map[string]gasUse {
	out := map[string]gasUse{}
	fams, err := metrics.Registry.Gather()
	if err != nil {
		return out
	}
	label := func(m *dto.Metric, name string) string {
		for _, l := range m.GetLabel() {
			if l.GetName() == name {
				return l.GetValue()
			}
		}
		return ""
	}
	for _, f := range fams {
		for _, m := range f.GetMetric() {
			method := label(m, "method")
			u := out[method]
			switch f.GetName() {
			case "deco_chain_gas_used_total":
				u.Gas += m.GetCounter().GetValue()
			case "deco_chain_transactions_total":
				if label(m, "status") == "ok" {
					u.Txs += m.GetCounter().GetValue()
				}
			default:
				continue
			}
			out[method] = u
		}
	}
	return out
}

// gasSince returns what chainGas grew by since before.
func gasSince(before map[string]gasUse) map[string]gasUse {
	out := map[string]gasUse{}
	for m, u := range chainGas() {
		d := gasUse{Gas: u.Gas - before[m].Gas, Txs: u.Txs - before[m].Txs}
		if d.Txs > 0 {
			out[m] = d
		}
	}
	return out
}

func (b *benchReport) renderZK(d *report.Doc) error {
	z := b.zk
	if z == nil || len(z.Local) == 0 {
		return report.ErrNoData
	}
	var local time.Duration
	for _, l := range z.Local {
		local += l
	}
	local /= time.Duration(len(z.Local))
	setup := "keys cached from an earlier run"
	if z.Setup > 0 {
		setup = fmt.Sprintf("trusted setup %s (once; keys kept in %s)", z.Setup.Round(time.Millisecond), filepath.Join(b.out, "zk"))
	}
	d.Para("Circuit %s: %d constraints; %s. The baseline is the same proof made locally by `zk.Prove` (the provider's computation, witness and Groth16 prover), mean of %d.", z.Circuit, z.Constraints, setup, len(z.Local))
	rows := [][]string{{"local proof (baseline)", f1(ms(local)), "1.0×"}}
	perTask := z.JobWall / time.Duration(max(z.Tasks, 1))
	rows = append(rows,
		[]string{"proof on a provider (its reported execution time, mean)", f1(z.ProveMs), f2(z.ProveMs/ms(local)) + "×"},
		[]string{fmt.Sprintf("zk job of %d tasks, wall time per task", z.Tasks), f1(ms(perTask)), f2(perTask.Seconds()/local.Seconds()) + "×"})
	d.Table([]string{"", "ms per proof", "vs local"}, rows)
	d.Para("The providers prove their tasks at the same time on this machine's %d cores, so a proof on a provider takes longer than the lone local one. %d of %d tasks were settled on chain by their providers against their proofs. Gas per transaction, from the chain metrics of this run: the zk job, and as the baseline the workload jobs on the same network, paid by vouchers (escrow opened per job, vouchers redeemed by the providers):", b.machine.Cores, z.Settled, z.Tasks)
	var grows [][]string
	var labels []string
	var vals []float64
	add := func(phase string, m map[string]gasUse, plot bool) {
		var names []string
		for n := range m {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			u := m[n]
			grows = append(grows, []string{phase, n, strconv.Itoa(int(u.Txs)), strconv.Itoa(int(u.Gas / u.Txs))})
			if !plot {
				continue
			}
			labels = append(labels, strings.TrimPrefix(n, "escrow."))
			vals = append(vals, u.Gas/u.Txs)
		}
	}
	add("zk job", z.JobGas, true)
	add("zk circuit setup (once per circuit)", z.SetupGas, false)
	add("workload jobs (vouchers)", z.RedeemGas, true)
	if len(grows) == 0 {
		d.Para("No transaction was mined in this step.")
		return nil
	}
	d.Table([]string{"phase", "method", "transactions", "gas per transaction"}, grows)
	settle := z.JobGas["escrow.settleWithProof"].Gas + z.JobGas["escrow.settleWithProofs"].Gas
	if z.Settled > 0 && settle > 0 {
		perProof := settle / float64(z.Settled)
		labels, vals = append(labels, "settlement per proof"), append(vals, perProof)
		line := fmt.Sprintf("Settlement per proof: **%d gas** (target ≤ 260,000; batched settlements share one transaction's base cost)", int(perProof))
		if r, ok := z.RedeemGas["escrow.redeem"]; ok {
			line += fmt.Sprintf(", against **%d gas** for a voucher redemption (which pays for all of one provider's tasks of a job at once)", int(r.Gas/r.Txs))
		}
		d.Para("%s.", line)
	}
	return b.figure(d, "zk_gas.png", "gas per transaction: proof settlement vs voucher redemption", report.Bars{
		Title: "Gas per transaction", Y: "gas", Labels: labels, Sets: []report.BarSet{{Name: "gas", Values: vals}},
	}.Save)
}
