package zkjob

import (
	"context"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

// ReportBadProof submits checked bad-proof evidence (ev.Claimed()) against
// offender to the proof escrow, with the task's path in the job's task
// tree. It does nothing for a job this node did not commit or a chain
// without a proof escrow; a failure is logged (the evidence is still
// gossiped by the caller).
func (j *Jobs) ReportBadProof(ctx context.Context, ev verify.Evidence, offender common.Address) {
	pe, ok := j.chain.(chain.ProofEscrow)
	tree, known := j.Tree(ev.A.Job)
	if !ok || !known {
		return // not a proof job this node committed: nothing to prove on chain
	}
	claim, err := BadProofClaim(ev, tree)
	if err != nil {
		j.log.Warn("bad-proof evidence cannot go on chain", "err", err)
		return
	}
	cctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	if err := pe.ReportBadProof(cctx, ev.A.Job.Bytes32(), claim, ev.Claim); err != nil {
		j.log.Warn("report bad proof on chain", "evm", offender.Hex(), "err", err)
		return
	}
	j.log.Info("bad proof reported on chain: the provider's stake is slashed", "evm", offender.Hex())
}

// BadProofClaim is the escrow's form of the proof a bad-proof evidence
// claims: its words and public inputs, 32 bytes each, and the task's path
// in tree.
func BadProofClaim(ev verify.Evidence, tree *chain.TaskTree) (chain.ProofClaim, error) {
	if len(ev.Words) != verify.ProofWordsSize || len(ev.Public)%32 != 0 {
		return chain.ProofClaim{}, fmt.Errorf("proof of %d bytes, inputs of %d: not 32-byte words", len(ev.Words), len(ev.Public))
	}
	path, err := tree.Path(ev.A.Index)
	if err != nil {
		return chain.ProofClaim{}, err
	}
	cl := chain.ProofClaim{TaskID: wire.TaskID{Job: ev.A.Job, Index: ev.A.Index}.Bytes32(), Index: uint64(ev.A.Index), Path: path}
	for i := range cl.Proof {
		cl.Proof[i] = new(big.Int).SetBytes(ev.Words[32*i : 32*i+32])
	}
	for i := 0; i < len(ev.Public); i += 32 {
		cl.PublicInputs = append(cl.PublicInputs, new(big.Int).SetBytes(ev.Public[i:i+32]))
	}
	return cl, nil
}
