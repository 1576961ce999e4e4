package verify

import (
	"crypto/ecdsa"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"sort"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/deco-network/deco/internal/wire"
)

// AttestationSoftware is the only attestation the foundation ships: the
// receipt is signed by the provider's key; no hardware claim is made.
const AttestationSoftware = "software"

// Receipt check failures, each its own reason for the user.
var (
	ErrBadSignature   = errors.New("receipt signature is invalid")
	ErrWrongSigner    = errors.New("receipt is not signed by the provider it names")
	ErrOutputMismatch = errors.New("outputs do not match the receipt's output root")
	ErrMismatch       = errors.New("receipt does not describe the task that was assigned")
)

// Domain is the EIP-712 domain receipts and vouchers are signed under.
// Contract is the JobEscrow address (zero before a chain is configured).
type Domain struct {
	ChainID  uint64
	Contract common.Address
}

var (
	domainType  = crypto.Keccak256([]byte("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"))
	receiptType = crypto.Keccak256([]byte("Receipt(bytes32 jobId,bytes32 taskId,bytes32 programCid,bytes32 inputRoot,bytes32 specHash,bytes32 outputRoot,bytes32 envHash,int64 exitCode,address provider)"))
	voucherType = crypto.Keccak256([]byte("Voucher(bytes32 jobId,address provider,uint256 cumulativeAmount)"))
	nameHash    = crypto.Keccak256([]byte("Deco"))
	versionHash = crypto.Keccak256([]byte("1"))
)

// Separator is the EIP-712 domain separator.
func (d Domain) Separator() [32]byte {
	var out [32]byte
	copy(out[:], crypto.Keccak256(domainType, nameHash, versionHash, word(new(big.Int).SetUint64(d.ChainID)), common.LeftPadBytes(d.Contract.Bytes(), 32)))
	return out
}

func word(v *big.Int) []byte { return common.LeftPadBytes(v.Bytes(), 32) }

func int64Word(v int64) []byte {
	var b [32]byte
	if v < 0 {
		for i := range b {
			b[i] = 0xff
		}
	}
	binary.BigEndian.PutUint64(b[24:], uint64(v))
	return b[:]
}

// EnvHash is the environment measurement: sha256 over the runtime version,
// module hash and limits.
func EnvHash(e wire.Environment) [32]byte {
	return sha256.Sum256([]byte(fmt.Sprintf("deco-env/1\n%s\n%s\n%d\n%d\n", e.Runtime, e.ModuleHash, e.MemoryLimit, e.TimeoutMs)))
}

// SpecHash commits a receipt to everything the consumer assigned that
// determines the output: task index and count, executor kind, program,
// inputs (by their manifest root, as the receipt's input root), args, env
// and the limits (memory, timeout, max output). Two receipts of a provider
// with the same spec hash and different output roots are equivocation;
// receipts with different spec hashes answer different questions, however
// alike the rest. Attempt is left out, so a retry of the same assignment
// commits to the same spec; ProgramSize too, the program's CID fixes its
// bytes. Every field is length-prefixed and env is sorted by name, so no
// two specs share an encoding.
func SpecHash(t wire.TaskSpec) [32]byte {
	in := t.InputManifest()
	in.Normalize() // a bad manifest still hashes; the runner refuses the task
	b := []byte("deco-task/1")
	str := func(s string) {
		b = binary.BigEndian.AppendUint64(b, uint64(len(s)))
		b = append(b, s...)
	}
	num := func(v uint64) { b = binary.BigEndian.AppendUint64(b, v) }
	str(string(t.Task.Job))
	num(uint64(t.Task.Index))
	num(uint64(t.Count))
	str(t.Kind)
	str(string(t.Program))
	str(string(in.Root()))
	num(uint64(len(t.Args)))
	for _, a := range t.Args {
		str(a)
	}
	names := make([]string, 0, len(t.Env))
	for k := range t.Env {
		names = append(names, k)
	}
	sort.Strings(names)
	num(uint64(len(names)))
	for _, k := range names {
		str(k)
		str(t.Env[k])
	}
	num(t.MemoryLimit)
	num(uint64(t.TimeoutMs))
	num(uint64(t.MaxOutput))
	// A resumed attempt commits to the checkpoint it started from; a
	// fresh one hashes as before checkpoints existed.
	if t.Resume != "" {
		str("resume")
		str(string(t.Resume))
	}
	return sha256.Sum256(b)
}

