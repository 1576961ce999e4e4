package chain

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"sync"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/rpc"
)

// Sentinel errors. Contract reverts are *RevertError values; errors.Is
// matches them by error name against the ErrX revert values below.
var (
	// ErrNoContracts: the client has no contract addresses (deploy first,
	// or pass the addresses from devnet.json).
	ErrNoContracts = errors.New("no Deco contracts configured: deploy them (chain.Deploy) or pass their addresses")
	// ErrWrongChain: the node answers with another chain id than expected.
	ErrWrongChain = errors.New("connected to the wrong chain")
	// ErrReverted is wrapped by every *RevertError.
	ErrReverted = errors.New("transaction reverted")
	// ErrTxFailed: a mined transaction failed and no revert reason could be read.
	ErrTxFailed = errors.New("transaction failed on chain")
	// ErrInsufficientFunds: the wallet holds less DECO than the operation
	// needs. Reported before any transaction is sent; also matches the
	// token's ERC20InsufficientBalance revert.
	ErrInsufficientFunds = errors.New("not enough DECO in the wallet: fund it or lower the amount")
	// ErrNotSent: OpenJobWhen's ready (or the caller's context, while the
	// opening waited for its turn) stopped the transaction before it was
	// sent; nothing was opened.
	ErrNotSent = errors.New("transaction not sent")
)

// Revert sentinels for errors.Is. Each matches the contract error of that name.
var (
	ErrUnknownJob              = &RevertError{Name: "UnknownJob"}
	ErrJobExists               = &RevertError{Name: "JobExists"}
	ErrJobIDNotYours           = &RevertError{Name: "JobIdNotYours"}
	ErrDeadlineBeyondUnbonding = &RevertError{Name: "DeadlineBeyondUnbonding"}
	ErrPayeeNotStaked          = &RevertError{Name: "PayeeNotStaked"}
	ErrPayeeNotBound           = &RevertError{Name: "PayeeNotBound"}
	ErrJobClosed               = &RevertError{Name: "JobClosed"}
	ErrDeadlineInPast          = &RevertError{Name: "DeadlineInPast"}
	ErrNotConsumer             = &RevertError{Name: "NotConsumer"}
	ErrBadVoucherSignature     = &RevertError{Name: "BadVoucherSignature"}
	ErrNothingToRedeem         = &RevertError{Name: "NothingToRedeem"}
	ErrDepositExhausted        = &RevertError{Name: "DepositExhausted"}
	ErrRefundTooEarly          = &RevertError{Name: "RefundTooEarly"}
	ErrReceiptsNotComparable   = &RevertError{Name: "ReceiptsNotComparable"}
	ErrSameOutput              = &RevertError{Name: "SameOutput"}
	ErrBadReceiptSignature     = &RevertError{Name: "BadReceiptSignature"}
	ErrAlreadyReported         = &RevertError{Name: "AlreadyReported"}
	ErrNothingToSlash          = &RevertError{Name: "NothingToSlash"}
	ErrBelowMinimumStake       = &RevertError{Name: "BelowMinimumStake"}
	ErrInsufficientStake       = &RevertError{Name: "InsufficientStake"}
	ErrNothingToWithdraw       = &RevertError{Name: "NothingToWithdraw"}
	ErrStillUnbonding          = &RevertError{Name: "StillUnbonding"}
	ErrNotSlasher              = &RevertError{Name: "NotSlasher"}
	ErrZeroAmount              = &RevertError{Name: "ZeroAmount"}
	ErrReentrantCall           = &RevertError{Name: "ReentrancyGuardReentrantCall"}
	ErrInsufficientBalance     = &RevertError{Name: "ERC20InsufficientBalance"}
	ErrInsufficientAllowance   = &RevertError{Name: "ERC20InsufficientAllowance"}
	ErrNotOwner                = &RevertError{Name: "OwnableUnauthorizedAccount"}
	ErrBadBps                  = &RevertError{Name: "BadBps"}
	ErrSlasherAlreadySet       = &RevertError{Name: "SlasherAlreadySet"}
	ErrUnbondingDelayTooLong   = &RevertError{Name: "UnbondingDelayTooLong"}

	// zk settlement (proof jobs)
	ErrUnknownCircuit    = &RevertError{Name: "UnknownCircuit"}
	ErrBadCircuitLayout  = &RevertError{Name: "BadCircuitLayout"}
	ErrNotAContract      = &RevertError{Name: "NotAContract"}
	ErrNoTasks           = &RevertError{Name: "NoTasks"}
	ErrNotProofJob       = &RevertError{Name: "NotProofJob"}
	ErrNotVoucherJob     = &RevertError{Name: "NotVoucherJob"}
	ErrDepositTooSmall   = &RevertError{Name: "DepositTooSmall"}
	ErrWrongInputCount   = &RevertError{Name: "WrongInputCount"}
	ErrWrongPayee        = &RevertError{Name: "WrongPayee"}
	ErrTaskNotCommitted  = &RevertError{Name: "TaskNotCommitted"}
	ErrAlreadySettled    = &RevertError{Name: "AlreadySettled"}
	ErrProofRejected     = &RevertError{Name: "ProofRejected"}
	ErrProofVerifies     = &RevertError{Name: "ProofVerifies"}
	ErrBadClaimSignature = &RevertError{Name: "BadClaimSignature"}
	ErrVerifierGas       = &RevertError{Name: "VerifierGas"}
	ErrBadVerifyingKey   = &RevertError{Name: "BadVerifyingKey"}
)

