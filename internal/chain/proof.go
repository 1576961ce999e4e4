package chain

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/deco-network/deco/internal/chain/bindings"
)

// ProofEscrow is the escrow's zk settlement: jobs paid per task against
// Groth16 proofs that the escrow checks with a registered verifier
// contract. *Client implements it; the circuit registry itself is the
// owner's (Client.DeployGroth16Verifier, Client.SetCircuit).
type ProofEscrow interface {
	// OpenProofJob opens an escrow for jobID like OpenJob (approving the
	// escrow first if needed), paid per task: each task committed by
	// terms.TaskRoot is paid terms.Price once, against a proof of
	// terms.Circuit. The terms cannot change afterwards.
	OpenProofJob(ctx context.Context, jobID [32]byte, amount *big.Int, deadline time.Time, terms ProofJob) error
	// SettleWithProof pays the signer the job's price for one task, if the
	// escrow's verifier accepts the proof and the task is committed and
	// unpaid. The proof's payee (its last public input) must be the
	// signer. A rejected claim reverts and pays nothing
	// (ErrProofRejected, ErrTaskNotCommitted, ErrAlreadySettled, ...).
	SettleWithProof(ctx context.Context, jobID [32]byte, claim ProofClaim) error
	// SettleWithProofs settles several tasks of one job in one transaction
	// and one transfer: all are paid or none. Cheaper per task than
	// SettleWithProof from two tasks on.
	SettleWithProofs(ctx context.Context, jobID [32]byte, claims []ProofClaim) error
	// ReportBadProof slashes the provider that signed sig, its ProofClaim
	// (ProofClaimDigest) over claim's proof and inputs for task
	// claim.Index of jobID, if the job's verifier rejects the proof; the
	// task must be committed as SettleWithProof requires, the provider
	// named as payee. The signer gets the reporter's share. A proof that
	// verifies reverts (ErrProofVerifies), as does a second report of the
	// same task (ErrAlreadyReported).
	ReportBadProof(ctx context.Context, jobID [32]byte, claim ProofClaim, sig []byte) error
	// ProofTerms reads a proof job's terms; ErrNotProofJob if jobID was
	// not opened with OpenProofJob.
	ProofTerms(ctx context.Context, jobID [32]byte) (ProofTerms, error)
	// Settled reports whether task index of proof job jobID was paid.
	Settled(ctx context.Context, jobID [32]byte, index uint64) (bool, error)
}

var _ ProofEscrow = (*Client)(nil)

// CircuitInfo is a circuit in the escrow's registry: the verifier contract
// and the public-input layout (the first FixedInputs are the consumer's,
// the last is the payee).
type CircuitInfo struct {
	Verifier     common.Address
	FixedInputs  int
	PublicInputs int
}

// ProofJob are the terms a consumer opens a proof job with.
type ProofJob struct {
	Circuit  [32]byte // registry id of the circuit
	Price    *big.Int // paid per settled task
	TaskRoot [32]byte // TaskTree.Root of the job's tasks
	Tasks    int      // TaskTree.Len
}

// ProofTerms are a proof job's terms as the escrow recorded them, with
// the circuit as it was registered when the job opened.
type ProofTerms struct {
	ProofJob
	CircuitInfo
	Settled int // tasks paid so far
}

// ProofClaim is what a provider presents to be paid for one task.
type ProofClaim struct {
	TaskID [32]byte
	Index  uint64      // the task's position in the job's TaskTree
	Path   [][32]byte  // TaskTree.Path(Index)
	Proof  [8]*big.Int // zk.Proof.SolidityProof
	// PublicInputs are zk.Proof.PublicInputs, the statement: the task's
	// fixed inputs, the outputs, the signer's address last (the escrow
	// hashes them into the proof's one public input, statementDigest).
	PublicInputs []*big.Int
}

// Groth16Key is a Groth16 verifying key on BN254 with one public input,
// as the constructor of Deco's verifier contract (Groth16Verifier) takes
// it: G1 points (x, y), G2 points (x.imaginary, x.real, y.imaginary,
// y.real), β, γ and δ negated, IC0 and IC1 the constant and the public
// input's term. zk.VerifyingKey.EVMKey gives one (zk.EVMKey has this
// layout: convert with Groth16Key(k)).
type Groth16Key struct {
	Alpha    [2]*big.Int
	BetaNeg  [4]*big.Int
	GammaNeg [4]*big.Int
	DeltaNeg [4]*big.Int
	IC0      [2]*big.Int
	IC1      [2]*big.Int
}

