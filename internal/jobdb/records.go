package jobdb

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/store"
	"github.com/deco-network/deco/internal/wire"
)

// The database keeps jobs and tasks in records of its own, not in the
// market's types: the market may change its structs freely, and only the
// conversions below follow. A change to what is stored bumps
// recordVersion and adds an upgrade step from the version before, so a
// database written by any earlier version still opens (testdata/state-v*.db
// are databases written by earlier versions; db_test.go opens them here and
// internal/node's TestFixtureV0Resumes resumes their jobs).
//
// Versions:
//
//	0  unversioned: market.Job (tasks nil) and market.Task as JSON, written
//	   before records had types of their own.
//	1  jobRecord and taskRecord with "v": 1. Their fields have v0's names,
//	   so a v0 record decodes as v1 without changes; v1 drops the job's
//	   "tasks": null (tasks are stored apart).

// recordVersion is the version of the job and task records this code writes.
const recordVersion = 1

// schemaKey is where the "meta" bucket keeps the version every job and
// task record of the database has been migrated to.
const schemaKey = "records"

// ErrNewerRecords reports a database written by a newer version of deco.
var ErrNewerRecords = errors.New("the state database was written by a newer version of deco; upgrade deco (or use another --home)")

// schema is the value at meta/schemaKey.
type schema struct {
	Version int `json:"version"`
}

// jobRecord is a job's header; its tasks are taskRecords stored apart.
type jobRecord struct {
	V         int        `json:"v"`
	ID        wire.JobID `json:"id"`
	Spec      spec.Job   `json:"spec"` // the user's spec: a compatible format of its own
	State     string     `json:"state"`
	Reason    string     `json:"reason"`
	Consumer  string     `json:"consumer"`
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
	EndedAt   time.Time  `json:"ended_at,omitzero"`
	Rounds    int        `json:"rounds"`
	// Stages, Parent and Stage (a multi-stage job and its stage jobs)
	// were added without a version bump: absent reads as a single job.
	Stages []wire.JobID `json:"stages,omitempty"`
	Parent wire.JobID   `json:"parent,omitempty"`
	Stage  string       `json:"stage,omitempty"`
}

// taskRecord is one task of a job.
type taskRecord struct {
	V           int             `json:"v"`
	Index       int             `json:"index"`
	State       string          `json:"state"`
	Reason      string          `json:"reason"`
	Provider    string          `json:"provider,omitempty"`
	ProviderEVM string          `json:"provider_evm,omitempty"`
	Price       wire.Amount     `json:"price"`
	Attempts    []attemptRecord `json:"attempts"`
	ExitCode    int64           `json:"exit_code"`
	OutputRoot  wire.CID        `json:"output_root,omitempty"`
	Outputs     wire.Manifest   `json:"outputs,omitzero"`
	Stdout      wire.CID        `json:"stdout,omitempty"`
	Stderr      wire.CID        `json:"stderr,omitempty"`
	// LogsTruncated was added without a version bump: absent reads as false.
	LogsTruncated bool          `json:"logs_truncated,omitempty"`
	Receipt       *wire.Receipt `json:"receipt,omitempty"`
	Signature     []byte        `json:"signature,omitempty"`
	DurationMs    int64         `json:"duration_ms"`
	Compiled      bool          `json:"compiled,omitempty"`
	UpdatedAt     time.Time     `json:"updated_at"`
	Replicas      int           `json:"replicas,omitempty"`
	Quorum        int           `json:"quorum,omitempty"`
	// Checkpoint was added without a version bump: absent reads as none.
	// It is the latest verified checkpoint, kept with its signed receipt
	// so a restarted consumer still resumes the task from it.
	Checkpoint *wire.Checkpoint `json:"checkpoint,omitempty"`
}

