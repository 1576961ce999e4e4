package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
)

type submitFlags struct {
	wait      bool
	idOnly    bool
	outputDir string
	waitFor   time.Duration
}

func (f *submitFlags) add(cmd *cobra.Command) {
	cmd.Flags().BoolVar(&f.wait, "wait", false, "wait until the job ends; exit 0 only if it completed")
	cmd.Flags().BoolVar(&f.idOnly, "id-only", false, "print only the job id")
	cmd.Flags().StringVar(&f.outputDir, "output-dir", "", "with --wait: download results to DIR/<task>/{outputs/,stdout,stderr,receipt.json}")
	cmd.Flags().DurationVar(&f.waitFor, "wait-timeout", 0, "with --wait: give up after this long (0 = no limit)")
}

func newRunCmd(g *globals) *cobra.Command {
	var (
		wasmPath, memory, maxPrice, name, verification, preference string
		circuit                                                    string
		tasks, priority                                            int
		inputs, env, labels, sets                                  []string
		timeout                                                    time.Duration
		sf                                                         submitFlags
	)
	cmd := &cobra.Command{
		Use:   "run (--wasm FILE | --circuit NAME --set K=V...) [flags] -- ARGS...",
		Short: "Run a WebAssembly program, or prove a zk circuit, as a job of one or more tasks",
		Long: `Run uploads the module and inputs to your node, submits a job and prints its id.
Arguments after -- are passed to every task; {{index}} and {{count}} are replaced per task.
Each task sees its inputs read-only at /inputs/<name>, writes results under /outputs, and
gets DECO_TASK_INDEX and DECO_TASK_COUNT in its environment.

With --circuit, every task proves a zk circuit (gnark Groth16, BN254) instead: cubic (y),
sumsq (n), mimc-chain (seed, n), with the parameters given by --set ({{index}} and {{count}}
allowed). The consumer verifies each proof before it accepts the result, and with payments
on, the provider is paid by the escrow against the proof (settleWithProof), not by voucher.`,
		Example: `  deco run --wasm examples/hello/hello.wasm --tasks 4 --wait -- hello {{index}}
  deco run --wasm render.wasm --tasks 8 --memory 128MiB --timeout 30s --wait --output-dir out -- --tile {{index}} --tiles {{count}}
  deco run --circuit mimc-chain --set seed={{index}} --set n=10 --tasks 3 --wait`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if circuit != "" {
				if wasmPath != "" || len(args) > 0 || len(inputs) > 0 || len(env) > 0 {
					return fmt.Errorf("--circuit proves a zk circuit with the parameters of --set; it takes no --wasm, --input, --env or program arguments")
				}
				if verification != "" && verification != spec.VerifyZK {
					return fmt.Errorf("--circuit is verified by its proof (--verify zk), not %s", verification)
				}
				verification = spec.VerifyZK
			} else if wasmPath == "" {
				return fmt.Errorf("--wasm FILE is required (a WebAssembly module built for WASI, e.g. GOOS=wasip1 GOARCH=wasm go build), or --circuit NAME for a zk job")
			} else if len(sets) > 0 {
				return fmt.Errorf("--set sets a zk circuit's parameters; use it with --circuit")
			}
			j := spec.Job{Name: name, Program: spec.Program{WASM: wasmPath}, Tasks: spec.Tasks{Count: tasks, Args: args},
				Verification: verification, Priority: priority, Preference: preference, Timeout: spec.Duration(timeout)}
			if circuit != "" {
				j.Circuit = &spec.Circuit{Name: circuit, Set: map[string]string{}}
				for _, kv := range sets {
					k, v, ok := strings.Cut(kv, "=")
					if !ok {
						return fmt.Errorf("--set %q: want NAME=VALUE", kv)
					}
					j.Circuit.Set[k] = v
				}
			}
			if memory != "" {
				m, err := spec.ParseSize(memory)
				if err != nil {
					return fmt.Errorf("--memory: %w", err)
				}
				j.Resources.Memory = m
			}
			if maxPrice != "" {
				p, err := wire.ParseAmount(maxPrice)
				if err != nil {
					return fmt.Errorf("--max-price: %w", err)
				}
				j.Price.Max = p
			}
			for _, in := range inputs {
				j.Inputs = append(j.Inputs, spec.Input{Path: in})
			}
			if len(env) > 0 {
				j.Tasks.Env = map[string]string{}
				for _, kv := range env {
					k, v, ok := strings.Cut(kv, "=")
					if !ok {
						return fmt.Errorf("--env %q: want KEY=VALUE", kv)
					}
					j.Tasks.Env[k] = v
				}
			}
			if len(labels) > 0 {
				j.Labels = map[string]string{}
				for _, kv := range labels {
					k, v, _ := strings.Cut(kv, "=")
					j.Labels[k] = v
				}
			}
			if j.Name == "" && circuit != "" {
				j.Name = strings.ReplaceAll(circuit, "/", "-")
			} else if j.Name == "" {
				j.Name = strings.TrimSuffix(filepath.Base(wasmPath), ".wasm")
			}
			j.Defaults()
			if err := j.Validate(); err != nil {
				return err
			}
			return g.submit(cmd, j, ".", sf)
		},
	}
	f := cmd.Flags()
	f.StringVar(&wasmPath, "wasm", "", "WebAssembly module (WASI preview1) to run")
	f.StringVar(&circuit, "circuit", "", "zk circuit every task proves: cubic, sumsq, mimc-chain (or KIND/SIZE, e.g. mimc-chain/16)")
	f.StringArrayVar(&sets, "set", nil, "circuit parameter NAME=VALUE for --circuit (repeatable; {{index}} allowed)")
	f.IntVar(&tasks, "tasks", 1, "number of tasks")
	f.StringArrayVar(&inputs, "input", nil, "file mounted read-only at /inputs/<basename> (repeatable; {{index}} allowed)")
	f.DurationVar(&timeout, "timeout", spec.DefaultTimeout, "wall-clock limit per task")
	f.StringVar(&memory, "memory", "", "memory limit per task, e.g. 128MiB (default 256MiB)")
	f.StringVar(&maxPrice, "max-price", "", "max price per task in DECO (default 0.01)")
	f.StringArrayVar(&env, "env", nil, "KEY=VALUE for every task (repeatable)")
	f.StringArrayVar(&labels, "label", nil, "required provider label KEY=VALUE (repeatable)")
	f.StringVar(&name, "name", "", "job name")
	f.StringVar(&verification, "verify", "", "verification policy: receipt | replicate:K | adaptive (default) | zk")
	f.StringVar(&preference, "prefer", "", "scheduling preference: balanced, cheap, fast, green")
	f.IntVar(&priority, "priority", 0, "priority 0-10")
	sf.add(cmd)
	addOutputFlag(cmd, g)
	return cmd
}

