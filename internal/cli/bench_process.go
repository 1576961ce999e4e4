package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// ProcessEscrowReport is the escrow's cost as a user meets it: `deco run
// --wasm FILE --tasks 1 --wait` run as its own process against two
// `deco devnet` networks of processes, one paying on the devnet's chain
// and one with --no-chain, taking turns. Each figure includes what every
// CLI invocation costs (starting the process, reading the devnet's file,
// connecting); Floor measures that alone with `deco job list`, so that a
// figure the machine decides can be told from one the escrow decides.
type ProcessEscrowReport struct {
	Runs     int `json:"runs"`
	Parallel int `json:"parallel"`
	Rounds   int `json:"parallel_rounds"`
	Slots    int `json:"slots"`
	// One job, p50 of Runs.
	NoChainOneMs float64 `json:"no_chain_one_ms"`
	PaidOneMs    float64 `json:"paid_one_ms"`
	OneRatio     float64 `json:"one_ratio"` // paid / no chain; target ≤ 1.3
	// Parallel jobs started at once until the last process exited, median
	// of Rounds.
	NoChainParallelMs float64 `json:"no_chain_parallel_ms"`
	PaidParallelMs    float64 `json:"paid_parallel_ms"`
	ParallelRatio     float64 `json:"parallel_ratio"`          // paid parallel / paid one; target ≤ 2
	NoChainParRatio   float64 `json:"no_chain_parallel_ratio"` // the same with no chain
	PaidVsNoChainPar  float64 `json:"paid_vs_no_chain_parallel"`
	// Floor: `deco job list` once (p50 of Runs) and Parallel at once
	// (median of Rounds), on the paying devnet.
	FloorOneMs      float64 `json:"floor_one_ms"`
	FloorParallelMs float64 `json:"floor_parallel_ms"`
}

// benchProcesses measures ProcessEscrowReport with this executable.
func benchProcesses(ctx context.Context, w io.Writer, module string, runs, parallel, rounds int) (*ProcessEscrowReport, error) {
	mod, ok := escrowModules[module]
	if !ok {
		return nil, fmt.Errorf("--escrow-module %q: want hello or minimal", module)
	}
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("find the deco executable to run as processes: %w", err)
	}
	dir, err := os.MkdirTemp("", "deco-bench-processes-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, module+".wasm")
	if err := os.WriteFile(path, mod(), 0o644); err != nil {
		return nil, err
	}
	slots := benchSlots(parallel)
	fmt.Fprintf(w, "processes: starting `deco devnet --providers %d --slots %d`, with --no-chain and with payments...\n", benchProviders, slots)
	var nets [2]*procNet // no chain, paid
	for i, paid := range []bool{false, true} {
		n, err := startProcDevnet(ctx, exe, filepath.Join(dir, "devnet-"+strconv.FormatBool(paid)), paid, slots)
		if err != nil {
			return nil, err
		}
		defer n.stop()
		n.module = path
		nets[i] = n
	}
	fmt.Fprintf(w, "processes: %d `deco run --wait` one after another, then %d rounds of %d at once, on each devnet in turn...\n", runs, rounds, parallel)
	for i := range 8 {
		for _, n := range nets {
			args := []string{}
			if i == 0 {
				args = append(args, "--verify", "replicate:3") // every provider compiles the module
			}
			if _, err := n.run(ctx, args...); err != nil {
				return nil, fmt.Errorf("warm-up: %w", err)
			}
		}
	}
	var one [2][]time.Duration
	var par [2][]time.Duration
	var floor, floorPar []time.Duration
	for range runs {
		for i, n := range nets {
			d, err := n.run(ctx)
			if err != nil {
				return nil, err
			}
			one[i] = append(one[i], d)
		}
		d, err := nets[1].deco(ctx, "job", "list")
		if err != nil {
			return nil, err
		}
		floor = append(floor, d)
	}
	for range rounds {
		for i, n := range nets {
			d, err := atOnce(parallel, func() (time.Duration, error) { return n.run(ctx) })
			if err != nil {
				return nil, fmt.Errorf("parallel jobs: %w", err)
			}
			par[i] = append(par[i], d)
		}
		d, err := atOnce(parallel, func() (time.Duration, error) { return nets[1].deco(ctx, "job", "list") })
		if err != nil {
			return nil, err
		}
		floorPar = append(floorPar, d)
	}
	r := &ProcessEscrowReport{Runs: runs, Parallel: parallel, Rounds: rounds, Slots: slots,
		NoChainOneMs: pct(one[0], 0.5), PaidOneMs: pct(one[1], 0.5),
		NoChainParallelMs: pct(par[0], 0.5), PaidParallelMs: pct(par[1], 0.5),
		FloorOneMs: pct(floor, 0.5), FloorParallelMs: pct(floorPar, 0.5)}
	r.OneRatio = r.PaidOneMs / r.NoChainOneMs
	r.ParallelRatio = r.PaidParallelMs / r.PaidOneMs
	r.NoChainParRatio = r.NoChainParallelMs / r.NoChainOneMs
	r.PaidVsNoChainPar = r.PaidParallelMs / r.NoChainParallelMs
	return r, nil
}

