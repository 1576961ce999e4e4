package jobdb

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/store"
	"github.com/deco-network/deco/internal/wire"
)

// Buckets of the state database this package owns. The node keeps other
// things in the same database (the "meta" bucket, payments); they are not
// touched here except meta/schemaKey.
const (
	bucketJobs  = "jobs"  // job id -> jobRecord (tasks stored apart; see records.go)
	bucketTasks = "tasks" // job id/%06d -> taskRecord
	bucketLogs  = "logs"  // job id/%012d -> logRecord
)

// logRecord is one line of a job's event log; its sequence number is in
// its key.
type logRecord struct {
	At    time.Time `json:"at"`
	Index int       `json:"index"`
	Text  string    `json:"text"`
	// Stream and Attempt mark a program's output (market.Log); lines
	// written before they existed have neither and read as the market's.
	Stream  string `json:"stream,omitempty"`
	Attempt int    `json:"attempt,omitempty"`
}

func taskKey(j wire.JobID, i int) string     { return fmt.Sprintf("%s/%06d", j, i) }
func logKey(j wire.JobID, seq uint64) string { return fmt.Sprintf("%s/%012d", j, seq) }

// DB is a consumer's job database: its jobs, their tasks and their event
// logs, in a store.DB it shares with the rest of the node. Reads are safe
// from any goroutine; Write serializes itself.
type DB struct {
	db *store.DB

	mu    sync.Mutex
	seq   map[wire.JobID]uint64 // last log sequence number stored per job
	peers []string              // what SavePeers wrote last, sorted
}

