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
	info, err := j.chain.Job(ctx, job.ID.Bytes32())
	if err != nil {
		return nil
	}
	e := api.ProofEscrow{Escrow: j.chain.Contracts().Escrow.Hex(), Deposited: weiAmount(info.Deposited), Redeemed: weiAmount(info.Redeemed),
		Refunded: weiAmount(info.Refunded), Deadline: info.Deadline, RefundAt: info.RefundAt, Closed: info.Closed, PerTask: job.Spec.Price.Max}
	if terms, err := pe.ProofTerms(ctx, job.ID.Bytes32()); err == nil {
		e.PerTask = weiAmount(terms.Price)
	}
	for _, t := range job.Tasks {
		ok, err := pe.Settled(ctx, job.ID.Bytes32(), uint64(t.Index))
		if err != nil {
			e.SettledErr = err
			break
		}
		if ok {
			e.Settled = append(e.Settled, t.Index)
		}
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
