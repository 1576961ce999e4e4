package provider

import (
	"slices"
	"time"

	"github.com/deco-network/deco/internal/wire"
)

// voucher records a payment: the attempt it names is paid, so its
// reservation ends; a voucher naming none pays the job's attempts awaiting
// payment, oldest first, as far as Added goes.
func (m *Machine) voucher(now time.Time, e VoucherAccepted) {
	if e.Key.Task.Job == "" {
		m.payOldest(e.Held.Job, e.Added)
	} else {
		if a := m.tasks[e.Key]; a != nil && a.stage == awaiting {
			m.forget(a)
		}
		m.settled(e.Key)
	}
	m.startQueued() // assignments waiting for this voucher
	m.hold(e.Held)
	if h := m.held[e.Held.Job]; h != nil && h.Pending >= m.cfg.RedeemThreshold {
		m.redeemDue(now)
	}
}

func (m *Machine) payOldest(job wire.JobID, added wire.Amount) {
	var due []*attempt
	for _, a := range m.tasks {
		if a.key.Task.Job == job && a.stage == awaiting {
			due = append(due, a)
		}
	}
	slices.SortFunc(due, func(a, b *attempt) int {
		if c := a.sent.Compare(b.sent); c != 0 {
			return c
		}
		return compareKeys(a.key, b.key)
	})
	for _, a := range due {
		if a.amount > added {
			return
		}
		added -= a.amount
		m.settled(a.key)
		m.forget(a)
	}
}

// hold updates the schedule's view of a job's voucher.
func (m *Machine) hold(v Held) {
	if v.Pending == 0 {
		if h := m.held[v.Job]; h == nil || !h.inflight {
			delete(m.held, v.Job) // nothing to redeem
			return
		}
	}
	h := m.held[v.Job]
	if h == nil {
		h = &held{}
		m.held[v.Job] = h
	}
	h.Held = v
}

func (m *Machine) redeemed(now time.Time, e Redeemed) {
	h := m.held[e.Held.Job]
	if h == nil {
		h = &held{}
		m.held[e.Held.Job] = h
	}
	h.Held, h.inflight = e.Held, false
	switch {
	case e.Err != "":
		w := min(max(2*h.wait, m.cfg.RetryMin), m.cfg.RetryMax)
		h.retryAt, h.wait = now.Add(w), w
	case e.Short:
		// The deposit could not pay in full: try again much later.
		h.wait = 10 * m.cfg.RedeemAge
		h.retryAt = now.Add(h.wait)
	default:
		h.retryAt, h.wait = time.Time{}, 0
	}
	if h.Pending == 0 && h.retryAt.IsZero() {
		delete(m.held, e.Held.Job)
	}
}

// redeemDue emits a Redeem for every voucher due: its unredeemed part
// reached the threshold, its oldest unredeemed part is RedeemAge old, or
// the escrow's deadline passed (the consumer can refund after the grace
// period). Jobs past their deadline also release their reservations:
// nothing more will pay for them.
func (m *Machine) redeemDue(now time.Time) {
	start := len(m.ready.Redeems)
	var over []wire.JobID
	for id, h := range m.held {
		past := !h.Deadline.IsZero() && !now.Before(h.Deadline)
		if past && m.byJob[id] > 0 {
			over = append(over, id)
		}
		if h.Pending == 0 || h.inflight || now.Before(h.retryAt) {
			continue
		}
		if h.Pending >= m.cfg.RedeemThreshold || (!h.Since.IsZero() && now.Sub(h.Since) >= m.cfg.RedeemAge) || past {
			h.inflight = true
			m.ready.Redeems = append(m.ready.Redeems, Redeem{Job: id})
		}
	}
	slices.SortFunc(m.ready.Redeems[start:], func(a, b Redeem) int { return cmpString(string(a.Job), string(b.Job)) })
	slices.Sort(over)
	for _, id := range over {
		m.closeJob(id)
	}
}