// Open migrates db's job and task records to the current version (see
// records.go) and recovers each job's last log sequence number, so lines
// written after a restart continue the numbering. It fails with
// ErrNewerRecords, changing nothing, on a database written by a newer deco.
// The caller keeps ownership of db and closes it.
func Open(db *store.DB) (*DB, error) {
	if err := migrateRecords(db); err != nil {
		return nil, err
	}
	d := &DB{db: db, seq: map[wire.JobID]uint64{}}
	err := db.List(bucketLogs, func(key string, _ []byte) error {
		cut := strings.LastIndexByte(key, '/')
		seq, err := strconv.ParseUint(key[cut+1:], 10, 64)
		if cut < 0 || err != nil {
			return nil // not a line this package wrote: it cannot collide
		}
		j := wire.JobID(key[:cut])
		d.seq[j] = max(d.seq[j], seq)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("recover log numbering: %w", err)
	}
	return d, nil
}

// Write stores saves (a job header and the tasks that changed) and appends
// logs in one transaction, and returns logs as numbered lines, in the
// order given: a job's lines continue from the last number stored for it
// (its first line is 1). On error the transaction is rolled back, but the
// numbered lines are still returned and their numbers stay used, so a
// caller may still show them live and no later line reuses a number a
// follower has seen.
func (d *DB) Write(saves []market.Save, logs []market.Log) ([]api.LogLine, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	lines := make([]api.LogLine, len(logs))
	for i, e := range logs {
		d.seq[e.Job]++
		lines[i] = api.LogLine{Seq: d.seq[e.Job], At: e.At, Index: e.Index, Text: e.Text, Stream: e.Stream, Attempt: e.Attempt}
	}
	err := d.db.Update(func(tx *store.Tx) error {
		for _, e := range saves {
			if err := tx.Put(bucketJobs, string(e.Job.ID), jobRecordOf(&e.Job)); err != nil {
				return err
			}
			for _, t := range e.Tasks {
				if err := tx.Put(bucketTasks, taskKey(e.Job.ID, t.Index), taskRecordOf(&t)); err != nil {
					return err
				}
			}
		}
		for i, e := range logs {
			if err := tx.Put(bucketLogs, logKey(e.Job, lines[i].Seq), logRecord{At: e.At, Index: e.Index, Text: e.Text, Stream: e.Stream, Attempt: e.Attempt}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return lines, fmt.Errorf("persist job state: %w", err)
	}
	return lines, nil
}

// Load reads every job with all its tasks, for the market to restore after
// a restart. Each job's Tasks has Spec.Tasks.Count entries in index order;
// a task with no record (never saved) is pending.
func (d *DB) Load() ([]*market.Job, error) {
	var jobs []*market.Job
	err := d.db.List(bucketJobs, func(key string, raw []byte) error {
		r, err := decodeJob(raw)
		if err != nil {
			return fmt.Errorf("job %s: %w", key, err)
		}
		jobs = append(jobs, r.job())
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("load jobs: %w", err)
	}
	for _, j := range jobs {
		j.Tasks = make([]*market.Task, j.Spec.Tasks.Count)
		err := d.db.ListPrefix(bucketTasks, string(j.ID)+"/", func(key string, raw []byte) error {
			r, err := decodeTask(raw)
			if err != nil {
				return fmt.Errorf("task %s: %w", key, err)
			}
			if t := r.task(); t.Index >= 0 && t.Index < len(j.Tasks) {
				j.Tasks[t.Index] = t
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("load tasks of %s: %w", j.ID, err)
		}
		for i, t := range j.Tasks {
			if t == nil {
				j.Tasks[i] = &market.Task{Index: i, State: market.TaskPending}
			}
		}
	}
	return jobs, nil
}

// Job reads one job and the tasks stored for it, in index order, as last
// written (tasks never saved are absent). A missing job is an error
// wrapping api.ErrNotFound.
func (d *DB) Job(id wire.JobID) (*market.Job, error) {
	var raw json.RawMessage
	ok, err := d.db.Get(bucketJobs, string(id), &raw)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("%w: job %s", api.ErrNotFound, id)
	}
	r, err := decodeJob(raw)
	if err != nil {
		return nil, fmt.Errorf("job %s: %w", id, err)
	}
	j := r.job()
	j.Tasks = make([]*market.Task, 0, j.Spec.Tasks.Count)
	err = d.db.ListPrefix(bucketTasks, string(id)+"/", func(key string, raw []byte) error {
		r, err := decodeTask(raw)
		if err != nil {
			return fmt.Errorf("task %s: %w", key, err)
		}
		j.Tasks = append(j.Tasks, r.task())
		return nil
	})
	return j, err
}

// Jobs lists every job, newest first, with its counts of verified and
// failed tasks. The list is empty, not nil, when there are no jobs.
func (d *DB) Jobs() ([]api.JobSummary, error) {
	var out []api.JobSummary
	err := d.db.List(bucketJobs, func(key string, raw []byte) error {
		r, err := decodeJob(raw)
		if err != nil {
			return fmt.Errorf("job %s: %w", key, err)
		}
		out = append(out, api.SummaryOf(r.job(), 0, 0))
		return nil
	})
	if err != nil {
		return nil, err
	}
	for i := range out {
		d.db.ListPrefix(bucketTasks, string(out[i].ID)+"/", func(_ string, raw []byte) error {
			// Only the state is needed: every record version has it.
			var t struct {
				State market.TaskState `json:"state"`
			}
			json.Unmarshal(raw, &t)
			switch t.State {
			case market.TaskVerified:
				out[i].Verified++
			case market.TaskFailed:
				out[i].Failed++
			}
			return nil
		})
	}
	sort.Slice(out, func(i, k int) bool { return out[i].CreatedAt.After(out[k].CreatedAt) })
	if out == nil {
		out = []api.JobSummary{}
	}
	return out, nil
}

// Logs returns job id's stored log lines numbered above after, in order, at
// most limit of them (limit <= 0: all). An unknown job has no lines.
func (d *DB) Logs(id wire.JobID, after uint64, limit int) ([]api.LogLine, error) {
	var out []api.LogLine
	err := d.db.ListPrefix(bucketLogs, string(id)+"/", func(key string, raw []byte) error {
		seq, err := strconv.ParseUint(key[strings.LastIndexByte(key, '/')+1:], 10, 64)
		if err != nil {
			return nil // not a line this package wrote
		}
		if seq <= after || (limit > 0 && len(out) >= limit) {
			return nil
		}
		var r logRecord
		if err := json.Unmarshal(raw, &r); err != nil {
			return err
		}
		out = append(out, api.LogLine{Seq: seq, At: r.At, Index: r.Index, Text: r.Text, Stream: r.Stream, Attempt: r.Attempt})
		return nil
	})
	return out, err
}

// Resolve finds the one job whose id starts with prefix (case and
// surrounding space ignored), so users can type a short id. No match is an
// error wrapping api.ErrNotFound; several are api.ErrAmbiguous.
func (d *DB) Resolve(prefix string) (wire.JobID, error) {
	prefix = strings.TrimSpace(strings.ToLower(prefix))
	if prefix == "" {
		return "", fmt.Errorf("%w: empty job id", api.ErrNotFound)
	}
	var matches []string
	err := d.db.ListPrefix(bucketJobs, prefix, func(key string, _ []byte) error {
		matches = append(matches, key)
		return nil
	})
	if err != nil {
		return "", err
	}
	switch len(matches) {
	case 0:
		return "", fmt.Errorf("%w: no job %q (see `deco job list`)", api.ErrNotFound, prefix)
	case 1:
		return wire.JobID(matches[0]), nil
	}
	return "", fmt.Errorf("%w: %q matches %d jobs; give more characters", api.ErrAmbiguous, prefix, len(matches))
}