// atOnce starts k calls of fn together and returns how long until the
// last one ended.
func atOnce(k int, fn func() (time.Duration, error)) (time.Duration, error) {
	t := time.Now()
	var wg sync.WaitGroup
	errs := make(chan error, k)
	for range k {
		wg.Go(func() {
			if _, err := fn(); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	return time.Since(t), <-errs
}

// procNet is a `deco devnet` process and how to run the CLI against it.
type procNet struct {
	exe, dir, module string
	cmd              *exec.Cmd
	done             chan error
	log              *os.File
}

// startProcDevnet starts `deco devnet` in dir and waits until it wrote
// devnet.json (its nodes are up).
func startProcDevnet(ctx context.Context, exe, dir string, paid bool, slots int) (*procNet, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	log, err := os.Create(filepath.Join(dir, "devnet.log"))
	if err != nil {
		return nil, err
	}
	args := []string{"devnet", "--providers", strconv.Itoa(benchProviders), "--slots", strconv.Itoa(slots), "--dir", dir}
	if !paid {
		args = append(args, "--no-chain")
	}
	n := &procNet{exe: exe, dir: dir, log: log, done: make(chan error, 1)}
	n.cmd = exec.Command(exe, args...)
	n.cmd.Stdout, n.cmd.Stderr = log, log
	if err := n.cmd.Start(); err != nil {
		log.Close()
		return nil, fmt.Errorf("start deco devnet: %w", err)
	}
	go func() { n.done <- n.cmd.Wait() }()
	giveUp := time.NewTimer(3 * time.Minute)
	defer giveUp.Stop()
	for {
		if _, err := os.Stat(filepath.Join(dir, "devnet.json")); err == nil {
			return n, nil
		}
		select {
		case err := <-n.done:
			n.done <- err
			n.stop()
			return nil, fmt.Errorf("deco devnet %v exited before it was up (%v); its log: %s", args, err, filepath.Join(dir, "devnet.log"))
		case <-giveUp.C:
			n.stop()
			return nil, fmt.Errorf("deco devnet %v not up after 3 minutes; its log: %s", args, filepath.Join(dir, "devnet.log"))
		case <-ctx.Done():
			n.stop()
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// stop ends the devnet with SIGTERM, as Ctrl-C would, and kills it if it
// has not exited within 30s.
func (n *procNet) stop() {
	defer n.log.Close()
	select {
	case err := <-n.done:
		n.done <- err
		return
	default:
	}
	_ = n.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-n.done:
	case <-time.After(30 * time.Second):
		_ = n.cmd.Process.Kill()
		<-n.done
	}
}

// run is `deco run --wasm MODULE --tasks 1 --wait [args]` against n.
func (n *procNet) run(ctx context.Context, args ...string) (time.Duration, error) {
	return n.deco(ctx, append([]string{"run", "--wasm", n.module, "--tasks", "1", "--wait"}, args...)...)
}

// deco runs the CLI against n and times it.
func (n *procNet) deco(ctx context.Context, args ...string) (time.Duration, error) {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, n.exe, args...)
	cmd.Env = append(os.Environ(), "DECO_DEVNET="+n.dir, "DECO_API=", "DECO_TOKEN=")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = io.Discard, &out
	t := time.Now()
	err := cmd.Run()
	d := time.Since(t)
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return d, fmt.Errorf("deco %v: %v: %s", args, err, bytes.TrimSpace(out.Bytes()))
		}
		return d, fmt.Errorf("deco %v: %w", args, err)
	}
	return d, nil
}
