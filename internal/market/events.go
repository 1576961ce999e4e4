package market

import (
	"time"

	"github.com/deco-network/deco/internal/wire"
)

// Event is an input to Step.
type Event interface{ event() }

// Submit adds a new job. The job's Spec must be resolved (program and
// inputs by CID); ID, Consumer and Spec are set; the market fills the rest.
type Submit struct{ Job *Job }

// Restore re-adds a job loaded from the database after a restart. Attempts
// that were in flight are failed (the sessions died with the old process)
// and their tasks retried.
type Restore struct{ Job *Job }

// OfferSeen updates the offer cache with a verified, unexpired offer.
type OfferSeen struct {
	Offer   wire.Offer
	Latency time.Duration
}

// BidIn delivers a provider's bid.
type BidIn struct {
	Job  wire.JobID
	Peer string
	Bid  wire.Bid
}

// BidFailed reports that a bid request could not be delivered or answered.
type BidFailed struct {
	Job   wire.JobID
	Round int
	Peer  string
	Err   string
}

// Progress reports a running attempt's state from the provider.
type Progress struct {
	Task    wire.TaskID
	Attempt int
	State   string // "running", "verifying"
	Message string
}

// Verdict is the node's judgement of an attempt after it fetched and
// checked the result.
type Verdict struct {
	OK bool // receipt verified, outputs match
	// ProgramFault marks a failure that is the program's own (time limit,
	// memory limit, bad module, exit code): the task fails without retry.
	// Otherwise a failure is the provider's and the task is retried elsewhere.
	ProgramFault bool
	Reason       string
	ExitCode     int64
	Outputs      wire.Manifest
	Stdout       wire.CID
	Stderr       wire.CID
	Receipt      *wire.Receipt
	Signature    []byte
	Duration     time.Duration
	Benchmark    float64
	Compiled     bool
}

// Outcome ends an attempt.
type Outcome struct {
	Task    wire.TaskID
	Attempt int
	Verdict Verdict
}

// Cancel stops a job.
type Cancel struct {
	Job    wire.JobID
	Reason string
}

func (Submit) event()    {}
func (Restore) event()   {}
func (OfferSeen) event() {}
func (BidIn) event()     {}
func (BidFailed) event() {}
func (Progress) event()  {}
func (Outcome) event()   {}
func (Cancel) event()    {}

// Effect is an output of Step/Tick for the driver to carry out.
type Effect interface{ effect() }

// RequestBid asks Peer for a bid.
type RequestBid struct {
	Peer string
	Req  wire.BidRequest
}

// Assign gives a task to Peer; the driver runs the task session and feeds
// back Progress and exactly one Outcome.
type Assign struct {
	Peer string
	EVM  string
	Msg  wire.Assign
}

// Abort tells Peer to stop an attempt (cancel or timeout).
type Abort struct {
	Peer    string
	Task    wire.TaskID
	Attempt int
}

// Save persists the job header and the listed tasks (copies).
type Save struct {
	Job   Job // Tasks is nil; see Tasks
	Tasks []Task
}

// Log is a line of the job's event log.
type Log struct {
	Job   wire.JobID
	Index int // -1 for the job itself
	At    time.Time
	Text  string
}

// Finished announces that a job reached a terminal state.
type Finished struct {
	Job   wire.JobID
	State JobState
}

func (RequestBid) effect() {}
func (Assign) effect()     {}
func (Abort) effect()      {}
func (Save) effect()       {}
func (Log) effect()        {}
func (Finished) effect()   {}
