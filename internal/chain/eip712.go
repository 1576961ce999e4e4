package chain

import (
	"crypto/ecdsa"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/deco-network/deco/internal/chain/bindings"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

// The EIP-712 types the contracts check. They must stay byte-for-byte equal
// to JobEscrow's RECEIPT_TYPEHASH and VOUCHER_TYPEHASH (a test compares them).
const (
	ReceiptType = "Receipt(bytes32 jobId,bytes32 taskId,bytes32 programCid,bytes32 inputRoot,bytes32 specHash,bytes32 outputRoot,bytes32 envHash,int64 exitCode,address provider)"
	VoucherType = "Voucher(bytes32 jobId,address provider,uint256 cumulativeAmount)"
	// ProofClaimType is what a zk provider signs for each proof it returns
	// (JobEscrow.PROOF_CLAIM_TYPEHASH); ProofClaimDigest hashes it.
	ProofClaimType = "ProofClaim(bytes32 jobId,uint256 index,bytes32 proofHash,bytes32 inputsHash)"
	domainType     = "EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"
)

var (
	receiptTypeHash    = crypto.Keccak256([]byte(ReceiptType))
	voucherTypeHash    = crypto.Keccak256([]byte(VoucherType))
	proofClaimTypeHash = crypto.Keccak256([]byte(ProofClaimType))
	domainTypeHash     = crypto.Keccak256([]byte(domainType))
	nameHash           = crypto.Keccak256([]byte("Deco"))
	versionHash        = crypto.Keccak256([]byte("1"))
)

// ErrBadSignature reports a signature that is not 65 bytes with v in {27, 28}
// or does not recover to a key.
var ErrBadSignature = errors.New("signature is malformed or does not recover")

// Domain is the EIP-712 domain: name "Deco", version "1", the chain id and
// the JobEscrow address as verifying contract.
type Domain struct {
	ChainID *big.Int
	Escrow  common.Address
}

// Separator is the domain separator, equal to JobEscrow.domainSeparator().
func (d Domain) Separator() [32]byte {
	id := d.ChainID
	if id == nil {
		id = new(big.Int)
	}
	var out [32]byte
	copy(out[:], crypto.Keccak256(domainTypeHash, nameHash, versionHash, common.LeftPadBytes(id.Bytes(), 32), common.LeftPadBytes(d.Escrow.Bytes(), 32)))
	return out
}

// Verify is the same domain in the pure core's form (internal/verify),
// for receipts built and checked there.
func (d Domain) Verify() verify.Domain {
	return verify.Domain{ChainID: d.ChainID.Uint64(), Contract: d.Escrow}
}

func (d Domain) hash(structHash []byte) [32]byte {
	sep := d.Separator()
	var out [32]byte
	copy(out[:], crypto.Keccak256([]byte{0x19, 0x01}, sep[:], structHash))
	return out
}

// Receipt is the on-chain form of a provider's execution receipt, exactly
// the EIP-712 struct JobEscrow verifies.
type Receipt struct {
	JobID      [32]byte
	TaskID     [32]byte
	ProgramCID [32]byte // sha2-256 digest of the program's CID
	InputRoot  [32]byte // sha2-256 digest of the input manifest's CID
	SpecHash   [32]byte // verify.SpecHash of the assignment: everything that determines the output
	OutputRoot [32]byte // sha2-256 digest of the output manifest's CID
	EnvHash    [32]byte
	ExitCode   int64
	Provider   common.Address
}

// ReceiptFromWire converts a receipt of the wire protocol to its on-chain
// form; its digest equals verify.Digest of r, so the provider's signature
// carries over unchanged.
func ReceiptFromWire(r wire.Receipt) (Receipt, error) {
	if !common.IsHexAddress(r.Provider) {
		return Receipt{}, fmt.Errorf("receipt provider %q is not an EVM address", r.Provider)
	}
	spec, err := verify.ParseHash(r.SpecHash)
	if err != nil {
		return Receipt{}, fmt.Errorf("receipt spec hash: %w", err)
	}
	out := Receipt{
		JobID:    r.Job.Bytes32(),
		TaskID:   wire.TaskID{Job: r.Job, Index: r.Index}.Bytes32(),
		SpecHash: spec,
		EnvHash:  verify.EnvHash(r.Environment),
		ExitCode: r.ExitCode,
		Provider: common.HexToAddress(r.Provider),
	}
	for _, f := range []struct {
		name string
		cid  wire.CID
		dst  *[32]byte
	}{
		{"program", r.Program, &out.ProgramCID},
		{"input root", r.InputRoot, &out.InputRoot},
		{"output root", r.OutputRoot, &out.OutputRoot},
	} {
		d, err := f.cid.Digest()
		if err != nil {
			return Receipt{}, fmt.Errorf("receipt %s: %w", f.name, err)
		}
		*f.dst = d
	}
	return out, nil
}

func (r Receipt) binding() bindings.JobEscrowReceipt {
	return bindings.JobEscrowReceipt{
		JobId:      r.JobID,
		TaskId:     r.TaskID,
		ProgramCid: r.ProgramCID,
		InputRoot:  r.InputRoot,
		SpecHash:   r.SpecHash,
		OutputRoot: r.OutputRoot,
		EnvHash:    r.EnvHash,
		ExitCode:   r.ExitCode,
		Provider:   r.Provider,
	}
}

// ReceiptDigest is the EIP-712 digest of r, equal to JobEscrow.receiptDigest(r).
func ReceiptDigest(d Domain, r Receipt) [32]byte {
	var exit [32]byte
	if r.ExitCode < 0 { // int64 is sign-extended to 256 bits
		for i := range exit {
			exit[i] = 0xff
		}
	}
	binary.BigEndian.PutUint64(exit[24:], uint64(r.ExitCode))
	return d.hash(crypto.Keccak256(receiptTypeHash, r.JobID[:], r.TaskID[:], r.ProgramCID[:], r.InputRoot[:],
		r.SpecHash[:], r.OutputRoot[:], r.EnvHash[:], exit[:], common.LeftPadBytes(r.Provider.Bytes(), 32)))
}

// VoucherDigest is the EIP-712 digest of Voucher(jobID, provider,
// cumulative), equal to JobEscrow.voucherDigest.
func VoucherDigest(d Domain, jobID [32]byte, provider common.Address, cumulative *big.Int) [32]byte {
	return d.hash(crypto.Keccak256(voucherTypeHash, jobID[:], common.LeftPadBytes(provider.Bytes(), 32), common.LeftPadBytes(cumulative.Bytes(), 32)))
}

// SignVoucher signs a cumulative voucher with the consumer's key. The
// signature is 65 bytes, v in {27, 28}, as the contract expects.
func SignVoucher(key *ecdsa.PrivateKey, d Domain, jobID [32]byte, provider common.Address, cumulative *big.Int) ([]byte, error) {
	if cumulative == nil || cumulative.Sign() < 0 || cumulative.BitLen() > 256 {
		return nil, fmt.Errorf("voucher amount %v must be a uint256", cumulative)
	}
	return signDigest(key, VoucherDigest(d, jobID, provider, cumulative))
}

// SignReceipt signs r with the provider's key.
func SignReceipt(key *ecdsa.PrivateKey, d Domain, r Receipt) ([]byte, error) {
	return signDigest(key, ReceiptDigest(d, r))
}

// Recover returns the address whose key produced sig over digest. It is
// the core's verify.Recover (one implementation of the signature rules),
// with this package's error.
func Recover(digest [32]byte, sig []byte) (common.Address, error) {
	a, err := verify.Recover(digest, sig)
	if err != nil {
		return common.Address{}, fmt.Errorf("%w: %v", ErrBadSignature, err)
	}
	return a, nil
}

func signDigest(key *ecdsa.PrivateKey, h [32]byte) ([]byte, error) {
	sig, err := verify.SignDigest(key, h)
	if err != nil {
		return nil, fmt.Errorf("sign: %w", err)
	}
	return sig, nil
}

// PeerBindingMessage is what a provider's libp2p key signs to bind its peer
// ID to its EVM address in the registry:
//
//	"deco/bind-peer/1\n" chainID "\n" registry "\n" provider "\n" peerID
//
// with decimal chain id and lowercase hex addresses. The chain id and
// registry make a binding useless on any other deployment.
func PeerBindingMessage(chainID *big.Int, registry, provider common.Address, peerID string) []byte {
	return []byte(fmt.Sprintf("deco/bind-peer/1\n%s\n%s\n%s\n%s", chainID.String(),
		strings.ToLower(registry.Hex()), strings.ToLower(provider.Hex()), peerID))
}

func hexBytes(b []byte) string { return "0x" + hex.EncodeToString(b) }
