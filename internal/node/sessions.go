package node

import (
	"context"

	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/session"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
)

// The consumer's task sessions live in internal/session; this file wires
// them to the node.

// startSessions builds the consumer's session manager. It runs after the
// payment layer has fixed the receipt domain.
func (n *Node) startSessions() {
	n.sessions = session.New(session.Config{
		Host: session.Network(n.host), Blobs: n.blobs,
		Seal: n.seal, Open: n.open, Post: n.sessionPost, Binding: n.binding,
		Domain: n.domain, Attestation: n.opts.Attestation, Proofs: zkJudge{n}, Access: n.access,
		Eligible: n.eligible, Clock: n.clk,
	})
}

// sessionPost hands a session's event to the loop; a verified checkpoint
// also goes to the anchor batcher.
func (n *Node) sessionPost(ctx context.Context, ev market.Event) {
	if c, ok := ev.(market.Checkpointed); ok && n.anchor != nil {
		n.anchor.Add(c.Checkpoint)
	}
	n.post(ctx, ev)
}

// zkJudge is the session's ProofJudge: the node's zk state.
type zkJudge struct{ n *Node }

func (z zkJudge) ProofJob(job wire.JobID) (spec.Job, bool) { return z.n.zk.Job(job) }

func (z zkJudge) JudgeProof(s spec.Job, a market.Assign, v market.Verdict) market.Verdict {
	return z.n.zk.Judge(s, a, v)
}
