package provider

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/deco-network/deco/internal/pricing"
	"github.com/deco-network/deco/internal/wire"
)

// Machine is one provider's state: its slots, the attempts it serves,
// what it reserved of each job's escrow, its standing bids, its pricing
// window and its vouchers' redemption schedule. Like raft's RawNode it is
// not safe for concurrent use: one loop steps it.
type Machine struct {
	cfg    Config
	free   []int // free slot numbers, taken from the end
	queue  []*attempt
	tasks  map[Key]*attempt
	byJob  map[wire.JobID]wire.Amount // escrow reserved per job
	bids   map[bidKey]Bid
	window window
	held   map[wire.JobID]*held
	specs  specs // the spec each task was accepted with
	// owes and debtors bound the work a consumer gets unpaid (debts.go).
	owes    map[Key]*owe
	debtors map[string]Debtor // by lower-case consumer address
	ready   Ready
}

type stage uint8

const (
	queued   stage = iota // waiting for a slot
	running               // in a slot
	stopping              // in a slot, stopped: its result is not sent
	awaiting              // result sent, waiting for its voucher
)

// attempt is one attempt the provider serves.
type attempt struct {
	key     Key
	session uint64
	peer    string
	assign  wire.Assign
	escrow  bool        // payments on: amount is reserved of the job's escrow
	amount  wire.Amount // reserved
	slot    int         // -1 while queued or after the result
	stage   stage
	sent    time.Time // when its result was sent
}

type bidKey struct {
	job  wire.JobID
	peer string
}

// held is a job's voucher in the redemption schedule.
type held struct {
	Held
	retryAt  time.Time
	wait     time.Duration
	inflight bool // a Redeem is out; no second one until Redeemed
}

// New returns a machine for cfg, which must be valid (Validate).
func New(cfg Config) *Machine {
	cfg = cfg.withDefaults()
	m := &Machine{cfg: cfg, tasks: map[Key]*attempt{}, byJob: map[wire.JobID]wire.Amount{},
		bids: map[bidKey]Bid{}, held: map[wire.JobID]*held{}, specs: specs{limit: cfg.Remember},
		owes: map[Key]*owe{}, debtors: map[string]Debtor{}}
	m.free = make([]int, cfg.Slots)
	for i := range m.free {
		m.free[i] = cfg.Slots - 1 - i // slot 0 is taken first
	}
	return m
}

// Config returns the machine's configuration, with defaults.
func (m *Machine) Config() Config { return m.cfg }

// Busy is the number of slots held.
func (m *Machine) Busy() int { return m.cfg.Slots - len(m.free) }

// Free is the number of slots a new task could have now: free slots not
// promised to queued assignments.
func (m *Machine) Free() int { return max(0, len(m.free)-len(m.queue)) }

// Reserved is what is set aside of job's escrow for attempts in progress.
func (m *Machine) Reserved(job wire.JobID) wire.Amount { return m.byJob[job] }

// Ask is the price the provider asks now, given its load and the bid
// requests of the last minute.
func (m *Machine) Ask(now time.Time) wire.Amount {
	return pricing.Ask(m.cfg.Pricing, m.load(now, false))
}

func (m *Machine) load(now time.Time, add bool) pricing.Load {
	return pricing.Load{Busy: m.Busy(), Slots: m.cfg.Slots, BidRequests: m.window.requests(now, add)}
}