// resolve uploads the program and every input named by a local path and
// fills in their content addresses. Paths are relative to base.
func resolve(ctx context.Context, c *api.Client, j *spec.Job, base string) error {
	abs := func(p string) string {
		if filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(base, p)
	}
	upload := func(field, path string) (api.BlobRef, error) {
		f, err := os.Open(path)
		if err != nil {
			return api.BlobRef{}, fmt.Errorf("%s: %w", field, err)
		}
		defer f.Close()
		// A file the node already stores (the same module run again) is
		// not sent again: its hash is cheaper than its upload.
		h := wire.NewHasher()
		if n, err := io.Copy(h, f); err == nil {
			if size, ok, err := c.HasBlob(ctx, h.Sum()); err == nil && ok && size == n {
				return api.BlobRef{CID: h.Sum(), Size: n}, nil
			}
		}
		if _, err := f.Seek(0, io.SeekStart); err != nil {
			return api.BlobRef{}, fmt.Errorf("%s: %w", field, err)
		}
		ref, err := c.PutBlob(ctx, f)
		if err != nil {
			return ref, fmt.Errorf("%s: upload %s: %w", field, path, err)
		}
		return ref, nil
	}
	return j.Resolve(func(field, p string) (wire.CID, int64, error) {
		ref, err := upload(field, abs(p))
		return ref.CID, ref.Size, err
	})
}