// RevertError is a contract revert decoded against Deco's ABIs.
type RevertError struct {
	Op   string // what the client was doing, e.g. "escrow.redeem"
	Name string // Solidity error name; "Error" for require strings, "Panic" for panics, "" if unknown
	Args []any  // decoded arguments, in declaration order
	Sig  string // error signature with argument names, e.g. "NothingToRedeem(uint256 cumulativeAmount,uint256 alreadyRedeemed)"
	Data []byte // raw revert data

	names []string // argument names, for Error
}

func (e *RevertError) Error() string {
	var b strings.Builder
	if e.Op != "" {
		b.WriteString(e.Op)
		b.WriteString(": ")
	}
	b.WriteString("reverted")
	switch {
	case e.Name == ErrProofRejected.Name && len(e.Args) == 3:
		fmt.Fprintf(&b, ": ProofRejected(jobId=%s, index=%s, verifier said %s)", formatArg(e.Args[0]), formatArg(e.Args[1]), verifierReason(e.Args[2]))
	case e.Name == "Error" && len(e.Args) == 1:
		fmt.Fprintf(&b, ": %v", e.Args[0])
	case e.Name != "":
		b.WriteString(": ")
		b.WriteString(e.Name)
		b.WriteString("(")
		for i, a := range e.Args {
			if i > 0 {
				b.WriteString(", ")
			}
			if i < len(e.names) && e.names[i] != "" {
				b.WriteString(e.names[i])
				b.WriteString("=")
			}
			b.WriteString(formatArg(a))
		}
		b.WriteString(")")
	case len(e.Data) > 0:
		fmt.Fprintf(&b, " with unknown data %s", hexBytes(e.Data))
	}
	if h := hints[e.Name]; h != "" {
		b.WriteString(": ")
		b.WriteString(h)
	}
	return b.String()
}

// Is matches another *RevertError by name, so errors.Is(err, ErrNothingToRedeem) works.
func (e *RevertError) Is(target error) bool {
	if target == ErrInsufficientFunds {
		return e.Name == ErrInsufficientBalance.Name
	}
	t, ok := target.(*RevertError)
	return ok && t.Name != "" && t.Name == e.Name
}

// Unwrap makes every revert match ErrReverted.
func (e *RevertError) Unwrap() error { return ErrReverted }

// hints tell a user what to do about the reverts they can cause.
var hints = map[string]string{
	"ERC20InsufficientBalance":     "not enough DECO in the wallet; fund it or lower the amount",
	"ERC20InsufficientAllowance":   "the contract may not spend that much of your DECO; approve it first",
	"BelowMinimumStake":            "stake at least the registry's minimum",
	"StillUnbonding":               "wait until the unbonding delay has passed, then withdraw again",
	"NothingToWithdraw":            "request an unbond first",
	"RefundTooEarly":               "refund opens after the job's deadline plus the grace period",
	"DeadlineInPast":               "give a deadline in the future",
	"JobExists":                    "a job with this id already has an escrow",
	"JobIdNotYours":                "a job id must name its consumer; make it with chain.NewJobID from the consumer's address",
	"DeadlineBeyondUnbonding":      "the job's deadline plus the refund grace must come before the registry's unbonding delay from now; give a shorter deadline",
	"PayeeNotStaked":               "the escrow pays only providers whose bonded stake reaches the registry's minimum; stake first (deco wallet stake)",
	"PayeeNotBound":                "the escrow pays only providers that bound their peer ID to their EVM address in the registry; bind it first",
	"BadBps":                       "the slash share must lie between the escrow's MIN_SLASH_BPS and 10000, the reporter's cut at most MAX_REPORTER_BPS",
	"SlasherAlreadySet":            "the registry's slasher is set once, at deployment; deploy a new registry for a new escrow",
	"UnbondingDelayTooLong":        "the unbonding delay can be at most the registry's MAX_UNBONDING_DELAY (30 days)",
	"UnknownJob":                   "no escrow was opened for this job",
	"JobClosed":                    "the job was refunded; nothing more can be paid or deposited",
	"NothingToRedeem":              "this voucher was already redeemed in full; wait for a newer one",
	"DepositExhausted":             "the job's deposit is spent; the consumer must top it up",
	"BadVoucherSignature":          "the voucher is not signed by the job's consumer",
	"NotConsumer":                  "only the job's consumer may do this",
	"ReentrancyGuardReentrantCall": "a contract tried to re-enter the escrow or registry",
	"OwnableUnauthorizedAccount":   "only the contract owner may do this",
	"UnknownCircuit":               "no verifier is registered for this circuit id; the escrow's owner registers circuits",
	"BadCircuitLayout":             "a circuit needs at least one fixed input and the payee as its last public input",
	"NotAContract":                 "deploy the verifier contract first",
	"NoTasks":                      "commit at least one task (a non-zero task root and count)",
	"NotProofJob":                  "this job pays by voucher only (or has no escrow); it was not opened with a circuit",
	"NotVoucherJob":                "this job pays on proof only (settleWithProof); it takes no vouchers",
	"DepositTooSmall":              "a proof job's deposit must cover its price for every task; deposit price × tasks",
	"WrongInputCount":              "the proof is not for this job's circuit",
	"WrongPayee":                   "the proof names another payee: prove again with your own address",
	"TaskNotCommitted":             "the task id, index, fixed inputs or Merkle path do not match the job's task root",
	"AlreadySettled":               "this task was already paid for",
	"ProofRejected":                "the verifier rejected the proof for this statement (its digest of the public inputs); nothing was paid",
	"BadVerifyingKey":              "the verifying key has a point at infinity or off the curve: deploy the key zk.VerifyingKey.EVMKey gives",
}