// HashHex is the receipt's form of a 32-byte hash: 0x and 64 hex digits.
func HashHex(h [32]byte) string { return "0x" + hex.EncodeToString(h[:]) }

// ParseHash reads a 32-byte hash written by HashHex (either case).
func ParseHash(s string) ([32]byte, error) {
	var out [32]byte
	body, ok := strings.CutPrefix(s, "0x")
	if !ok || len(body) != 64 {
		return out, fmt.Errorf("%q is not 0x and 64 hex digits", s)
	}
	if _, err := hex.Decode(out[:], []byte(body)); err != nil {
		return out, fmt.Errorf("%q is not 0x and 64 hex digits", s)
	}
	return out, nil
}

func cidWord(c wire.CID) ([]byte, error) {
	d, err := c.Digest()
	if err != nil {
		return nil, err
	}
	return d[:], nil
}

// Digest returns the EIP-712 digest of r under d.
func Digest(d Domain, r wire.Receipt) ([32]byte, error) {
	var out [32]byte
	if !common.IsHexAddress(r.Provider) {
		return out, fmt.Errorf("%w: provider %q is not an address", ErrMismatch, r.Provider)
	}
	prog, err := cidWord(r.Program)
	if err != nil {
		return out, fmt.Errorf("%w: program: %v", ErrMismatch, err)
	}
	in, err := cidWord(r.InputRoot)
	if err != nil {
		return out, fmt.Errorf("%w: input root: %v", ErrMismatch, err)
	}
	outRoot, err := cidWord(r.OutputRoot)
	if err != nil {
		return out, fmt.Errorf("%w: output root: %v", ErrMismatch, err)
	}
	spec, err := ParseHash(r.SpecHash)
	if err != nil {
		return out, fmt.Errorf("%w: spec hash: %v", ErrMismatch, err)
	}
	env := EnvHash(r.Environment)
	job := r.Job.Bytes32()
	task := wire.TaskID{Job: r.Job, Index: r.Index}.Bytes32()
	sh := crypto.Keccak256(receiptType, job[:], task[:], prog, in, spec[:], outRoot, env[:], int64Word(r.ExitCode), common.LeftPadBytes(common.HexToAddress(r.Provider).Bytes(), 32))
	sep := d.Separator()
	copy(out[:], crypto.Keccak256([]byte{0x19, 0x01}, sep[:], sh))
	return out, nil
}

// Fill sets the derived fields of r (task id, env hash, domain) from its other fields.
func Fill(d Domain, r *wire.Receipt) {
	t := wire.TaskID{Job: r.Job, Index: r.Index}.Bytes32()
	e := EnvHash(r.Environment)
	r.TaskID = "0x" + hex.EncodeToString(t[:])
	r.EnvHash = "0x" + hex.EncodeToString(e[:])
	r.ChainID = d.ChainID
	r.Contract = d.Contract.Hex()
	if r.Attestation == "" {
		r.Attestation = AttestationSoftware
	}
}

// Sign signs r with the provider's EVM key. The signature is 65 bytes with
// v in {27, 28}, the form Solidity's ecrecover expects.
func Sign(key *ecdsa.PrivateKey, d Domain, r wire.Receipt) ([]byte, error) {
	h, err := Digest(d, r)
	if err != nil {
		return nil, err
	}
	return SignDigest(key, h)
}

// SignDigest signs a 32-byte digest, v in {27, 28}.
func SignDigest(key *ecdsa.PrivateKey, h [32]byte) ([]byte, error) {
	sig, err := crypto.Sign(h[:], key)
	if err != nil {
		return nil, err
	}
	sig[64] += 27
	return sig, nil
}

