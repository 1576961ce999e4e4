package jobdb

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/store"
	"github.com/deco-network/deco/internal/wire"
)

func openStore(t *testing.T, path string) *store.DB {
	t.Helper()
	db, err := store.OpenDB(path)
	if err != nil {
		t.Fatal(err)
	}
	return db
}

func open(t *testing.T, db *store.DB) *DB {
	t.Helper()
	d, err := Open(db)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func logOf(j wire.JobID, text string) market.Log {
	return market.Log{Job: j, Index: -1, At: time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC), Text: text}
}

// Write stores a batch, numbers each job's lines from 1 in the order given,
// and the numbering continues after the database is reopened.
func TestWriteNumbersLinesAcrossReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	db := openStore(t, path)
	d := open(t, db)
	a, b := wire.JobID("aaaa0000000000000000000000000000"), wire.JobID("bbbb0000000000000000000000000000")
	tk := sampleTask()
	saves := []market.Save{{Job: market.Job{ID: a, Spec: spec.Job{Tasks: spec.Tasks{Count: 3}}, State: market.JobRunning}, Tasks: []market.Task{*tk}}}
	lines, err := d.Write(saves, []market.Log{logOf(a, "a1"), logOf(b, "b1"), logOf(a, "a2")})
	if err != nil {
		t.Fatal(err)
	}
	var seqs []uint64
	for _, l := range lines {
		seqs = append(seqs, l.Seq)
	}
	if !reflect.DeepEqual(seqs, []uint64{1, 1, 2}) || lines[2].Text != "a2" || lines[2].Index != -1 {
		t.Fatalf("lines %+v", lines)
	}
	// What Write stores is a versioned record, not the market's struct.
	var raw map[string]any
	if ok, _ := db.Get(bucketTasks, taskKey(a, tk.Index), &raw); !ok || raw["v"] != float64(recordVersion) {
		t.Fatalf("task record %v", raw)
	}
	db.Close()

	db = openStore(t, path)
	defer db.Close()
	d = open(t, db)
	lines, err = d.Write(nil, []market.Log{logOf(b, "b2"), logOf(a, "a3")})
	if err != nil || lines[0].Seq != 2 || lines[1].Seq != 3 {
		t.Fatalf("after reopening: %v %+v", err, lines)
	}
	got, err := d.Logs(a, 0, 0)
	if err != nil || len(got) != 3 || got[0].Text != "a1" || got[2].Seq != 3 || got[2].Text != "a3" {
		t.Fatalf("logs of a: %v %+v", err, got)
	}
	if got, _ := d.Logs(a, 1, 1); len(got) != 1 || got[0].Seq != 2 {
		t.Fatalf("logs of a after 1, limit 1: %+v", got)
	}
	if got, err := d.Logs("cccc", 0, 0); err != nil || len(got) != 0 {
		t.Fatalf("logs of an unknown job: %v %+v", err, got)
	}
}

// Load gives the market every task of every job, pending where nothing was
// saved; Job gives what was saved.
func TestLoadAndJob(t *testing.T) {
	db := openStore(t, filepath.Join(t.TempDir(), "state.db"))
	defer db.Close()
	d := open(t, db)
	id := wire.JobID("0123456789abcdef0123456789abcdef")
	tk := sampleTask() // index 2
	if _, err := d.Write([]market.Save{{Job: market.Job{ID: id, Spec: spec.Job{Tasks: spec.Tasks{Count: 3}}, State: market.JobRunning}, Tasks: []market.Task{*tk}}}, nil); err != nil {
		t.Fatal(err)
	}
	jobs, err := d.Load()
	if err != nil || len(jobs) != 1 || len(jobs[0].Tasks) != 3 {
		t.Fatalf("load: %v %+v", err, jobs)
	}
	for i, got := range jobs[0].Tasks {
		if i == 2 {
			if !reflect.DeepEqual(got, tk) {
				t.Fatalf("saved task: got %+v, want %+v", got, tk)
			}
		} else if got.Index != i || got.State != market.TaskPending {
			t.Fatalf("unsaved task %d: %+v", i, got)
		}
	}
	j, err := d.Job(id)
	if err != nil || j.State != market.JobRunning || len(j.Tasks) != 1 || j.Tasks[0].Index != 2 {
		t.Fatalf("job: %v %+v", err, j)
	}
	if _, err := d.Job("ffff"); !errors.Is(err, api.ErrNotFound) {
		t.Fatalf("a missing job: %v", err)
	}
}

