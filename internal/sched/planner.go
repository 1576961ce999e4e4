package sched

import (
	"time"

	"github.com/deco-network/deco/internal/wire"
)

// Round is what a Planner knows about one auction round: the request, the
// current time (an input, as everywhere in the core) and the load.
type Round struct {
	Request
	Now      time.Time
	Tasks    int           // tasks up for auction in this round
	Timeout  time.Duration // per-attempt time limit of the job's tasks (0 = unknown)
	Priority int           // the job's priority (0..10)
	// Backlog is the number of tasks waiting for a provider across all of
	// the consumer's jobs, this round's included (0 = unknown).
	Backlog int
	// Deadline is when the job must be done (zero = none).
	Deadline time.Time
	// Backup says the round places backup attempts of running tasks (see
	// Speculator): its tasks are not waiting ones.
	Backup bool
}

// Planner is an optional capability of a Scheduler: a market that finds it
// lets the scheduler choose whom to ask for bids and rank the bidders
// knowing the round. Without it the market asks the providers with the
// most free slots and calls Rank.
type Planner interface {
	// Shortlist picks at most k of the eligible providers (requirements,
	// max price and free slots already checked; Price is the offer's ask,
	// Slots the free slots) to ask for bids, best first. It must not modify
	// eligible. An empty result means "hold the tasks for now".
	Shortlist(r Round, eligible []Candidate, k int) []Candidate
	// Plan ranks the bidders like Rank, knowing the round; it may leave out
	// bidders it would rather not use (too slow for the deadline, or slower
	// than waiting for a better provider).
	Plan(r Round, bids []Candidate) []Ranked
}

// Pool is a round's eligible providers (requirements, max price and free
// slots checked), given lazily: a market with thousands of free offers
// need not list them all for a scheduler that looks only at a few.
type Pool interface {
	// Len is the number of eligible providers, or an upper bound (the
	// providers with free slots).
	Len() int
	// All lists every eligible provider, as Shortlist receives them. The
	// slice is the pool's: valid until the decision returns, not to be kept.
	All() []Candidate
	// Lookup returns peer's candidate if it is eligible.
	Lookup(peer string) (Candidate, bool)
}

// Running is a task's only attempt in flight, as a Speculator sees it.
type Running struct {
	Task    int       // the task's index in its job
	Peer    string    // the provider running it
	Started time.Time // when it was assigned
}

// Speculator is an optional capability of a Planner: backup attempts at
// the end of a job. When no task of the consumer waits for a provider, the
// market shows it a single-result job's running tasks; it names those worth
// a second attempt on another provider (a round of the job places them).
// The first verified result wins and the market aborts the other attempt,
// unpaid, so a crash or a straggler at the end costs less than a detection
// and a rerun.
type Speculator interface {
	// Speculate returns the indexes in running of the tasks to back up.
	Speculate(r Round, running []Running) []int
}

// HintedPool is an optional capability of a Pool: Lookup with a memo the
// caller keeps per provider, so that looking up a provider found before
// costs no hashing of its peer id.
type HintedPool interface {
	// LookupHint is Lookup(peer). *hint is the caller's memo for peer
	// (−1 at first): the pool reads it and may update it. It means nothing
	// to the caller, and the pool must check it (a memo from another pool,
	// or one made stale by the pool's changes, only costs a plain Lookup).
	LookupHint(peer string, hint *int32) (Candidate, bool)
}

// PoolPlanner is an optional capability of a Planner: Shortlist over a
// Pool. A market that finds it calls ShortlistPool instead of Shortlist.
type PoolPlanner interface {
	Planner
	// ShortlistPool is Shortlist(r, pool.All(), k), except that it may look
	// up a sample of the providers it knows (see OfferWatcher) rather than
	// list them all.
	ShortlistPool(r Round, pool Pool, k int) []Candidate
}

// OfferWatcher is an optional capability of a Scheduler: the market shows it
// every offer it is fed, before caching it, so it can learn from offer
// features (benchmark, cores, memory, slots, carbon, stake) and know the
// network's capacity.
type OfferWatcher interface {
	SeeOffer(o wire.Offer, latency time.Duration)
}

// Predictor is an optional capability of a Scheduler that predicts how
// long a task of program takes on peer, with the standard deviation of the
// log of that prediction (its uncertainty).
type Predictor interface {
	Predict(peer string, program wire.CID) (d time.Duration, logSD float64)
}

// Offer label keys that carry what wire.Offer has no field for. Values are
// decimal numbers.
const (
	LabelCarbon = "carbon" // grid carbon intensity at the provider, gCO2/kWh
	LabelStake  = "stake"  // stake bonded in the registry, DECO
	LabelRegion = "region" // latency region name
)
