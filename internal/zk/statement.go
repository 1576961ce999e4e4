package zk

import (
	"crypto/sha256"
	"fmt"
	"math/big"

	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/std/math/bits"

	"github.com/deco-network/deco/internal/zk/shacircuit"
)

// A circuit's statement is its public values: the fixed inputs, the
// outputs, then the payee (Proof.PublicInputs). The Groth16 proof has one
// public input, the statement's digest; the circuit hashes the statement
// itself and checks the digest. The verifier contract then costs one
// scalar multiplication whatever the statement's length (about 6,150 gas
// per public input saved), and the escrow computes the digest with the
// EVM's sha256 for a few hundred gas. The price is the hash in the
// circuit: about 25,000 constraints per 64-byte block.

// digestBits is how much of sha256 the digest keeps: the low 253 bits,
// so that it is below the BN254 scalar field.
const digestBits = 253

// payeeBytes is the payee's length in the hashed statement: an address.
const payeeBytes = 20

// StatementDigest is the one public input of a proof of words (fixed
// inputs, outputs, payee last): the low 253 bits of sha256 over each word
// but the last as 32 bytes big-endian, then the payee's 20 address bytes.
// JobEscrow.statementDigest computes the same. Words must be field
// elements and the payee below 2^160; an error says which is not.
func StatementDigest(words []*big.Int) (*big.Int, error) {
	if len(words) < 2 {
		return nil, fmt.Errorf("%w: a statement has at least a fixed input and the payee, got %d words", ErrMalformed, len(words))
	}
	msg := make([]byte, 0, wordSize*(len(words)-1)+payeeBytes)
	for i, w := range words[:len(words)-1] {
		if !inField(w) {
			return nil, fmt.Errorf("%w: public input %d is not a field element", ErrMalformed, i)
		}
		msg = append(msg, w.FillBytes(make([]byte, wordSize))...)
	}
	payee := words[len(words)-1]
	if payee == nil || payee.Sign() < 0 || payee.BitLen() > 8*payeeBytes {
		return nil, fmt.Errorf("%w: the payee %v is not an address", ErrMalformed, payee)
	}
	msg = append(msg, payee.FillBytes(make([]byte, payeeBytes))...)
	sum := sha256.Sum256(msg)
	d := new(big.Int).SetBytes(sum[:])
	return d.SetBit(d, 255, 0).SetBit(d, 254, 0).SetBit(d, 253, 0), nil
}

// bindStatement constrains digest to be StatementDigest of words and
// payee. Each word is decomposed into its canonical 254 bits (gnark's
// ToBinary checks the bits are below the modulus), so only the word the
// escrow hashes has a proof; the payee's 160 bits also bound it to an
// address.
func bindStatement(api frontend.API, digest frontend.Variable, words []frontend.Variable, payee frontend.Variable) {
	var msg []frontend.Variable
	for _, w := range words {
		msg = append(msg, bigEndian(bits.ToBinary(api, w, bits.WithNbDigits(8*wordSize)))...)
	}
	msg = append(msg, bigEndian(bits.ToBinary(api, payee, bits.WithNbDigits(8*payeeBytes)))...)
	sum := shacircuit.Sum(api, msg)
	var low frontend.Variable = 0
	for _, b := range sum[len(sum)-digestBits:] {
		low = api.Add(api.Mul(low, 2), b)
	}
	api.AssertIsEqual(low, digest)
}

// bigEndian reverses gnark's little-endian bits into message order.
func bigEndian(le []frontend.Variable) []frontend.Variable {
	out := make([]frontend.Variable, len(le))
	for i, b := range le {
		out[len(le)-1-i] = b
	}
	return out
}

// statementOf is the statement words of a task: its fixed inputs, the
// outputs, the payee.
func statementOf(fixed, outputs []*big.Int, payee *big.Int) []*big.Int {
	words := make([]*big.Int, 0, len(fixed)+len(outputs)+1)
	words = append(words, fixed...)
	words = append(words, outputs...)
	return append(words, payee)
}
