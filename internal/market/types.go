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
	// TaskSubmitted: a result checked out and waits for more replicas
	// (replicate:K, adaptive) before the market accepts an output root.
	TaskSubmitted TaskState = "submitted"
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
	// A multi-stage job is a parent job without tasks whose Stages are
	// its stage jobs, in spec order; each stage job names its Parent and
	// its Stage (stages.go).
	Stages []wire.JobID `json:"stages,omitempty"`
	Parent wire.JobID   `json:"parent,omitempty"`
	Stage  string       `json:"stage,omitempty"`

	policy    spec.Verification
	round     *round          // open auction, if any
	nextRound time.Time       // earliest time for the next auction
	closing   map[string]bool // providers spot-checked as the job ended (closingChecks)
	await     []*Task         // closing checks, in any job, its held results wait for
	tried     time.Time       // when drive last looked at the job
	// standing holds bids from earlier rounds that are still valid: a freed
	// slot on such a provider takes the job's next task at the bid price
	// without another auction.
	standing map[string]standingBid
	// gen counts changes to the job (touch); quietGen (gen+1 when set)
	// marks that it had nothing to place at that change, waitGen that
	// waitN of its tasks waited for a provider.
	gen, quietGen, waitGen uint64
	waitN                  int
	why                    whyMemo   // the last empty round's explanation
	pend                   pendMemo  // the tasks it had to place at its last drive
	nextSpec               time.Time // earliest time to look for tasks to back up
	backingUp              bool      // the round being opened or ranked places backups
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
	// LogsTruncated: stdout or stderr was cut at the provider's limit.
	LogsTruncated bool          `json:"logs_truncated,omitempty"`
	Receipt       *wire.Receipt `json:"receipt,omitempty"`
	Signature     []byte        `json:"signature,omitempty"`
	DurationMs    int64         `json:"duration_ms"`
	Compiled      bool          `json:"compiled,omitempty"` // the provider compiled the module for this task
	UpdatedAt     time.Time     `json:"updated_at"`
	// Replicas is how many distinct providers' results the task wants
	// before a strict majority decides it (0 means 1): K for replicate:K,
	// 1 or 2 for adaptive (2 while the provider is not trusted or when a
	// spot-check fires), raised when the results so far are split.
	Replicas int `json:"replicas,omitempty"`
	// Quorum is how many distinct providers returned the accepted output
	// root (set when verified under replicate or adaptive).
	Quorum int `json:"quorum,omitempty"`
	// Checking: the consumer is re-running the task itself (CheckLocal);
	// Known is the output root its own run gave, which judges every
	// result for the task from then on.
	Checking bool     `json:"checking,omitempty"`
	Known    wire.CID `json:"known,omitempty"`
	// NoLocal: the consumer's own run could not settle the task's split
	// results (it failed to run), so more replicas decide it instead.
	NoLocal bool `json:"no_local,omitempty"`
	// Checkpoint is the latest state an attempt of the task saved that
	// the consumer verified and stored; the next attempt resumes from it.
	Checkpoint *wire.Checkpoint `json:"checkpoint,omitempty"`

	waitingSince time.Time
}

// Result is what an attempt returned, kept on the attempt while replicas
// are compared (replicate, adaptive) so the winner's can become the task's.
type Result struct {
	ExitCode   int64         `json:"exit_code"`
	Outputs    wire.Manifest `json:"outputs,omitzero"`
	Stdout     wire.CID      `json:"stdout,omitempty"`
	Stderr     wire.CID      `json:"stderr,omitempty"`
	DurationMs int64         `json:"duration_ms"`
	Compiled   bool          `json:"compiled,omitempty"`
	// LogsTruncated: stdout or stderr was cut at the provider's limit.
	LogsTruncated bool `json:"logs_truncated,omitempty"`
}

