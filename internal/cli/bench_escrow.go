package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/deco-network/deco/examples"
	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/config"
	"github.com/deco-network/deco/internal/devnet"
	"github.com/deco-network/deco/internal/devnet/inproc"
	"github.com/deco-network/deco/internal/exec/wasm"
	"github.com/deco-network/deco/internal/node"
	"github.com/deco-network/deco/internal/spec"
)

// EscrowReport is what the escrow costs a user: the same one-task jobs
// through the path of `deco run --wait` (upload, submit, poll the job),
// with payments on a dev chain served over JSON-RPC as `deco devnet`
// runs it, and with no chain (`--no-chain`). Both networks run side by
// side and take turns, so the machine's load weighs on both alike.
type EscrowReport struct {
	Module   string `json:"module"`
	Runs     int    `json:"runs"`
	Parallel int    `json:"parallel"`
	Rounds   int    `json:"parallel_rounds"`
	// Slots per provider (of 3): enough for Parallel tasks at once, so the
	// parallel figure measures the escrow and the placement, not a queue.
	Slots int `json:"slots"`
	// One job, p50 of Runs, through the CLI's wait (it follows the job's events).
	NoChainOneMs float64 `json:"no_chain_one_ms"`
	PaidOneMs    float64 `json:"paid_one_ms"`
	OneRatio     float64 `json:"one_ratio"` // paid / no chain; target ≤ 1.3
	// The same one job until its event stream ends (no polling), and
	// until the node accepted it (upload and submit: the escrow is open).
	NoChainEventsMs float64 `json:"no_chain_events_ms"`
	PaidEventsMs    float64 `json:"paid_events_ms"`
	NoChainSubmitMs float64 `json:"no_chain_submit_ms"`
	PaidSubmitMs    float64 `json:"paid_submit_ms"`
	// Parallel jobs submitted at once (median of Rounds): until every one
	// was accepted, and until the last one ended.
	NoChainParallelSubmitMs float64 `json:"no_chain_parallel_submit_ms"`
	PaidParallelSubmitMs    float64 `json:"paid_parallel_submit_ms"`
	NoChainParallelMs       float64 `json:"no_chain_parallel_ms"`
	PaidParallelMs          float64 `json:"paid_parallel_ms"`
	// Ratios of parallel to one job with payments; target ≤ 2.
	SubmitRatio   float64 `json:"parallel_submit_ratio"`
	ParallelRatio float64 `json:"parallel_ratio"`
	// The same without a chain, for comparison.
	NoChainSubmitRatio   float64 `json:"no_chain_parallel_submit_ratio"`
	NoChainParallelRatio float64 `json:"no_chain_parallel_ratio"`
	// The same measured through processes (--processes).
	Processes *ProcessEscrowReport `json:"processes,omitempty"`
}

// escrowModules are the modules `deco bench overhead --escrow-module` takes.
var escrowModules = map[string]func() []byte{"hello": examples.HelloWASM, "minimal": wasm.MinimalModule}

