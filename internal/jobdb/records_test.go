package jobdb

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/store"
	"github.com/deco-network/deco/internal/wire"
)

func sampleTask() *market.Task {
	at := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	rc := &wire.Receipt{Job: "0123456789abcdef0123456789abcdef", Index: 2, OutputRoot: "bafyout", Attestation: "software", ChainID: 1337}
	out := wire.Manifest{Kind: "outputs", Entries: []wire.Entry{{Path: "tile.png", CID: "bafytile", Size: 10}}}
	return &market.Task{Index: 2, State: market.TaskVerified, Reason: "verified", Provider: "12D3KooW", ProviderEVM: "0xabc", Price: 4000,
		ExitCode: 0, OutputRoot: "bafyout", Outputs: out, Stdout: "bafystdout", Receipt: rc, Signature: []byte{1, 2, 3},
		DurationMs: 12, Compiled: true, UpdatedAt: at, Replicas: 2, Quorum: 2, LogsTruncated: true,
		Checkpoint: &wire.Checkpoint{Job: "0123456789abcdef0123456789abcdef", Index: 2, Attempt: 3, Root: "bafystate", Size: 7, Seq: 4,
			Permille: 700, Resume: "bafyearlier", Provider: "0x123", Signature: []byte{4, 5}},
		Attempts: []market.Attempt{
			{N: 1, Provider: "12D3KooX", EVM: "0xdef", Price: 3000, State: "interrupted", Reason: "the node restarted", Started: at, Ended: at.Add(time.Second), Deadline: at.Add(time.Minute)},
			{N: 3, Provider: "12D3KooY", EVM: "0x123", Price: 2000, State: "failed", Reason: "time limit", Started: at, Deadline: at.Add(time.Minute),
				Failure: "time limit", FailurePay: 2000, Paid: true, Resume: "bafyearlier"},
			{N: 2, Provider: "12D3KooW", EVM: "0xabc", Price: 4000, State: "verified", Started: at, Ended: at.Add(2 * time.Second), Deadline: at.Add(time.Minute),
				OutputRoot: "bafyout", Net: "10.0.0.0/24", Receipt: rc, Signature: []byte{1, 2, 3}, Paid: true, Unchecked: true,
				Result: &market.Result{ExitCode: 0, Outputs: out, Stdout: "bafystdout", DurationMs: 12, Compiled: true, LogsTruncated: true}},
		}}
}

// A task and a job go through their records and back unchanged.
func TestRecordsRoundTrip(t *testing.T) {
	tk := sampleTask()
	raw, err := json.Marshal(taskRecordOf(tk))
	if err != nil {
		t.Fatal(err)
	}
	r, err := decodeTask(raw)
	if err != nil {
		t.Fatal(err)
	}
	if got := r.task(); !reflect.DeepEqual(got, tk) {
		t.Fatalf("task after its record:\n got %+v\nwant %+v", got, tk)
	}
	at := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	j := &market.Job{ID: "0123456789abcdef0123456789abcdef", Spec: spec.Job{Name: "x", Tasks: spec.Tasks{Count: 3, Args: []string{"a"}}},
		State: market.JobCancelled, Reason: "cancelled by the user", Consumer: "0xabc", CreatedAt: at, UpdatedAt: at, EndedAt: at, Rounds: 4}
	raw, err = json.Marshal(jobRecordOf(j))
	if err != nil {
		t.Fatal(err)
	}
	jr, err := decodeJob(raw)
	if err != nil {
		t.Fatal(err)
	}
	if got := jr.job(); !reflect.DeepEqual(got, j) {
		t.Fatalf("job after its record:\n got %+v\nwant %+v", got, j)
	}
}