// Attempt is one try of a task on one provider.
type Attempt struct {
	N        int         `json:"n"`
	Provider string      `json:"provider"`
	EVM      string      `json:"evm"`
	Price    wire.Amount `json:"price"`
	// State is assigned | running | verifying (live), submitted (its
	// result checked out and waits for the quorum), verified (accepted),
	// rejected (lost the quorum), struck (accepted and paid, then its
	// provider was caught lying), failed, interrupted or cancelled.
	State      string    `json:"state"`
	Reason     string    `json:"reason,omitempty"`
	Started    time.Time `json:"started"`
	Ended      time.Time `json:"ended,omitzero"`
	Deadline   time.Time `json:"deadline"`
	OutputRoot wire.CID  `json:"output_root,omitempty"`
	Net        string    `json:"net,omitempty"`    // the provider's network (verify.Subnet), if known
	Funder     string    `json:"funder,omitempty"` // who funded the provider's stake, if known
	// Receipt and Signature are the provider's signed receipt, kept to
	// catch a provider that signs two different results for one task.
	Receipt   *wire.Receipt `json:"receipt,omitempty"`
	Signature []byte        `json:"signature,omitempty"`
	Result    *Result       `json:"result,omitempty"`
	// Resume is the checkpoint the attempt started from (empty: fresh).
	Resume wire.CID `json:"resume,omitempty"`
	// From is the progress (permille) of that checkpoint; Segment is the
	// progress this attempt delivered that a later attempt resumed from
	// (its checkpoint's permille less From). A task verified from a
	// resumed run pays each earlier attempt Segment/1000 of its price.
	From    int `json:"from,omitempty"`
	Segment int `json:"segment,omitempty"`
	// Paid is set once the market emitted Pay for this attempt, and
	// cleared if the driver reports the Pay was not carried out (Unpaid).
	Paid bool `json:"paid,omitempty"`
	// Unpaid says why an accepted attempt's Pay was not carried out.
	Unpaid string `json:"unpaid,omitempty"`
	// Failure names the program failure the attempt reported ("time
	// limit", "exit 3"; see failureKey): under replication it is the
	// attempt's vote instead of an output root.
	Failure string `json:"failure,omitempty"`
	// FailurePay is what the attempt's failure earns if the market
	// accepts it (a share of Price, pricing.FailurePay); Paid says
	// whether it was paid.
	FailurePay wire.Amount `json:"failure_pay,omitempty"`
	// Withheld: the provider holds this result's outputs until paid
	// (Verdict.Withheld); cleared once they are stored here.
	Withheld bool `json:"withheld,omitempty"`
	// Permille is the progress the program last reported while it ran
	// (0..1000; 0: none).
	Permille int `json:"permille,omitempty"`
	// Unchecked marks a result accepted without a replica (adaptive); a
	// re-check runs it again elsewhere if its provider is caught cheating.
	Unchecked bool `json:"unchecked,omitempty"`
	// Strangers marks a result that won a quorum of providers none of
	// which was trusted with the program; it is paid when the job ends
	// (holdPay).
	Strangers bool `json:"strangers,omitempty"`
	// Vouched: the consumer's own run or another provider trusted with
	// the program agreed with the result (closingChecks counts it).
	Vouched bool `json:"vouched,omitempty"`
	// Checker is the check policy's verdict on the result: "" (none yet),
	// CheckerAccepted, or CheckerRejected or CheckerNotRun and why.
	Checker string `json:"checker,omitempty"`

	// judging: the attempt keeps its provider's slot taken until the
	// checker's verdict (holdForChecker); not persisted.
	judging bool
}

// Attempt states.
const (
	attemptAssigned    = "assigned"
	attemptRunning     = "running"
	attemptVerifying   = "verifying"
	attemptSubmitted   = "submitted"
	attemptVerified    = "verified"
	attemptRejected    = "rejected"
	attemptFailed      = "failed"
	attemptInterrupted = "interrupted"
	attemptCancelled   = "cancelled"
	// attemptStruck: accepted and paid, then struck from the quorum because
	// its provider was caught lying (see strike).
	attemptStruck = "struck"
)

// Live reports whether the attempt is in flight.
func (a *Attempt) Live() bool {
	return a.State == attemptAssigned || a.State == attemptRunning || a.State == attemptVerifying
}

// vote reports whether the attempt's result counts toward the quorum.
func (a *Attempt) vote() bool { return a.State == attemptSubmitted || a.State == attemptVerified }

// holds reports whether the attempt ties its provider to the task: a
// provider that holds a task gets no other replica of it.
func (a *Attempt) holds() bool {
	return a.Live() || a.vote() || a.State == attemptRejected || a.State == attemptStruck
}

// Live returns the task's first in-flight attempt, if any.
func (t *Task) Live() *Attempt {
	for i := range t.Attempts {
		if t.Attempts[i].Live() {
			return &t.Attempts[i]
		}
	}
	return nil
}

// LiveAttempts returns the task's in-flight attempts (replicas), oldest first.
func (t *Task) LiveAttempts() []*Attempt {
	var out []*Attempt
	for i := range t.Attempts {
		if t.Attempts[i].Live() {
			out = append(out, &t.Attempts[i])
		}
	}
	return out
}

// replicas is the number of results the task wants.
func (t *Task) replicas() int { return max(t.Replicas, 1) }

// wants is the number of attempts to start now: results wanted minus
// those in flight or in hand.
func (t *Task) wants() int {
	if t.State.Terminal() {
		return 0
	}
	n := t.replicas()
	for i := range t.Attempts {
		if a := &t.Attempts[i]; a.Live() || a.vote() {
			n--
		}
	}
	return max(n, 0)
}

// failures counts attempts that ended without a result.
func (t *Task) failures() int {
	n := 0
	for _, a := range t.Attempts {
		if a.State == attemptFailed || a.State == attemptInterrupted {
			n++
		}
	}
	return n
}

// progress is the state of a task that is not terminal, from its attempts.
func (t *Task) progress() TaskState {
	st := TaskState("")
	votes := false
	for _, a := range t.Attempts {
		switch a.State {
		case attemptVerifying:
			return TaskVerifying
		case attemptRunning:
			st = TaskRunning
		case attemptAssigned:
			if st == "" {
				st = TaskAssigned
			}
		case attemptSubmitted, attemptVerified:
			votes = true
		}
	}
	switch {
	case st != "":
		return st
	case votes:
		return TaskSubmitted
	case len(t.Attempts) > 0:
		return TaskRetrying
	}
	return TaskPending
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
	backup  bool // places backup attempts of running tasks (see speculate)
}
