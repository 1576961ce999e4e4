package provider

import (
	"time"

	"github.com/deco-network/deco/internal/wire"
)

// Event is an input to Step.
type Event interface{ event() }

// Key names one attempt of one task: what a provider serves.
type Key struct {
	Task    wire.TaskID
	Attempt int
}

// Escrow is what the driver looked up about a job's escrow before it
// stepped the machine: the machine reads no chain, it weighs these facts
// against what it has already reserved.
type Escrow struct {
	// On: payments are on, so the escrow must cover the price. Off, the
	// other fields are ignored and nothing is reserved.
	On bool
	// Cover is what is left of the escrow for this provider: deposited −
	// redeemed − refunded − the unredeemed vouchers it holds. The machine
	// subtracts what it reserved for tasks of the job in progress.
	Cover wire.Amount
	// ProofPrice, when not zero, is what a proof job's escrow pays per task
	// whatever the bid: the provider bids it, so the market records what is
	// paid.
	ProofPrice wire.Amount
	// Err, when not empty, says why the escrow refuses work (none on chain,
	// refunded, opened by someone else, past its deadline, unreadable).
	Err string
}

// BidRequested is a consumer's bid request (/deco/bid/1). The machine
// answers it in the same Ready.
type BidRequested struct {
	Peer   string
	Req    wire.BidRequest
	Escrow Escrow
}

// TaskAssigned is an assignment that arrived on a task session. Session
// is the driver's name for that session (see SessionEnded).
type TaskAssigned struct {
	Session uint64
	Peer    string
	Assign  wire.Assign
	Escrow  Escrow
}

// ExecutionFinished reports that the execution a Run started has returned
// and its slot's sandbox is clean. Result is what it produced; it is sent
// unless the attempt was stopped meanwhile.
type ExecutionFinished struct {
	Key    Key
	Result wire.Result
}

// Cancelled is the consumer's cancel for an attempt: stop it if it runs,
// drop it if it waits, and, after its result, release what it held (the
// consumer will not pay for it).
type Cancelled struct{ Key Key }

// Settled reports that an attempt awaiting payment was settled another
// way than by voucher (a proof job's escrow paid on proof, or the
// settlement failed for good): its reservation is released.
type Settled struct{ Key Key }

// SessionEnded reports that a task session closed: every attempt it
// carried is stopped, dropped or released, as by Cancelled.
type SessionEnded struct{ Session uint64 }

// VoucherAccepted reports a voucher the driver verified and stored. It
// pays for the attempt it names (or, naming none, for the job's attempts
// awaiting payment, oldest first, up to Added). Pending, Since and
// Deadline are the job's voucher state after it, for the redemption
// schedule.
type VoucherAccepted struct {
	Key   Key // the attempt paid for; Key.Task.Job is the job
	Added wire.Amount
	Held  Held
}

// Held is one job's voucher as the provider holds it.
type Held struct {
	Job     wire.JobID
	Pending wire.Amount // latest voucher − what the chain paid us
	// Cumulative is the latest voucher's amount: what the consumer owes in
	// all, which a redemption does not change.
	Cumulative wire.Amount
	Since      time.Time // when the oldest unredeemed part arrived
	Deadline   time.Time // the escrow's deadline: redeem before it
}

// VoucherHeld tells the machine of a voucher held from before (loaded at
// start), so the redemption schedule includes it.
type VoucherHeld struct{ Held Held }

// Redeemed reports the outcome of a Redeem: Held is the job's voucher
// state afterwards. Err, when not empty, means the redemption failed and
// is retried with backoff; Short means the deposit could not pay in full
// (retried after 10 × RedeemAge).
type Redeemed struct {
	Held  Held
	Err   string
	Short bool
}

// EscrowClosed reports that a job's escrow was refunded or its deadline
// passed: nothing more will pay for its attempts, so their reservations
// are released.
type EscrowClosed struct{ Job wire.JobID }

func (BidRequested) event()      {}
func (TaskAssigned) event()      {}
func (ExecutionFinished) event() {}
func (Cancelled) event()         {}
func (SessionEnded) event()      {}
func (Settled) event()           {}
func (VoucherAccepted) event()   {}
func (VoucherHeld) event()       {}
func (Redeemed) event()          {}
func (EscrowClosed) event()      {}

// Answer is the bid to send back for a BidRequested. Ask is the
// provider's ask when it answered (a proof job's bid is at its escrow's
// price instead; a refusal bids nothing): drivers republish offers when it
// moves.
type Answer struct {
	Peer string
	Bid  wire.Bid
	Ask  wire.Amount
}

// Run starts the attempt's execution in Slot (0 ≤ Slot < Config.Slots).
// The driver reports its end with ExecutionFinished.
type Run struct {
	Key     Key
	Slot    int
	Session uint64
	Peer    string
	Assign  wire.Assign
}

// Stop cancels a running execution. Its slot stays held until the
// driver reports ExecutionFinished for it; no result is sent.
type Stop struct{ Key Key }

// Send sends Result for the attempt on its task session: the outcome of a
// run, or a refusal (no standing bid, no escrow, no free slot).
type Send struct {
	Session uint64
	Key     Key
	Result  wire.Result
}

// Redeem submits the job's latest voucher on chain; the driver reports the
// outcome with Redeemed.
type Redeem struct{ Job wire.JobID }

// Reservation is a change to what the provider set aside: a slot, an
// escrow amount, or both. Reserved false is the release of an earlier
// reservation of the same Key. Drivers need not act on it (the machine
// keeps the books); it is there to persist and to observe.
type Reservation struct {
	Key      Key
	Reserved bool
	Slot     int         // -1: no slot (queued, or a slot not involved)
	Amount   wire.Amount // escrow amount of the job set aside
}

// Bid is a standing bid the provider made to Peer, for Consumer (the EVM
// address the request named): until Expires that peer may assign tasks of
// Job at Price, Slots of them at once, more as slots free up. An
// assignment without a standing bid is refused.
type Bid struct {
	Job      wire.JobID
	Round    int
	Peer     string
	Consumer string
	Price    wire.Amount
	Slots    int // offered and not yet taken
	Expires  time.Time
}

// Ready is what one Step or Tick asks of the driver. It follows etcd
// raft's rule, and its shape says so: the driver first makes Persist
// durable, and only then carries out the actions (Answers, Runs, Stops,
// Sends, Redeems), in that order. A crash between the two loses actions,
// never records: an answer or a result sent about state that was never
// written cannot happen.
//
// The slices are owned by the machine and valid until the next Step or
// Tick; a driver that keeps them past that copies them.
type Ready struct {
	Persist Persist
	Answers []Answer
	Runs    []Run
	Stops   []Stop
	Sends   []Send
	Redeems []Redeem
}

// Persist is what must be durable before the actions of its Ready. Today
// the provider's durable state is its vouchers, which the payment adapter
// stores before it reports VoucherAccepted; reservations and standing bids
// are listed so a driver that outlives restarts can keep them.
type Persist struct {
	Reservations []Reservation
	Bids         []Bid
	// Debtors are consumers recorded as not paying, or (Cleared) no
	// longer: the driver keeps them in its database.
	Debtors []Debtor
}

// Empty reports whether r asks nothing of the driver.
func (r Ready) Empty() bool {
	return len(r.Persist.Reservations) == 0 && len(r.Persist.Bids) == 0 && len(r.Persist.Debtors) == 0 && len(r.Answers) == 0 &&
		len(r.Runs) == 0 && len(r.Stops) == 0 && len(r.Sends) == 0 && len(r.Redeems) == 0
}
