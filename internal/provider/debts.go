package provider

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/deco-network/deco/internal/wire"
)

// Debts bound what a provider risks on a consumer to one task
// (docs/economics.md). With payments on, a delivered result's outputs are
// released only on its voucher, so a consumer that does not pay gets
// nothing; what it can still take is the provider's work. The rule:
//
//   - While a consumer owes the voucher of a delivered result whose
//     assignment did not announce a quorum, its further assignments wait
//     (queued, their slot not taken) until the voucher comes. If it has not
//     come PayGrace after delivery, the consumer is a debtor.
//   - A result under a quorum (wire.Assign.Quorum: replicate:K, adaptive)
//     holds nothing back, since its voucher waits for other providers; its
//     consumer is a debtor if it is neither paid nor rejected within the
//     job's escrow window (max(15m, 4 × the task's timeout), the deadline
//     the consumer's escrow gets) plus PayGrace after delivery.
//   - A debtor gets no bid and no assignment until the voucher it owes
//     arrives; the record is persisted (Persist.Debtors), so a restart
//     keeps it. A job's escrow closing with a result unpaid makes its
//     consumer a debtor at once.
//
// So a provider runs at most one task per slot it gave a consumer after
// that consumer's last voucher, plus, under a quorum, what it ran in the
// escrow window: work for which the consumer got no byte.

// Debtor is a consumer that did not pay for a result in time.
type Debtor struct {
	Consumer string      `json:"consumer"` // EVM address the assignment named
	Peer     string      `json:"peer"`
	Owed     Key         `json:"owed"` // the attempt it did not pay for
	Price    wire.Amount `json:"price"`
	Since    time.Time   `json:"since"` // when its result was delivered
	Reason   string      `json:"reason"`
	// Cleared, in Persist.Debtors, removes the record: the voucher came.
	Cleared bool `json:"-"`
}

// DebtorKnown tells the machine of a debtor recorded before (loaded at
// start).
type DebtorKnown struct{ Debtor Debtor }

func (DebtorKnown) event() {}

// owe is a delivered result waiting for its voucher.
type owe struct {
	consumer string
	peer     string
	price    wire.Amount
	sent     time.Time
	due      time.Time
	quorum   bool
}

// quorumWindow is the escrow window a consumer gives a job whose tasks
// take timeout: the window its voucher may wait in under a quorum.
func quorumWindow(timeoutMs int64) time.Duration {
	return max(15*time.Minute, 4*time.Duration(timeoutMs)*time.Millisecond)
}

// owed records that a's result was delivered at now and is owed.
func (m *Machine) owed(a *attempt, now time.Time) {
	o := &owe{consumer: a.assign.Consumer, peer: a.peer, price: a.assign.Price, sent: now, quorum: a.assign.Quorum}
	o.due = now.Add(m.cfg.PayGrace)
	if o.quorum {
		o.due = o.due.Add(quorumWindow(a.assign.Spec.TimeoutMs))
	}
	m.owes[a.key] = o
}

// settled drops what k owed (paid, or rejected by its consumer) and clears
// a debtor whose debt it was; waiting assignments may start.
func (m *Machine) settled(k Key) {
	delete(m.owes, k)
	for c, d := range m.debtors {
		if d.Owed == k {
			delete(m.debtors, c)
			d.Cleared = true
			m.ready.Persist.Debtors = append(m.ready.Persist.Debtors, d)
		}
	}
}

// holding reports whether consumer owes a voucher that holds its next
// tasks back: a result delivered without a quorum, not yet paid.
func (m *Machine) holding(consumer string) bool {
	for _, o := range m.owes {
		if !o.quorum && strings.EqualFold(o.consumer, consumer) {
			return true
		}
	}
	return false
}

// declines says why this provider takes no work from consumer at peer, or "".
func (m *Machine) declines(consumer, peer string) string {
	d, ok := m.debtors[strings.ToLower(consumer)]
	if !ok {
		for _, x := range m.debtors {
			if x.Peer == peer {
				d, ok = x, true
				break
			}
		}
	}
	if !ok {
		return ""
	}
	return fmt.Sprintf("unpaid: consumer %s has not paid for task %s attempt %d (%s DECO, delivered %s: %s); this provider takes no work from it until that voucher arrives",
		d.Consumer, d.Owed.Task, d.Owed.Attempt, d.Price, d.Since.UTC().Format(time.RFC3339), d.Reason)
}

// overdue makes every consumer with a debt past due a debtor.
func (m *Machine) overdue(now time.Time) {
	var keys []Key
	for k, o := range m.owes {
		if !now.Before(o.due) {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, compareKeys) // effects in a stable order
	for _, k := range keys {
		o := m.owes[k]
		m.defaulted(k, o, fmt.Sprintf("no voucher %s after delivery", now.Sub(o.sent).Round(time.Second)))
	}
}

// defaulted records o's consumer as a debtor for k and refuses the
// assignments it has waiting.
func (m *Machine) defaulted(k Key, o *owe, reason string) {
	delete(m.owes, k)
	key := strings.ToLower(o.consumer)
	if _, ok := m.debtors[key]; !ok {
		d := Debtor{Consumer: o.consumer, Peer: o.peer, Owed: k, Price: o.price, Since: o.sent, Reason: reason}
		m.debtors[key] = d
		m.ready.Persist.Debtors = append(m.ready.Persist.Debtors, d)
	}
	msg := m.declines(o.consumer, o.peer)
	var refused []*attempt
	m.queue = slices.DeleteFunc(m.queue, func(a *attempt) bool {
		if strings.EqualFold(a.assign.Consumer, o.consumer) {
			refused = append(refused, a)
			return true
		}
		return false
	})
	for _, a := range refused {
		m.ready.Sends = append(m.ready.Sends, Send{Session: a.session, Key: a.key,
			Result: wire.Result{Task: a.key.Task, Attempt: a.key.Attempt, Failure: wire.FailProvider, Message: msg}})
		m.forget(a)
	}
}

// debtorKnown restores a debtor recorded before a restart.
func (m *Machine) debtorKnown(d Debtor) {
	m.debtors[strings.ToLower(d.Consumer)] = d
}

// closedUnpaid makes the consumers of job's unpaid results debtors: its
// escrow closed, so nothing will pay them.
func (m *Machine) closedUnpaid(job wire.JobID) {
	var keys []Key
	for k := range m.owes {
		if k.Task.Job == job {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, compareKeys)
	for _, k := range keys {
		m.defaulted(k, m.owes[k], "the job's escrow closed with the result unpaid")
	}
}

// Debtors lists the consumers recorded as not paying, by address.
func (m *Machine) Debtors() []Debtor {
	out := make([]Debtor, 0, len(m.debtors))
	for _, d := range m.debtors {
		out = append(out, d)
	}
	slices.SortFunc(out, func(a, b Debtor) int { return cmpString(a.Consumer, b.Consumer) })
	return out
}
