package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/spec"
)

func newJobCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{Use: "job", Short: "Submit and inspect jobs"}
	cmd.AddCommand(newJobSubmitCmd(g), newJobListCmd(g), newJobDescribeCmd(g), newJobLogsCmd(g), newJobGetCmd(g), newJobCancelCmd(g))
	return cmd
}

func newJobSubmitCmd(g *globals) *cobra.Command {
	var sf submitFlags
	cmd := &cobra.Command{
		Use:     "submit FILE.yaml",
		Short:   "Submit a job spec (YAML); local paths in it are uploaded",
		Args:    cobra.ExactArgs(1),
		Example: "  deco job submit examples/jobs/hello.yaml --wait --output-dir out",
		RunE: func(cmd *cobra.Command, args []string) error {
			b, err := os.ReadFile(args[0])
			if err != nil {
				return err
			}
			j, err := spec.Parse(b)
			if err != nil {
				return fmt.Errorf("%s: %w", args[0], err)
			}
			return g.submit(cmd, j, filepath.Dir(args[0]), sf)
		},
	}
	sf.add(cmd)
	addOutputFlag(cmd, g)
	return cmd
}

func newJobListCmd(g *globals) *cobra.Command {
	return listCmd(g, "list", "List jobs, newest first", (*api.Client).Jobs,
		"ID\tNAME\tSTATE\tTASKS\tVERIFIED\tFAILED\tCREATED\tREASON", func(w io.Writer, j api.JobSummary) {
			fmt.Fprintf(w, "%s\t%s\t%s\t%d\t%d\t%d\t%s\t%s\n", j.ID.Short(), j.Name, j.State, j.Tasks, j.Verified, j.Failed, j.CreatedAt.Local().Format("15:04:05"), trunc(j.Reason, 60))
		})
}

// listCmd builds a listing command: fetch rows from the node, print them
// as -o json|yaml or as a table with one line per row.
func listCmd[T any](g *globals, use, short string, fetch func(*api.Client, context.Context) ([]T, error), header string, row func(io.Writer, T)) *cobra.Command {
	cmd := &cobra.Command{
		Use:   use,
		Short: short,
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := g.client()
			if err != nil {
				return err
			}
			rows, err := fetch(c, cmd.Context())
			if err != nil {
				return err
			}
			if ok, err := g.emit(cmd.OutOrStdout(), rows); ok {
				return err
			}
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, header)
			for _, r := range rows {
				row(tw, r)
			}
			return tw.Flush()
		},
	}
	addOutputFlag(cmd, g)
	return cmd
}

func trunc(s string, n int) string {
	if len([]rune(s)) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}

func newJobDescribeCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "describe ID",
		Short: "Show a job, its tasks and every attempt with its reason",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := g.client()
			if err != nil {
				return err
			}
			j, err := c.Job(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			if ok, err := g.emit(cmd.OutOrStdout(), j); ok {
				return err
			}
			w := cmd.OutOrStdout()
			if len(j.Stages) > 0 {
				describeStages(w, j)
				return nil
			}
			fmt.Fprintf(w, "Job:      %s (%s)\nState:    %s\nReason:   %s\nProgram:  %s (%d bytes)\nCreated:  %s\n",
				j.ID, j.Spec.Name, j.State, j.Reason, j.Spec.Program.CID, j.Spec.Program.Size, j.CreatedAt.Local().Format(time.RFC3339))
			if c := j.Spec.Circuit; c != nil {
				var set []string
				for k, v := range c.Set {
					set = append(set, k+"="+v)
				}
				sort.Strings(set)
				fmt.Fprintf(w, "Circuit:  %s %s (zk: the program above is its proving key; each task returns a Groth16 proof)\n", c.Name, strings.Join(set, " "))
			}
			if !j.EndedAt.IsZero() {
				fmt.Fprintf(w, "Ended:    %s (took %s)\n", j.EndedAt.Local().Format(time.RFC3339), j.EndedAt.Sub(j.CreatedAt).Round(time.Millisecond))
			}
			fmt.Fprintf(w, "Limits:   memory %s, timeout %s, max price %s DECO/task, verification %s\n",
				j.Spec.Resources.Memory, j.Spec.Timeout, j.Spec.Price.Max, j.Spec.Verification)
			if p := j.Payment; p != nil {
				fmt.Fprintf(w, "Escrow:   %s DECO deposited in %s; spent %s (redeemed %s, pending %s); refunded %s",
					p.Deposit, shortPeer(p.Escrow), p.Spent, p.Redeemed, p.Pending, p.Refunded)
				if !p.Closed {
					fmt.Fprintf(w, "; the rest is refunded after %s", p.RefundAt.Local().Format(time.RFC3339))
				}
				fmt.Fprintln(w)
				if p.Note != "" {
					fmt.Fprintf(w, "          (%s)\n", p.Note)
				}
			}
			fmt.Fprintln(w)
			tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "TASK\tSTATE\tPROGRESS\tPROVIDER\tATTEMPTS\tPRICE\tOUTPUT ROOT\tREASON")
			now := time.Now()
			settled := map[int]bool{}
			if p := j.Payment; p != nil {
				for _, i := range p.Settled {
					settled[i] = true
				}
			}
			for _, t := range j.Tasks {
				price := t.Price.String()
				if p := j.Payment; p != nil && p.PerTask != 0 && t.Price != 0 {
					// A zk task is paid when its provider settles the proof.
					if settled[t.Index] {
						price += " settled"
					} else {
						price += " unsettled"
					}
				}
				progress := taskProgress(t, now)
				if progress == "" {
					progress = "-"
				}
				fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%d\t%s\t%s\t%s\n", t.Index, t.State, progress, shortPeer(t.Provider), len(t.Attempts), price, t.OutputRoot.Short(), trunc(t.Reason, 70))
			}
			tw.Flush()
			checkerVerdicts(w, j)
			if note := truncatedLogs(j.Tasks); note != "" {
				fmt.Fprintln(w, "\n"+note)
			}
			var retried bool
			for _, t := range j.Tasks {
				if len(t.Attempts) > 1 || (len(t.Attempts) == 1 && t.Attempts[0].State == "failed") {
					if !retried {
						fmt.Fprintln(w, "\nAttempts:")
						retried = true
					}
					for _, a := range t.Attempts {
						state := a.State
						// Paid only when a voucher covered it (the reason says why not).
						switch {
						case j.Payment != nil && a.State == "verified" && a.Paid:
							state += " (paid)"
						case j.Payment != nil && a.State == "failed" && a.Paid:
							state += fmt.Sprintf(" (paid %s of %s DECO for the failure)", a.FailurePay, a.Price)
						case a.Unpaid != "":
							state += " (not paid)"
						}
						fmt.Fprintf(w, "  task %d #%d on %s: %s %s\n", t.Index, a.N, shortPeer(a.Provider), state, a.Reason)
					}
				}
			}
			return nil
		},
	}
	addOutputFlag(cmd, g)
	return cmd
}

// truncatedLogs says which tasks' stdout or stderr the provider cut at
// its 1MiB limit, or "" when none was.
func truncatedLogs(tasks []api.TaskView) string {
	var cut []string
	for _, t := range tasks {
		if t.LogsTruncated {
			cut = append(cut, strconv.Itoa(t.Index))
		}
	}
	if len(cut) == 0 {
		return ""
	}
	return fmt.Sprintf("Logs truncated: task %s wrote more than 1MiB to stdout or stderr; only the first 1MiB of each is kept (the file ends with a line saying so)", strings.Join(cut, ", "))
}

func shortPeer(p string) string {
	if len(p) > 14 {
		return p[:6] + "…" + p[len(p)-6:]
	}
	if p == "" {
		return "-"
	}
	return p
}

func newJobLogsCmd(g *globals) *cobra.Command {
	var follow bool
	var task int
	cmd := &cobra.Command{
		Use:   "logs ID",
		Short: "Show a job's event log, then each task's stdout/stderr",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := g.client()
			if err != nil {
				return err
			}
			ctx := cmd.Context()
			w := cmd.OutOrStdout()
			j, err := c.Job(ctx, args[0])
			if err != nil {
				return err
			}
			p := newLogPrinter(w, cmd.ErrOrStderr(), len(j.Tasks))
			printLine := func(l api.LogLine) {
				if task >= 0 && l.Index != task && l.Stream != "" {
					return
				}
				if g.output == "json" {
					g.emit(w, l)
					return
				}
				p.Line(l)
			}
			if follow {
				// The stored log first (a finished job's whole log), then
				// live lines until the job ends.
				if err := c.Follow(ctx, args[0], func(l api.LogLine) error { printLine(l); return nil }); err != nil {
					return err
				}
			} else {
				ls, err := c.Logs(ctx, args[0], 0)
				if err != nil {
					return err
				}
				for _, l := range ls {
					if l.Stream == "" { // without -f the final logs below are the output
						printLine(l)
					}
				}
			}
			if g.output == "json" {
				return nil
			}
			if j, err = c.Job(ctx, args[0]); err != nil {
				return err
			}
			for _, t := range j.Tasks {
				if task >= 0 && t.Index != task {
					continue
				}
				attempt := 0
				for _, a := range t.Attempts {
					if r := a.Result; r != nil && r.Stdout == t.Stdout && r.Stderr == t.Stderr {
						attempt = a.N
					}
				}
				for _, s := range []struct {
					name string
					cid  string
				}{{"stdout", string(t.Stdout)}, {"stderr", string(t.Stderr)}} {
					if s.cid == "" {
						continue
					}
					var b strings.Builder
					if err := c.GetBlob(ctx, toCID(s.cid), &b); err != nil || b.Len() == 0 {
						continue
					}
					rest, live := p.Rest(t.Index, attempt, s.name, b.String())
					if rest == "" {
						continue
					}
					if live {
						fmt.Fprintf(w, "--- task %d %s (the rest) ---\n%s", t.Index, s.name, rest)
					} else {
						fmt.Fprintf(w, "--- task %d %s ---\n%s", t.Index, s.name, rest)
					}
					if !strings.HasSuffix(rest, "\n") {
						fmt.Fprintln(w)
					}
				}
			}
			return nil
		},
	}
	cmd.Flags().BoolVarP(&follow, "follow", "f", false, "stream events and the programs' output as tasks run, until the job ends")
	cmd.Flags().IntVar(&task, "task", -1, "only this task's stdout/stderr")
	addOutputFlag(cmd, g)
	return cmd
}

