package verify

import (
	"fmt"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/deco-network/deco/internal/wire"
)

// ClaimFile is the file a zk provider writes under /outputs beside
// ProofFile and PublicFile: its 65-byte EIP-712 signature of the ProofClaim
// for the task (ProofClaimDigest). With it, a proof that fails is not only
// evidence here but slashable on chain (JobEscrow.reportBadProof).
const ClaimFile = "claim.sig"

// ProofWordsSize is the length of a Groth16 proof as the verifier contract
// takes it: 8 words of 32 bytes, big-endian.
const ProofWordsSize = 8 * 32

var proofClaimType = crypto.Keccak256([]byte("ProofClaim(bytes32 jobId,uint256 index,bytes32 proofHash,bytes32 inputsHash)"))

// ProofClaimDigest is the EIP-712 digest of ProofClaim(jobId, index,
// keccak256(words), keccak256(public)) under d, equal to
// JobEscrow.proofClaimDigest: words are the proof's 8 words and public the
// public inputs, each 32-byte big-endian words back to back (public is the
// PublicFile encoding).
func ProofClaimDigest(d Domain, job wire.JobID, index int, words, public []byte) [32]byte {
	j := job.Bytes32()
	var idx [32]byte
	for i, v := 31, uint64(index); i >= 24; i, v = i-1, v>>8 {
		idx[i] = byte(v)
	}
	sh := crypto.Keccak256(proofClaimType, j[:], idx[:], crypto.Keccak256(words), crypto.Keccak256(public))
	sep := d.Separator()
	var out [32]byte
	copy(out[:], crypto.Keccak256([]byte{0x19, 0x01}, sep[:], sh))
	return out
}

// WithClaim returns bad-proof evidence e with the provider's proof claim:
// words are the proof's 8 words as the verifier contract takes them
// (ProofWordsSize bytes) and sig the contents of ClaimFile. Check then
// also requires the claim to be signed by the receipt's provider.
func (e Evidence) WithClaim(words, sig []byte) Evidence {
	e.Words, e.Claim = append([]byte(nil), words...), append([]byte(nil), sig...)
	return e
}

// Claimed reports whether e is bad-proof evidence with a proof claim, so
// that the chain can slash the provider for it (once Check passed).
func (e Evidence) Claimed() bool {
	return e.Kind == KindBadProof && len(e.Claim) > 0
}

// CheckClaim checks e's proof claim alone: signed by the provider its
// receipt names, over its words and public witness. A consumer calls it
// before attaching a claim (WithClaim) with the words it derived from the
// proof file: a claim over other words (a provider that signed one proof
// and shipped another) would make Check refuse the whole evidence, while
// the signed outputs prove the fraud without it.
func (e Evidence) CheckClaim(d Domain) error {
	if e.Kind != KindBadProof || e.A == nil || len(e.Claim) == 0 {
		return fmt.Errorf("%w: no bad-proof claim", ErrNotEvidence)
	}
	return e.checkClaim(d, common.HexToAddress(e.A.Provider))
}

// checkClaim checks that signer signed the proof claim of e, the off-chain
// twin of what JobEscrow.reportBadProof checks before it calls the verifier.
func (e Evidence) checkClaim(d Domain, signer common.Address) error {
	if len(e.Words) != ProofWordsSize {
		return fmt.Errorf("%w: the claimed proof has %d bytes, not %d", ErrNotEvidence, len(e.Words), ProofWordsSize)
	}
	who, err := Recover(ProofClaimDigest(d, e.A.Job, e.A.Index, e.Words, e.Public), e.Claim)
	if err != nil {
		return fmt.Errorf("%w: proof claim: %v", ErrNotEvidence, err)
	}
	if who != signer {
		return fmt.Errorf("%w: the proof claim is signed by %s, the receipt by %s", ErrNotEvidence, who.Hex(), signer.Hex())
	}
	return nil
}
