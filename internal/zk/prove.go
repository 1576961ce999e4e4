package zk

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/backend"
	"github.com/consensys/gnark/backend/groth16"
	groth16bn254 "github.com/consensys/gnark/backend/groth16/bn254"
	"github.com/consensys/gnark/backend/solidity"
	"github.com/consensys/gnark/backend/witness"
	"github.com/consensys/gnark/frontend"
	"github.com/ethereum/go-ethereum/common"
)

// Proof is a Groth16 proof with the public inputs it proves.
type Proof struct {
	// Circuit is the ID of the proven circuit.
	Circuit string
	// Bytes is gnark's encoding of the proof (compressed points, 128 bytes).
	Bytes []byte
	// PublicInputs are the statement's public values, in the circuit's
	// order: the fixed inputs, the outputs, then the payee address as an
	// integer. The Groth16 proof's one public input is their
	// StatementDigest.
	PublicInputs []*big.Int
	// SolidityProof is the proof as the verifier contract takes it:
	// A, B, C in EIP-197 encoding (B's coordinates imaginary part first).
	SolidityProof [8]*big.Int
}

// Fixed are the consumer-chosen inputs the proof is about.
func (p *Proof) Fixed(c *Circuit) []*big.Int { return p.part(0, len(c.k.fixed)) }

// Outputs are the provider-computed results the proof shows.
func (p *Proof) Outputs(c *Circuit) []*big.Int {
	return p.part(len(c.k.fixed), len(c.k.fixed)+len(c.k.outputs))
}

// Payee is the address the proof is bound to (the last public input).
func (p *Proof) Payee() common.Address {
	if len(p.PublicInputs) == 0 || !inField(p.PublicInputs[len(p.PublicInputs)-1]) {
		return common.Address{}
	}
	return common.BigToAddress(p.PublicInputs[len(p.PublicInputs)-1])
}

func (p *Proof) part(from, to int) []*big.Int {
	if to > len(p.PublicInputs) {
		return nil
	}
	return p.PublicInputs[from:to]
}

// Prove proves c for the consumer's task params (see Circuit.Public),
// bound to payee: only a transaction from payee can be paid with it. The
// provider's work (solving for x, hashing the chain, summing) happens
// here, then gnark's Groth16 prover runs. gnark cannot be interrupted:
// ctx is checked before proving starts.
func Prove(ctx context.Context, c *Circuit, pk *ProvingKey, params map[string]string, payee common.Address) (*Proof, error) {
	if pk.circuit != c.ID() {
		return nil, fmt.Errorf("%w: proving key of %s used for %s", ErrWrongCircuit, pk.circuit, c.ID())
	}
	fixed, err := c.Public(params)
	if err != nil {
		return nil, err
	}
	cs, err := c.constraintSystem()
	if err != nil {
		return nil, err
	}
	assignment, words, err := c.k.assign(c.size, fixed, new(big.Int).SetBytes(payee[:]))
	if err != nil {
		return nil, err
	}
	w, err := frontend.NewWitness(assignment, field)
	if err != nil {
		return nil, fmt.Errorf("zk: witness for %s: %w", c.ID(), err)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("zk: prove %s: %w", c.ID(), err)
	}
	proof, err := groth16.Prove(cs, pk.pk, w, solidity.WithProverTargetSolidityVerifier(backend.GROTH16))
	if err != nil {
		return nil, fmt.Errorf("zk: prove %s: %w", c.ID(), err)
	}
	out := &Proof{Circuit: c.ID(), PublicInputs: words}
	var buf bytes.Buffer
	if _, err := proof.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("zk: encode proof: %w", err)
	}
	out.Bytes = buf.Bytes()
	out.SolidityProof = solidityWords(proof.(*groth16bn254.Proof))
	return out, nil
}

// Verify checks the proof against vk off-chain, exactly as the verifier
// contract does on-chain: ErrWrongCircuit if vk is another circuit's,
// ErrMalformed if the bytes or inputs are not well-formed (an input at or
// above the field modulus counts: the contract rejects it too), and
// ErrInvalidProof if the proof does not verify or SolidityProof is not
// the encoding of Bytes.
func Verify(vk *VerifyingKey, p *Proof) error {
	if p.Circuit != vk.circuit {
		return fmt.Errorf("%w: proof of %s, key of %s", ErrWrongCircuit, p.Circuit, vk.circuit)
	}
	c, err := Lookup(vk.circuit)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrWrongCircuit, err)
	}
	if len(p.PublicInputs) != c.NumPublic() {
		return fmt.Errorf("%w: %d public inputs, %s has %d", ErrMalformed, len(p.PublicInputs), vk.circuit, c.NumPublic())
	}
	digest, err := StatementDigest(p.PublicInputs)
	if err != nil {
		return err
	}
	proof, err := decodeProof(p.Bytes)
	if err != nil {
		return err
	}
	if p.SolidityProof != ([8]*big.Int{}) && !sameWords(solidityWords(proof), p.SolidityProof) {
		return fmt.Errorf("%w: the Solidity encoding is not that of the proof bytes", ErrInvalidProof)
	}
	w, err := publicWitness([]*big.Int{digest})
	if err != nil {
		return err
	}
	if err := groth16.Verify(proof, vk.vk, w, solidity.WithVerifierTargetSolidityVerifier(backend.GROTH16)); err != nil {
		return fmt.Errorf("%w: %s: %v", ErrInvalidProof, vk.circuit, err)
	}
	return nil
}

