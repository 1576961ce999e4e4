package node

import (
	"github.com/deco-network/deco/internal/zkjob"
)

// The consumer's side of zk jobs (keys, task trees, proof escrows, judging
// proofs, reporting bad ones) is internal/zkjob, wired here. The
// provider's side proves with its zk executor and settles through
// internal/providing.

// newZK wires zkjob to this node's chain, escrow and blobs; call after
// startPayments (it fixes the chain and the signing domain).
func (n *Node) newZK(keys string) *zkjob.Jobs {
	o := zkjob.Options{Keys: keys, Chain: n.pay.chain, Blobs: n.blobs, Clock: n.clk, Domain: n.domain, Logger: n.log}
	if n.pay.consumer != nil {
		o.Escrow = n.pay.consumer
	}
	return zkjob.New(o)
}
