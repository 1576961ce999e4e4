package verify

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/ethereum/go-ethereum/common"

	"github.com/deco-network/deco/internal/wire"
)

// EvidenceKind names what an Evidence proves.
type EvidenceKind string

// Evidence kinds.
const (
	// KindEquivocation: two receipts signed by one provider for the same
	// job, task, program and input root with different output roots. The
	// JobEscrow contract checks the same (reportEquivocation).
	KindEquivocation EvidenceKind = "equivocation"
	// KindBadProof: a zk proof the provider committed to in a signed
	// receipt does not verify.
	KindBadProof EvidenceKind = "bad-proof"
)

// Files a zk provider writes under /outputs: the proof, its public
// witness, in the encoding the job's circuit verifier reads, and the ID of
// the circuit proven. The receipt's output root commits to all three
// through the output manifest, so bad-proof evidence names the circuit the
// provider signed for, not one the reporter picked.
const (
	ProofFile   = "proof.bin"
	PublicFile  = "public.bin"
	CircuitFile = "circuit"
	maxEvidence = 1 << 20
)

// Evidence failures.
var (
	// ErrNotEvidence: the evidence is malformed or its parts do not
	// belong together; it proves nothing (the reporter may be lying).
	ErrNotEvidence = errors.New("not evidence of fraud")
	// ErrNoProofVerifier: a bad-proof evidence needs a ProofVerifier.
	ErrNoProofVerifier = errors.New("no zk proof verifier to check the evidence with")
	// ErrProofFails is what a ProofVerifier wraps when the proof or its
	// public witness is invalid: the only verdict that proves fraud.
	ErrProofFails = errors.New("the zk proof does not verify")
)

// Evidence is a self-contained proof that a provider cheated. Anyone can
// check it without trusting whoever reported it; it marshals to JSON so a
// node can gossip it and submit it on chain.
type Evidence struct {
	Kind EvidenceKind `json:"kind"`
	// Equivocation: two signed receipts.
	A    *wire.Receipt `json:"a,omitempty"`
	SigA []byte        `json:"sig_a,omitempty"`
	B    *wire.Receipt `json:"b,omitempty"`
	SigB []byte        `json:"sig_b,omitempty"`
	// Bad proof: the signed receipt (A, SigA), the output manifest its
	// output root commits to, the circuit ID and the proof and public
	// witness (the contents of CircuitFile, ProofFile and PublicFile in
	// Outputs).
	Outputs *wire.Manifest `json:"outputs,omitempty"`
	Circuit string         `json:"circuit,omitempty"`
	Proof   []byte         `json:"proof,omitempty"`
	Public  []byte         `json:"public,omitempty"`
	// Optional, for the chain (see WithClaim): the proof as the verifier
	// contract takes it and the provider's signed ProofClaim over it.
	Words []byte `json:"words,omitempty"`
	Claim []byte `json:"claim,omitempty"`
}

// ProofVerifier checks a zk proof of circuit against its public witness
// (the contents of ProofFile and PublicFile). It returns nil for a valid
// proof, an error wrapping ErrProofFails when the proof or the witness is
// invalid or malformed, and any other error when it cannot judge (say, it
// holds no verifying key for circuit): that proves nothing about the
// provider. The zk adapter implements it (zk.Verifiers); the core only
// calls it.
type ProofVerifier interface {
	VerifyProof(circuit string, proof, public []byte) error
}

// Equivocation builds the evidence for two receipts (with their
// signatures) that disagree. It does not check them; Check does.
func Equivocation(a wire.Receipt, sigA []byte, b wire.Receipt, sigB []byte) Evidence {
	return Evidence{Kind: KindEquivocation, A: &a, SigA: append([]byte(nil), sigA...), B: &b, SigB: append([]byte(nil), sigB...)}
}

// Conflicting reports whether a and b describe the same job, task, program,
// inputs and full spec (SpecHash: args, env, count, limits), name the same
// provider and differ in their output roots: what an equivocation needs,
// signatures aside. Two receipts for differently assigned tasks never
// conflict, whatever their outputs.
func Conflicting(a, b wire.Receipt) bool {
	sa, errA := ParseHash(a.SpecHash)
	sb, errB := ParseHash(b.SpecHash)
	return errA == nil && errB == nil && sa == sb &&
		a.Job == b.Job && a.Index == b.Index && a.Program == b.Program && a.InputRoot == b.InputRoot &&
		strings.EqualFold(a.Provider, b.Provider) && a.OutputRoot != b.OutputRoot
}

