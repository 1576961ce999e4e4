package cli

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/deco-network/deco/internal/api"
)

// describeStages prints a multi-stage job: the job, then each stage with
// its state and its tasks.
func describeStages(w io.Writer, j *api.JobView) {
	fmt.Fprintf(w, "Job:      %s (%s)\nState:    %s\nReason:   %s\nCreated:  %s\n",
		j.ID, j.Spec.Name, j.State, j.Reason, j.CreatedAt.Local().Format(time.RFC3339))
	if !j.EndedAt.IsZero() {
		fmt.Fprintf(w, "Ended:    %s (took %s)\n", j.EndedAt.Local().Format(time.RFC3339), j.EndedAt.Sub(j.CreatedAt).Round(time.Millisecond))
	}
	now := time.Now()
	for _, s := range j.Stages {
		needs := ""
		if len(s.Needs) > 0 {
			needs = ", after " + strings.Join(s.Needs, ", ")
		}
		verified := 0
		for _, t := range s.Tasks {
			if t.State == api.TaskVerified {
				verified++
			}
		}
		fmt.Fprintf(w, "\nStage %s (job %s%s): %s, %d/%d tasks verified\n  %s\n", s.Name, s.Job.Short(), needs, s.State, verified, len(s.Tasks), s.Reason)
		if len(s.Tasks) == 0 {
			continue
		}
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "  TASK\tSTATE\tPROGRESS\tPROVIDER\tATTEMPTS\tPRICE\tOUTPUT ROOT\tREASON")
		for _, t := range s.Tasks {
			progress := taskProgress(t, now)
			if progress == "" {
				progress = "-"
			}
			fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\t%d\t%s\t%s\t%s\n", t.Index, t.State, progress, shortPeer(t.Provider), len(t.Attempts), t.Price, t.OutputRoot.Short(), trunc(t.Reason, 70))
		}
		tw.Flush()
	}
	fmt.Fprintf(w, "\nEach stage is a job of its own: deco job describe <stage job> shows its attempts and escrow.\n")
}

// downloadStages downloads the outputs of a multi-stage job's final
// stages (those no other stage reads) into dir/<stage>/<task>/.
func downloadStages(ctx context.Context, c *api.Client, j *api.JobView, dir string) error {
	for _, s := range j.Stages {
		if !s.Final {
			continue
		}
		sj := &api.JobView{ID: s.Job, Tasks: s.Tasks}
		if err := download(ctx, c, sj, filepath.Join(dir, s.Name)); err != nil {
			return fmt.Errorf("stage %s: %w", s.Name, err)
		}
	}
	return nil
}

// allStageTasks returns j, or for a multi-stage job a copy whose tasks
// are every stage's, for progress bars and summaries.
func allStageTasks(j *api.JobView) *api.JobView {
	if len(j.Stages) == 0 {
		return j
	}
	c := *j
	c.Tasks = nil
	for _, s := range j.Stages {
		c.Tasks = append(c.Tasks, s.Tasks...)
	}
	return &c
}