func newJobGetCmd(g *globals) *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:   "get ID --output-dir DIR",
		Short: "Download results: DIR/<task>/outputs/..., stdout, stderr, receipt.json",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if dir == "" {
				return fmt.Errorf("--output-dir DIR is required")
			}
			c, err := g.client()
			if err != nil {
				return err
			}
			j, err := c.Job(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			if err := download(cmd.Context(), c, j, dir); err != nil {
				return err
			}
			n := 0
			for _, t := range j.Tasks {
				if t.State == api.TaskVerified {
					n++
				}
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Downloaded %d verified tasks of job %s (%s) to %s\n", n, j.ID.Short(), j.State, dir)
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "output-dir", "", "directory to write results into")
	return cmd
}

func newJobCancelCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "cancel ID",
		Short: "Cancel a job; running tasks are stopped",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := g.client()
			if err != nil {
				return err
			}
			j, err := c.Cancel(cmd.Context(), args[0])
			if err != nil {
				return err
			}
			if ok, err := g.emit(cmd.OutOrStdout(), j); ok {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Job %s %s: %s\n", j.ID.Short(), j.State, j.Reason)
			return nil
		},
	}
	addOutputFlag(cmd, g)
	return cmd
}

func newProvidersCmd(g *globals) *cobra.Command {
	return listCmd(g, "providers", "List providers whose offers this node has seen", (*api.Client).Providers,
		"PEER\tEVM\tASK\tSTAKE\tSLOTS\tCORES\tMEMORY\tBENCH\tPREDICTED\tRELIABILITY\tOBSERVED/FAILED\tREPUTATION\tVALID/INVALID\tLATENCY", func(w io.Writer, p api.ProviderView) {
			pred, seen := "-", "-"
			if p.Predicted != nil {
				pred = fmt.Sprintf("%.0f±%.0f%%", p.Predicted.Speed, 100*p.Predicted.SpeedLogSD)
				seen = fmt.Sprintf("%d/%d", p.Predicted.Observed, p.Predicted.Failed)
			}
			stake := "-"
			if p.Stake != nil {
				stake = p.Stake.String()
			}
			rep := fmt.Sprintf("%.2f", p.Reputation.Score)
			if p.Reputation.Suspect {
				rep += " CHEATED"
			}
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%d/%d\t%d\t%.1fGiB\t%.0f\t%s\t%.2f\t%s\t%s\t%.0f/%.0f\t%s\n", shortPeer(p.Peer), shortPeer(p.EVM), p.Ask, stake, p.FreeSlots, p.Slots, p.Cores,
				float64(p.Memory)/(1<<30), p.Benchmark, pred, p.Reliability, seen, rep, p.Reputation.Valid, p.Reputation.Invalid, p.Latency.Round(10*time.Microsecond))
		})
}

func newPeersCmd(g *globals) *cobra.Command {
	return listCmd(g, "peers", "List connected peers (direct, relayed or hole-punched) and unreachable configured ones", (*api.Client).Peers,
		"PEER\tREACH\tLATENCY\tROLES\tADDRESSES", func(w io.Writer, p api.PeerView) {
			reach := p.Reach
			if p.Problem != "" {
				reach = fmt.Sprintf("%s (%s; %d failed dials, next in %s)", p.Reach, p.Problem, p.Failures, max(time.Until(p.NextDial), 0).Round(time.Second))
			}
			roles := strings.Join(p.Roles, ",")
			if roles == "" {
				roles = "-"
			}
			fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\n", p.Peer, reach, p.Latency.Round(10*time.Microsecond), roles, strings.Join(p.Addrs, ","))
		})
}
