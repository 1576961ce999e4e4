package zkjob

import (
	"errors"
	"fmt"

	"github.com/ethereum/go-ethereum/common"

	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/zk"
)

// maxProofFile bounds each proof file read from the blob store.
const maxProofFile = 1 << 20

// Judge checks the proof in a zk task's outputs (already fetched and
// matched with the signed receipt in v) for job s: it must be of the
// job's circuit, verify, and be about this task's parameters and paid to
// the provider that bid (a.EVM). It returns v when the proof holds, a
// provider fault otherwise; a proof that does not verify is fraud
// evidence (v.Evidence, a verify.BadProof carrying the provider's claim
// when the claim is over this proof).
func (j *Jobs) Judge(s spec.Job, a market.Assign, v market.Verdict) market.Verdict {
	read := func(name string) ([]byte, error) {
		for _, e := range v.Outputs.Entries {
			if e.Path == name {
				return j.blobs.Get(e.CID, maxProofFile)
			}
		}
		return nil, fmt.Errorf("no %s in the outputs", name)
	}
	fault := func(format string, args ...any) market.Verdict {
		return market.Verdict{Reason: fmt.Sprintf("zk proof from %s rejected: %s", shortID(a.Peer), fmt.Sprintf(format, args...))}
	}
	circuit, err := read(verify.CircuitFile)
	if err != nil {
		return fault("%v", err)
	}
	proof, err := read(verify.ProofFile)
	if err != nil {
		return fault("%v", err)
	}
	public, err := read(verify.PublicFile)
	if err != nil {
		return fault("%v", err)
	}
	if string(circuit) != s.Circuit.Name {
		return fault("it proves circuit %q, the job asked for %s", circuit, s.Circuit.Name)
	}
	ck, ok := j.keysFor(s.Program.CID)
	if !ok {
		return fault("this node holds no verifying key for %s", s.Circuit.Name)
	}
	p, err := zk.ParseFiles(string(circuit), proof, public)
	if err == nil {
		err = zk.Verify(ck.Verifying, p)
	}
	if err != nil {
		if errors.Is(err, zk.ErrMalformed) || errors.Is(err, zk.ErrInvalidProof) {
			ev := verify.BadProof(*v.Receipt, v.Signature, v.Outputs, string(circuit), proof, public)
			if claim, cerr := read(verify.ClaimFile); cerr == nil && p != nil {
				// Slashable on chain when the claim is over this proof file's
				// words; a claim over other words is dropped, the signed
				// outputs still prove the fraud.
				if withClaim := ev.WithClaim(p.Words(), claim); withClaim.CheckClaim(j.domain) == nil {
					ev = withClaim
				} else {
					j.log.Warn("zk proof claim does not match the proof file: fraud evidence without it, not slashable on chain", "job", a.Msg.Spec.Task.Job, "task", a.Msg.Spec.Task.Index, "provider", shortID(a.Peer))
				}
			}
			v.OK, v.Evidence = false, &ev
			v.Reason = fmt.Sprintf("zk proof from %s does not verify (%v): provable fraud, the task runs elsewhere", shortID(a.Peer), err)
			return v
		}
		return fault("%v", err)
	}
	if err := ck.Circuit.CheckTask(p, s.CircuitFor(a.Msg.Spec.Task.Index), common.HexToAddress(a.EVM)); err != nil {
		return fault("%v", err)
	}
	return v
}

// shortID shortens a peer ID for messages, as the node's logs do.
func shortID(p string) string {
	if len(p) > 12 {
		return p[:4] + "…" + p[len(p)-6:]
	}
	return p
}