// Jobs lists newest first with task counts; Resolve takes a unique prefix.
func TestJobsAndResolve(t *testing.T) {
	db := openStore(t, filepath.Join(t.TempDir(), "state.db"))
	defer db.Close()
	d := open(t, db)
	if js, err := d.Jobs(); err != nil || js == nil || len(js) != 0 {
		t.Fatalf("no jobs: %v %#v", err, js)
	}
	at := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	old, young := wire.JobID("ab01000000000000000000000000000a"), wire.JobID("ab02000000000000000000000000000b")
	saves := []market.Save{
		{Job: market.Job{ID: old, Spec: spec.Job{Tasks: spec.Tasks{Count: 2}}, CreatedAt: at},
			Tasks: []market.Task{{Index: 0, State: market.TaskVerified}, {Index: 1, State: market.TaskFailed}}},
		{Job: market.Job{ID: young, Spec: spec.Job{Tasks: spec.Tasks{Count: 1}}, CreatedAt: at.Add(time.Minute)},
			Tasks: []market.Task{{Index: 0, State: market.TaskVerified}}},
	}
	if _, err := d.Write(saves, nil); err != nil {
		t.Fatal(err)
	}
	js, err := d.Jobs()
	if err != nil || len(js) != 2 || js[0].ID != young || js[1].ID != old || js[1].Verified != 1 || js[1].Failed != 1 || js[0].Verified != 1 {
		t.Fatalf("jobs: %v %+v", err, js)
	}
	for _, c := range []struct {
		prefix string
		want   wire.JobID
		err    error
	}{
		{" AB01 ", old, nil},
		{"ab02", young, nil},
		{"ab", "", api.ErrAmbiguous},
		{"cd", "", api.ErrNotFound},
		{"", "", api.ErrNotFound},
	} {
		got, err := d.Resolve(c.prefix)
		if got != c.want || !errors.Is(err, c.err) {
			t.Errorf("Resolve(%q) = %q, %v; want %q, %v", c.prefix, got, err, c.want, c.err)
		}
	}
}

// The database a consumer wrote before records had types of their own
// (testdata/state-v0.db, made by internal/node's TestWriteFixture) opens:
// every record is migrated, its jobs read as they were, and log numbering
// continues. internal/node's TestFixtureV0Resumes resumes its jobs.
func TestFixtureV0Opens(t *testing.T) {
	raw, err := os.ReadFile("testdata/state-v0.json")
	if err != nil {
		t.Fatal(err)
	}
	var want struct {
		Finished, Unfinished struct {
			ID    wire.JobID `json:"id"`
			State string     `json:"state"`
			Logs  int        `json:"logs"`
			Tasks []struct {
				State string `json:"state"`
			} `json:"tasks"`
		}
	}
	if err := json.Unmarshal(raw, &want); err != nil {
		t.Fatal(err)
	}
	fixture, err := os.ReadFile("testdata/state-v0.db")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "state.db")
	if err := os.WriteFile(path, fixture, 0o600); err != nil {
		t.Fatal(err)
	}
	db := openStore(t, path)
	defer db.Close()
	d := open(t, db)

	var s schema
	if ok, err := db.Get("meta", schemaKey, &s); !ok || err != nil || s.Version != recordVersion {
		t.Fatalf("schema after migration: %v %v %+v", ok, err, s)
	}
	for _, bucket := range []string{bucketJobs, bucketTasks} {
		n := 0
		err := db.List(bucket, func(key string, raw []byte) error {
			var r struct {
				V int `json:"v"`
			}
			if err := json.Unmarshal(raw, &r); err != nil {
				return err
			}
			if r.V != recordVersion {
				t.Errorf("%s/%s has version %d", bucket, key, r.V)
			}
			n++
			return nil
		})
		if err != nil || n == 0 {
			t.Fatalf("%s: %v, %d records", bucket, err, n)
		}
	}

	jobs, err := d.Load()
	if err != nil || len(jobs) != 2 {
		t.Fatalf("load: %v, %d jobs", err, len(jobs))
	}
	for _, w := range []struct {
		id    wire.JobID
		state string
		logs  int
	}{
		{want.Finished.ID, want.Finished.State, want.Finished.Logs},
		{want.Unfinished.ID, want.Unfinished.State, want.Unfinished.Logs},
	} {
		j, err := d.Job(w.id)
		if err != nil || string(j.State) != w.state {
			t.Fatalf("job %s: %v %+v", w.id, err, j)
		}
		lines, err := d.Logs(w.id, 0, 0)
		if err != nil || len(lines) != w.logs {
			t.Fatalf("job %s: %v, %d log lines, want %d", w.id, err, len(lines), w.logs)
		}
		for i, l := range lines {
			if l.Seq != uint64(i+1) {
				t.Fatalf("job %s: line %d has seq %d", w.id, i, l.Seq)
			}
		}
		next, err := d.Write(nil, []market.Log{logOf(w.id, "after the upgrade")})
		if err != nil || next[0].Seq != uint64(w.logs+1) {
			t.Fatalf("job %s: next line %v %+v, want seq %d", w.id, err, next, w.logs+1)
		}
	}
	for _, j := range jobs {
		if j.ID != want.Unfinished.ID {
			continue
		}
		if len(j.Tasks) != len(want.Unfinished.Tasks) {
			t.Fatalf("unfinished job loads %d tasks, had %d", len(j.Tasks), len(want.Unfinished.Tasks))
		}
		for i, tk := range j.Tasks {
			if string(tk.State) != want.Unfinished.Tasks[i].State {
				t.Fatalf("unfinished job's task %d is %s, was %s", i, tk.State, want.Unfinished.Tasks[i].State)
			}
		}
	}
}