// attemptRecord is one try of a task on one provider.
type attemptRecord struct {
	N          int           `json:"n"`
	Provider   string        `json:"provider"`
	EVM        string        `json:"evm"`
	Price      wire.Amount   `json:"price"`
	State      string        `json:"state"`
	Reason     string        `json:"reason,omitempty"`
	Started    time.Time     `json:"started"`
	Ended      time.Time     `json:"ended,omitzero"`
	Deadline   time.Time     `json:"deadline"`
	OutputRoot wire.CID      `json:"output_root,omitempty"`
	Net        string        `json:"net,omitempty"`
	Receipt    *wire.Receipt `json:"receipt,omitempty"`
	Signature  []byte        `json:"signature,omitempty"`
	Result     *resultRecord `json:"result,omitempty"`
	Paid       bool          `json:"paid,omitempty"`
	Unchecked  bool          `json:"unchecked,omitempty"`
	Unpaid     string        `json:"unpaid,omitempty"`
	// Failure and FailurePay were added without a version bump: absent
	// reads as a result, not a paid failure.
	Failure    string      `json:"failure,omitempty"`
	FailurePay wire.Amount `json:"failure_pay,omitempty"`
	Withheld   bool        `json:"withheld,omitempty"`
	// Permille was added without a version bump too: absent reads as 0,
	// no progress reported.
	Permille int `json:"permille,omitempty"`
	// Resume was added without a version bump: absent reads as a fresh start.
	Resume wire.CID `json:"resume,omitempty"`
	// From and Segment (pay per checkpoint segment) were added likewise.
	From    int `json:"from,omitempty"`
	Segment int `json:"segment,omitempty"`
	// Checker (the check policy's verdict) was added likewise: absent
	// reads as not judged yet.
	Checker string `json:"checker,omitempty"`
}

// resultRecord is what an attempt returned.
type resultRecord struct {
	ExitCode   int64         `json:"exit_code"`
	Outputs    wire.Manifest `json:"outputs,omitzero"`
	Stdout     wire.CID      `json:"stdout,omitempty"`
	Stderr     wire.CID      `json:"stderr,omitempty"`
	DurationMs int64         `json:"duration_ms"`
	Compiled   bool          `json:"compiled,omitempty"`
	// LogsTruncated was added without a version bump: absent reads as false.
	LogsTruncated bool `json:"logs_truncated,omitempty"`
}

func jobRecordOf(j *market.Job) jobRecord {
	return jobRecord{V: recordVersion, ID: j.ID, Spec: j.Spec, State: string(j.State), Reason: j.Reason, Consumer: j.Consumer,
		CreatedAt: j.CreatedAt, UpdatedAt: j.UpdatedAt, EndedAt: j.EndedAt, Rounds: j.Rounds,
		Stages: j.Stages, Parent: j.Parent, Stage: j.Stage}
}

// job is the market's job of r, without tasks.
func (r jobRecord) job() *market.Job {
	return &market.Job{ID: r.ID, Spec: r.Spec, State: market.JobState(r.State), Reason: r.Reason, Consumer: r.Consumer,
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt, EndedAt: r.EndedAt, Rounds: r.Rounds,
		Stages: r.Stages, Parent: r.Parent, Stage: r.Stage}
}

func taskRecordOf(t *market.Task) taskRecord {
	r := taskRecord{V: recordVersion, Index: t.Index, State: string(t.State), Reason: t.Reason, Provider: t.Provider, ProviderEVM: t.ProviderEVM,
		Price: t.Price, ExitCode: t.ExitCode, OutputRoot: t.OutputRoot, Outputs: t.Outputs, Stdout: t.Stdout, Stderr: t.Stderr,
		Receipt: t.Receipt, Signature: t.Signature, DurationMs: t.DurationMs, Compiled: t.Compiled, UpdatedAt: t.UpdatedAt,
		Replicas: t.Replicas, Quorum: t.Quorum, LogsTruncated: t.LogsTruncated, Checkpoint: t.Checkpoint}
	if t.Attempts != nil {
		r.Attempts = make([]attemptRecord, len(t.Attempts))
	}
	for i, a := range t.Attempts {
		r.Attempts[i] = attemptRecord{N: a.N, Provider: a.Provider, EVM: a.EVM, Price: a.Price, State: a.State, Reason: a.Reason,
			Started: a.Started, Ended: a.Ended, Deadline: a.Deadline, OutputRoot: a.OutputRoot, Net: a.Net,
			Receipt: a.Receipt, Signature: a.Signature, Paid: a.Paid, Unpaid: a.Unpaid, Unchecked: a.Unchecked,
			Failure: a.Failure, FailurePay: a.FailurePay, Withheld: a.Withheld, Permille: a.Permille, Resume: a.Resume, From: a.From, Segment: a.Segment, Checker: a.Checker}
		if res := a.Result; res != nil {
			r.Attempts[i].Result = &resultRecord{ExitCode: res.ExitCode, Outputs: res.Outputs, Stdout: res.Stdout, Stderr: res.Stderr,
				DurationMs: res.DurationMs, Compiled: res.Compiled, LogsTruncated: res.LogsTruncated}
		}
	}
	return r
}