// benchEscrow measures EscrowReport on two in-process networks of real
// nodes (a consumer and three providers each, real API servers): one
// with no chain, one whose nodes dial an embedded dev chain over JSON-RPC.
func benchEscrow(ctx context.Context, w io.Writer, module string, runs, parallel, rounds int) (*EscrowReport, error) {
	mod, ok := escrowModules[module]
	if !ok {
		return nil, fmt.Errorf("--escrow-module %q: want hello or minimal", module)
	}
	if runs < 1 || parallel < 1 || rounds < 1 {
		return nil, fmt.Errorf("--escrow-runs, --parallel and --rounds must be at least 1")
	}
	dir, err := os.MkdirTemp("", "deco-bench-escrow-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, module+".wasm")
	if err := os.WriteFile(path, mod(), 0o644); err != nil {
		return nil, err
	}
	fmt.Fprintln(w, "escrow: starting a network with no chain and one paying on a dev chain over JSON-RPC...")
	var nets [2]*benchNet // no chain, paid
	for i, paid := range []bool{false, true} {
		c, stop, err := startBenchNetwork(ctx, filepath.Join(dir, strconv.FormatBool(paid)), paid, benchSlots(parallel))
		if err != nil {
			return nil, fmt.Errorf("escrow bench network (payments %v): %w", paid, err)
		}
		defer stop()
		nets[i] = &benchNet{c: c.Client, module: path}
	}
	fmt.Fprintf(w, "escrow: %d one-task jobs, then %d rounds of %d at once, on each network in turn...\n", runs, rounds, parallel)
	for i := range 5 {
		for _, n := range nets {
			// The first job runs on every provider, so each has compiled
			// the module before anything is timed; the first opening
			// approves the escrow's allowance.
			verify := ""
			if i == 0 {
				verify = "replicate:3"
			}
			if _, err := n.cliRun(ctx, verify, nil); err != nil {
				return nil, fmt.Errorf("warm-up: %w", err)
			}
		}
	}
	for range runs {
		for _, n := range nets {
			if err := n.measureOne(ctx); err != nil {
				return nil, err
			}
		}
	}
	for range rounds {
		for _, n := range nets {
			if err := n.measureParallel(ctx, parallel); err != nil {
				return nil, err
			}
		}
	}
	free, paid := nets[0], nets[1]
	r := &EscrowReport{Module: module, Runs: runs, Parallel: parallel, Rounds: rounds, Slots: benchSlots(parallel),
		NoChainOneMs: pct(free.one, 0.5), PaidOneMs: pct(paid.one, 0.5),
		NoChainEventsMs: pct(free.events, 0.5), PaidEventsMs: pct(paid.events, 0.5),
		NoChainSubmitMs: pct(free.submit, 0.5), PaidSubmitMs: pct(paid.submit, 0.5),
		NoChainParallelSubmitMs: pct(free.parSubmit, 0.5), PaidParallelSubmitMs: pct(paid.parSubmit, 0.5),
		NoChainParallelMs: pct(free.par, 0.5), PaidParallelMs: pct(paid.par, 0.5),
	}
	r.OneRatio = r.PaidOneMs / r.NoChainOneMs
	r.SubmitRatio = r.PaidParallelSubmitMs / r.PaidSubmitMs
	r.ParallelRatio = r.PaidParallelMs / r.PaidOneMs
	r.NoChainSubmitRatio = r.NoChainParallelSubmitMs / r.NoChainSubmitMs
	r.NoChainParallelRatio = r.NoChainParallelMs / r.NoChainOneMs
	return r, nil
}

// benchNet is one network of the escrow bench and what was measured on it.
type benchNet struct {
	c      *api.Client
	module string // path of the module file

	one, events, submit, par, parSubmit []time.Duration
}

// submitOne uploads the module and submits a one-task job, as `deco run
// --wasm FILE --tasks 1` does.
func (n *benchNet) submitOne(ctx context.Context, verify string) (*api.JobView, error) {
	j := spec.Job{Name: "bench-escrow", Program: spec.Program{WASM: n.module}, Timeout: spec.Duration(time.Minute), Verification: verify}
	j.Defaults()
	if err := resolve(ctx, n.c, &j, "."); err != nil {
		return nil, err
	}
	return n.c.Submit(ctx, j)
}

// cliRun is `deco run --wasm FILE --tasks 1 --wait [--verify verify]`;
// submitted, when not nil, is called once the node accepted the job.
func (n *benchNet) cliRun(ctx context.Context, verify string, submitted func()) (time.Duration, error) {
	t := time.Now()
	v, err := n.submitOne(ctx, verify)
	if err != nil {
		return 0, err
	}
	if submitted != nil {
		submitted()
	}
	final, err := waitJob(ctx, n.c, string(v.ID), io.Discard, false)
	if err != nil {
		return 0, err
	}
	if final.State != api.JobCompleted {
		return 0, fmt.Errorf("job %s %s: %s", final.ID.Short(), final.State, final.Reason)
	}
	return time.Since(t), nil
}

// measureOne times one job through the CLI's wait, and another until its
// event stream ends.
func (n *benchNet) measureOne(ctx context.Context) error {
	t := time.Now()
	d, err := n.cliRun(ctx, "", func() { n.submit = append(n.submit, time.Since(t)) })
	if err != nil {
		return err
	}
	n.one = append(n.one, d)
	t = time.Now()
	v, err := n.submitOne(ctx, "")
	if err != nil {
		return err
	}
	if err := n.c.Follow(ctx, string(v.ID), func(api.LogLine) error { return nil }); err != nil {
		return err
	}
	n.events = append(n.events, time.Since(t))
	return nil
}

// measureParallel runs k jobs at once through the CLI's path.
func (n *benchNet) measureParallel(ctx context.Context, k int) error {
	t := time.Now()
	var (
		wg       sync.WaitGroup
		accepted sync.WaitGroup
		errs     = make(chan error, k)
	)
	accepted.Add(k)
	for range k {
		wg.Add(1)
		go func() {
			defer wg.Done()
			once := sync.OnceFunc(accepted.Done)
			defer once() // a failed submission counts as answered
			_, err := n.cliRun(ctx, "", once)
			errs <- err
		}()
	}
	accepted.Wait()
	n.parSubmit = append(n.parSubmit, time.Since(t))
	wg.Wait()
	n.par = append(n.par, time.Since(t))
	close(errs)
	for err := range errs {
		if err != nil {
			return fmt.Errorf("parallel jobs: %w", err)
		}
	}
	return nil
}

// benchProviders is the escrow bench's provider count.
const benchProviders = 3

// benchSlots is the slots each provider offers so that parallel one-task
// jobs can all run at once (at least 2). With fewer, the parallel figure
// would time a queue: 20 jobs on 6 slots take four turns whatever the
// escrow costs.
func benchSlots(parallel int) int {
	return max(2, (parallel+benchProviders-1)/benchProviders)
}

// startBenchNetwork starts a consumer and three providers in this process
// with homes in dir. With paid, it first starts the dev chain the way
// `deco devnet` does (devnet.StartChain: an embedded chain answering
// JSON-RPC on loopback, every node funded, every provider staked and
// bound), and the nodes dial it as `deco node --chain-rpc` would.
func startBenchNetwork(ctx context.Context, dir string, paid bool, slots int) (*inproc.Cluster, func(), error) {
	const providers = benchProviders
	o := inproc.Options{Providers: providers, Slots: slots, Dir: dir}
	stopChain := func() {}
	if paid {
		// The homes StartCluster will use (consumer, provider-N), with
		// their keys made now so the chain can fund and stake them.
		var stubs []devnet.Node
		for i := 0; i <= providers; i++ {
			name, roles := "consumer", []string{"consumer"}
			if i > 0 {
				name, roles = "provider-"+strconv.Itoa(i), []string{"consumer", "provider"}
			}
			h := config.Home(filepath.Join(dir, name))
			if _, err := h.Init(false); err != nil {
				return nil, nil, err
			}
			stubs = append(stubs, devnet.Node{Name: name, Roles: roles, Home: string(h)})
		}
		dc, stop, err := devnet.StartChain(ctx, "", stubs, nil, io.Discard)
		if err != nil {
			return nil, nil, err
		}
		stopChain = stop
		o.Configure = func(_ int, no *node.Options) {
			no.Config.Chain, no.Config.ChainID = dc.Config(), dc.ChainID
		}
	}
	c, err := inproc.Start(ctx, o)
	if err != nil {
		stopChain()
		return nil, nil, err
	}
	return c, func() { c.Close(); stopChain() }, nil
}
