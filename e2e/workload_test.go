package e2e

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/api"
)

// The workload tests (render, montecarlo, transcode, train) run the seed's
// use cases as a user would: a committed job spec from examples/jobs
// submitted through the CLI, results fetched with `deco job get`, and each
// result checked against the same computation done here, outside Deco.

// submitJob submits a job spec file through the CLI and returns its id.
func submitJob(t *testing.T, devnet, yaml string) string {
	t.Helper()
	out, err := deco(t, devnet, "job", "submit", yaml, "--id-only")
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(out)
}

// jobsDir is the committed example job specs.
func jobsDir() string { return filepath.Join(repoRoot(), "examples", "jobs") }

// finish waits for job id to end, requires it completed with every task
// verified, and downloads its results (DIR/<task>/outputs/...).
func finish(t *testing.T, devnet, id string, d time.Duration) (api.JobView, string) {
	t.Helper()
	var j api.JobView
	waitFor(t, d, "job "+id+" to end", func() bool {
		j = describe(t, devnet, id)
		return j.State.Terminal()
	})
	if j.State != api.JobCompleted {
		t.Fatalf("job %s %s: %s", id, j.State, j.Reason)
	}
	var run, longest int64
	compiled := 0
	for _, tk := range j.Tasks {
		run, longest = run+tk.DurationMs, max(longest, tk.DurationMs)
		if tk.Compiled {
			compiled++
		}
	}
	t.Logf("job %.8s: %d tasks in %s; executions %s in all, the longest %s; %d compiled the module",
		id, len(j.Tasks), j.EndedAt.Sub(j.CreatedAt).Round(time.Millisecond), time.Duration(run)*time.Millisecond,
		time.Duration(longest)*time.Millisecond, compiled)
	results := t.TempDir()
	if _, err := deco(t, devnet, "job", "get", id, "--output-dir", results); err != nil {
		t.Fatal(err)
	}
	return j, results
}

// output reads task i's output file name from results.
func output(t *testing.T, results string, i int, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(results, strconv.Itoa(i), "outputs", name))
	if err != nil {
		t.Fatalf("task %d: %v", i, err)
	}
	return b
}