// submit uploads, submits, and optionally waits and downloads.
func (g *globals) submit(cmd *cobra.Command, j spec.Job, base string, sf submitFlags) error {
	ctx := cmd.Context()
	c, err := g.client()
	if err != nil {
		return err
	}
	if err := resolve(ctx, c, &j, base); err != nil {
		return err
	}
	job, err := c.Submit(ctx, j)
	if err != nil {
		return err
	}
	out := cmd.OutOrStdout()
	switch {
	case sf.idOnly:
		fmt.Fprintln(out, job.ID)
	case !sf.wait:
		if ok, err := g.emit(out, job); ok {
			return err
		}
		fmt.Fprintf(out, "Job %s submitted: %d tasks.\n\n  deco job describe %s\n  deco job logs %s -f\n  deco job get %s --output-dir results\n",
			job.ID, j.Tasks.Count, job.ID.Short(), job.ID.Short(), job.ID.Short())
	}
	if !sf.wait {
		return nil
	}
	if sf.waitFor > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, sf.waitFor)
		defer cancel()
	}
	show := !sf.idOnly && g.output == ""
	final, err := waitJob(ctx, c, string(job.ID), cmd.ErrOrStderr(), show)
	if err != nil {
		return err
	}
	final = waitSettled(ctx, c, final, cmd.ErrOrStderr(), show)
	if sf.outputDir != "" {
		if err := download(ctx, c, final, sf.outputDir); err != nil {
			return err
		}
	}
	if !sf.idOnly {
		if ok, err := g.emit(out, final); ok {
			if err != nil {
				return err
			}
		} else {
			printSummary(out, final, sf.outputDir)
		}
	}
	if final.State != api.JobCompleted {
		return &ExitError{Code: 1, Err: fmt.Errorf("job %s %s: %s", final.ID.Short(), final.State, final.Reason)}
	}
	return nil
}

func printSummary(w interface{ Write([]byte) (int, error) }, j *api.JobView, dir string) {
	c := allStageTasks(j).Counts()
	fmt.Fprintf(w, "Job %s %s: %s\n", j.ID, strings.ToUpper(string(j.State)), j.Reason)
	fmt.Fprintf(w, "  tasks: %d verified, %d failed, %d cancelled\n", c[api.TaskVerified], c[api.TaskFailed], c[api.TaskCancelled])
	if !j.EndedAt.IsZero() {
		fmt.Fprintf(w, "  took:  %s\n", j.EndedAt.Sub(j.CreatedAt).Round(time.Millisecond))
	}
	if p := j.Payment; p != nil && p.PerTask != 0 {
		proven := c[api.TaskVerified]
		fmt.Fprintf(w, "  paid:  %s DECO of a %s DECO deposit, on proof: %d of %d proven tasks settled on chain at %s DECO each; the rest is refunded after %s\n",
			p.Redeemed, p.Deposit, len(p.Settled), proven, p.PerTask, p.RefundAt.Local().Format("15:04:05"))
		if n := len(unsettled(j)); n > 0 {
			fmt.Fprintf(w, "         (settlement pending for %d tasks: their providers settle on chain themselves; see `deco job describe %s`)\n", n, j.ID.Short())
		}
	} else if p != nil {
		fmt.Fprintf(w, "  paid:  %s DECO of a %s DECO deposit (%s redeemed by providers so far); the rest is refunded after %s\n",
			p.Spent, p.Deposit, p.Redeemed, p.RefundAt.Local().Format("15:04:05"))
		if p.Note != "" {
			fmt.Fprintf(w, "         (%s)\n", p.Note)
		}
	}
	if dir != "" {
		if len(j.Stages) > 0 {
			fmt.Fprintf(w, "  results in %s/<stage>/<task>/ (the final stages; the others stay with their providers)\n", dir)
		} else {
			fmt.Fprintf(w, "  results in %s/<task>/\n", dir)
		}
	}
}

// settleWait bounds how long --wait waits, once a zk job has ended, for
// its providers to settle the proven tasks on chain.
const settleWait = 60 * time.Second

// unsettled lists the verified tasks of a zk job with payments that are
// not settled on chain yet (none for other jobs).
func unsettled(j *api.JobView) []int {
	p := j.Payment
	if p == nil || p.PerTask == 0 {
		return nil
	}
	settled := map[int]bool{}
	for _, i := range p.Settled {
		settled[i] = true
	}
	var out []int
	for _, t := range j.Tasks {
		if t.State == api.TaskVerified && !settled[t.Index] {
			out = append(out, t.Index)
		}
	}
	return out
}

// waitSettled waits, after a zk job ended, until every proven task is
// settled on chain (each provider settles its own, so the job can end
// first), for at most settleWait or until ctx ends. It returns the latest
// view; the summary says what is still pending.
func waitSettled(ctx context.Context, c *api.Client, j *api.JobView, errw io.Writer, show bool) *api.JobView {
	if len(unsettled(j)) == 0 {
		return j
	}
	if show {
		fmt.Fprintf(errw, "waiting up to %s for the providers to settle %d proven tasks on chain...\n", settleWait, len(unsettled(j)))
	}
	ctx, cancel := context.WithTimeout(ctx, settleWait)
	defer cancel()
	t := time.NewTicker(250 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return j
		case <-t.C:
		}
		v, err := c.Job(ctx, string(j.ID))
		if err != nil {
			continue // chain or node busy: the bound still holds
		}
		j = v
		if len(unsettled(j)) == 0 {
			return j
		}
	}
}

