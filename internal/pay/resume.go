package pay

import (
	"fmt"
	"slices"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/wire"
)

// Paid is an attempt the consumer's persisted market marks paid.
type Paid struct {
	Peer     string // the provider's peer, to send it the voucher
	Provider common.Address
	Task     wire.TaskID
	Attempt  int
	Price    wire.Amount // what its Pay asked (a paid failure: its share)
	Withheld bool        // its outputs are not stored here yet
	Accepted time.Time   // when it was accepted: its voucher went out in this order
}

// Resend is a voucher to send again after a restart, naming one attempt.
type Resend struct {
	Peer    string
	Voucher wire.Voucher
}

// Resume makes good, after a restart, what a crash between the market's
// persisted Pay and its voucher lost. paid lists job's paid attempts. It signs, per provider,
// what paid adds up to beyond the escrow record (a voucher never signed),
// then returns one voucher per withheld attempt with rising amounts,
// ending at the provider's total: a provider releases an attempt's
// outputs only for a voucher that adds at least its price to what it
// holds, so each lost voucher is replaced by one that does, and one it
// had is a repeat that gains it nothing.
func (c *Consumer) Resume(job wire.JobID, paid []Paid) ([]Resend, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	rec := c.jobs[job]
	if rec == nil || !rec.Opened {
		return nil, nil // no escrow: nothing was promised
	}
	total := map[common.Address]wire.Amount{}
	for _, p := range paid {
		total[p.Provider] += p.Price
	}
	for prov, sum := range total {
		if owed := rec.Owed[prov.Hex()]; sum > owed {
			c.log.Warn("signing what a restart lost", "job", job.Short(), "provider", prov.Hex(), "amount", sum-owed)
			if _, err := c.sign(rec, prov, sum-owed); err != nil {
				return nil, err
			}
			rec = c.jobs[job] // sign stored a new record
		}
	}
	paid = slices.Clone(paid)
	slices.SortStableFunc(paid, func(x, y Paid) int { return x.Accepted.Compare(y.Accepted) })
	var out []Resend
	for prov := range total {
		// Amounts below the total by the prices of the withheld attempts
		// that follow, so each adds its own attempt's price.
		var after wire.Amount
		var mine []Paid
		for _, p := range paid {
			if p.Provider == prov && p.Withheld {
				mine = append(mine, p)
				after += p.Price
			}
		}
		cum := rec.Owed[prov.Hex()]
		for _, p := range mine {
			after -= p.Price
			amount := cum - after
			sig, err := c.c.SignVoucher(job.Bytes32(), prov, amount.Wei())
			if err != nil {
				return out, fmt.Errorf("sign voucher for job %s again: %w", job, err)
			}
			out = append(out, Resend{Peer: p.Peer, Voucher: wire.Voucher{Job: job, Provider: prov.Hex(), Consumer: c.c.Address().Hex(),
				Cumulative: amount, Signature: sig, Task: p.Task, Attempt: p.Attempt}})
		}
	}
	return out, nil
}

// PaidOf lists the attempts of j the market marks paid, as Resume takes
// them.
func PaidOf(j *market.Job) []Paid {
	var paid []Paid
	for _, t := range j.Tasks {
		for _, a := range t.Attempts {
			if !a.Paid {
				continue
			}
			p := Paid{Peer: a.Provider, Provider: common.HexToAddress(a.EVM), Task: wire.TaskID{Job: j.ID, Index: t.Index},
				Attempt: a.N, Price: a.Price, Withheld: a.Withheld, Accepted: a.Ended}
			if a.Failure != "" {
				p.Price = a.FailurePay // a paid failure earned its share
			}
			paid = append(paid, p)
		}
	}
	return paid
}