// BadProof builds the evidence that the proof a provider committed to in
// receipt r fails. outputs is the manifest r's output root names; circuit,
// proof and public are the contents of its CircuitFile, ProofFile and
// PublicFile entries.
func BadProof(r wire.Receipt, sig []byte, outputs wire.Manifest, circuit string, proof, public []byte) Evidence {
	return Evidence{Kind: KindBadProof, A: &r, SigA: append([]byte(nil), sig...), Outputs: &outputs, Circuit: circuit,
		Proof: append([]byte(nil), proof...), Public: append([]byte(nil), public...)}
}

// Offender returns the EVM address the evidence accuses (unchecked).
func (e Evidence) Offender() string {
	if e.A == nil {
		return ""
	}
	return e.A.Provider
}

// Check verifies the evidence under domain d and returns the address of
// the provider it proves cheated. pv checks zk proofs; it may be nil for
// equivocation. A nil error means fraud is proven: every signature is
// recovered here, nothing the reporter says is trusted.
func (e Evidence) Check(d Domain, pv ProofVerifier) (common.Address, error) {
	if e.A == nil {
		return common.Address{}, fmt.Errorf("%w: no receipt", ErrNotEvidence)
	}
	signer, err := recoverReceipt(d, *e.A, e.SigA)
	if err != nil {
		return common.Address{}, err
	}
	switch e.Kind {
	case KindEquivocation:
		if e.B == nil {
			return common.Address{}, fmt.Errorf("%w: equivocation needs two receipts", ErrNotEvidence)
		}
		if !Conflicting(*e.A, *e.B) {
			return common.Address{}, fmt.Errorf("%w: the receipts are not for the same task, program, inputs, spec and provider with different outputs", ErrNotEvidence)
		}
		other, err := recoverReceipt(d, *e.B, e.SigB)
		if err != nil {
			return common.Address{}, err
		}
		if other != signer {
			return common.Address{}, fmt.Errorf("%w: signed by %s and %s", ErrNotEvidence, signer.Hex(), other.Hex())
		}
		return signer, nil
	case KindBadProof:
		if pv == nil {
			return common.Address{}, ErrNoProofVerifier
		}
		if e.Outputs == nil || len(e.Proof) > maxEvidence || len(e.Public) > maxEvidence || len(e.Circuit) > maxEvidence || len(e.Claim) > maxEvidence {
			return common.Address{}, fmt.Errorf("%w: missing outputs or oversized proof", ErrNotEvidence)
		}
		if e.Outputs.Root() != e.A.OutputRoot {
			return common.Address{}, fmt.Errorf("%w: the outputs hash to %s, the receipt says %s", ErrNotEvidence, e.Outputs.Root().Short(), e.A.OutputRoot.Short())
		}
		for _, f := range []struct {
			name string
			body []byte
		}{{CircuitFile, []byte(e.Circuit)}, {ProofFile, e.Proof}, {PublicFile, e.Public}} {
			if !hasEntry(*e.Outputs, f.name, wire.CIDOf(f.body)) {
				return common.Address{}, fmt.Errorf("%w: %s is not the one in the signed outputs", ErrNotEvidence, f.name)
			}
		}
		if len(e.Claim) > 0 {
			if err := e.checkClaim(d, signer); err != nil {
				return common.Address{}, err
			}
		}
		switch err := pv.VerifyProof(e.Circuit, e.Proof, e.Public); {
		case err == nil:
			return common.Address{}, fmt.Errorf("%w: the proof verifies", ErrNotEvidence)
		case !errors.Is(err, ErrProofFails):
			// The checker cannot judge (no key for the circuit, …): that is
			// no verdict on the provider.
			return common.Address{}, fmt.Errorf("check the %s proof: %w", e.Circuit, err)
		}
		return signer, nil
	}
	return common.Address{}, fmt.Errorf("%w: unknown kind %q", ErrNotEvidence, e.Kind)
}

func hasEntry(m wire.Manifest, path string, c wire.CID) bool {
	for _, en := range m.Entries {
		if en.Path == path {
			return en.CID == c
		}
	}
	return false
}

// recoverReceipt returns the signer of r, which must be the provider r names.
func recoverReceipt(d Domain, r wire.Receipt, sig []byte) (common.Address, error) {
	h, err := Digest(d, r)
	if err != nil {
		return common.Address{}, fmt.Errorf("%w: %v", ErrNotEvidence, err)
	}
	who, err := Recover(h, sig)
	if err != nil {
		return common.Address{}, fmt.Errorf("%w: %v", ErrNotEvidence, err)
	}
	if !bytes.Equal(who.Bytes(), common.HexToAddress(r.Provider).Bytes()) {
		return common.Address{}, fmt.Errorf("%w: %w: signed by %s, names %s", ErrNotEvidence, ErrWrongSigner, who.Hex(), r.Provider)
	}
	return who, nil
}
