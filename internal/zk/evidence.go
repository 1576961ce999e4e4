package zk

import (
	"errors"
	"fmt"
	"math/big"

	"github.com/deco-network/deco/internal/verify"
)

// wordSize is the width of one public input in PublicFile: a big-endian
// uint256, as the verifier contract's input array holds it.
const wordSize = 32

// Files returns what a provider writes under /outputs for p, so that its
// signed output root commits to the proof (verify.CircuitFile,
// verify.ProofFile and verify.PublicFile): the circuit ID, gnark's proof
// encoding and the public inputs as 32-byte big-endian words in the
// circuit's order.
func (p *Proof) Files() (circuit, proof, public []byte, err error) {
	public = make([]byte, 0, wordSize*len(p.PublicInputs))
	for i, v := range p.PublicInputs {
		if !inField(v) {
			return nil, nil, nil, fmt.Errorf("%w: public input %d is not a field element", ErrMalformed, i)
		}
		public = append(public, v.FillBytes(make([]byte, wordSize))...)
	}
	return []byte(p.Circuit), append([]byte(nil), p.Bytes...), public, nil
}

// Words is the proof as the verifier contract takes it (its uint256[8],
// verify.ProofWordsSize bytes), what a provider's proof claim signs
// (verify.ProofClaimDigest).
func (p *Proof) Words() []byte {
	out := make([]byte, 0, verify.ProofWordsSize)
	for _, w := range p.SolidityProof {
		out = append(out, w.FillBytes(make([]byte, wordSize))...)
	}
	return out
}

// ParseFiles decodes what Files wrote. Bytes from the network are checked
// for shape (a known circuit, its number of field-element inputs, a
// well-formed proof: ErrUnknownCircuit, ErrMalformed); whether the proof
// verifies is Verify's job.
func ParseFiles(circuit string, proof, public []byte) (*Proof, error) {
	c, err := Lookup(circuit)
	if err != nil {
		return nil, err
	}
	if c.ID() != circuit {
		return nil, fmt.Errorf("%w: %q is not a circuit ID (%s is)", ErrUnknownCircuit, circuit, c.ID())
	}
	if len(public) != wordSize*c.NumPublic() {
		return nil, fmt.Errorf("%w: %d bytes of public inputs, %s has %d inputs of %d bytes", ErrMalformed, len(public), c.ID(), c.NumPublic(), wordSize)
	}
	pub := make([]*big.Int, c.NumPublic())
	for i := range pub {
		pub[i] = new(big.Int).SetBytes(public[i*wordSize : (i+1)*wordSize])
		if !inField(pub[i]) {
			return nil, fmt.Errorf("%w: public input %d is not a field element", ErrMalformed, i)
		}
	}
	pr, err := decodeProof(proof)
	if err != nil {
		return nil, err
	}
	return &Proof{Circuit: c.ID(), Bytes: append([]byte(nil), proof...), PublicInputs: pub, SolidityProof: solidityWords(pr)}, nil
}

// Verifiers checks proofs of the circuits whose verifying keys it holds.
// It is the verify.ProofVerifier a consumer gives verify.Evidence.Check,
// so that a failed zk proof becomes fraud evidence anyone with the key can
// check. It is safe for concurrent use once built.
type Verifiers struct {
	keys map[string]*VerifyingKey
}

var _ verify.ProofVerifier = (*Verifiers)(nil)

// NewVerifiers holds vks, one per circuit (a later key for the same
// circuit replaces an earlier one).
func NewVerifiers(vks ...*VerifyingKey) *Verifiers {
	v := &Verifiers{keys: make(map[string]*VerifyingKey, len(vks))}
	for _, k := range vks {
		v.keys[k.circuit] = k
	}
	return v
}

// VerifyProof checks proof and public (the contents of verify.ProofFile
// and verify.PublicFile) against the key for circuit. A malformed or
// failing proof is an error wrapping verify.ErrProofFails (and
// ErrMalformed or ErrInvalidProof): the provider signed for it, so it is
// fraud. A circuit without a key here is ErrUnknownCircuit, which is no
// verdict.
func (v *Verifiers) VerifyProof(circuit string, proof, public []byte) error {
	vk, ok := v.keys[circuit]
	if !ok {
		return fmt.Errorf("%w: no verifying key for %q", ErrUnknownCircuit, circuit)
	}
	p, err := ParseFiles(circuit, proof, public)
	if err == nil {
		err = Verify(vk, p)
	}
	switch {
	case err == nil:
		return nil
	case errors.Is(err, ErrMalformed), errors.Is(err, ErrInvalidProof):
		return fmt.Errorf("%w: %w", verify.ErrProofFails, err)
	}
	return err
}