// DeployGroth16Verifier deploys Deco's one verifier contract, compiled
// into this binary (bindings.Groth16VerifierMetaData), with key in its
// immutables, and returns its address for SetCircuit. The contract
// reverts BadVerifyingKey (the deployment fails) on a key with a point at
// infinity or off the curve.
func (c *Client) DeployGroth16Verifier(ctx context.Context, key Groth16Key) (common.Address, error) {
	for _, w := range [][]*big.Int{key.Alpha[:], key.BetaNeg[:], key.GammaNeg[:], key.DeltaNeg[:], key.IC0[:], key.IC1[:]} {
		for _, v := range w {
			if v == nil || v.Sign() < 0 || v.BitLen() > 256 {
				return common.Address{}, fmt.Errorf("deploy Groth16Verifier: the key has a missing or out-of-range word: use zk.VerifyingKey.EVMKey")
			}
		}
	}
	return c.create(ctx, "deploy Groth16Verifier", bindings.Groth16VerifierMetaData.Bin,
		verifierABI().PackConstructor(key.Alpha, key.BetaNeg, key.GammaNeg, key.DeltaNeg, key.IC0, key.IC1))
}

// DeployVerifier deploys a verifier contract from its creation bytecode
// and returns its address: for contracts other than Deco's own verifier
// (DeployGroth16Verifier), such as tests' stand-ins.
func (c *Client) DeployVerifier(ctx context.Context, bin []byte) (common.Address, error) {
	if len(bin) == 0 {
		return common.Address{}, fmt.Errorf("deploy verifier: no bytecode")
	}
	r, err := c.transact(ctx, "deploy verifier", nil, bin, nil)
	if err != nil {
		return common.Address{}, err
	}
	return r.ContractAddress, nil
}

// SetCircuit registers circuit id in the escrow: its verifier and its
// public-input layout. A zero verifier removes it; open jobs keep theirs.
// Owner only.
func (c *Client) SetCircuit(ctx context.Context, id [32]byte, verifier common.Address, fixedInputs, publicInputs int) error {
	if err := c.contracts(); err != nil {
		return err
	}
	if fixedInputs < 0 || fixedInputs > 255 || publicInputs < 0 || publicInputs > 255 {
		return fmt.Errorf("escrow.setCircuit: input counts %d and %d must fit in a byte", fixedInputs, publicInputs)
	}
	_, err := c.transact(ctx, "escrow.setCircuit", &c.addrs.Escrow,
		escrowABI().PackSetCircuit(id, verifier, uint8(fixedInputs), uint8(publicInputs)), nil)
	return err
}

// Circuit reads circuit id from the escrow's registry; ErrUnknownCircuit
// if none is registered.
func (c *Client) Circuit(ctx context.Context, id [32]byte) (CircuitInfo, error) {
	if err := c.contracts(); err != nil {
		return CircuitInfo{}, err
	}
	out, err := c.call(ctx, "escrow.getCircuit", c.addrs.Escrow, escrowABI().PackGetCircuit(id))
	if err != nil {
		return CircuitInfo{}, err
	}
	ci, err := escrowABI().UnpackGetCircuit(out)
	if err != nil {
		return CircuitInfo{}, fmt.Errorf("escrow.getCircuit: %w", err)
	}
	if ci.Verifier == (common.Address{}) {
		return CircuitInfo{}, &RevertError{Op: "escrow.getCircuit", Name: ErrUnknownCircuit.Name, Args: []any{id}}
	}
	return CircuitInfo{Verifier: ci.Verifier, FixedInputs: int(ci.FixedInputs), PublicInputs: int(ci.PublicInputs)}, nil
}

// OpenProofJob implements ProofEscrow.
func (c *Client) OpenProofJob(ctx context.Context, jobID [32]byte, amount *big.Int, deadline time.Time, terms ProofJob) error {
	if err := c.contracts(); err != nil {
		return err
	}
	if deadline.Unix() <= 0 {
		return fmt.Errorf("escrow.openProofJob: deadline %v is not a valid time", deadline)
	}
	if err := c.ownJobID("escrow.openProofJob", jobID); err != nil {
		return err
	}
	if terms.Price == nil {
		return fmt.Errorf("escrow.openProofJob: no price per task")
	}
	if terms.Tasks < 0 || terms.Tasks >= 1<<48 {
		return fmt.Errorf("escrow.openProofJob: %d tasks: the escrow takes up to 2^48-1", terms.Tasks)
	}
	return c.spend(ctx, "escrow.openProofJob", c.addrs.Escrow, amount, c.addrs.Escrow,
		escrowABI().PackOpenProofJob(jobID, amount, uint64(deadline.Unix()), terms.Circuit, terms.Price, terms.TaskRoot, big.NewInt(int64(terms.Tasks))))
}

// SettleWithProof implements ProofEscrow.
func (c *Client) SettleWithProof(ctx context.Context, jobID [32]byte, claim ProofClaim) error {
	if err := c.contracts(); err != nil {
		return err
	}
	b, err := claim.binding()
	if err != nil {
		return fmt.Errorf("escrow.settleWithProof: %w", err)
	}
	_, err = c.transact(ctx, "escrow.settleWithProof", &c.addrs.Escrow,
		escrowABI().PackSettleWithProof(jobID, b.TaskId, b.Index, b.Proof, b.PublicInputs, b.MerkleProof), nil)
	return err
}