// waitJob polls the job until it ends, drawing a progress bar on a terminal.
func waitJob(ctx context.Context, c *api.Client, id string, errw io.Writer, show bool) (*api.JobView, error) {
	f, _ := errw.(*os.File)
	tty := show && isTerminal(f)
	start := time.Now()
	last := ""
	t := time.NewTicker(150 * time.Millisecond)
	defer t.Stop()
	for {
		j, err := c.Job(ctx, id)
		if err != nil {
			return nil, err
		}
		line := progressLine(j, time.Since(start))
		if tty {
			fmt.Fprintf(errw, "\r\033[K%s", line)
		} else if show && line != last && j.State.Terminal() {
			fmt.Fprintln(errw, line)
		}
		last = line
		if j.State.Terminal() {
			if tty {
				fmt.Fprintln(errw)
			}
			return j, nil
		}
		select {
		case <-ctx.Done():
			if tty {
				fmt.Fprintln(errw)
			}
			return nil, fmt.Errorf("stopped waiting for job %s (it keeps running; see `deco job describe %s`): %w", j.ID.Short(), j.ID.Short(), ctx.Err())
		case <-t.C:
		}
	}
}

func progressLine(j *api.JobView, el time.Duration) string {
	j = allStageTasks(j)
	c := j.Counts()
	total := len(j.Tasks)
	done := c[api.TaskVerified] + c[api.TaskFailed] + c[api.TaskCancelled]
	const width = 30
	fill := 0
	if total > 0 {
		fill = done * width / total
	}
	bar := strings.Repeat("█", fill) + strings.Repeat("░", width-fill)
	running := c[api.TaskRunning] + c[api.TaskAssigned] + c[api.TaskVerifying] + c[api.TaskSubmitted]
	line := fmt.Sprintf("%s %s %d/%d verified · %d running · %d failed · %s", j.ID.Short(), bar, c[api.TaskVerified], total, running, c[api.TaskFailed], el.Round(100*time.Millisecond))
	if p := liveProgress(j, time.Now(), 3); p != "" && !j.State.Terminal() {
		line += " · " + p
	}
	return line
}

func isTerminal(f *os.File) bool {
	if f == nil {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// download writes every task's outputs, logs and receipt under dir.
func download(ctx context.Context, c *api.Client, j *api.JobView, dir string) error {
	if len(j.Stages) > 0 {
		return downloadStages(ctx, c, j, dir)
	}
	for _, t := range j.Tasks {
		td := filepath.Join(dir, strconv.Itoa(t.Index))
		if err := os.MkdirAll(td, 0o755); err != nil {
			return err
		}
		for _, e := range t.Outputs.Entries {
			if err := wire.CheckPath(e.Path); err != nil {
				return fmt.Errorf("task %d: %w", t.Index, err)
			}
			p := filepath.Join(td, "outputs", filepath.FromSlash(e.Path))
			if err := fetchTo(ctx, c, e.CID, p); err != nil {
				return fmt.Errorf("task %d output %s: %w", t.Index, e.Path, err)
			}
		}
		if t.State == api.TaskVerified {
			os.MkdirAll(filepath.Join(td, "outputs"), 0o755)
		}
		for name, cid := range map[string]wire.CID{"stdout": t.Stdout, "stderr": t.Stderr} {
			if cid == "" {
				continue
			}
			if err := fetchTo(ctx, c, cid, filepath.Join(td, name)); err != nil {
				return fmt.Errorf("task %d %s: %w", t.Index, name, err)
			}
		}
		if t.Receipt != nil {
			b, _ := jsonIndent(map[string]any{"receipt": t.Receipt, "signature": fmt.Sprintf("0x%x", t.Signature), "task_state": t.State})
			if err := os.WriteFile(filepath.Join(td, "receipt.json"), b, 0o644); err != nil {
				return err
			}
		}
	}
	return nil
}

func fetchTo(ctx context.Context, c *api.Client, cid wire.CID, path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp := path + ".part"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	h := wire.NewHasher()
	if err := c.GetBlob(ctx, cid, multiWriter(f, h)); err != nil {
		f.Close()
		os.Remove(tmp)
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if h.Sum() != cid {
		os.Remove(tmp)
		return fmt.Errorf("downloaded content does not match %s", cid)
	}
	return os.Rename(tmp, path)
}
