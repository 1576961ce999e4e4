package fraud

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/verify"
)

// TypeEvidence is the signed envelope type of gossiped fraud evidence.
const TypeEvidence = "evidence/1"

// EvidenceTTL bounds how long a gossiped evidence envelope is relayed.
const EvidenceTTL = 24 * time.Hour

// Equivocations submits equivocation evidence on chain (chain.Chain has it).
type Equivocations interface {
	ReportEquivocation(ctx context.Context, a chain.Receipt, sigA []byte, b chain.Receipt, sigB []byte) error
}

// BadProofs submits checked bad-proof evidence on chain (zkjob.Jobs has it:
// it knows the job's task commitment the claim is checked against).
type BadProofs interface {
	ReportBadProof(ctx context.Context, ev verify.Evidence, offender common.Address)
}

// Config wires a Reporter. Domain and Proofs are required; a nil Gossip,
// Chain or BadProofs skips that step.
type Config struct {
	Domain verify.Domain
	Proofs verify.ProofVerifier
	// Gossip seals and publishes evidence to other consumers.
	Gossip    func(ctx context.Context, ev verify.Evidence) error
	Chain     Equivocations
	BadProofs BadProofs
	Logger    *slog.Logger
}

// Reporter checks, gossips and reports fraud evidence. Safe for
// concurrent use (it keeps no state).
type Reporter struct{ cfg Config }

// New returns a Reporter for cfg.
func New(cfg Config) *Reporter {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	return &Reporter{cfg: cfg}
}

// Check verifies ev and returns the provider it convicts.
func (r *Reporter) Check(ev verify.Evidence) (common.Address, error) {
	return ev.Check(r.cfg.Domain, r.cfg.Proofs)
}

// Report handles evidence the market found: check it (never trust even
// ourselves blindly), gossip it, and submit equivocation and signed bad
// proofs on chain. It blocks while the chain transaction is mined (at
// most two minutes); call it on a goroutine of its own.
func (r *Reporter) Report(ctx context.Context, e market.Fraud) {
	log := r.cfg.Logger
	offender, err := r.Check(e.Evidence)
	if err != nil {
		log.Warn("fraud evidence does not check out; not reported", "task", e.Task, "err", err)
		return
	}
	log.Warn("provider caught cheating", "peer", e.Peer, "evm", offender.Hex(), "kind", e.Evidence.Kind, "task", e.Task)
	if r.cfg.Gossip != nil {
		if err := r.cfg.Gossip(ctx, e.Evidence); err != nil && ctx.Err() == nil {
			log.Debug("gossip evidence", "err", err)
		}
	}
	if e.Evidence.Claimed() {
		if r.cfg.BadProofs != nil {
			r.cfg.BadProofs.ReportBadProof(ctx, e.Evidence, offender)
		}
		return
	}
	if e.Evidence.Kind != verify.KindEquivocation || r.cfg.Chain == nil {
		return
	}
	a, errA := chain.ReceiptFromWire(*e.Evidence.A)
	b, errB := chain.ReceiptFromWire(*e.Evidence.B)
	if err := errors.Join(errA, errB); err != nil {
		log.Warn("equivocation evidence cannot go on chain", "err", err)
		return
	}
	cctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	if err := r.cfg.Chain.ReportEquivocation(cctx, a, e.Evidence.SigA, b, e.Evidence.SigB); err != nil {
		log.Warn("report equivocation on chain", "evm", offender.Hex(), "err", err)
		return
	}
	log.Info("equivocation reported on chain: the provider's stake is slashed", "evm", offender.Hex())
}
