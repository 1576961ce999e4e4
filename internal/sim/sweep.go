package sim

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"sync"
	"text/tabwriter"
)

// Size is one population of a sweep: Tasks tasks on Providers providers.
type Size struct {
	Tasks     int `json:"tasks"`
	Providers int `json:"providers"`
}

// Sweep runs the verification Monte Carlo over every seed and size for
// each policy, so a figure is reported for the worst run rather than a
// lucky one.
type Sweep struct {
	Base     Verification // what every run shares (Seed, Tasks, Providers are set per run)
	Seeds    []uint64
	Sizes    []Size
	Policies []string // (VerificationPolicies)
	Workers  int      // runs at once (GOMAXPROCS)
}

// Worst is a policy's worst run on each measure of a sweep.
type Worst struct {
	Policy string `json:"policy"`
	Runs   int    `json:"runs"`
	// WrongAccepted, WrongPaid and Replicas are the runs with the highest
	// wrong-accepted rate, wrong-paid rate and replicas per task.
	WrongAccepted VerificationRun `json:"wrong_accepted"`
	WrongPaid     VerificationRun `json:"wrong_paid"`
	Replicas      VerificationRun `json:"replicas"`
	MeanReplicas  float64         `json:"mean_replicas"`
	LocalChecks   float64         `json:"local_checks_per_task"` // mean over runs
}

// VerificationRun is one run of a sweep: its seed and size, and what it
// measured.
type VerificationRun struct {
	Seed      uint64             `json:"seed"`
	Providers int                `json:"providers"`
	Result    VerificationResult `json:"result"`
}

// Run runs the sweep; runs are independent and deterministic, so the
// result does not depend on Workers.
func (s Sweep) Run(ctx context.Context) ([]Worst, error) {
	pols := s.Policies
	if len(pols) == 0 {
		pols = VerificationPolicies
	}
	if len(s.Seeds) == 0 || len(s.Sizes) == 0 {
		return nil, fmt.Errorf("%w: a sweep needs at least one seed and one size", ErrBadScenario)
	}
	type job struct {
		pol  int
		seed uint64
		size Size
	}
	var jobs []job
	for p := range pols {
		for _, sz := range s.Sizes {
			for _, seed := range s.Seeds {
				jobs = append(jobs, job{p, seed, sz})
			}
		}
	}
	runs := make([]VerificationRun, len(jobs))
	errs := make([]error, len(jobs))
	workers := s.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	next := make(chan int)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				jb := jobs[i]
				v := s.Base
				v.Policy, v.Seed, v.seeded, v.Tasks, v.Providers = pols[jb.pol], jb.seed, true, jb.size.Tasks, jb.size.Providers
				r, err := RunVerification(ctx, v)
				runs[i], errs[i] = VerificationRun{Seed: jb.seed, Providers: jb.size.Providers, Result: r}, err
			}
		}()
	}
	for i := range jobs {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out := make([]Worst, len(pols))
	for i, jb := range jobs {
		if errs[i] != nil {
			return nil, fmt.Errorf("%s, seed %d, %d tasks on %d providers: %w", pols[jb.pol], jb.seed, jb.size.Tasks, jb.size.Providers, errs[i])
		}
		w, r := &out[jb.pol], runs[i]
		w.Policy = pols[jb.pol]
		if w.Runs == 0 || r.Result.WrongRate > w.WrongAccepted.Result.WrongRate {
			w.WrongAccepted = r
		}
		if w.Runs == 0 || r.Result.WrongPaidRate > w.WrongPaid.Result.WrongPaidRate {
			w.WrongPaid = r
		}
		if w.Runs == 0 || r.Result.Replicas > w.Replicas.Result.Replicas {
			w.Replicas = r
		}
		w.Runs++
		w.MeanReplicas += r.Result.Replicas
		if r.Result.Tasks > 0 {
			w.LocalChecks += float64(r.Result.LocalChecks) / float64(r.Result.Tasks)
		}
	}
	for i := range out {
		if out[i].Runs > 0 {
			out[i].MeanReplicas /= float64(out[i].Runs)
			out[i].LocalChecks /= float64(out[i].Runs)
		}
	}
	return out, nil
}

// WriteWorstTable writes a sweep's worst runs, one policy per row, each
// figure with the run (seed, tasks/providers) it came from.
func WriteWorstTable(w io.Writer, ws []Worst) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "policy\truns\tworst wrong accepted\tworst wrong paid\tworst replicas/task\tmean replicas/task\tlocal checks/task\t")
	at := func(r VerificationRun) string {
		return fmt.Sprintf("seed %d, %d/%d", r.Seed, r.Result.Tasks, r.Providers)
	}
	for _, x := range ws {
		fmt.Fprintf(tw, "%s\t%d\t%.3f%% (%d; %s)\t%.3f%% (%d; %s)\t%.3f (%s)\t%.3f\t%.4f\t\n", x.Policy, x.Runs,
			100*x.WrongAccepted.Result.WrongRate, x.WrongAccepted.Result.WrongAccepted, at(x.WrongAccepted),
			100*x.WrongPaid.Result.WrongPaidRate, x.WrongPaid.Result.WrongPaid, at(x.WrongPaid),
			x.Replicas.Result.Replicas, at(x.Replicas), x.MeanReplicas, x.LocalChecks)
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write table: %w", err)
	}
	return nil
}
