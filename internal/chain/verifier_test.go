package chain

import (
	"context"
	"math/big"
	"testing"

	"github.com/deco-network/deco/internal/zk"
)

// Deco's one verifier contract, deployed with a key, accepts that key's
// proofs only: a proof is rejected by the verifier of another setup of
// the same circuit, and a digest at or beyond the field is refused.
func TestGroth16VerifierPerKey(t *testing.T) {
	z := zkFixture(t, "cubic")
	e := newTestEnv(t)
	dep := e.sim.Deployer()
	mine, err := dep.DeployGroth16Verifier(e.ctx, z.key)
	must(t, err)
	other, err := zk.Setup(context.Background(), z.c)
	must(t, err)
	otherKey, err := other.Verifying.EVMKey()
	must(t, err)
	theirs, err := dep.DeployGroth16Verifier(e.ctx, Groth16Key(otherKey))
	must(t, err)

	p, err := zk.Prove(context.Background(), z.c, z.keys.Proving, taskParams(z.c, 0), e.provider.Address())
	must(t, err)
	digest, err := zk.StatementDigest(p.PublicInputs)
	must(t, err)
	verify := func(at [20]byte, s *big.Int) error {
		_, err := e.consumer.call(e.ctx, "verifyProof", at, verifierABI().PackVerifyProof(p.SolidityProof, [1]*big.Int{s}))
		return err
	}
	must(t, verify(mine, digest))
	wantRevert(t, verify(theirs, digest), &RevertError{Name: "ProofInvalid"})
	wantRevert(t, verify(mine, new(big.Int).Add(digest, big.NewInt(1))), &RevertError{Name: "ProofInvalid"})
	wantRevert(t, verify(mine, new(big.Int).Add(digest, fieldR)), &RevertError{Name: "PublicInputNotInField"})
}

// A key with a point off the curve, at infinity, or with a G2 point's
// coordinates in the wrong order is refused when the verifier is deployed,
// not found out when every proof fails.
func TestGroth16VerifierRefusesBadKeys(t *testing.T) {
	z := zkFixture(t, "cubic")
	e := newTestEnv(t)
	dep := e.sim.Deployer()
	clone := func() Groth16Key {
		k := z.key
		for _, w := range [][]*big.Int{k.Alpha[:], k.BetaNeg[:], k.GammaNeg[:], k.DeltaNeg[:], k.IC0[:], k.IC1[:]} {
			for i := range w {
				w[i] = new(big.Int).Set(w[i])
			}
		}
		return k
	}
	for _, tc := range []struct {
		name string
		mod  func(k *Groth16Key)
	}{
		{"alpha off the curve", func(k *Groth16Key) { k.Alpha[1].Add(k.Alpha[1], big.NewInt(1)) }},
		{"IC1 off the curve", func(k *Groth16Key) { k.IC1[0].Add(k.IC1[0], big.NewInt(1)) }},
		{"IC0 at infinity", func(k *Groth16Key) { k.IC0 = [2]*big.Int{new(big.Int), new(big.Int)} }},
		{"delta off the curve", func(k *Groth16Key) { k.DeltaNeg[3].Add(k.DeltaNeg[3], big.NewInt(1)) }},
		{"gamma's real and imaginary parts swapped", func(k *Groth16Key) {
			k.GammaNeg[0], k.GammaNeg[1], k.GammaNeg[2], k.GammaNeg[3] = k.GammaNeg[1], k.GammaNeg[0], k.GammaNeg[3], k.GammaNeg[2]
		}},
		{"beta at infinity", func(k *Groth16Key) { k.BetaNeg = [4]*big.Int{new(big.Int), new(big.Int), new(big.Int), new(big.Int)} }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			k := clone()
			tc.mod(&k)
			_, err := dep.DeployGroth16Verifier(e.ctx, k)
			wantRevert(t, err, ErrBadVerifyingKey)
		})
	}
	if _, err := dep.DeployGroth16Verifier(e.ctx, clone()); err != nil {
		t.Fatalf("the key itself: %v", err)
	}
}