// SettleWithProofs implements ProofEscrow.
func (c *Client) SettleWithProofs(ctx context.Context, jobID [32]byte, claims []ProofClaim) error {
	if err := c.contracts(); err != nil {
		return err
	}
	bs := make([]bindings.JobEscrowClaim, len(claims))
	for i, cl := range claims {
		b, err := cl.binding()
		if err != nil {
			return fmt.Errorf("escrow.settleWithProofs: claim %d: %w", i, err)
		}
		bs[i] = b
	}
	_, err := c.transact(ctx, "escrow.settleWithProofs", &c.addrs.Escrow, escrowABI().PackSettleWithProofs(jobID, bs), nil)
	return err
}

// ReportBadProof implements ProofEscrow.
func (c *Client) ReportBadProof(ctx context.Context, jobID [32]byte, claim ProofClaim, sig []byte) error {
	if err := c.contracts(); err != nil {
		return err
	}
	b, err := claim.binding()
	if err != nil {
		return fmt.Errorf("escrow.reportBadProof: %w", err)
	}
	_, err = c.transact(ctx, "escrow.reportBadProof", &c.addrs.Escrow, escrowABI().PackReportBadProof(jobID, b, sig), nil)
	return err
}

// ProofClaimDigest is the EIP-712 digest a provider signs for the proof
// of task index of jobID, equal to JobEscrow.proofClaimDigest (and to
// verify.ProofClaimDigest of the same proof and inputs).
func ProofClaimDigest(d Domain, jobID [32]byte, index uint64, proof [8]*big.Int, inputs []*big.Int) [32]byte {
	words := make([]byte, 0, 32*8)
	for _, w := range proof {
		words = append(words, common.LeftPadBytes(w.Bytes(), 32)...)
	}
	public := make([]byte, 0, 32*len(inputs))
	for _, v := range inputs {
		public = append(public, common.LeftPadBytes(v.Bytes(), 32)...)
	}
	sh := crypto.Keccak256(proofClaimTypeHash, jobID[:], common.LeftPadBytes(new(big.Int).SetUint64(index).Bytes(), 32),
		crypto.Keccak256(words), crypto.Keccak256(public))
	return d.hash(sh)
}

// SignProofClaim signs the ProofClaim for claim's proof and inputs with
// the provider's key.
func SignProofClaim(key *ecdsa.PrivateKey, d Domain, jobID [32]byte, claim ProofClaim) ([]byte, error) {
	if _, err := claim.binding(); err != nil {
		return nil, fmt.Errorf("proof claim: %w", err)
	}
	return signDigest(key, ProofClaimDigest(d, jobID, claim.Index, claim.Proof, claim.PublicInputs))
}

// binding converts the claim to the contract's Claim, checking that every
// number fits in a uint256.
func (cl ProofClaim) binding() (bindings.JobEscrowClaim, error) {
	for i, v := range append(cl.Proof[:], cl.PublicInputs...) {
		if v == nil || v.Sign() < 0 || v.BitLen() > 256 {
			return bindings.JobEscrowClaim{}, fmt.Errorf("proof word or input %d (%v) is not a uint256", i, v)
		}
	}
	path := cl.Path
	if path == nil {
		path = [][32]byte{}
	}
	return bindings.JobEscrowClaim{
		TaskId:       cl.TaskID,
		Index:        new(big.Int).SetUint64(cl.Index),
		Proof:        cl.Proof,
		PublicInputs: cl.PublicInputs,
		MerkleProof:  path,
	}, nil
}

// ProofTerms implements ProofEscrow.
func (c *Client) ProofTerms(ctx context.Context, jobID [32]byte) (ProofTerms, error) {
	if err := c.contracts(); err != nil {
		return ProofTerms{}, err
	}
	out, err := c.call(ctx, "escrow.getProofTerms", c.addrs.Escrow, escrowABI().PackGetProofTerms(jobID))
	if err != nil {
		return ProofTerms{}, err
	}
	t, err := escrowABI().UnpackGetProofTerms(out)
	if err != nil {
		return ProofTerms{}, fmt.Errorf("escrow.getProofTerms: %w", err)
	}
	if t.Verifier == (common.Address{}) {
		return ProofTerms{}, &RevertError{Op: "escrow.getProofTerms", Name: ErrNotProofJob.Name, Args: []any{jobID}}
	}
	return ProofTerms{
		ProofJob:    ProofJob{Circuit: t.CircuitId, Price: t.Price, TaskRoot: t.TaskRoot, Tasks: int(t.Tasks.Int64())},
		CircuitInfo: CircuitInfo{Verifier: t.Verifier, FixedInputs: int(t.FixedInputs), PublicInputs: int(t.PublicInputs)},
		Settled:     int(t.Settled.Int64()),
	}, nil
}

// Settled implements ProofEscrow.
func (c *Client) Settled(ctx context.Context, jobID [32]byte, index uint64) (bool, error) {
	if err := c.contracts(); err != nil {
		return false, err
	}
	out, err := c.call(ctx, "escrow.isSettled", c.addrs.Escrow, escrowABI().PackIsSettled(jobID, new(big.Int).SetUint64(index)))
	if err != nil {
		return false, err
	}
	ok, err := escrowABI().UnpackIsSettled(out)
	if err != nil {
		return false, fmt.Errorf("escrow.isSettled: %w", err)
	}
	return ok, nil
}
