package api

import (
	"context"
	"errors"
	"io"
	"time"

	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
)

// Backend is what the API serves. The node implements it; every method is
// safe for concurrent use.
type Backend interface {
	Info(ctx context.Context) NodeInfo
	PutBlob(ctx context.Context, r io.Reader) (wire.CID, int64, error)
	OpenBlob(ctx context.Context, c wire.CID) (io.ReadCloser, int64, error)
	// Submit validates and starts a resolved job.
	Submit(ctx context.Context, j spec.Job) (*JobView, error)
	Jobs(ctx context.Context) ([]JobSummary, error)
	// Job finds a job by id or unique id prefix.
	Job(ctx context.Context, id string) (*JobView, error)
	Cancel(ctx context.Context, id string) error
	Logs(ctx context.Context, id string, after uint64, limit int) ([]LogLine, error)
	// Follow streams log lines of a job as they happen; the channel closes
	// when the job ends or ctx is done.
	Follow(ctx context.Context, id string) (<-chan LogLine, error)
	Providers(ctx context.Context) ([]ProviderView, error)
	Peers(ctx context.Context) ([]PeerView, error)
	// Redeem has the node's provider payments redeem every voucher held
	// and not yet redeemed (ErrNoChain without payments).
	Redeem(ctx context.Context) (Redemption, error)
	// Wallet is the node's account, escrows, earnings and transactions
	// (ErrNoChain without payments).
	Wallet(ctx context.Context) (WalletView, error)
	// Transaction reads a transaction (0x-hex hash) from the node's chain
	// (ErrNotFound for an unknown hash, ErrNoChain without payments).
	Transaction(ctx context.Context, hash string) (TxView, error)
}

// Sentinel errors a Backend returns; the server maps them to status codes.
var (
	ErrNotFound  = errors.New("not found")
	ErrAmbiguous = errors.New("ambiguous id prefix")
	ErrConflict  = errors.New("conflict")
	// ErrPayment: the job's escrow could not be opened (e.g. balance short).
	ErrPayment = errors.New("payment")
	// ErrQuota: an upload would take the node's blob store past its quota;
	// the message says how much is held, the quota, and what to do.
	ErrQuota = errors.New("blob store quota reached")
)

// NodeInfo describes the node.
type NodeInfo struct {
	PeerID  string    `json:"peer_id"`
	DID     string    `json:"did"`
	EVM     string    `json:"evm_address"`
	Addrs   []string  `json:"addrs"`
	Roles   []string  `json:"roles"`
	Version string    `json:"version"`
	Runtime string    `json:"runtime,omitempty"`
	Slots   int       `json:"slots,omitempty"`
	Busy    int       `json:"busy,omitempty"`
	Peers   int       `json:"peers"`
	Started time.Time `json:"started"`
	// TLS: the API is served over TLS. Insecure: it is served as plain
	// HTTP on a non-loopback address (--api-insecure), so its token
	// crosses the network in the clear; `deco status` warns.
	TLS      bool `json:"tls"`
	Insecure bool `json:"insecure,omitempty"`
}

// JobSummary is a row of `deco job list`.
type JobSummary struct {
	ID        wire.JobID `json:"id"`
	Name      string     `json:"name"`
	State     JobState   `json:"state"`
	Reason    string     `json:"reason"`
	Tasks     int        `json:"tasks"`
	Verified  int        `json:"verified"`
	Failed    int        `json:"failed"`
	CreatedAt time.Time  `json:"created_at"`
	EndedAt   time.Time  `json:"ended_at,omitzero"`
}

// LogLine is one entry of a job's event log.
type LogLine struct {
	Seq   uint64    `json:"seq"`
	At    time.Time `json:"at"`
	Index int       `json:"index"` // task index, -1 for the job
	Text  string    `json:"text"`
	// State carries the job state on the final line of a followed stream.
	State JobState `json:"state,omitempty"`
	// Stream is "stdout" or "stderr" for what a running task's program
	// wrote (Text holds the bytes as written, usually whole lines, sent
	// by its provider's heartbeats), "" for the job's own events.
	// Attempt is the attempt that wrote it.
	Stream  string `json:"stream,omitempty"`
	Attempt int    `json:"attempt,omitempty"`
}

// PredictionView is what the learned scheduler believes about a provider
// (sched.ProviderView).
type PredictionView struct {
	// Speed is its predicted speed in benchmark units: below the declared
	// benchmark means it over-declares. SpeedLogSD is the uncertainty (the
	// posterior's standard deviation of log speed).
	Speed      float64 `json:"speed"`
	SpeedLogSD float64 `json:"speed_log_sd"`
	Observed   int     `json:"observed"` // executions it has learned from
	Failed     int     `json:"failed"`   // attempts failed through the provider
}