// CheckTask checks that p is about the task the consumer asked for: the
// consumer's params as fixed inputs, and payee as the payee. It does not
// check the proof itself (Verify does).
func (c *Circuit) CheckTask(p *Proof, params map[string]string, payee common.Address) error {
	if p.Circuit != c.ID() {
		return fmt.Errorf("%w: proof of %s presented for %s", ErrWrongCircuit, p.Circuit, c.ID())
	}
	want, err := c.Public(params)
	if err != nil {
		return err
	}
	if len(p.PublicInputs) != c.NumPublic() {
		return fmt.Errorf("%w: %d public inputs, %s has %d", ErrMalformed, len(p.PublicInputs), c.ID(), c.NumPublic())
	}
	for i, w := range want {
		if p.PublicInputs[i] == nil || p.PublicInputs[i].Cmp(w) != 0 {
			return fmt.Errorf("%w: %s = %v, the task has %s", ErrInputMismatch, c.k.fixed[i], p.PublicInputs[i], w)
		}
	}
	if last := p.PublicInputs[len(p.PublicInputs)-1]; last == nil || last.Cmp(new(big.Int).SetBytes(payee[:])) != 0 {
		return fmt.Errorf("%w: the proof pays %s, not %s", ErrInputMismatch, p.Payee().Hex(), payee.Hex())
	}
	return nil
}

// Negated is p with its A point negated: a well-formed proof (the point is
// on the curve and in the subgroup, the statement unchanged) that does not
// verify. It is how a cheating provider (cheat.BadProof) and the tests
// make a bad proof whose statement is still the task's.
func (p *Proof) Negated() (*Proof, error) {
	pr, err := decodeProof(p.Bytes)
	if err != nil {
		return nil, err
	}
	pr.Ar.Neg(&pr.Ar)
	var buf bytes.Buffer
	if _, err := pr.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("zk: encode proof: %w", err)
	}
	q := *p
	q.PublicInputs = append([]*big.Int(nil), p.PublicInputs...)
	q.Bytes = buf.Bytes()
	q.SolidityProof = solidityWords(pr)
	return &q, nil
}

func decodeProof(b []byte) (pr *groth16bn254.Proof, err error) {
	if err := checkProof(b); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	p := groth16.NewProof(ecc.BN254)
	if err := readAll(p, b); err != nil {
		return nil, fmt.Errorf("%w: proof: %v", ErrMalformed, err)
	}
	return p.(*groth16bn254.Proof), nil
}

// solidityWords splits gnark's Solidity encoding (A, B, C; 256 bytes for a
// circuit without commitments) into the verifier's uint256[8].
func solidityWords(p *groth16bn254.Proof) [8]*big.Int {
	b := p.MarshalSolidity()
	var out [8]*big.Int
	for i := range out {
		out[i] = new(big.Int).SetBytes(b[32*i : 32*i+32])
	}
	return out
}

func sameWords(a, b [8]*big.Int) bool {
	for i := range a {
		if a[i] == nil || b[i] == nil || a[i].Cmp(b[i]) != 0 {
			return false
		}
	}
	return true
}

func publicWitness(inputs []*big.Int) (witness.Witness, error) {
	w, err := witness.New(field)
	if err != nil {
		return nil, err
	}
	ch := make(chan any, len(inputs))
	for _, v := range inputs {
		ch <- v
	}
	close(ch)
	if err := w.Fill(len(inputs), 0, ch); err != nil {
		return nil, fmt.Errorf("%w: public inputs: %v", ErrMalformed, err)
	}
	return w, nil
}

// proofJSON is Proof's JSON form. The Solidity words are not sent: they
// are derived from the proof bytes on decoding, so they cannot disagree.
type proofJSON struct {
	Circuit string   `json:"circuit"`
	Proof   []byte   `json:"proof"`
	Public  []string `json:"public"`
}

// MarshalJSON encodes p as {"circuit", "proof" (base64), "public" (decimal strings)}.
func (p *Proof) MarshalJSON() ([]byte, error) {
	j := proofJSON{Circuit: p.Circuit, Proof: p.Bytes, Public: make([]string, len(p.PublicInputs))}
	for i, v := range p.PublicInputs {
		if v == nil {
			return nil, fmt.Errorf("zk: public input %d is nil", i)
		}
		j.Public[i] = v.String()
	}
	return json.Marshal(j)
}

// UnmarshalJSON decodes what MarshalJSON wrote; bytes from the network are
// checked to be a well-formed proof of a known circuit with field-element
// inputs (whether it verifies is Verify's job).
func (p *Proof) UnmarshalJSON(b []byte) error {
	var j proofJSON
	if err := json.Unmarshal(b, &j); err != nil {
		return fmt.Errorf("%w: proof JSON: %v", ErrMalformed, err)
	}
	c, err := Lookup(j.Circuit)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	if len(j.Public) != c.NumPublic() {
		return fmt.Errorf("%w: %d public inputs, %s has %d", ErrMalformed, len(j.Public), c.ID(), c.NumPublic())
	}
	pub := make([]*big.Int, len(j.Public))
	for i, s := range j.Public {
		v, err := parseElement(s)
		if err != nil {
			return fmt.Errorf("%w: public input %d: %v", ErrMalformed, i, err)
		}
		pub[i] = v
	}
	proof, err := decodeProof(j.Proof)
	if err != nil {
		return err
	}
	*p = Proof{Circuit: c.ID(), Bytes: j.Proof, PublicInputs: pub, SolidityProof: solidityWords(proof)}
	return nil
}