// task is the market's task of r.
func (r taskRecord) task() *market.Task {
	t := &market.Task{Index: r.Index, State: market.TaskState(r.State), Reason: r.Reason, Provider: r.Provider, ProviderEVM: r.ProviderEVM,
		Price: r.Price, ExitCode: r.ExitCode, OutputRoot: r.OutputRoot, Outputs: r.Outputs, Stdout: r.Stdout, Stderr: r.Stderr,
		Receipt: r.Receipt, Signature: r.Signature, DurationMs: r.DurationMs, Compiled: r.Compiled, UpdatedAt: r.UpdatedAt,
		Replicas: r.Replicas, Quorum: r.Quorum, LogsTruncated: r.LogsTruncated, Checkpoint: r.Checkpoint}
	if r.Attempts != nil {
		t.Attempts = make([]market.Attempt, len(r.Attempts))
	}
	for i, a := range r.Attempts {
		t.Attempts[i] = market.Attempt{N: a.N, Provider: a.Provider, EVM: a.EVM, Price: a.Price, State: a.State, Reason: a.Reason,
			Started: a.Started, Ended: a.Ended, Deadline: a.Deadline, OutputRoot: a.OutputRoot, Net: a.Net,
			Receipt: a.Receipt, Signature: a.Signature, Paid: a.Paid, Unpaid: a.Unpaid, Unchecked: a.Unchecked,
			Failure: a.Failure, FailurePay: a.FailurePay, Withheld: a.Withheld, Permille: a.Permille, Resume: a.Resume, From: a.From, Segment: a.Segment, Checker: a.Checker}
		if res := a.Result; res != nil {
			t.Attempts[i].Result = &market.Result{ExitCode: res.ExitCode, Outputs: res.Outputs, Stdout: res.Stdout, Stderr: res.Stderr,
				DurationMs: res.DurationMs, Compiled: res.Compiled, LogsTruncated: res.LogsTruncated}
		}
	}
	return t
}

// decodeJob reads a job record of any version up to recordVersion.
func decodeJob(raw []byte) (jobRecord, error) {
	var r jobRecord
	if err := json.Unmarshal(raw, &r); err != nil {
		return r, err
	}
	if r.V > recordVersion {
		return r, fmt.Errorf("%w (job record version %d; this deco reads up to %d)", ErrNewerRecords, r.V, recordVersion)
	}
	// v0 -> v1: same fields; the record now says its version.
	r.V = recordVersion
	return r, nil
}

// decodeTask reads a task record of any version up to recordVersion.
func decodeTask(raw []byte) (taskRecord, error) {
	var r taskRecord
	if err := json.Unmarshal(raw, &r); err != nil {
		return r, err
	}
	if r.V > recordVersion {
		return r, fmt.Errorf("%w (task record version %d; this deco reads up to %d)", ErrNewerRecords, r.V, recordVersion)
	}
	r.V = recordVersion // v0 -> v1: same fields
	return r, nil
}

// migrateRecords rewrites every job and task record older than
// recordVersion in the current version, in one transaction, and records
// the version reached in meta. Open runs it before anything reads a job;
// a database already at recordVersion is left alone. It refuses a
// database of a newer version (ErrNewerRecords) rather than rewrite
// records it does not understand.
func migrateRecords(db *store.DB) error {
	var s schema
	if _, err := db.Get("meta", schemaKey, &s); err != nil {
		return fmt.Errorf("read the record version: %w", err)
	}
	switch {
	case s.Version == recordVersion:
		return nil
	case s.Version > recordVersion:
		return fmt.Errorf("%w (records version %d; this deco reads up to %d)", ErrNewerRecords, s.Version, recordVersion)
	}
	jobs := map[string]jobRecord{}
	tasks := map[string]taskRecord{}
	err := db.List(bucketJobs, func(key string, raw []byte) error {
		r, err := decodeJob(raw)
		if err != nil {
			return fmt.Errorf("job %s: %w", key, err)
		}
		jobs[key] = r
		return nil
	})
	if err != nil {
		return fmt.Errorf("migrate job records: %w", err)
	}
	err = db.List(bucketTasks, func(key string, raw []byte) error {
		r, err := decodeTask(raw)
		if err != nil {
			return fmt.Errorf("task %s: %w", key, err)
		}
		tasks[key] = r
		return nil
	})
	if err != nil {
		return fmt.Errorf("migrate task records: %w", err)
	}
	return db.Update(func(tx *store.Tx) error {
		for k, r := range jobs {
			if err := tx.Put(bucketJobs, k, r); err != nil {
				return err
			}
		}
		for k, r := range tasks {
			if err := tx.Put(bucketTasks, k, r); err != nil {
				return err
			}
		}
		return tx.Put("meta", schemaKey, schema{Version: recordVersion})
	})
}