// ProviderView is a row of `deco providers`.
type ProviderView struct {
	Peer      string            `json:"peer"`
	EVM       string            `json:"evm_address"`
	Ask       wire.Amount       `json:"ask"`
	Slots     int               `json:"slots"`
	FreeSlots int               `json:"free_slots"`
	Cores     int               `json:"cores"`
	Memory    uint64            `json:"memory"`
	GPUs      []string          `json:"gpus,omitempty"`
	Benchmark float64           `json:"benchmark"`
	Labels    map[string]string `json:"labels,omitempty"`
	Runtime   string            `json:"runtime"`
	Latency   time.Duration     `json:"latency_ns"`
	Expires   time.Time         `json:"expires"`
	// Reliability is the learned scheduler's posterior probability that an
	// attempt on this provider succeeds; Predicted is the rest of what it
	// learned (nil for a provider it has no model of yet).
	Reliability float64         `json:"reliability"`
	Predicted   *PredictionView `json:"predicted,omitempty"`
	Stake       *wire.Amount    `json:"stake,omitempty"` // bonded in the registry, when payments are on
	// Reputation is what verification taught this consumer about the
	// provider (decayed counts; score = probability its next result is
	// valid).
	Reputation ReputationView `json:"reputation"`
}

// ReputationView is a provider's reputation as a consumer sees it.
type ReputationView struct {
	Score     float64 `json:"score"`
	Valid     float64 `json:"valid"`     // results that won a quorum
	Unchecked float64 `json:"unchecked"` // accepted without a replica
	Invalid   float64 `json:"invalid"`   // results that lost a quorum or were proven fraudulent
	Faults    float64 `json:"faults"`    // failures and timeouts
	Suspect   bool    `json:"suspect"`   // caught cheating: not asked for bids until it decays
}

// PeerView is a row of `deco peers`: a connected peer, or a configured
// one (bootstrap, relay) that is not connected.
type PeerView struct {
	Peer    string        `json:"peer"`
	Addrs   []string      `json:"addrs"`
	Latency time.Duration `json:"latency_ns"`
	// Reach is how the peer is reached: direct, relayed (through a
	// circuit relay), hole-punched (direct after a relayed connection), or
	// unreachable (a configured peer whose dials fail; retried with backoff).
	Reach string `json:"reach"`
	// Roles are "bootstrap" and "relay" (configured, or offering the relay
	// service).
	Roles []string `json:"roles,omitempty"`
	// For an unreachable peer: why the last dial failed, how many failed
	// in a row and when the next is due.
	Problem  string    `json:"problem,omitempty"`
	Failures int       `json:"failures,omitempty"`
	NextDial time.Time `json:"next_dial,omitzero"`
}

// BlobRef answers an upload.
type BlobRef struct {
	CID  wire.CID `json:"cid"`
	Size int64    `json:"size"`
}

// JobState is a job's user-visible state: pending, running, then
// completed, failed or cancelled.
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

// TaskState is a task's state (DESIGN §4's lifecycle as users see it).
type TaskState string

