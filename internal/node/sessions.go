package node

import (
	"context"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/session"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
)

// The consumer's task sessions live in internal/session; this file wires
// them to the node and keeps the names the provider side still uses.

// InlineLimit is the largest blob sent inside a task message instead of
// being fetched by content address.
const InlineLimit = session.InlineLimit

const msgTTL = session.MsgTTL

// startSessions builds the consumer's session manager. It runs after the
// payment layer has fixed the receipt domain.
func (n *Node) startSessions() {
	n.sessions = session.New(session.Config{
		Host: session.Network(n.host), Blobs: n.blobs,
		Seal: n.seal, Open: n.open, Post: n.post,
		Domain: n.domain, Attestation: n.opts.Attestation, Proofs: zkJudge{n},
	})
}

// zkJudge is the session's ProofJudge: the node's zk state.
type zkJudge struct{ n *Node }

func (z zkJudge) ProofJob(job wire.JobID) (spec.Job, bool) { return z.n.zk.job(job) }

func (z zkJudge) JudgeProof(s spec.Job, a market.Assign, v market.Verdict) market.Verdict {
	return z.n.judgeProof(s, a, v)
}

// fetchChecked stores blob c locally, hash checked (session.Fetcher).
func (n *Node) fetchChecked(ctx context.Context, p peer.ID, c wire.CID, inline map[wire.CID][]byte, max int64) error {
	return n.sessions.Fetch(ctx, p, c, inline, max)
}

// sendToProvider sends one message on the task session with a provider.
func (n *Node) sendToProvider(ctx context.Context, peerID string, typ string, v any) error {
	return n.sessions.Send(ctx, peerID, typ, v)
}

func providerFault(format string, a ...any) market.Verdict {
	return session.ProviderFault(format, a...)
}

func humanBytes(b uint64) string { return session.HumanBytes(b) }

func shortID(p string) string { return session.ShortID(p) }
