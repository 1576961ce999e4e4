package market

import (
	"time"

	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

// Event is an input to Step.
type Event interface{ event() }

// Submit adds a new job. The job's Spec must be resolved (program and
// inputs by CID); ID, Consumer and Spec are set; the market fills the rest.
//
// A multi-stage job's Job is its parent (Spec with stages, Stages set) and
// Stages its stage jobs (Parent and Stage set, Spec the stage's body),
// each with its own ID and escrow.
type Submit struct {
	Job    *Job
	Stages []*Job
}

// Restore re-adds a job loaded from the database after a restart. Attempts
// that were in flight are failed (the sessions died with the old process)
// and their tasks retried.
type Restore struct{ Job *Job }

// OfferSeen updates the offer cache with a verified, unexpired offer. A
// scheduler that is a sched.OfferWatcher is shown it first, by the market:
// drivers only feed the event.
type OfferSeen struct {
	Offer   wire.Offer
	Latency time.Duration
	// Net is the network the peer connects from (verify.Subnet of its
	// address), "" if unknown. Replicas of one task never share a network.
	Net string
	// Funder identifies who funded the peer's stake (e.g. the address that
	// transferred it, from the registry), "" if unknown. Replicas of one
	// task never share a funder.
	Funder string
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

// Progress reports a running attempt's state from the provider: a
// status message, or a heartbeat's news (the program's progress, new
// output). Stdout and Stderr become the job's log lines (Log.Stream) while
// the attempt is live; an ended attempt's are dropped.
type Progress struct {
	Task    wire.TaskID
	Attempt int
	State   string // "running", "verifying"
	Message string
	// Permille is the progress the program reported (0..1000; 0: none).
	Permille int
	Stdout   []byte
	Stderr   []byte
}

// Checkpointed reports a checkpoint the node verified for a running
// attempt: the receipt is signed by the attempt's provider and the state
// is stored here. A later attempt of the task resumes from the latest.
type Checkpointed struct {
	Task       wire.TaskID
	Attempt    int
	Checkpoint wire.Checkpoint
}

func (Checkpointed) event() {}

// Verdict is the node's judgement of an attempt after it fetched and
// checked the result.
type Verdict struct {
	// OK means the receipt and outputs check out: the receipt describes
	// the assigned task, is signed by the provider and names the outputs
	// fetched. It does not mean accepted: under replicate:K and adaptive
	// the market compares the output root with other providers' first.
	OK bool
	// ProgramFault marks a failure that is the program's own (time limit,
	// memory limit, bad module, exit code): the task fails without retry.
	// Otherwise a failure is the provider's and the task is retried elsewhere.
	ProgramFault bool
	Reason       string
	ExitCode     int64
	Outputs      wire.Manifest
	Stdout       wire.CID
	Stderr       wire.CID
	// LogsTruncated: the provider kept only the first part of stdout or
	// stderr (the file ends with a marker saying so).
	LogsTruncated bool
	Receipt       *wire.Receipt
	Signature     []byte
	Duration      time.Duration
	Benchmark     float64
	Compiled      bool
	// Evidence, when set, is provable fraud the node found judging the
	// result (a zk proof that fails): the attempt fails through the
	// provider's fault and the market emits Fraud.
	Evidence *verify.Evidence

	// Failure is a program fault's kind: a wire.Fail* kind, or "" for a
	// non-zero exit (ExitCode). It decides the share of the price the
	// failure earns (pricing.FailurePay) and which failures replicas
	// agree on.
	Failure string
	// Withheld: the result was judged on its signed output root and
	// manifest alone; the provider releases the bytes once paid. After the
	// attempt's Pay the market emits Fetch, and the task is complete only
	// once Stored reports the outputs here (fair exchange,
	// docs/economics.md).
	Withheld bool
	// Unreachable: the provider could not be reached, or its link went
	// silent. It gets no work until it is heard from again (a fresh
	// offer) or UnreachableFor has passed, so a partition costs it one
	// failure per task it held and one per UnreachableFor, rather than one
	// per assignment sent into the void; gossip that is slow to carry its
	// offers after a heal does not keep it out for long.
	Unreachable bool
}

// UnreachableFor is how long a provider whose link failed gets no work
// unless an offer from it comes first (Verdict.Unreachable).
const UnreachableFor = 10 * time.Second

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

// FraudProven reports evidence against Peer that the node checked
// (verify.Evidence.Check) after it arrived by gossip or from another
// component: Peer's trust resets and its unchecked results are re-checked.
type FraudProven struct {
	Peer     string
	Evidence verify.Evidence
}

// Unpaid reports that the driver could not carry out the Pay for an
// attempt (the voucher would exceed the escrow's deposit, or could not be
// signed): the attempt shows as not paid, with Reason, and is never paid
// again by this market.
type Unpaid struct {
	Task    wire.TaskID
	Attempt int
	Reason  string
}

// Stored reports the end of a Fetch: the paid attempt's outputs and logs
// are stored on this node, or (Err set) they could not be fetched from its
// provider, which was paid for them.
type Stored struct {
	Task    wire.TaskID
	Attempt int
	Err     string
}

// Checked is the outcome of a CheckLocal: Root is the output root of the
// consumer's own run of the task, or Err says why it could not run (then
// nothing is concluded). Claimed is the CheckLocal's Root.
type Checked struct {
	Task    wire.TaskID
	Claimed wire.CID
	Root    wire.CID
	Err     string
}

func (Checked) event()     {}
func (Submit) event()      {}
func (Restore) event()     {}
func (OfferSeen) event()   {}
func (BidIn) event()       {}
func (BidFailed) event()   {}
func (Progress) event()    {}
func (Outcome) event()     {}
func (Cancel) event()      {}
func (FraudProven) event() {}
func (Unpaid) event()      {}
func (Stored) event()      {}

// Effect is an output of Step/Tick for the driver to carry out. Step and
// Tick return them grouped in a Ready, which says what must be persisted
// before what may be sent or run.
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
	// Lease is how long the attempt may go without a heartbeat from its
	// provider (the job's missed beats × its heartbeat interval) before
	// the driver reports it dead (a provider fault: it goes elsewhere).
	Lease time.Duration
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
	// Stream is "stdout" or "stderr" for what a running program wrote
	// (Text then holds its bytes as written), "" for the market's own
	// lines. Attempt names the attempt that wrote it.
	Stream  string
	Attempt int
}

// Finished announces that a job reached a terminal state.
type Finished struct {
	Job   wire.JobID
	State JobState
}

// Pay says an attempt's result was accepted: the driver sends the
// provider the next cumulative voucher for Price. It comes exactly once
// per accepted attempt: at the verdict under receipt, once a majority
// agrees under replicate:K (winners only), when accepted under adaptive.
// A failure of the program's own making is paid the same way, for its
// share of the bid (pricing.FailurePay), once replicas agree on it.
type Pay struct {
	Peer    string
	EVM     string
	Task    wire.TaskID
	Attempt int
	Price   wire.Amount
}

// Reject says an attempt's result, which checked out, was not accepted
// (it lost the quorum, or the task ended before one was reached): no Pay
// follows. The driver tells the provider (a wire.Cancel with Reason), so it
// stops waiting for a voucher and releases what it reserved.
type Reject struct {
	Peer    string
	Task    wire.TaskID
	Attempt int
	Reason  string
}

// Fraud carries provable evidence against Peer: two receipts it signed for
// Task with different output roots, or a zk proof it committed to that
// fails. The driver checks it (Evidence.Check), submits it on chain
// (reportEquivocation) and gossips it.
type Fraud struct {
	Peer     string
	Task     wire.TaskID
	Evidence verify.Evidence
}

// Fetch asks the driver to store a paid attempt's withheld outputs and
// logs (Verdict.Withheld): after the attempt's voucher has gone out, from
// Peer, each blob checked against its CID and the manifest's size. It
// reports the end with Stored. It follows the attempt's Pay in the same
// Ready, and comes again after a restart for a paid task whose outputs
// were not stored yet.
type Fetch struct {
	Peer    string
	Task    wire.TaskID
	Attempt int
	Outputs wire.Manifest
	Stdout  wire.CID
	Stderr  wire.CID
	// MaxOutput bounds the outputs' total size (the task's max_output).
	MaxOutput int64
}

// CheckLocal asks the driver to run task Spec itself (the consumer's own
// executor) and step back exactly one Checked with the output root it got.
// Root is the accepted root under check; the market holds the winners' pay
// and the job's end until the Checked arrives.
type CheckLocal struct {
	Spec wire.TaskSpec
	Root wire.CID
}

func (CheckLocal) effect() {}
func (RequestBid) effect() {}
func (Assign) effect()     {}
func (Abort) effect()      {}
func (Save) effect()       {}
func (Log) effect()        {}
func (Finished) effect()   {}
func (Pay) effect()        {}
func (Reject) effect()     {}
func (Fraud) effect()      {}
func (Fetch) effect()      {}