// Records and databases of a newer version are refused, not misread.
func TestNewerRecordsRefused(t *testing.T) {
	if _, err := decodeTask([]byte(`{"v":2,"index":0}`)); !errors.Is(err, ErrNewerRecords) {
		t.Fatalf("task v2: %v", err)
	}
	if _, err := decodeJob([]byte(`{"v":2,"id":"x"}`)); !errors.Is(err, ErrNewerRecords) {
		t.Fatalf("job v2: %v", err)
	}
	db, err := store.OpenDB(filepath.Join(t.TempDir(), "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.Put("meta", schemaKey, schema{Version: recordVersion + 1})
	if err := migrateRecords(db); !errors.Is(err, ErrNewerRecords) {
		t.Fatalf("migrate a newer database: %v", err)
	}
}

// migrateRecords rewrites unversioned records once and leaves a migrated
// database alone.
func TestMigrateRecords(t *testing.T) {
	db, err := store.OpenDB(filepath.Join(t.TempDir(), "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// v0 records as the node wrote them: the market's own JSON.
	tk := sampleTask()
	j := market.Job{ID: "0123456789abcdef0123456789abcdef", Spec: spec.Job{Tasks: spec.Tasks{Count: 3}}, State: market.JobRunning}
	db.Put(bucketJobs, string(j.ID), j)
	db.Put(bucketTasks, taskKey(j.ID, tk.Index), tk)

	if err := migrateRecords(db); err != nil {
		t.Fatal(err)
	}
	var s schema
	if _, err := db.Get("meta", schemaKey, &s); err != nil || s.Version != recordVersion {
		t.Fatalf("schema %+v %v", s, err)
	}
	var jr map[string]any
	db.Get(bucketJobs, string(j.ID), &jr)
	if jr["v"] != float64(recordVersion) || jr["tasks"] != nil || jr["state"] != "running" {
		t.Fatalf("job record after migration: %v", jr)
	}
	d, err := Open(db)
	if err != nil {
		t.Fatal(err)
	}
	got, err := d.Job(j.ID)
	if err != nil || len(got.Tasks) != 1 || !reflect.DeepEqual(got.Tasks[0], tk) {
		t.Fatalf("load after migration: %v %+v", err, got)
	}

	// A second run finds the database current and changes nothing.
	db.Put(bucketTasks, taskKey(j.ID, 0), json.RawMessage(`{"index":0,"state":"pending"}`))
	if err := migrateRecords(db); err != nil {
		t.Fatal(err)
	}
	var raw json.RawMessage
	db.Get(bucketTasks, taskKey(j.ID, 0), &raw)
	if string(raw) != `{"index":0,"state":"pending"}` {
		t.Fatalf("a current database was rewritten: %s", raw)
	}
}

// FuzzDecodeRecords reads arbitrary bytes as job and task records, as
// Open does with whatever the state database holds: a record that decodes
// converts to the market's types and back without loss, and saves as a
// record that decodes to itself (a resumed node rewrites what it read).
func FuzzDecodeRecords(f *testing.F) {
	raw, _ := json.Marshal(taskRecordOf(sampleTask()))
	f.Add(raw)
	at := time.Date(2026, 12, 6, 10, 0, 0, 0, time.UTC)
	j := &market.Job{ID: "0123456789abcdef0123456789abcdef", Spec: spec.Job{Name: "x", Tasks: spec.Tasks{Count: 3, Args: []string{"a"}}},
		State: market.JobCancelled, Consumer: "0xabc", CreatedAt: at, UpdatedAt: at, EndedAt: at, Rounds: 4}
	raw, _ = json.Marshal(jobRecordOf(j))
	f.Add(raw)
	f.Add([]byte(`{"v":0,"id":"x","tasks":null}`))
	f.Add([]byte(`{"v":2}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		if r, err := decodeJob(raw); err == nil {
			stable(t, "job", r, jobRecordOf(r.job()), func(b []byte) (any, error) { return decodeJob(b) })
		}
		if r, err := decodeTask(raw); err == nil {
			stable(t, "task", r, taskRecordOf(r.task()), func(b []byte) (any, error) { return decodeTask(b) })
		}
	})
}

// stable fails unless the record r, its conversion converted, and r saved
// and decoded again all encode the same.
func stable(t *testing.T, what string, r, converted any, decode func([]byte) (any, error)) {
	t.Helper()
	enc, err := json.Marshal(r)
	if err != nil {
		t.Fatalf("decoded %s record does not encode: %v", what, err)
	}
	if c, _ := json.Marshal(converted); string(c) != string(enc) {
		t.Fatalf("%s record changed through the market's types:\n%s\n%s", what, enc, c)
	}
	back, err := decode(enc)
	if err != nil {
		t.Fatalf("saved %s record %s does not decode: %v", what, enc, err)
	}
	if again, _ := json.Marshal(back); string(again) != string(enc) {
		t.Fatalf("saved %s record changed:\n%s\n%s", what, enc, again)
	}
}
