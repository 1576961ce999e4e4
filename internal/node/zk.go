package node

import (
	"context"
	"errors"

	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/wire"
	"github.com/deco-network/deco/internal/zkjob"
)

// The consumer's side of zk jobs (keys, task trees, proof escrows, judging
// proofs, reporting bad ones) is internal/zkjob, wired here. The
// provider's side proves with its zk executor and settles with settleProof.

// newZK wires zkjob to this node's chain, escrow and blobs; call after
// startPayments (it fixes the chain and the signing domain).
func (n *Node) newZK(keys string) *zkjob.Jobs {
	o := zkjob.Options{Keys: keys, Chain: n.pay.chain, Blobs: n.blobs, Clock: n.clk, Domain: n.domain, Logger: n.log}
	if n.pay.consumer != nil {
		o.Escrow = n.pay.consumer
	}
	return zkjob.New(o)
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
