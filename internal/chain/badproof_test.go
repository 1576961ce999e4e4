package chain

import (
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

// A provider that signed a ProofClaim for a proof the job's verifier
// rejects is slashed once, like equivocation; a good proof, a claim it did
// not sign or a task the job did not commit slashes nobody. Both ways a
// proof goes bad: a wrong output under a real proof, and a proof that is
// no proof of the task's statement (A negated, as cheat.BadProof does;
// this one works for circuits without outputs too).
func TestReportBadProof(t *testing.T) {
	t.Run("output off by one", func(t *testing.T) {
		testReportBadProof(t, "sumsq/16", func(c *ProofClaim) {
			out := len(c.PublicInputs) - 2 // the output, just before the payee
			c.PublicInputs[out].Add(c.PublicInputs[out], big.NewInt(1))
		})
	})
	t.Run("A negated", func(t *testing.T) {
		testReportBadProof(t, "cubic", func(c *ProofClaim) {
			c.Proof[1] = new(big.Int).Sub(fieldP, c.Proof[1]) // (x, y) → (x, −y)
		})
	})
}

// fieldP is BN254's base field modulus: the coordinates' field.
var fieldP, _ = new(big.Int).SetString("21888242871839275222246405745257275088696311157297823662689037894645226208583", 10)

func testReportBadProof(t *testing.T, circuit string, spoil func(*ProofClaim)) {
	z := zkFixture(t, circuit)
	e := newTestEnv(t)
	e.register(z)
	ctx := e.ctx
	p := e.provider.Address()
	e.stake(e.provider, DECO(1000))
	key := e.key(e.provider)
	d := e.consumer.Domain()
	j := e.openProofJob("bad-proof", z, 2, DECO(1), DECO(2))

	good := e.claim(j, 0, p)
	bad := good.clone()
	spoil(&bad)
	sig, err := SignProofClaim(key, d, j.id, bad)
	must(t, err)

	// The Go digest is the contract's.
	raw, err := e.consumer.call(ctx, "escrow.proofClaimDigest", d.Escrow,
		escrowABI().PackProofClaimDigest(j.id, big.NewInt(0), bad.Proof, bad.PublicInputs))
	must(t, err)
	onChain, err := escrowABI().UnpackProofClaimDigest(raw)
	must(t, err)
	if got := ProofClaimDigest(d, j.id, 0, bad.Proof, bad.PublicInputs); got != onChain {
		t.Fatalf("claim digest %x, contract %x", got, onChain)
	}

	// ... and the core's, which the consumer checks evidence with.
	wid := wire.JobID("00112233445566778899aabbccddeeff")
	var words, public []byte
	for _, w := range bad.Proof {
		words = append(words, word(w)...)
	}
	for _, v := range bad.PublicInputs {
		public = append(public, word(v)...)
	}
	if got, want := verify.ProofClaimDigest(d.Verify(), wid, 3, words, public), ProofClaimDigest(d, wid.Bytes32(), 3, bad.Proof, bad.PublicInputs); got != want {
		t.Fatalf("core claim digest %x, chain %x", got, want)
	}

	goodSig, err := SignProofClaim(key, d, j.id, good)
	must(t, err)
	wantRevert(t, e.reporter.ReportBadProof(ctx, j.id, good, goodSig), ErrProofVerifies)
	wrongKey, err := crypto.GenerateKey()
	must(t, err)
	forged, err := SignProofClaim(wrongKey, d, j.id, bad)
	must(t, err)
	wantRevert(t, e.reporter.ReportBadProof(ctx, j.id, bad, forged), ErrWrongPayee)
	wantRevert(t, e.reporter.ReportBadProof(ctx, j.id, bad, make([]byte, 65)), ErrBadClaimSignature)
	otherTask := bad.clone()
	otherTask.Index = 1
	otherSig, _ := SignProofClaim(key, d, j.id, otherTask)
	wantRevert(t, e.reporter.ReportBadProof(ctx, j.id, otherTask, otherSig), ErrTaskNotCommitted)

	treasury := e.sim.Deployer().Address()
	startTreasury, startReporter := e.balance(treasury), e.balance(e.reporter.Address())
	must(t, e.reporter.ReportBadProof(ctx, j.id, bad, sig))
	t.Logf("reportBadProof gas: %d", e.lastGas("escrow.reportBadProof"))
	eq(t, "reporter reward", sub(e.balance(e.reporter.Address()), startReporter), DECO(100))
	eq(t, "treasury share", sub(e.balance(treasury), startTreasury), DECO(400))
	st, err := e.consumer.StakeOf(ctx, p)
	must(t, err)
	eq(t, "stake left", st, DECO(500))
	wantRevert(t, e.reporter.ReportBadProof(ctx, j.id, bad, sig), ErrAlreadyReported)
}
