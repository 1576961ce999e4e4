package zkjob

import (
	"context"
	"math/big"
	"time"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/wire"
)

// PaymentView is what `deco job describe` shows about a zk job's money:
// the escrow, and the tasks settled on chain by proof (nil when the chain
// has no proof escrow or cannot be read).
func (j *Jobs) PaymentView(ctx context.Context, job *api.JobView) *api.PaymentView {
	pe, ok := j.chain.(chain.ProofEscrow)
	if !ok {
		return nil
	}
	ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
	defer cancel()
	// The settled tasks are read before the escrow's totals: both only
	// grow, so the totals then cover at least every task listed (read the
	// other way round, a settlement landing in between listed a task the
	// redeemed total did not count yet).
	var settled []int
	var settledErr error
	for _, t := range job.Tasks {
		ok, err := pe.Settled(ctx, job.ID.Bytes32(), uint64(t.Index))
		if err != nil {
			settledErr = err
			break
		}
		if ok {
			settled = append(settled, t.Index)
		}
	}
	info, err := j.chain.Job(ctx, job.ID.Bytes32())
	if err != nil {
		return nil
	}
	e := api.ProofEscrow{Escrow: j.chain.Contracts().Escrow.Hex(), Deposited: weiAmount(info.Deposited), Redeemed: weiAmount(info.Redeemed),
		Refunded: weiAmount(info.Refunded), Deadline: info.Deadline, RefundAt: info.RefundAt, Closed: info.Closed, PerTask: job.Spec.Price.Max,
		Settled: settled, SettledErr: settledErr}
	if terms, err := pe.ProofTerms(ctx, job.ID.Bytes32()); err == nil {
		e.PerTask = weiAmount(terms.Price)
	}
	return api.ProofPaymentView(job, e)
}

// weiAmount converts wei to whole DECO, rounding down (nil is zero).
func weiAmount(w *big.Int) wire.Amount {
	if w == nil {
		return 0
	}
	return wire.Amount(new(big.Int).Div(w, wire.Amount(1).Wei()).Uint64())
}
