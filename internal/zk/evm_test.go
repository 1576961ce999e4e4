package zk

import (
	"context"
	"errors"
	"math/big"
	"testing"

	"github.com/consensys/gnark-crypto/ecc/bn254"
	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	groth16bn254 "github.com/consensys/gnark/backend/groth16/bn254"
)

// evmCheck computes what Groth16Verifier.verifyProof does with key's words
// and the proof's: e(A, B) · e(C, -δ) · e(α, -β) · e(IC0 + s·IC1, -γ) = 1,
// here with gnark-crypto's pairing, so the word layout is checked without
// a chain (internal/chain's tests run the contract itself).
func evmCheck(t *testing.T, key EVMKey, proof [8]*big.Int, s *big.Int) bool {
	t.Helper()
	g1 := func(w ...*big.Int) bn254.G1Affine {
		var p bn254.G1Affine
		p.X.SetBigInt(w[0])
		p.Y.SetBigInt(w[1])
		if !p.IsOnCurve() {
			t.Fatalf("G1 point (%s, %s) is not on the curve", w[0], w[1])
		}
		return p
	}
	g2 := func(w ...*big.Int) bn254.G2Affine { // imaginary part first
		var p bn254.G2Affine
		p.X.A1.SetBigInt(w[0])
		p.X.A0.SetBigInt(w[1])
		p.Y.A1.SetBigInt(w[2])
		p.Y.A0.SetBigInt(w[3])
		if !p.IsOnCurve() || !p.IsInSubGroup() {
			t.Fatalf("G2 point %v is not in the group", w)
		}
		return p
	}
	var l, term bn254.G1Affine
	ic0, ic1 := g1(key.IC0[:]...), g1(key.IC1[:]...)
	term.ScalarMultiplication(&ic1, s)
	l.Add(&ic0, &term)
	ok, err := bn254.PairingCheck(
		[]bn254.G1Affine{g1(proof[0], proof[1]), g1(proof[6], proof[7]), g1(key.Alpha[:]...), l},
		[]bn254.G2Affine{g2(proof[2:6]...), g2(key.DeltaNeg[:]...), g2(key.BetaNeg[:]...), g2(key.GammaNeg[:]...)},
	)
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

// The on-chain verifier's key words and the proof's words satisfy its one
// pairing check for a valid proof, and not for another statement or
// another setup's key.
func TestEVMKey(t *testing.T) {
	ctx := context.Background()
	for _, name := range testCircuits {
		t.Run(name, func(t *testing.T) {
			c := lookup(t, name)
			keys := testKeys(t, c)
			key, err := keys.Verifying.EVMKey()
			if err != nil {
				t.Fatal(err)
			}
			p, err := Prove(ctx, c, keys.Proving, c.Example(), payee)
			if err != nil {
				t.Fatal(err)
			}
			digest, err := StatementDigest(p.PublicInputs)
			if err != nil {
				t.Fatal(err)
			}
			if !evmCheck(t, key, p.SolidityProof, digest) {
				t.Fatal("a valid proof fails the on-chain verifier's check")
			}
			if evmCheck(t, key, p.SolidityProof, new(big.Int).Add(digest, big.NewInt(1))) {
				t.Fatal("the proof passes for another statement digest")
			}
			if new(big.Int).Sub(fr.Modulus(), big.NewInt(1)).Cmp(digest) < 0 {
				t.Fatal("digest beyond the field")
			}
			other, err := Setup(ctx, c)
			if err != nil {
				t.Fatal(err)
			}
			otherKey, err := other.Verifying.EVMKey()
			if err != nil {
				t.Fatal(err)
			}
			if evmCheck(t, otherKey, p.SolidityProof, digest) {
				t.Fatal("the proof passes under another setup's key")
			}
		})
	}
}

// A key that is not one public input without commitments is refused with
// ErrNotOnChain rather than turned into a verifier that rejects everything.
func TestEVMKeyRefusesOtherShapes(t *testing.T) {
	keys := testKeys(t, lookup(t, "cubic"))
	if _, err := keys.Verifying.EVMKey(); err != nil {
		t.Fatal(err)
	}
	two := *keys.Verifying.vk.(*groth16bn254.VerifyingKey) // a copy: the cached key stays as it is
	two.G1.K = append(append([]bn254.G1Affine(nil), two.G1.K...), two.G1.K[1])
	if _, err := (&VerifyingKey{circuit: "cubic", vk: &two}).EVMKey(); !errors.Is(err, ErrNotOnChain) {
		t.Fatalf("a key with two public inputs: %v, want ErrNotOnChain", err)
	}
}
