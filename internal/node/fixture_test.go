package node

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/exec/wasm"
	"github.com/deco-network/deco/internal/store"
)

// A consumer's database written by the code before records had their own
// types (fixtureDir/state-v0.db, see fixture_gen_test.go) opens: its jobs are
// there with their states, results and logs, its records are migrated to
// the current version, and the job it stopped in the middle of resumes on
// new providers (the task that was in flight is tried again, the pending
// ones are placed) and completes.
func TestFixtureV0Resumes(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(fixtureDir, "state-v0.json"))
	if err != nil {
		t.Fatal(err)
	}
	var want fixtureSummary
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	db, err := os.ReadFile(filepath.Join(fixtureDir, "state-v0.db"))
	if err != nil {
		t.Fatal(err)
	}
	c := startCluster(t, ClusterOptions{Providers: 2, Configure: func(i int, o *Options) {
		if i != 0 {
			return
		}
		if err := os.WriteFile(o.Home.Path("state.db"), db, 0o600); err != nil {
			t.Fatal(err)
		}
		// The fixture's jobs ran the minimal module; providers fetch a
		// program from the consumer's store.
		blobs, err := store.OpenBlobs(o.Home.Path("blobs"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := blobs.PutBytes(wasm.MinimalModule()); err != nil {
			t.Fatal(err)
		}
	}})
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()

	js, err := c.Client.Jobs(ctx)
	if err != nil || len(js) != 2 {
		t.Fatalf("jobs after opening the fixture: %v %+v", err, js)
	}
	for _, s := range js {
		if string(s.ID) == want.Finished.ID && (s.State != api.JobCompleted || s.Verified != len(want.Finished.Tasks)) {
			t.Fatalf("finished job listed as %+v", s)
		}
	}

	// The finished job: states, results, receipts and logs as they were.
	got := fixtureOf(t, c.Client, want.Finished.ID)
	if got.State != want.Finished.State || got.Reason != want.Finished.Reason || len(got.Tasks) != len(want.Finished.Tasks) {
		t.Fatalf("finished job: got %+v, want %+v", got, want.Finished)
	}
	for i, tk := range want.Finished.Tasks {
		if got.Tasks[i] != tk {
			t.Fatalf("finished job's task %d: got %+v, want %+v", i, got.Tasks[i], tk)
		}
	}
	if got.Logs < want.Finished.Logs {
		t.Fatalf("finished job has %d log lines, had %d", got.Logs, want.Finished.Logs)
	}

	// The unfinished job resumes and completes.
	id := want.Unfinished.ID
	if err := c.Client.Follow(ctx, id, func(api.LogLine) error { return nil }); err != nil {
		t.Fatalf("follow the resumed job: %v", err)
	}
	v, err := c.Client.Job(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if v.State != api.JobCompleted {
		b, _ := json.MarshalIndent(v, "", " ")
		t.Fatalf("resumed job %s: %s\n%s", v.State, v.Reason, b)
	}
	for i, before := range want.Unfinished.Tasks {
		tk := v.Tasks[i]
		if tk.State != api.TaskVerified || tk.Receipt == nil || tk.OutputRoot == "" {
			t.Fatalf("resumed job's task %d: %+v", i, tk)
		}
		if before.State != "running" {
			continue
		}
		// The attempt in flight when the node stopped is kept, ended, and
		// the task ran again.
		if len(tk.Attempts) < 2 || tk.Attempts[0].Provider != before.Provider || tk.Attempts[0].Ended.IsZero() {
			t.Fatalf("task %d was in flight; its attempts after resuming: %+v", i, tk.Attempts)
		}
	}
	logs, err := c.Client.Logs(ctx, id, 0)
	if err != nil || len(logs) <= want.Unfinished.Logs {
		t.Fatalf("resumed job's log: %v, %d lines (had %d)", err, len(logs), want.Unfinished.Logs)
	}
	for i, l := range logs {
		if l.Seq != uint64(i+1) {
			t.Fatalf("log line %d has seq %d: numbering did not continue", i, l.Seq)
		}
	}
	// That every record was migrated to the current version is
	// internal/jobdb's TestFixtureV0Opens, on the same fixture.
}
