package node

import (
	"context"
	"errors"
	"time"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
	"github.com/deco-network/deco/internal/zkjob"
)

// The consumer's side of zk jobs (keys, task trees, proof escrows, judging
// proofs, reporting bad ones) is internal/zkjob; these are the node's
// names for it. The provider's side proves with its zk executor and
// settles with settleProof.

// zkState is the node's zkjob.Jobs; it is also the node's
// verify.ProofVerifier (n.proofs).
type zkState struct{ *zkjob.Jobs }

func (z *zkState) track(id wire.JobID, s spec.Job)    { z.Track(id, s) }
func (z *zkState) job(id wire.JobID) (spec.Job, bool) { return z.Job(id) }

// newZK wires zkjob to this node's chain, escrow and blobs; call after
// startPayments (it fixes the chain and the signing domain).
func (n *Node) newZK(keys string) *zkState {
	o := zkjob.Options{Keys: keys, Chain: n.pay.chain, Blobs: n.blobs, Clock: n.clk, Domain: n.domain, Logger: n.log}
	if n.pay.consumer != nil {
		o.Escrow = n.pay.consumer
	}
	return &zkState{zkjob.New(o)}
}

func (n *Node) prepareZK(ctx context.Context, id wire.JobID, s *spec.Job) (*chain.TaskTree, error) {
	return n.zk.Prepare(ctx, id, s)
}

func (n *Node) openProofEscrow(ctx context.Context, id wire.JobID, s spec.Job, tree *chain.TaskTree) error {
	return n.zk.OpenEscrow(ctx, id, s, tree, n.escrowWindow(s))
}

// chainNow is the time escrow deadlines count from (see zkjob.ChainNow).
func (n *Node) chainNow(ctx context.Context) time.Time {
	return zkjob.ChainNow(ctx, n.clk, n.pay.chain)
}

func (n *Node) judgeProof(s spec.Job, a market.Assign, v market.Verdict) market.Verdict {
	return n.zk.Judge(s, a, v)
}

// settleProof settles one zk task on chain with its proof claim (see
// pay.Proofs: batched with the job's other claims). It returns when the
// claim's transaction is mined or failed.
func (n *Node) settleProof(ctx context.Context, job wire.JobID, cl chain.ProofClaim) error {
	if n.pay.proofs == nil {
		return errors.New("this chain client cannot settle proofs")
	}
	return n.pay.proofs.Settle(ctx, job, cl)
}

func (n *Node) proofPaymentView(ctx context.Context, job *api.JobView) *api.PaymentView {
	return n.zk.PaymentView(ctx, job)
}