// Bids returns the standing bids, by job.
func (m *Machine) Bids() []Bid {
	out := make([]Bid, 0, len(m.bids))
	for _, b := range m.bids {
		out = append(out, b)
	}
	slices.SortFunc(out, func(a, b Bid) int {
		if a.Job != b.Job {
			return cmpString(string(a.Job), string(b.Job))
		}
		return cmpString(a.Peer, b.Peer)
	})
	return out
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Step feeds one event to the machine at now and returns what the driver
// must do (see Ready for the order).
func (m *Machine) Step(now time.Time, ev Event) Ready {
	m.reset()
	switch e := ev.(type) {
	case BidRequested:
		m.bid(now, e)
	case TaskAssigned:
		m.assign(now, e)
	case ExecutionFinished:
		m.finished(now, e)
	case Cancelled:
		m.cancel(e.Key)
	case SessionEnded:
		m.sessionEnded(e.Session)
	case Settled:
		if a := m.tasks[e.Key]; a != nil && a.stage == awaiting {
			m.forget(a)
		}
		m.settled(e.Key)
		m.startQueued()
	case VoucherAccepted:
		m.voucher(now, e)
	case VoucherHeld:
		m.hold(e.Held)
	case Redeemed:
		m.redeemed(now, e)
	case EscrowClosed:
		m.closedUnpaid(e.Job)
		m.closeJob(e.Job)
	case DebtorKnown:
		m.debtorKnown(e.Debtor)
	}
	return m.ready
}

// Tick expires standing bids and payment waits and schedules redemptions.
func (m *Machine) Tick(now time.Time) Ready {
	m.reset()
	for k, b := range m.bids {
		if !now.Before(b.Expires) {
			delete(m.bids, k)
		}
	}
	for _, a := range m.tasks {
		if a.stage == awaiting && now.Sub(a.sent) >= m.cfg.PayWait {
			m.forget(a)
		}
	}
	m.overdue(now)
	m.redeemDue(now)
	return m.ready
}

// reset empties the Ready buffers, keeping their capacity: a simulator
// steps millions of times.
func (m *Machine) reset() {
	r := &m.ready
	r.Persist.Reservations, r.Persist.Bids, r.Persist.Debtors = r.Persist.Reservations[:0], r.Persist.Bids[:0], r.Persist.Debtors[:0]
	r.Answers, r.Runs, r.Stops, r.Sends, r.Redeems = r.Answers[:0], r.Runs[:0], r.Stops[:0], r.Sends[:0], r.Redeems[:0]
}

func (m *Machine) bid(now time.Time, e BidRequested) {
	req := e.Req
	ask := pricing.Ask(m.cfg.Pricing, m.load(now, true))
	free := m.Free()
	bid := wire.Bid{Job: req.Job, Round: req.Round, EVM: m.cfg.EVM}
	price, reason := m.admit(req, e.Escrow, ask, free)
	if r := m.declines(req.Consumer, e.Peer); r != "" {
		reason = r
	}
	if reason != "" {
		bid.Reason = reason
	} else {
		bid.Accept, bid.Price, bid.Slots = true, price, min(free, len(req.Tasks))
		bid.ETAMs = m.cfg.ETA.Milliseconds()
		if m.cfg.ETA == 0 {
			bid.ETAMs = req.TimeoutMs / 10
		}
		sb := Bid{Job: req.Job, Round: req.Round, Peer: e.Peer, Consumer: req.Consumer, Price: price, Slots: bid.Slots, Expires: now.Add(m.cfg.BidTTL)}
		m.bids[bidKey{req.Job, e.Peer}] = sb
		m.ready.Persist.Bids = append(m.ready.Persist.Bids, sb)
	}
	m.ready.Answers = append(m.ready.Answers, Answer{Peer: e.Peer, Bid: bid, Ask: ask})
}

func (m *Machine) assign(now time.Time, e TaskAssigned) {
	spec := e.Assign.Spec
	k := Key{Task: spec.Task, Attempt: spec.Attempt}
	if m.tasks[k] != nil {
		return // a duplicate: the first assignment stands
	}
	refuse := func(kind, msg string) {
		m.ready.Sends = append(m.ready.Sends, Send{Session: e.Session, Key: k,
			Result: wire.Result{Task: spec.Task, Attempt: spec.Attempt, Failure: kind, Message: msg}})
	}
	if msg := m.beyondOffer(spec); msg != "" {
		refuse(wire.FailProvider, msg)
		return
	}
	if msg := m.declines(e.Assign.Consumer, e.Peer); msg != "" {
		refuse(wire.FailProvider, msg)
		return
	}
	// Work follows a bid: only the peer this provider bid to, for the
	// consumer it bid to, may assign the job's tasks. Without this any
	// peer naming a job's consumer would run work on its escrow.
	b, ok := m.bids[bidKey{spec.Task.Job, e.Peer}]
	switch {
	case !ok:
		refuse(wire.FailProvider, fmt.Sprintf("no standing bid of this provider for job %s to peer %s: assignments follow a bid (ask for one, or it expired after %s)", spec.Task.Job, e.Peer, m.cfg.BidTTL))
		return
	case !strings.EqualFold(b.Consumer, e.Assign.Consumer):
		refuse(wire.FailProvider, fmt.Sprintf("job %s was bid for consumer %s, the assignment names %s", spec.Task.Job, b.Consumer, e.Assign.Consumer))
		return
	}
	if msg := m.specs.conflict(spec, spec.Kind == wire.KindZK && m.live(spec.Task)); msg != "" {
		refuse(wire.FailProvider, msg)
		return
	}
	if e.Escrow.On {
		// No deposit, no work: the job's escrow must cover the price.
		if e.Escrow.Err != "" {
			refuse(wire.FailNoEscrow, e.Escrow.Err)
			return
		}
		if msg := m.short(spec.Task.Job, e.Escrow, e.Assign.Price); msg != "" {
			refuse(wire.FailNoEscrow, msg)
			return
		}
	}
	if len(m.free) == 0 && len(m.queue) >= m.cfg.Queue {
		refuse(wire.FailProvider, "all slots busy")
		return
	}
	// The assignment takes one of the slots the bid offered. The bid
	// stands until it expires even when they are taken: the consumer keeps
	// placing the job's further tasks on it as earlier ones finish.
	b.Slots = max(0, b.Slots-1)
	m.bids[bidKey{spec.Task.Job, e.Peer}] = b
	a := &attempt{key: k, session: e.Session, peer: e.Peer, assign: e.Assign, escrow: e.Escrow.On, slot: -1, stage: queued}
	if a.escrow {
		a.amount = e.Assign.Price
		m.byJob[spec.Task.Job] += a.amount // short kept it within the cover: no overflow
	}
	m.tasks[k] = a
	m.specs.remember(spec)
	// A consumer owing a voucher waits for it to get another slot.
	if len(m.free) > 0 && !m.holding(a.assign.Consumer) {
		m.start(a)
		return
	}
	m.queue = append(m.queue, a)
	m.reserve(a, true)
}

// live reports whether an attempt of task is in progress (queued, running,
// stopping or awaiting payment).
func (m *Machine) live(task wire.TaskID) bool {
	for k := range m.tasks {
		if k.Task == task {
			return true
		}
	}
	return false
}

// start puts a in a free slot.
func (m *Machine) start(a *attempt) {
	a.slot = m.free[len(m.free)-1]
	m.free = m.free[:len(m.free)-1]
	a.stage = running
	m.reserve(a, true)
	m.ready.Runs = append(m.ready.Runs, Run{Key: a.key, Slot: a.slot, Session: a.session, Peer: a.peer, Assign: a.assign})
}

func (m *Machine) reserve(a *attempt, on bool) {
	m.ready.Persist.Reservations = append(m.ready.Persist.Reservations, Reservation{Key: a.key, Reserved: on, Slot: a.slot, Amount: a.amount})
}

// short says why job's escrow cannot pay price on top of what is
// reserved, or "" if it can.
func (m *Machine) short(job wire.JobID, es Escrow, price wire.Amount) string {
	r := m.byJob[job]
	left := wire.Amount(0)
	if es.Cover > r {
		left = es.Cover - r
	}
	if left >= price {
		return ""
	}
	return fmt.Sprintf("job %s's escrow has %s DECO left after what is owed to us (%s DECO reserved for tasks in progress) and the task pays %s DECO; refusing work", job, left, r, price)
}

func (m *Machine) finished(now time.Time, e ExecutionFinished) {
	a := m.tasks[e.Key]
	if a == nil || (a.stage != running && a.stage != stopping) {
		return
	}
	m.freeSlot(a)
	switch {
	case a.stage == stopping:
		m.forget(a)
	default:
		m.ready.Sends = append(m.ready.Sends, Send{Session: a.session, Key: a.key, Result: e.Result})
		if e.Result.Receipt != nil {
			m.specs.signed(a.key.Task)
		}
		switch pay, failed := m.earns(a, e.Result); {
		case !a.escrow || (failed && pay == 0):
			m.forget(a) // nothing will pay for it; nothing to wait for without payments
		default:
			m.keepOnly(a, pay)
			a.stage, a.sent = awaiting, now
			if a.assign.Spec.Kind != wire.KindZK { // a proof is paid by the escrow, not the consumer
				m.owed(a, now)
			}
		}
	}
	m.startQueued()
}

// earns says what a's result res is paid and whether it is a failure: a
// result earns the price, a failure of the program's making its share
// (pricing.FailurePay; the consumer's market pays the same), any other
// failure nothing. A proof task is paid on chain for its proof only.
func (m *Machine) earns(a *attempt, res wire.Result) (wire.Amount, bool) {
	switch {
	case a.assign.Spec.Kind == wire.KindZK && res.Failure != "":
		return 0, true
	case a.assign.Spec.Kind == wire.KindZK, res.Failure == "" && res.ExitCode == 0:
		return a.amount, false
	}
	return pricing.FailurePay(a.assign.Price, res.Failure, res.ExitCode), true
}

// keepOnly lowers a's escrow reservation to amount (what its result will
// be paid), releasing the rest for other tasks of the job.
func (m *Machine) keepOnly(a *attempt, amount wire.Amount) {
	if amount >= a.amount {
		return
	}
	job := a.key.Task.Job
	m.byJob[job] -= a.amount - amount
	if m.byJob[job] == 0 {
		delete(m.byJob, job)
	}
	a.amount = amount
	m.reserve(a, true)
}

func (m *Machine) freeSlot(a *attempt) {
	m.free = append(m.free, a.slot)
	m.ready.Persist.Reservations = append(m.ready.Persist.Reservations, Reservation{Key: a.key, Slot: a.slot})
	a.slot = -1
}

// startQueued starts waiting assignments, oldest first, while slots are
// free; those of a consumer owing a voucher keep waiting.
func (m *Machine) startQueued() {
	for i := 0; len(m.free) > 0 && i < len(m.queue); {
		a := m.queue[i]
		if m.holding(a.assign.Consumer) {
			i++
			continue
		}
		m.queue = slices.Delete(m.queue, i, i+1)
		m.start(a)
	}
}

// forget ends a's stay: its escrow reservation is released. Its slot
// must be free already.
func (m *Machine) forget(a *attempt) {
	delete(m.tasks, a.key)
	if a.amount > 0 {
		job := a.key.Task.Job
		if r := m.byJob[job] - a.amount; r > 0 {
			m.byJob[job] = r
		} else {
			delete(m.byJob, job)
		}
		m.ready.Persist.Reservations = append(m.ready.Persist.Reservations, Reservation{Key: a.key, Slot: -1, Amount: a.amount})
		a.amount = 0
	}
}

func (m *Machine) cancel(k Key) {
	a := m.tasks[k]
	if a == nil {
		return
	}
	switch a.stage {
	case queued:
		m.queue = slices.DeleteFunc(m.queue, func(x *attempt) bool { return x == a })
		m.forget(a)
	case running:
		a.stage = stopping
		m.ready.Stops = append(m.ready.Stops, Stop{Key: k})
	case awaiting:
		// The consumer will not pay: its outputs stay here, and the
		// rejection is its word (docs/economics.md).
		m.settled(k)
		m.forget(a)
		m.startQueued()
	}
}

func (m *Machine) sessionEnded(session uint64) {
	var keys []Key
	for k, a := range m.tasks {
		if a.session == session {
			keys = append(keys, k)
		}
	}
	// Map order is random; the effects are not.
	slices.SortFunc(keys, compareKeys)
	for _, k := range keys {
		m.cancel(k)
	}
}

func compareKeys(a, b Key) int {
	if c := cmpString(string(a.Task.Job), string(b.Task.Job)); c != 0 {
		return c
	}
	if a.Task.Index != b.Task.Index {
		return a.Task.Index - b.Task.Index
	}
	return a.Attempt - b.Attempt
}

// closeJob ends every attempt of job once its escrow closed: those
// awaiting payment are forgotten (nothing will pay them); those queued or
// running are stopped, and their consumer is told why, so the attempt's
// reason says it.
func (m *Machine) closeJob(job wire.JobID) {
	var keys []Key
	for k, a := range m.tasks {
		if k.Task.Job == job && a.stage != stopping {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, compareKeys)
	for _, k := range keys {
		a := m.tasks[k]
		if a.stage == awaiting {
			m.forget(a)
			continue
		}
		m.ready.Sends = append(m.ready.Sends, Send{Session: a.session, Key: k, Result: wire.Result{Task: k.Task, Attempt: k.Attempt,
			Failure: wire.FailNoEscrow, Message: "the job's escrow closed (refunded or past its deadline) while the task was in progress; the provider stopped it"}})
		m.cancel(k)
	}
	m.startQueued()
}

// Serving is an attempt a task session's heartbeats name: accepted and
// not answered yet.
type Serving struct {
	Key      Key
	Running  bool          // in a slot; false: queued
	Beat     time.Duration // the heartbeat interval its consumer asked for
	Consumer string        // the EVM address whose escrow pays it
	Escrow   bool          // payments on: an escrow pays it
}

// Serving lists the attempts of session that are queued or running, in
// key order: what its next heartbeat names. A stopped attempt is not
// named, so its consumer's lease on it runs out.
func (m *Machine) Serving(session uint64) []Serving {
	var out []Serving
	for k, a := range m.tasks {
		if a.session != session || (a.stage != queued && a.stage != running) {
			continue
		}
		beat := time.Duration(a.assign.Spec.HeartbeatMs) * time.Millisecond
		if beat <= 0 {
			beat = wire.DefaultHeartbeatMs * time.Millisecond
		}
		out = append(out, Serving{Key: k, Running: a.stage == running, Beat: beat, Consumer: a.assign.Consumer, Escrow: a.escrow})
	}
	slices.SortFunc(out, func(a, b Serving) int { return compareKeys(a.Key, b.Key) })
	return out
}
