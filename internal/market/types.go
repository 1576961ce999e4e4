package market

import (
	"time"

	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
)

// JobState is a job's user-visible state.
type JobState string

// Job states.
const (
	JobPending   JobState = "pending"
	JobRunning   JobState = "running"
	JobCompleted JobState = "completed"
	JobFailed    JobState = "failed"
	JobCancelled JobState = "cancelled"
)

// Terminal reports whether s is final.
func (s JobState) Terminal() bool {
	return s == JobCompleted || s == JobFailed || s == JobCancelled
}

// TaskState is a task's state.
type TaskState string

// Task states.
const (
	TaskPending   TaskState = "pending"
	TaskBidding   TaskState = "bidding"
	TaskAssigned  TaskState = "assigned"
	TaskRunning   TaskState = "running"
	TaskVerifying TaskState = "verifying"
	TaskVerified  TaskState = "verified"
	TaskRetrying  TaskState = "retrying"
	TaskFailed    TaskState = "failed"
	TaskCancelled TaskState = "cancelled"
)

// Terminal reports whether s is final.
func (s TaskState) Terminal() bool {
	return s == TaskVerified || s == TaskFailed || s == TaskCancelled
}

// live reports whether a task in state s has an attempt in flight.
func (s TaskState) live() bool {
	return s == TaskAssigned || s == TaskRunning || s == TaskVerifying
}

// Job is one submitted job and all its tasks. It is the record the node
// persists and the API shows.
type Job struct {
	ID        wire.JobID `json:"id"`
	Spec      spec.Job   `json:"spec"`
	State     JobState   `json:"state"`
	Reason    string     `json:"reason"`
	Consumer  string     `json:"consumer"` // EVM address
	CreatedAt time.Time  `json:"created_at"`
	UpdatedAt time.Time  `json:"updated_at"`
	EndedAt   time.Time  `json:"ended_at,omitzero"`
	Tasks     []*Task    `json:"tasks"`
	Rounds    int        `json:"rounds"`

	round     *round    // open auction, if any
	nextRound time.Time // earliest time for the next auction
	// standing holds bids from earlier rounds that are still valid: a freed
	// slot on such a provider takes the job's next task at the bid price
	// without another auction.
	standing map[string]standingBid
}

// Task is one task of a job.
type Task struct {
	Index       int           `json:"index"`
	State       TaskState     `json:"state"`
	Reason      string        `json:"reason"`
	Provider    string        `json:"provider,omitempty"`
	ProviderEVM string        `json:"provider_evm,omitempty"`
	Price       wire.Amount   `json:"price"`
	Attempts    []Attempt     `json:"attempts"`
	ExitCode    int64         `json:"exit_code"`
	OutputRoot  wire.CID      `json:"output_root,omitempty"`
	Outputs     wire.Manifest `json:"outputs,omitzero"`
	Stdout      wire.CID      `json:"stdout,omitempty"`
	Stderr      wire.CID      `json:"stderr,omitempty"`
	Receipt     *wire.Receipt `json:"receipt,omitempty"`
	Signature   []byte        `json:"signature,omitempty"`
	DurationMs  int64         `json:"duration_ms"`
	Compiled    bool          `json:"compiled,omitempty"` // the provider compiled the module for this task
	UpdatedAt   time.Time     `json:"updated_at"`

	waitingSince time.Time
}

// Attempt is one try of a task on one provider.
type Attempt struct {
	N          int         `json:"n"`
	Provider   string      `json:"provider"`
	EVM        string      `json:"evm"`
	Price      wire.Amount `json:"price"`
	State      string      `json:"state"` // assigned | running | verifying | verified | failed | cancelled
	Reason     string      `json:"reason,omitempty"`
	Started    time.Time   `json:"started"`
	Ended      time.Time   `json:"ended,omitzero"`
	Deadline   time.Time   `json:"deadline"`
	OutputRoot wire.CID    `json:"output_root,omitempty"`
}

// Live returns the task's in-flight attempt, if any.
func (t *Task) Live() *Attempt {
	if !t.State.live() || len(t.Attempts) == 0 {
		return nil
	}
	return &t.Attempts[len(t.Attempts)-1]
}

// Counts tallies tasks by state.
func (j *Job) Counts() map[TaskState]int {
	m := map[TaskState]int{}
	for _, t := range j.Tasks {
		m[t.State]++
	}
	return m
}

type standingBid struct {
	bid     wire.Bid
	expires time.Time
}

// round is an open auction for some of a job's pending tasks.
type round struct {
	n       int
	tasks   []int
	asked   map[string]bool
	replied map[string]bool
	bids    map[string]wire.Bid
	closeAt time.Time
}