// Recover returns the address that signed digest h.
func Recover(h [32]byte, sig []byte) (common.Address, error) {
	if len(sig) != 65 || (sig[64] != 27 && sig[64] != 28) {
		return common.Address{}, ErrBadSignature
	}
	s := append([]byte(nil), sig...)
	s[64] -= 27
	pub, err := crypto.SigToPub(h[:], s)
	if err != nil {
		return common.Address{}, fmt.Errorf("%w: %v", ErrBadSignature, err)
	}
	return crypto.PubkeyToAddress(*pub), nil
}

// Expect is what the consumer knows independently of the provider's claims.
type Expect struct {
	Spec     wire.TaskSpec  // what was assigned
	Provider string         // EVM address the provider bid with
	Outputs  *wire.Manifest // manifest rebuilt from the fetched, hash-checked outputs
	Runtime  string         // runtime the provider advertised; empty to skip
}

// Check verifies a result's receipt: it describes the assigned task, is
// signed by the named provider, and its output root matches the outputs
// the consumer fetched. A nil error means the task can be accepted.
func Check(d Domain, r wire.Receipt, sig []byte, want Expect) error {
	switch {
	case r.Job != want.Spec.Task.Job || r.Index != want.Spec.Task.Index:
		return fmt.Errorf("%w: it names task %s/%d", ErrMismatch, r.Job, r.Index)
	case r.Program != want.Spec.Program:
		return fmt.Errorf("%w: program %s, assigned %s", ErrMismatch, r.Program.Short(), want.Spec.Program.Short())
	case !strings.EqualFold(r.Provider, want.Provider):
		return fmt.Errorf("%w: provider %s, bid came from %s", ErrMismatch, r.Provider, want.Provider)
	case r.Environment.MemoryLimit != want.Spec.MemoryLimit || r.Environment.TimeoutMs != want.Spec.TimeoutMs:
		return fmt.Errorf("%w: limits %d bytes/%d ms, assigned %d/%d", ErrMismatch, r.Environment.MemoryLimit, r.Environment.TimeoutMs, want.Spec.MemoryLimit, want.Spec.TimeoutMs)
	}
	pd, _ := want.Spec.Program.Digest()
	if r.Environment.ModuleHash != hex.EncodeToString(pd[:]) {
		return fmt.Errorf("%w: module hash %s", ErrMismatch, r.Environment.ModuleHash)
	}
	inM := want.Spec.InputManifest()
	if err := inM.Normalize(); err != nil {
		return fmt.Errorf("%w: inputs: %v", ErrMismatch, err)
	}
	if r.InputRoot != inM.Root() {
		return fmt.Errorf("%w: input root %s, assigned %s", ErrMismatch, r.InputRoot.Short(), inM.Root().Short())
	}
	if r.Resume != want.Spec.Resume {
		return fmt.Errorf("%w: it says the attempt resumed from %q, assigned %q", ErrMismatch, r.Resume, want.Spec.Resume)
	}
	if got, err := ParseHash(r.SpecHash); err != nil || got != SpecHash(want.Spec) {
		return fmt.Errorf("%w: spec hash %s is not the assigned task's (args, env, count or limits differ)", ErrMismatch, r.SpecHash)
	}
	h, err := Digest(d, r)
	if err != nil {
		return err
	}
	who, err := Recover(h, sig)
	if err != nil {
		return err
	}
	if who != common.HexToAddress(r.Provider) {
		return fmt.Errorf("%w: signed by %s, names %s", ErrWrongSigner, who.Hex(), r.Provider)
	}
	if want.Outputs != nil && want.Outputs.Root() != r.OutputRoot {
		return fmt.Errorf("%w: fetched outputs hash to %s, receipt says %s", ErrOutputMismatch, want.Outputs.Root().Short(), r.OutputRoot.Short())
	}
	return nil
}

// VoucherDigest is the EIP-712 digest of a cumulative payment voucher.
func VoucherDigest(d Domain, job wire.JobID, provider common.Address, cumulative *big.Int) [32]byte {
	j := job.Bytes32()
	sh := crypto.Keccak256(voucherType, j[:], common.LeftPadBytes(provider.Bytes(), 32), word(cumulative))
	sep := d.Separator()
	var out [32]byte
	copy(out[:], crypto.Keccak256([]byte{0x19, 0x01}, sep[:], sh))
	return out
}