// Task states.
const (
	TaskPending   TaskState = "pending"
	TaskBidding   TaskState = "bidding"
	TaskAssigned  TaskState = "assigned"
	TaskRunning   TaskState = "running"
	TaskVerifying TaskState = "verifying"
	// TaskSubmitted: a result checked out and waits for more replicas.
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

// JobView is a job as `deco job describe` shows it (and `-o json`
// prints): the job, its tasks and their attempts, plus, when payments are
// on, its escrow. Its field names are the API's contract; the market's
// types may change without changing them (JobViewOf converts).
type JobView struct {
	ID        wire.JobID   `json:"id"`
	Spec      spec.Job     `json:"spec"`
	State     JobState     `json:"state"`
	Reason    string       `json:"reason"`
	Consumer  string       `json:"consumer"` // EVM address
	CreatedAt time.Time    `json:"created_at"`
	UpdatedAt time.Time    `json:"updated_at"`
	EndedAt   time.Time    `json:"ended_at,omitzero"`
	Tasks     []TaskView   `json:"tasks"`
	Rounds    int          `json:"rounds"` // auctions held
	Payment   *PaymentView `json:"payment,omitempty"`
	// Stages shows a multi-stage job's stages, in spec order; a stage's
	// own job names its Parent and Stage.
	Stages []StageView `json:"stages,omitempty"`
	Parent wire.JobID  `json:"parent,omitempty"`
	Stage  string      `json:"stage,omitempty"`
}

// TaskView is one task of a job.
type TaskView struct {
	Index       int           `json:"index"`
	State       TaskState     `json:"state"`
	Reason      string        `json:"reason"`
	Provider    string        `json:"provider,omitempty"` // peer ID of the accepted (or current) attempt
	ProviderEVM string        `json:"provider_evm,omitempty"`
	Price       wire.Amount   `json:"price"`
	Attempts    []AttemptView `json:"attempts"`
	ExitCode    int64         `json:"exit_code"`
	OutputRoot  wire.CID      `json:"output_root,omitempty"`
	Outputs     wire.Manifest `json:"outputs,omitzero"`
	Stdout      wire.CID      `json:"stdout,omitempty"`
	Stderr      wire.CID      `json:"stderr,omitempty"`
	// LogsTruncated: stdout or stderr was cut at the provider's 1MiB
	// limit; the file ends with a line saying so.
	LogsTruncated bool          `json:"logs_truncated,omitempty"`
	Receipt       *wire.Receipt `json:"receipt,omitempty"`
	Signature     []byte        `json:"signature,omitempty"`
	DurationMs    int64         `json:"duration_ms"`
	Compiled      bool          `json:"compiled,omitempty"` // the provider compiled the module for this task
	UpdatedAt     time.Time     `json:"updated_at"`
	// Replicas is how many distinct providers' results the task wants
	// before a majority decides it; Quorum how many returned the accepted
	// output root.
	Replicas int `json:"replicas,omitempty"`
	Quorum   int `json:"quorum,omitempty"`
}

// AttemptView is one try of a task on one provider.
type AttemptView struct {
	N        int         `json:"n"`
	Provider string      `json:"provider"`
	EVM      string      `json:"evm"`
	Price    wire.Amount `json:"price"`
	// State is assigned, running or verifying (live), submitted (waits for
	// the quorum), verified, rejected (lost the quorum), failed,
	// interrupted or cancelled.
	State      string        `json:"state"`
	Reason     string        `json:"reason,omitempty"`
	Started    time.Time     `json:"started"`
	Ended      time.Time     `json:"ended,omitzero"`
	Deadline   time.Time     `json:"deadline"`
	OutputRoot wire.CID      `json:"output_root,omitempty"`
	Net        string        `json:"net,omitempty"` // the provider's network, if known
	Receipt    *wire.Receipt `json:"receipt,omitempty"`
	Signature  []byte        `json:"signature,omitempty"`
	Result     *ResultView   `json:"result,omitempty"`
	Paid       bool          `json:"paid,omitempty"`      // a voucher (or proof) paid for it
	Unpaid     string        `json:"unpaid,omitempty"`    // why an accepted result was not paid (the voucher would exceed the deposit)
	Unchecked  bool          `json:"unchecked,omitempty"` // accepted without a replica (adaptive)
	// Failure names the program failure the attempt reported ("time
	// limit", "exit 3"), and FailurePay the share of Price it earns when
	// replicas agree on it (paid when Paid is set).
	Failure    string      `json:"failure,omitempty"`
	FailurePay wire.Amount `json:"failure_pay,omitempty"`
	// Permille is the progress the program last reported while the
	// attempt ran (0..1000; 0: none reported).
	Permille int `json:"permille,omitempty"`
	// Resume is the checkpoint the attempt started from (empty: fresh).
	Resume wire.CID `json:"resume,omitempty"`
	// Segment is the progress (permille) this attempt delivered that a
	// later attempt resumed from: it is paid that share of its price once
	// the task is verified.
	Segment int `json:"segment,omitempty"`
	// Checker is the check policy's verdict on the result: "accepted",
	// "rejected: " and the checker's reason, "not run: " and why, or ""
	// (not judged yet, or another policy).
	Checker string `json:"checker,omitempty"`
}

// ResultView is what an attempt returned.
type ResultView struct {
	ExitCode   int64         `json:"exit_code"`
	Outputs    wire.Manifest `json:"outputs,omitzero"`
	Stdout     wire.CID      `json:"stdout,omitempty"`
	Stderr     wire.CID      `json:"stderr,omitempty"`
	DurationMs int64         `json:"duration_ms"`
	Compiled   bool          `json:"compiled,omitempty"`
	// LogsTruncated: stdout or stderr was cut at the provider's limit.
	LogsTruncated bool `json:"logs_truncated,omitempty"`
}

// PaymentView is a job's money: the escrow on chain and the vouchers signed.
type PaymentView struct {
	Escrow    string        `json:"escrow_contract"`
	Deposit   wire.Amount   `json:"deposit"`
	Spent     wire.Amount   `json:"spent"`    // vouchers signed for verified tasks
	Redeemed  wire.Amount   `json:"redeemed"` // paid out to providers on chain
	Pending   wire.Amount   `json:"pending"`  // spent − redeemed
	Refunded  wire.Amount   `json:"refunded"`
	Deadline  time.Time     `json:"deadline"`
	RefundAt  time.Time     `json:"refund_at"`
	Closed    bool          `json:"closed"`
	Providers []ProviderPay `json:"providers,omitempty"`
	Note      string        `json:"note,omitempty"`
	// A zk job's proof escrow pays PerTask for each task proven on chain
	// (the tasks' prices show it, whatever the providers bid); Settled
	// lists the tasks paid so far. Both are zero for voucher jobs.
	PerTask wire.Amount `json:"per_task,omitempty"`
	Settled []int       `json:"settled,omitempty"`
}

// ProviderPay is what one provider was promised and paid from a job.
type ProviderPay struct {
	Provider string      `json:"provider"`
	Spent    wire.Amount `json:"spent"`
	Redeemed wire.Amount `json:"redeemed"`
	Pending  wire.Amount `json:"pending"`
}

// Counts tallies the job's tasks by state.
func (j *JobView) Counts() map[TaskState]int {
	m := map[TaskState]int{}
	for _, t := range j.Tasks {
		m[t.State]++
	}
	return m
}