// verifierErrors name the reverts of a verifier the escrow calls: Deco's
// Groth16Verifier or one exported by gnark.
var verifierErrors = func() map[[4]byte]string {
	out := map[[4]byte]string{}
	for _, sig := range []string{"ProofInvalid()", "PublicInputNotInField()", "CommitmentInvalid()"} {
		var id [4]byte
		copy(id[:], crypto.Keccak256([]byte(sig))[:4])
		out[id] = strings.TrimSuffix(sig, "()")
	}
	return out
}()

// verifierReason names the verifier's revert data.
func verifierReason(a any) string {
	data, _ := a.([]byte)
	if len(data) == 0 {
		return "nothing (out of gas, or not a verifier)"
	}
	if len(data) >= 4 {
		if name, ok := verifierErrors[[4]byte(data[:4])]; ok {
			return name
		}
	}
	return hexBytes(data)
}

func formatArg(a any) string {
	switch v := a.(type) {
	case [32]byte:
		return hexBytes(v[:])
	case []byte:
		return hexBytes(v)
	case *big.Int:
		return v.String()
	case fmt.Stringer:
		return v.String()
	default:
		return fmt.Sprint(v)
	}
}

// errorABIs are every error any Deco contract (or what it calls) can revert with.
// Built on first use, from the parsed ABIs (see client.go).
var errorABIs = sync.OnceValue(func() []abi.Error {
	var out []abi.Error
	seen := map[[4]byte]bool{}
	for _, a := range []abi.ABI{
		escrowABI().GetABI(),
		registryABI().GetABI(),
		tokenABI().GetABI(),
		verifierABI().GetABI(),
	} {
		for _, e := range a.Errors {
			var id [4]byte
			copy(id[:], e.ID[:4])
			if !seen[id] {
				seen[id] = true
				out = append(out, e)
			}
		}
	}
	return out
})

var (
	errorStringID = []byte{0x08, 0xc3, 0x79, 0xa0} // Error(string)
	panicID       = []byte{0x4e, 0x48, 0x7b, 0x71} // Panic(uint256)
)

// decodeRevert turns revert data into a *RevertError.
func decodeRevert(op string, data []byte) *RevertError {
	e := &RevertError{Op: op, Data: data}
	if len(data) < 4 {
		return e
	}
	switch {
	case bytes.Equal(data[:4], errorStringID):
		if s, err := abi.UnpackRevert(data); err == nil {
			e.Name, e.Sig, e.Args = "Error", "Error(string)", []any{s}
		}
		return e
	case bytes.Equal(data[:4], panicID):
		if len(data) == 36 {
			e.Name, e.Sig, e.Args = "Panic", "Panic(uint256)", []any{new(big.Int).SetBytes(data[4:])}
		}
		return e
	}
	for _, abiErr := range errorABIs() {
		if !bytes.Equal(abiErr.ID[:4], data[:4]) {
			continue
		}
		e.Name, e.Sig = abiErr.Name, abiErr.String()
		if args, err := abiErr.Inputs.Unpack(data[4:]); err == nil {
			e.Args = args
			for _, in := range abiErr.Inputs {
				e.names = append(e.names, in.Name)
			}
		}
		return e
	}
	return e
}

// revertFromRPC extracts revert data from an RPC error (eth_call /
// eth_estimateGas answer "execution reverted" with the data attached).
// It returns nil when err is not a revert.
func revertFromRPC(op string, err error) *RevertError {
	var de rpc.DataError
	if errors.As(err, &de) {
		if s, ok := de.ErrorData().(string); ok {
			if data, decErr := hex.DecodeString(strings.TrimPrefix(s, "0x")); decErr == nil {
				return decodeRevert(op, data)
			}
		}
	}
	if strings.Contains(err.Error(), "execution reverted") {
		return &RevertError{Op: op}
	}
	return nil
}
