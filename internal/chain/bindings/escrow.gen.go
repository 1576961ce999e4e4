// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package bindings

import (
	"bytes"
	"errors"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// Reference imports to suppress errors if they are not otherwise used.
var (
	_ = bytes.Equal
	_ = errors.New
	_ = big.NewInt
	_ = common.Big1
	_ = types.BloomLookup
	_ = abi.ConvertType
)

// JobEscrowCircuit is an auto generated low-level Go binding around an user-defined struct.
type JobEscrowCircuit struct {
	Verifier     common.Address
	FixedInputs  uint8
	PublicInputs uint8
}

// JobEscrowClaim is an auto generated low-level Go binding around an user-defined struct.
type JobEscrowClaim struct {
	TaskId       [32]byte
	Index        *big.Int
	Proof        [8]*big.Int
	PublicInputs []*big.Int
	MerkleProof  [][32]byte
}

// JobEscrowJob is an auto generated low-level Go binding around an user-defined struct.
type JobEscrowJob struct {
	Consumer  common.Address
	Deadline  uint64
	Deposited *big.Int
	Redeemed  *big.Int
	Refunded  bool
	Proof     bool
}

// JobEscrowProofTerms is an auto generated low-level Go binding around an user-defined struct.
type JobEscrowProofTerms struct {
	Verifier     common.Address
	FixedInputs  uint8
	PublicInputs uint8
	Tasks        *big.Int
	Price        *big.Int
	Settled      *big.Int
	TaskRoot     [32]byte
	CircuitId    [32]byte
}

// JobEscrowReceipt is an auto generated low-level Go binding around an user-defined struct.
type JobEscrowReceipt struct {
	JobId      [32]byte
	TaskId     [32]byte
	ProgramCid [32]byte
	InputRoot  [32]byte
	SpecHash   [32]byte
	OutputRoot [32]byte
	EnvHash    [32]byte
	ExitCode   int64
	Provider   common.Address
}

// JobEscrowMetaData contains all meta data concerning the JobEscrow contract.
var JobEscrowMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"contractIERC20\",\"name\":\"token_\",\"type\":\"address\"},{\"internalType\":\"contractIProviderRegistry\",\"name\":\"registry_\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"refundGrace_\",\"type\":\"uint64\"},{\"internalType\":\"uint16\",\"name\":\"slashBps_\",\"type\":\"uint16\"},{\"internalType\":\"uint16\",\"name\":\"reporterBps_\",\"type\":\"uint16\"},{\"internalType\":\"address\",\"name\":\"treasury_\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"initialOwner\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"key\",\"type\":\"bytes32\"}],\"name\":\"AlreadyReported\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"AlreadySettled\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"jobIds\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amounts\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"deadlines\",\"type\":\"uint256\"}],\"name\":\"BadBatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint16\",\"name\":\"bps\",\"type\":\"uint16\"}],\"name\":\"BadBps\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"fixedInputs\",\"type\":\"uint8\"},{\"internalType\":\"uint8\",\"name\":\"publicInputs\",\"type\":\"uint8\"}],\"name\":\"BadCircuitLayout\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"BadClaimSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"}],\"name\":\"BadReceiptSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"consumer\",\"type\":\"address\"}],\"name\":\"BadVoucherSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"latest\",\"type\":\"uint64\"}],\"name\":\"DeadlineBeyondUnbonding\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"nowTs\",\"type\":\"uint64\"}],\"name\":\"DeadlineInPast\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"DepositExhausted\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"deposit\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"needed\",\"type\":\"uint256\"}],\"name\":\"DepositTooSmall\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidShortString\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"JobClosed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"JobExists\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"JobIdNotYours\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"NoTasks\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"NotAContract\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"consumer\",\"type\":\"address\"}],\"name\":\"NotConsumer\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"NotProofJob\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"NotVoucherJob\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"cumulativeAmount\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"alreadyRedeemed\",\"type\":\"uint256\"}],\"name\":\"NothingToRedeem\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"}],\"name\":\"NothingToSlash\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"name\":\"OwnableInvalidOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"OwnableUnauthorizedAccount\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"payee\",\"type\":\"address\"}],\"name\":\"PayeeNotBound\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"payee\",\"type\":\"address\"}],\"name\":\"PayeeNotStaked\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"reason\",\"type\":\"bytes\"}],\"name\":\"ProofRejected\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"ProofVerifies\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ReceiptsNotComparable\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ReentrancyGuardReentrantCall\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"refundAt\",\"type\":\"uint64\"}],\"name\":\"RefundTooEarly\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"bits\",\"type\":\"uint8\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"SafeCastOverflowedUintDowncast\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"}],\"name\":\"SafeERC20FailedOperation\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"SameOutput\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"str\",\"type\":\"string\"}],\"name\":\"StringTooLong\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"TaskNotCommitted\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"circuitId\",\"type\":\"bytes32\"}],\"name\":\"UnknownCircuit\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"UnknownJob\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"left\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"needed\",\"type\":\"uint256\"}],\"name\":\"VerifierGas\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"given\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"expected\",\"type\":\"uint256\"}],\"name\":\"WrongInputCount\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"payee\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"WrongPayee\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAddress\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAmount\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"address\",\"name\":\"reporter\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"slashed\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"reward\",\"type\":\"uint256\"}],\"name\":\"BadProofReported\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"count\",\"type\":\"uint256\"}],\"name\":\"CheckpointsAnchored\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"circuitId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"verifier\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint8\",\"name\":\"fixedInputs\",\"type\":\"uint8\"},{\"indexed\":false,\"internalType\":\"uint8\",\"name\":\"publicInputs\",\"type\":\"uint8\"}],\"name\":\"CircuitSet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[],\"name\":\"EIP712DomainChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"taskId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"address\",\"name\":\"reporter\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"slashed\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"reward\",\"type\":\"uint256\"}],\"name\":\"EquivocationReported\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"consumer\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"}],\"name\":\"JobOpened\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousOwner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"OwnershipTransferred\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"circuitId\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"price\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"taskRoot\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint48\",\"name\":\"tasks\",\"type\":\"uint48\"}],\"name\":\"ProofJobOpened\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"ProofSettled\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"totalToProvider\",\"type\":\"uint256\"}],\"name\":\"Redeemed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"consumer\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Refunded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"uint16\",\"name\":\"slashBps\",\"type\":\"uint16\"},{\"indexed\":false,\"internalType\":\"uint16\",\"name\":\"reporterBps\",\"type\":\"uint16\"}],\"name\":\"SlashParamsSet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"deposited\",\"type\":\"uint256\"}],\"name\":\"ToppedUp\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"treasury\",\"type\":\"address\"}],\"name\":\"TreasurySet\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"BAD_PROOF\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"BPS\",\"outputs\":[{\"internalType\":\"uint16\",\"name\":\"\",\"type\":\"uint16\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"EQUIVOCATION\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MAX_REPORTER_BPS\",\"outputs\":[{\"internalType\":\"uint16\",\"name\":\"\",\"type\":\"uint16\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MIN_SLASH_BPS\",\"outputs\":[{\"internalType\":\"uint16\",\"name\":\"\",\"type\":\"uint16\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"PROOF_CLAIM_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"RECEIPT_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"VERIFY_GAS\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"VERIFY_GAS_PER_INPUT\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"VOUCHER_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"count\",\"type\":\"uint256\"}],\"name\":\"anchorCheckpoints\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"key\",\"type\":\"bytes32\"}],\"name\":\"badProofReported\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"domainSeparator\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"eip712Domain\",\"outputs\":[{\"internalType\":\"bytes1\",\"name\":\"fields\",\"type\":\"bytes1\"},{\"internalType\":\"string\",\"name\":\"name\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"version\",\"type\":\"string\"},{\"internalType\":\"uint256\",\"name\":\"chainId\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"verifyingContract\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"salt\",\"type\":\"bytes32\"},{\"internalType\":\"uint256[]\",\"name\":\"extensions\",\"type\":\"uint256[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"key\",\"type\":\"bytes32\"}],\"name\":\"equivocationReported\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"circuitId\",\"type\":\"bytes32\"}],\"name\":\"getCircuit\",\"outputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"verifier\",\"type\":\"address\"},{\"internalType\":\"uint8\",\"name\":\"fixedInputs\",\"type\":\"uint8\"},{\"internalType\":\"uint8\",\"name\":\"publicInputs\",\"type\":\"uint8\"}],\"internalType\":\"structJobEscrow.Circuit\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"getJob\",\"outputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"consumer\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint120\",\"name\":\"deposited\",\"type\":\"uint120\"},{\"internalType\":\"uint120\",\"name\":\"redeemed\",\"type\":\"uint120\"},{\"internalType\":\"bool\",\"name\":\"refunded\",\"type\":\"bool\"},{\"internalType\":\"bool\",\"name\":\"proof\",\"type\":\"bool\"}],\"internalType\":\"structJobEscrow.Job\",\"name\":\"j\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"getProofTerms\",\"outputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"verifier\",\"type\":\"address\"},{\"internalType\":\"uint8\",\"name\":\"fixedInputs\",\"type\":\"uint8\"},{\"internalType\":\"uint8\",\"name\":\"publicInputs\",\"type\":\"uint8\"},{\"internalType\":\"uint48\",\"name\":\"tasks\",\"type\":\"uint48\"},{\"internalType\":\"uint80\",\"name\":\"price\",\"type\":\"uint80\"},{\"internalType\":\"uint48\",\"name\":\"settled\",\"type\":\"uint48\"},{\"internalType\":\"bytes32\",\"name\":\"taskRoot\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"circuitId\",\"type\":\"bytes32\"}],\"internalType\":\"structJobEscrow.ProofTerms\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"}],\"name\":\"isSettled\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"consumer\",\"type\":\"address\"}],\"name\":\"jobIdOwnedBy\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"}],\"name\":\"openJob\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32[]\",\"name\":\"jobIds\",\"type\":\"bytes32[]\"},{\"internalType\":\"uint256[]\",\"name\":\"amounts\",\"type\":\"uint256[]\"},{\"internalType\":\"uint64[]\",\"name\":\"deadlines\",\"type\":\"uint64[]\"}],\"name\":\"openJobs\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"bytes32\",\"name\":\"circuitId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"price\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"taskRoot\",\"type\":\"bytes32\"},{\"internalType\":\"uint48\",\"name\":\"tasks\",\"type\":\"uint48\"}],\"name\":\"openProofJob\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"owner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"internalType\":\"uint256[8]\",\"name\":\"proof\",\"type\":\"uint256[8]\"},{\"internalType\":\"uint256[]\",\"name\":\"inputs\",\"type\":\"uint256[]\"}],\"name\":\"proofClaimDigest\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"taskId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"programCid\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"inputRoot\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"outputRoot\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"envHash\",\"type\":\"bytes32\"},{\"internalType\":\"int64\",\"name\":\"exitCode\",\"type\":\"int64\"},{\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"}],\"internalType\":\"structJobEscrow.Receipt\",\"name\":\"r\",\"type\":\"tuple\"}],\"name\":\"receiptDigest\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"cumulativeAmount\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"consumerSignature\",\"type\":\"bytes\"}],\"name\":\"redeem\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"}],\"name\":\"redeemed\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"refund\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"refundGrace\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"registry\",\"outputs\":[{\"internalType\":\"contractIProviderRegistry\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"renounceOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"taskId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"internalType\":\"uint256[8]\",\"name\":\"proof\",\"type\":\"uint256[8]\"},{\"internalType\":\"uint256[]\",\"name\":\"publicInputs\",\"type\":\"uint256[]\"},{\"internalType\":\"bytes32[]\",\"name\":\"merkleProof\",\"type\":\"bytes32[]\"}],\"internalType\":\"structJobEscrow.Claim\",\"name\":\"c\",\"type\":\"tuple\"},{\"internalType\":\"bytes\",\"name\":\"sig\",\"type\":\"bytes\"}],\"name\":\"reportBadProof\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"taskId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"programCid\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"inputRoot\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"outputRoot\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"envHash\",\"type\":\"bytes32\"},{\"internalType\":\"int64\",\"name\":\"exitCode\",\"type\":\"int64\"},{\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"}],\"internalType\":\"structJobEscrow.Receipt\",\"name\":\"a\",\"type\":\"tuple\"},{\"internalType\":\"bytes\",\"name\":\"sigA\",\"type\":\"bytes\"},{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"taskId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"programCid\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"inputRoot\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"specHash\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"outputRoot\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"envHash\",\"type\":\"bytes32\"},{\"internalType\":\"int64\",\"name\":\"exitCode\",\"type\":\"int64\"},{\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"}],\"internalType\":\"structJobEscrow.Receipt\",\"name\":\"b\",\"type\":\"tuple\"},{\"internalType\":\"bytes\",\"name\":\"sigB\",\"type\":\"bytes\"}],\"name\":\"reportEquivocation\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"reporterBps\",\"outputs\":[{\"internalType\":\"uint16\",\"name\":\"\",\"type\":\"uint16\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"circuitId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"verifier\",\"type\":\"address\"},{\"internalType\":\"uint8\",\"name\":\"fixedInputs\",\"type\":\"uint8\"},{\"internalType\":\"uint8\",\"name\":\"publicInputs\",\"type\":\"uint8\"}],\"name\":\"setCircuit\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint16\",\"name\":\"slashBps_\",\"type\":\"uint16\"},{\"internalType\":\"uint16\",\"name\":\"reporterBps_\",\"type\":\"uint16\"}],\"name\":\"setSlashParams\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"treasury_\",\"type\":\"address\"}],\"name\":\"setTreasury\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"taskId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"internalType\":\"uint256[8]\",\"name\":\"proof\",\"type\":\"uint256[8]\"},{\"internalType\":\"uint256[]\",\"name\":\"publicInputs\",\"type\":\"uint256[]\"},{\"internalType\":\"bytes32[]\",\"name\":\"merkleProof\",\"type\":\"bytes32[]\"}],\"name\":\"settleWithProof\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"taskId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"internalType\":\"uint256[8]\",\"name\":\"proof\",\"type\":\"uint256[8]\"},{\"internalType\":\"uint256[]\",\"name\":\"publicInputs\",\"type\":\"uint256[]\"},{\"internalType\":\"bytes32[]\",\"name\":\"merkleProof\",\"type\":\"bytes32[]\"}],\"internalType\":\"structJobEscrow.Claim[]\",\"name\":\"claims\",\"type\":\"tuple[]\"}],\"name\":\"settleWithProofs\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"slashBps\",\"outputs\":[{\"internalType\":\"uint16\",\"name\":\"\",\"type\":\"uint16\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256[]\",\"name\":\"words\",\"type\":\"uint256[]\"},{\"internalType\":\"address\",\"name\":\"payee\",\"type\":\"address\"}],\"name\":\"statementDigest\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"taskId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256[]\",\"name\":\"fixedInputs\",\"type\":\"uint256[]\"}],\"name\":\"taskLeaf\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"token\",\"outputs\":[{\"internalType\":\"contractIERC20\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"topUp\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"transferOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"treasury\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"cumulativeAmount\",\"type\":\"uint256\"}],\"name\":\"voucherDigest\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	ID:  "JobEscrow",
	Bin: "0x6101c0604052348015610010575f5ffd5b50604051614d3a380380614d3a83398101604081905261002f91610388565b80604051806040016040528060048152602001634465636f60e01b815250604051806040016040528060018152602001603160f81b815250610076826101ee60201b60201c565b61012052610083816101ee565b61014052815160208084019190912060e052815190820120610100524660a05261010f60e05161010051604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201529081019290925260608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b60805250503060c0526001600160a01b03811661014657604051631e4fbdf760e01b81525f60048201526024015b60405180910390fd5b61014f8161022b565b506001600160a01b038716158061016d57506001600160a01b038616155b8061017f57506001600160a01b038216155b1561019d5760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b0387811661016052868116610180526001600160401b0386166101a052600380546001600160a01b0319169184169190911790556101e2848461027c565b5050505050505061047e565b5f5f829050601f81511115610218578260405163305a27a960e01b815260040161013d9190610423565b805161022382610458565b179392505050565b600280546001600160a01b038381166001600160a01b0319831681179093556040519116919082907f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0905f90a35050565b6103e861ffff83161080610295575061271061ffff8316115b156102b95760405163f9c3ae8f60e01b815261ffff8316600482015260240161013d565b61138861ffff821611156102e65760405163f9c3ae8f60e01b815261ffff8216600482015260240161013d565b6003805463ffffffff60a01b1916600160a01b61ffff85811691820261ffff60b01b191692909217600160b01b928516928302179092556040805192835260208301919091527fa68586d3a40b90623e796af83afd77386f77c70c342b8755fb72750775c631f4910160405180910390a15050565b6001600160a01b038116811461036f575f5ffd5b50565b805161ffff81168114610383575f5ffd5b919050565b5f5f5f5f5f5f5f60e0888a03121561039e575f5ffd5b87516103a98161035b565b60208901519097506103ba8161035b565b60408901519096506001600160401b03811681146103d6575f5ffd5b94506103e460608901610372565b93506103f260808901610372565b925060a08801516104028161035b565b60c08901519092506104138161035b565b8091505092959891949750929550565b602081525f82518060208401528060208501604085015e5f604082850101526040601f19601f83011684010191505092915050565b80516020808301519190811015610478575f198160200360031b1b821691505b50919050565b60805160a05160c05160e05161010051610120516101405161016051610180516101a0516147dd61055d5f395f8181610642015281816110ca0152818161235b015281816137bb015261380101525f8181610534015281816122b8015281816126780152818161278301526129dd01525f8181610859015281816109bb0152818161105c01528181611233015281816117e00152818161192601528181611e7901528181612833015261288601525f612e6401525f612e3901525f6136bc01525f61369401525f6135ef01525f61361901525f61364301526147dd5ff3fe608060405234801561000f575f5ffd5b506004361061030f575f3560e01c806391da067b1161019d578063dd04d524116100e8578063f61962aa11610093578063f76bfc701161006e578063f76bfc701461084b578063fc0c546a14610854578063fced06b21461087b575f5ffd5b8063f61962aa146107a9578063f698da25146107bc578063f729cf0d146107c4575f5ffd5b8063f2467d87116100c3578063f2467d8714610761578063f2fde38b14610774578063f473612514610787575f5ffd5b8063dd04d52414610719578063e923dbc81461073b578063f0f442601461074e575f5ffd5b8063ba1b8c7611610148578063d448815a11610123578063d448815a146106ea578063d4af96d0146106fd578063d7a9fc5414610706575f5ffd5b8063ba1b8c7614610690578063baa5d1da146106b7578063c44ddaed146106d7575f5ffd5b80639c657b4a116101785780639c657b4a1461062a578063acbe79b71461063d578063b67644b91461067d575f5ffd5b806391da067b146105c957806394739e87146105dc57806395850f5914610603575f5ffd5b8063605ac3be1161025d5780637dfca42a116102085780638afbfbe0116101e35780638afbfbe01461059a5780638b69c810146105a35780638da5cb5b146105b8575f5ffd5b80637dfca42a1461055657806380d0e2451461056957806384b0196e1461057f575f5ffd5b80637249fbb6116102385780637249fbb61461047b578063753d19411461048e5780637b1039991461052f575f5ffd5b8063605ac3be1461043557806361d027b314610448578063715018a614610473575f5ffd5b80632c4ee9f3116102bd5780634ea4ffc8116102985780634ea4ffc8146103f5578063502482aa146103ff57806357fd44c414610412575f5ffd5b80632c4ee9f3146103bc5780634cbda879146103cf5780634ce79cf3146103e2575f5ffd5b80631f0f083f116102ed5780631f0f083f1461038d578063231d6e63146103a0578063249d39e9146103b3575f5ffd5b80630681e651146103135780630ba6c7e8146103405780630fb128fd14610355575b5f5ffd5b60035461032890600160a01b900461ffff1681565b60405161ffff90911681526020015b60405180910390f35b61035361034e366004613c1f565b61088e565b005b61037f610363366004613c66565b600860209081525f928352604080842090915290825290205481565b604051908152602001610337565b61035361039b366004613ccf565b6108a4565b6103536103ae366004613dc3565b6109f5565b61032861271081565b6103536103ca366004613e48565b610c4d565b61037f683130b216b83937b7b360b91b81565b6103536103f0366004613e82565b610cf9565b61037f620927c081565b61037f61040d366004613f21565b610d47565b610425610420366004613c66565b610e0b565b6040519015158152602001610337565b610353610443366004613f87565b610e29565b60035461045b906001600160a01b031681565b6040516001600160a01b039091168152602001610337565b610353611098565b610353610489366004613fd9565b6110ab565b6104f961049c366004613fd9565b60408051606080820183525f8083526020808401829052928401819052938452600582529282902082519384018352546001600160a01b038116845260ff600160a01b8204811692850192909252600160a81b9004169082015290565b6040805182516001600160a01b0316815260208084015160ff908116918301919091529282015190921690820152606001610337565b61045b7f000000000000000000000000000000000000000000000000000000000000000081565b610353610564366004613ff0565b611269565b61037f6b32b8bab4bb37b1b0ba34b7b760a11b81565b610587611336565b6040516103379796959493929190614066565b6103286103e881565b60035461032890600160b01b900461ffff1681565b6002546001600160a01b031661045b565b6103536105d7366004614128565b611394565b61037f7f5daf1168c02ae8bb07453b2ff859bd936086e8768d09a2f8534b05f66b9bbc7e81565b61037f7f6a55c21098a6b8502e1883ec984772d9c4ac2a1a3613b9579fb95cf333b7f69c81565b610353610638366004614187565b61157b565b6106647f000000000000000000000000000000000000000000000000000000000000000081565b60405167ffffffffffffffff9091168152602001610337565b61035361068b3660046141f5565b61181b565b61037f7f56dbd6577daaddd2bc1e1f3eaaed8103164dea1b9c62978486ae1e1e3296ea9881565b6106ca6106c5366004613fd9565b611958565b6040516103379190614215565b61037f6106e53660046142b0565b611a4f565b61037f6106f83660046142ef565b611a5d565b61032861138881565b61037f61071436600461433f565b611a71565b610425610727366004613fd9565b60096020525f908152604090205460ff1681565b610353610749366004614372565b611ac5565b61035361075c3660046143e7565b611d53565b61042561076f3660046141f5565b611df1565b6103536107823660046143e7565b611e05565b610425610795366004613fd9565b600a6020525f908152604090205460ff1681565b6103536107b7366004614400565b611e58565b61037f611ea9565b6107d76107d2366004613fd9565b611eb7565b60405161033791905f60c0820190506001600160a01b03835116825267ffffffffffffffff60208401511660208301526001600160781b0360408401511660408301526001600160781b03606084015116606083015260808301511515608083015260a0830151151560a083015292915050565b61037f61271081565b61045b7f000000000000000000000000000000000000000000000000000000000000000081565b61037f610889366004614436565b611fa5565b610896612068565b6108a082826120ae565b5050565b6108ac6121bf565b848015806108ba5750838114155b806108c55750818114155b15610912576040517f79aa7faa0000000000000000000000000000000000000000000000000000000081526004810182905260248101859052604481018390526064015b60405180910390fd5b5f5f5b828110156109ad5761097e89898381811061093257610932614451565b9050602002013588888481811061094b5761094b614451565b9050602002013587878581811061096457610964614451565b90506020020160208101906109799190614465565b6121f4565b5086868281811061099157610991614451565b90506020020135826109a39190614494565b9150600101610915565b506109e36001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001633308461250c565b50506109ed612542565b505050505050565b6109fd6121bf565b85358335141580610a1657508260200135866020013514155b80610a2957508260400135866040013514155b80610a3c57508260600135866060013514155b80610a4f57508260800135866080013514155b80610a8e5750610a67610120840161010085016143e7565b6001600160a01b0316610a82610120880161010089016143e7565b6001600160a01b031614155b15610ac5576040517f06c3cae600000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b8260a001358660a0013503610b06576040517fce47e08500000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f610b19610120880161010089016143e7565b9050610b2687878761256c565b610b3184848461256c565b604080516001600160a01b0383166020808301919091528935928201929092529088013560608201525f9060800160408051601f1981840301815291815281516020928301205f818152600990935291205490915060ff1615610baa5760405163265c934760e21b815260048101829052602401610909565b5f818152600960205260408120805460ff1916600117905580610bdc846b32b8bab4bb37b1b0ba34b7b760a11b612627565b6040805133815260208181018590529181018390529294509092506001600160a01b03861691908c0135908c35907fae4f355c8cb68ab99a3cd31021dd70ee8653b101f98fa5679fbda3f78f931cc39060600160405180910390a4610c418282612820565b505050506109ed612542565b805f03610c6d57604051631f2a200560e01b815260040160405180910390fd5b5f610c77846128ad565b80549091506001600160a01b03163314610cb857805460405163032d16e160e11b81523360048201526001600160a01b039091166024820152604401610909565b604080518481526020810184905285917f85721f9977523c962c06fc3a832639ba7f6d2d639aee760da024452e94edbbb2910160405180910390a250505050565b610d016121bf565b5f610d0b89612937565b9050610d16336129a1565b610d2960068a8a8a858b8b8b8b8b612acd565b610d34816001612be4565b50610d3d612542565b5050505050505050565b5f610e017f56dbd6577daaddd2bc1e1f3eaaed8103164dea1b9c62978486ae1e1e3296ea98878787604051602001610d7f91906144a7565b604051602081830303815290604052805190602001208787604051602001610da89291906144f6565b60408051601f198184030181528282528051602091820120908301969096528101939093526060830191909152608082015260a081019190915260c0015b60405160208183030381529060405280519060200120612bf8565b9695505050505050565b608082901c69ffffffffffffffffffff908116908216145b92915050565b610e316121bf565b5f610e3b866128ad565b6001810154909150600160f81b900460ff1615610e87576040517fd72aab9b00000000000000000000000000000000000000000000000000000000815260048101879052602401610909565b8054610ea590879087908790879087906001600160a01b0316612c3f565b610eae856129a1565b5f8681526008602090815260408083206001600160a01b0389168452909152902054808511610f13576040517f6ee9b95a0000000000000000000000000000000000000000000000000000000081526004810186905260248101829052604401610909565b5f610f1e8287614502565b60018401549091505f90610f44906001600160781b03600160781b820481169116614502565b9050805f03610f82576040517f2941e33e000000000000000000000000000000000000000000000000000000008152600481018a9052602401610909565b5f818310610f905781610f92565b825b90508085600101600f8282829054906101000a90046001600160781b0316610fba9190614515565b92506101000a8154816001600160781b0302191690836001600160781b031602179055505f8185610feb9190614494565b5f8c81526008602090815260408083206001600160a01b038f1680855290835292819020849055805186815291820184905292935090918d917f8dfe2e4992c35f0c2e1a1ae78bde2b832d7fabb19bb9e73ec22c5cc2ee89db23910160405180910390a36110836001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000168b84612d2f565b505050505050611091612542565b5050505050565b6110a0612068565b6110a95f612d64565b565b6110b36121bf565b5f6110bd826128ad565b80549091505f90611100907f000000000000000000000000000000000000000000000000000000000000000090600160a01b900467ffffffffffffffff16614534565b90508067ffffffffffffffff16421015611152576040517f58ea338100000000000000000000000000000000000000000000000000000000815267ffffffffffffffff82166004820152602401610909565b60018201545f90611175906001600160781b03600160781b820481169116614502565b6001840154909150600160f81b900460ff16156111a457611197600685612dc2565b6111a19082614502565b90505b6001830180547fff00ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff16600160f01b17905582546040516001600160a01b0390911690819086907ff552ca82e113ac3c539c3d617f29fcd19c172a0c75dad017555c9e109f7fe183906112189086815260200190565b60405180910390a3811561125a5761125a6001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000168284612d2f565b50505050611266612542565b50565b6112716121bf565b5f8190036112925760405163a66faf4160e01b815260040160405180910390fd5b5f61129c84612937565b90506112a7336129a1565b5f5b8281101561131d57368484838181106112c4576112c4614451565b90506020028101906112d69190614554565b9050611314868235602084013586604086016112f6610140880188614573565b6113046101608a018a614573565b6006989796959493929190612acd565b506001016112a9565b506113288183612be4565b50611331612542565b505050565b5f6060805f5f5f6060611347612e32565b61134f612e5d565b604080515f808252602082019092527f0f000000000000000000000000000000000000000000000000000000000000009b939a50919850469750309650945092509050565b61139c612068565b6001600160a01b0383166113e2575f84815260056020526040902080547fffffffffffffffffffff0000000000000000000000000000000000000000000016905561152b565b826001600160a01b03163b5f03611430576040517f8a8b41ec0000000000000000000000000000000000000000000000000000000081526001600160a01b0384166004820152602401610909565b60ff8216158061144657508060ff168260ff1610155b1561148a576040517f7d30f90100000000000000000000000000000000000000000000000000000000815260ff808416600483015282166024820152604401610909565b604080516060810182526001600160a01b03858116825260ff85811660208085019182528683168587019081525f8b815260059092529590209351845491519551931674ffffffffffffffffffffffffffffffffffffffffff1990911617600160a01b94821694909402939093177fffffffffffffffffffff00ffffffffffffffffffffffffffffffffffffffffff16600160a81b91909316029190911790555b6040805160ff8085168252831660208201526001600160a01b0385169186917fa56994f93b378edad93c4fd837a4c052bf33322048f2e537cd346a3664f2df18910160405180910390a350505050565b6115836121bf565b5f84815260056020908152604091829020825160608101845290546001600160a01b03811680835260ff600160a01b8304811694840194909452600160a81b90910490921692810192909252611608576040517fe80eb6e000000000000000000000000000000000000000000000000000000000815260048101869052602401610909565b835f0361162857604051631f2a200560e01b815260040160405180910390fd5b65ffffffffffff8216158061163b575082155b156116595760405163a66faf4160e01b815260040160405180910390fd5b5f61166385612e88565b90508461167865ffffffffffff85168a6145cd565b10156116d8578761169d65ffffffffffff851669ffffffffffffffffffff84166145e0565b6040517f4a77f2fa00000000000000000000000000000000000000000000000000000000815260048101929092526024820152604401610909565b60016116e58a8a8a6121f4565b600101601f6101000a81548160ff02191690831515021790555061178889604051806101000160405280855f01516001600160a01b03168152602001856020015160ff168152602001856040015160ff1681526020018469ffffffffffffffffffff1681526020018781526020018665ffffffffffff1681526020018469ffffffffffffffffffff168152602001898152506006612ec29092919063ffffffff16565b604080518681526020810186905265ffffffffffff851681830152905187918b917f929dbdacefb18eac16e0c816894b92a9c871d905dcbd51bd2d8ced37705a52eb9181900360600190a36118086001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001633308b61250c565b5050611812612542565b50505050505050565b6118236121bf565b805f0361184357604051631f2a200560e01b815260040160405180910390fd5b5f61184d836128ad565b80549091506001600160a01b0316331461188e57805460405163032d16e160e11b81523360048201526001600160a01b039091166024820152604401610909565b60018101545f906118b2906118ad9085906001600160781b0316614494565b613036565b6001830180546effffffffffffffffffffffffffffff19166001600160781b03831690811790915560408051868152602081019290925291925085917f2dec156b5ea8eee5b7a582c2e87253d7d59df096556b3ec99aa5d6cec4480524910160405180910390a261194e6001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001633308661250c565b50506108a0612542565b60408051610100810182525f80825260208201819052918101829052606081018290526080810182905260a0810182905260c0810182905260e08101919091525f8281526006602081815260409283902083516101008101855281546001600160a01b0381168252600160a01b810460ff90811694830194909452600160a81b900490921693820193909352600283015465ffffffffffff811660608301819052660100000000000090910469ffffffffffffffffffff166080830152909160a0830191611a2891908790613069565b65ffffffffffff168152602001826001015481526020018260030154815250915050919050565b5f610e01868686868661317a565b5f611a698484846131b5565b949350505050565b604080517f5daf1168c02ae8bb07453b2ff859bd936086e8768d09a2f8534b05f66b9bbc7e60208201529081018490526001600160a01b0383166060820152608081018290525f90611a699060a001610de6565b611acd6121bf565b5f611ad9600686613268565b90505f611ae886868686613343565b9050611b1886863560208801358585611b056101408c018c614573565b611b136101608e018e614573565b6133ca565b604080516001600160a01b0383166020820152908101879052853560608201525f9060800160408051601f1981840301815291815281516020928301205f818152600a90935291205490915060ff1615611b885760405163265c934760e21b815260048101829052602401610909565b5f8360400151612710611b9b91906145e0565b611ba890620927c0614494565b9050805a1015611bf0575a6040517f5a4507dc000000000000000000000000000000000000000000000000000000008152600481019190915260248101829052604401610909565b83515f906001600160a01b0316611c1860408a01611c126101408c018c614573565b88613522565b604051611c2591906145f7565b5f60405180830381855afa9150503d805f8114611c5d576040519150601f19603f3d011682016040523d82523d5f602084013e611c62565b606091505b505090508015611cab576040517ff0030a8f000000000000000000000000000000000000000000000000000000008152600481018a905260208901356024820152604401610909565b5f838152600a60205260408120805460ff1916600117905580611cda86683130b216b83937b7b360b91b612627565b6040805133815260208181018590529181018390529294509092506001600160a01b03881691908c0135908d907f0cd96902424a2f9260f881d827b7d16b09d39b87606d46f85eef4ad2676da04e9060600160405180910390a4611d3e8282612820565b50505050505050611d4d612542565b50505050565b611d5b612068565b6001600160a01b038116611d9b576040517fd92e233d00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b6003805473ffffffffffffffffffffffffffffffffffffffff19166001600160a01b0383169081179091556040517f3c864541ef71378c6229510ed90f376565ee42d9c5e0904a984a9e863e6db44f905f90a250565b5f611dfe6006848461357c565b9392505050565b611e0d612068565b6001600160a01b038116611e4f576040517f1e4fbdf70000000000000000000000000000000000000000000000000000000081525f6004820152602401610909565b61126681612d64565b611e606121bf565b611e6b8383836121f4565b50611ea16001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001633308561250c565b611331612542565b5f611eb26135e3565b905090565b6040805160c0810182525f80825260208201819052918101829052606081018290526080810182905260a0810191909152505f81815260046020908152604091829020825160c08101845281546001600160a01b038116825267ffffffffffffffff600160a01b9091041692810192909252600101546001600160781b0380821693830193909352600160781b8104909216606082015260ff600160f01b8304811615156080830152600160f81b90920490911615801560a0830152611fa057611f8260068361370c565b81606001818151611f939190614515565b6001600160781b03169052505b919050565b5f610e237f6a55c21098a6b8502e1883ec984772d9c4ac2a1a3613b9579fb95cf333b7f69c8335602085013560408601356060870135608088013560a089013560c08a0135611ffb6101008c0160e08d0161460d565b61200d6101208d016101008e016143e7565b60408051602081019b909b528a01989098526060890196909652608088019490945260a087019290925260c086015260e085015261010084015260070b6101208301526001600160a01b031661014082015261016001610de6565b6002546001600160a01b031633146110a9576040517f118cdaa7000000000000000000000000000000000000000000000000000000008152336004820152602401610909565b6103e861ffff831610806120c7575061271061ffff8316115b156120eb5760405163f9c3ae8f60e01b815261ffff83166004820152602401610909565b61138861ffff821611156121185760405163f9c3ae8f60e01b815261ffff82166004820152602401610909565b600380547fffffffffffffffff00000000ffffffffffffffffffffffffffffffffffffffff16600160a01b61ffff8581169182027fffffffffffffffff0000ffffffffffffffffffffffffffffffffffffffffffff1692909217600160b01b928516928302179092556040805192835260208301919091527fa68586d3a40b90623e796af83afd77386f77c70c342b8755fb72750775c631f4910160405180910390a15050565b6121c7613758565b6110a960017f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f005b906137b1565b5f825f0361221557604051631f2a200560e01b815260040160405180910390fd5b61221f8433610e0b565b61225e576040517ff3b5e1cc00000000000000000000000000000000000000000000000000000000815260048101859052336024820152604401610909565b428267ffffffffffffffff16116122b5576040517f2d098d5900000000000000000000000000000000000000000000000000000000815267ffffffffffffffff808416600483015242166024820152604401610909565b5f7f00000000000000000000000000000000000000000000000000000000000000006001600160a01b031663db7dd35a6040518163ffffffff1660e01b8152600401602060405180830381865afa158015612312573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190612336919061462d565b61234a9067ffffffffffffffff1642614494565b90508061238467ffffffffffffffff7f00000000000000000000000000000000000000000000000000000000000000008116908616614494565b11156123da5782612394826137b8565b6040517f7d09a19400000000000000000000000000000000000000000000000000000000815267ffffffffffffffff928316600482015291166024820152604401610909565b5f85815260046020526040902080549092506001600160a01b03161561242f576040517f9e2b4bfd00000000000000000000000000000000000000000000000000000000815260048101869052602401610909565b81547fffffffff0000000000000000000000000000000000000000000000000000000016337fffffffff0000000000000000ffffffffffffffffffffffffffffffffffffffff1617600160a01b67ffffffffffffffff85160217825561249484613036565b6001830180546effffffffffffffffffffffffffffff19166001600160781b03929092169190911790556040805185815267ffffffffffffffff85166020820152339187917fb8e9ac5c6dfd23cf7bd3b011ee5c0b8d153bf78e5f06691fa54e7a4f600a179a910160405180910390a3509392505050565b61251a84848484600161382c565b611d4d57604051635274afe760e01b81526001600160a01b0385166004820152602401610909565b6110a95f7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f006121ee565b5f5f61258161257a86611fa5565b85856138b2565b5090925090505f81600381111561259a5761259a614648565b1415806125ca57506125b4610120860161010087016143e7565b6001600160a01b0316826001600160a01b031614155b1561109157816125e2610120870161010088016143e7565b6040517fe33206c60000000000000000000000000000000000000000000000000000000081526001600160a01b03928316600482015291166024820152604401610909565b6003546040517f1129ee370000000000000000000000000000000000000000000000000000000081526001600160a01b0384811660048301525f928392839261271092600160a01b900461ffff16917f000000000000000000000000000000000000000000000000000000000000000090911690631129ee3790602401602060405180830381865afa1580156126bf573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906126e3919061465c565b6126ed91906145e0565b6126f791906145cd565b9050805f0361273d576040517fea5329600000000000000000000000000000000000000000000000000000000081526001600160a01b0386166004820152602401610909565b6040517ffba2c05a0000000000000000000000000000000000000000000000000000000081526001600160a01b03868116600483015260248201839052604482018690527f0000000000000000000000000000000000000000000000000000000000000000169063fba2c05a906064016020604051808303815f875af11580156127c9573d5f5f3e3d5ffd5b505050506040513d601f19601f820116820180604052508101906127ed919061465c565b6003549093506127109061280c90600160b01b900461ffff16856145e0565b61281691906145cd565b9150509250929050565b801561285a5761285a6001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000163383612d2f565b808211156108a0576003546108a0906001600160a01b031661287c8385614502565b6001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000169190612d2f565b5f818152600460205260408120600181015490916001600160781b039091169003612907576040517fe498a48100000000000000000000000000000000000000000000000000000000815260048101839052602401610909565b6001810154600160f01b900460ff1615611fa0576040516343e3664160e11b815260048101839052602401610909565b61296d6040518060a001604052805f6001600160a01b031681526020015f81526020015f81526020015f81526020015f81525090565b612978600683613268565b905080606001515f03611fa0576040516343e3664160e11b815260048101839052602401610909565b6040517f586168030000000000000000000000000000000000000000000000000000000081526001600160a01b0382811660048301525f9182917f000000000000000000000000000000000000000000000000000000000000000016906358616803906024016040805180830381865afa158015612a21573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190612a459190614682565b9150915081612a8b576040517f1f6d2c360000000000000000000000000000000000000000000000000000000081526001600160a01b0384166004820152602401610909565b80611331576040517f717ec7440000000000000000000000000000000000000000000000000000000081526001600160a01b0384166004820152602401610909565b612ade8989898933898989896133ca565b5f89815260018b016020526040812090612af960ff8a6146aa565b6001901b90505f8281612b0d60ff8d6145cd565b81526020019081526020015f205490508181165f14612b62576040517f6fd708b6000000000000000000000000000000000000000000000000000000008152600481018d9052602481018b9052604401610909565b612b708c8b8b8b8b8b6138f9565b808217835f612b8060ff8e6145cd565b81526020019081526020015f2081905550336001600160a01b03168c7f3f4b980fb4acb52e538644461dafe65ed75b1fdce90b133e6f2b6750c3ed09c88c604051612bcd91815260200190565b60405180910390a350505050505050505050505050565b6108a03382846060015161287c91906145e0565b5f610e23612c046135e3565b836040517f19010000000000000000000000000000000000000000000000000000000000008152600281019290925260228201526042902090565b604080517f5daf1168c02ae8bb07453b2ff859bd936086e8768d09a2f8534b05f66b9bbc7e60208201529081018790526001600160a01b0386166060820152608081018590525f90612c939060a001610de6565b90505f5f612ca28387876138b2565b5090925090505f816003811115612cbb57612cbb614648565b141580612cda5750836001600160a01b0316826001600160a01b031614155b15612d24576040517f03f2789a0000000000000000000000000000000000000000000000000000000081526001600160a01b03808416600483015285166024820152604401610909565b505050505050505050565b612d3c83838360016139a0565b61133157604051635274afe760e01b81526001600160a01b0384166004820152602401610909565b600280546001600160a01b0383811673ffffffffffffffffffffffffffffffffffffffff19831681179093556040519116919082907f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0905f90a35050565b5f8181526020839052604081206002810154612de9908590859065ffffffffffff16613069565b6002820154612e0e91906601000000000000900469ffffffffffffffffffff166145e0565b815475ffffffffffffffffffffffffffffffffffffffffffff169091559392505050565b6060611eb27f0000000000000000000000000000000000000000000000000000000000000000613a1b565b6060611eb27f0000000000000000000000000000000000000000000000000000000000000000613a1b565b5f69ffffffffffffffffffff821115612ebe576040516306dfcc6560e41b81526050600482015260248101839052604401610909565b5090565b5f8281526020848152604080832084518154868501518785015160608901516001600160a01b0390941674ffffffffffffffffffffffffffffffffffffffffff1990931692909217600160a01b60ff928316021774ffffffffffffffffffffffffffffffffffffffffff16600160a81b919092160275ffffffffffffffffffffffffffffffffffffffffffff1617600160b01b69ffffffffffffffffffff92831602178255608086015160018084019190915560a087015160028401805460c08a015165ffffffffffff9093167fffffffffffffffffffffffffffffffff0000000000000000000000000000000090911617660100000000000092909416919091029290921790915560e086015160039092019190915586019091528120905b612ff78360a0015165ffffffffffff16613a58565b811015611091575f8181526020839052604090207f80000000000000000000000000000000000000000000000000000000000000009055600101612fe2565b5f6001600160781b03821115612ebe576040516306dfcc6560e41b81526078600482015260248101839052604401610909565b5f8281526001840160205260408120815b61308384613a58565b811015613171575f818152602083905260409020547f1555555555555555555555555555555555555555555555555555555555555555600182901c167f7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff90911603600281901c7f3333333333333333333333333333333333333333333333333333333333333333908116911601600481901c017f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f167f01010101010101010101010101010101010101010101010101010101010101010260f81c6131679084614494565b925060010161307a565b50509392505050565b5f85858585856040516020016131949594939291906146bd565b60405160208183030381529060405280519060200120905095945050505050565b5f7f1fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff60028583866131e7600182614502565b926131f4939291906146e6565b8560405160200161320793929190614711565b60408051601f1981840301815290829052613221916145f7565b602060405180830381855afa15801561323c573d5f5f3e3d5ffd5b5050506040513d601f19601f8201168201806040525081019061325f919061465c565b16949350505050565b61329e6040518060a001604052805f6001600160a01b031681526020015f81526020015f81526020015f81526020015f81525090565b5f828152602084815260409182902080546001600160a01b038116808652600160a01b820460ff90811694870194909452600160a81b820490931693850193909352600160b01b90920469ffffffffffffffffffff1660608401526001820154608084015261333c576040517f9c91104f00000000000000000000000000000000000000000000000000000000815260048101849052602401610909565b5092915050565b5f806133608660208701356040880161040d6101408a018a614573565b90505f5f61336f8387876138b2565b5090925090505f81600381111561338857613388614648565b146133bf576040517f970e4fbf00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b509695505050505050565b6040860151838114613412576040517fc8a519a80000000000000000000000000000000000000000000000000000000081526004810185905260248101829052604401610909565b5f8585613420600185614502565b81811061342f5761342f614451565b905060200201359050866001600160a01b0316811461348c576040517f15196b8f000000000000000000000000000000000000000000000000000000008152600481018290526001600160a01b0388166024820152604401610909565b505086811c156134b957604051630b3d3d3d60e21b8152600481018a905260248101889052604401610909565b5f6134db8a898b88885f908d60200151926134d6939291906146e6565b61317a565b905086608001516134ee828a8686613a7b565b1461351657604051630b3d3d3d60e21b8152600481018b905260248101899052604401610909565b50505050505050505050565b60607f1b81f829ed4bdbfcbfdcb28510388237bf6429ed301f1ace60c0d2e9bcd89532856135518686866131b5565b6040516020016135639392919061473f565b6040516020818303038152906040529050949350505050565b5f8281526020849052604081206002015465ffffffffffff1682108015611a6957506135a960ff836146aa565b5f848152600186810160205260408220921b91906135c860ff866145cd565b81526020019081526020015f2054165f141590509392505050565b5f306001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001614801561363b57507f000000000000000000000000000000000000000000000000000000000000000046145b1561366557507f000000000000000000000000000000000000000000000000000000000000000090565b611eb2604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201527f0000000000000000000000000000000000000000000000000000000000000000918101919091527f000000000000000000000000000000000000000000000000000000000000000060608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b5f8181526020839052604081206002810154613733908590859065ffffffffffff16613069565b6002820154611a6991906601000000000000900469ffffffffffffffffffff166145e0565b7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f005c156110a9576040517f3ee5aeb500000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b80825d5050565b5f7f000000000000000000000000000000000000000000000000000000000000000067ffffffffffffffff1682116137f0575f610e23565b610e2361382767ffffffffffffffff7f00000000000000000000000000000000000000000000000000000000000000001684614502565b613ad0565b6040517f23b872dd000000000000000000000000000000000000000000000000000000005f8181526001600160a01b038781166004528616602452604485905291602083606481808c5af1925060015f511483166138a1578383151615613895573d5f823e3d81fd5b5f883b113d1516831692505b604052505f60605295945050505050565b5f808060418490036138e6578435602086013560408701355f1a6138d889828585613b06565b9550955095505050506138f0565b505f915060029050825b93509350939050565b5f5f855f01516001600160a01b031661391486868633613522565b60405161392191906145f7565b5f60405180830381855afa9150503d805f8114613959576040519150601f19603f3d011682016040523d82523d5f602084013e61395e565b606091505b509150915081610d3d578787826040517f1f28b7bd00000000000000000000000000000000000000000000000000000000815260040161090993929190614780565b6040517fa9059cbb000000000000000000000000000000000000000000000000000000005f8181526001600160a01b038616600452602485905291602083604481808b5af1925060015f51148316613a0f578383151615613a03573d5f823e3d81fd5b5f873b113d1516831692505b60405250949350505050565b60605f613a2783613bce565b6040805160208082528183019092529192505f91906020820181803683375050509182525060208101929092525090565b5f60ff6001613a678285614494565b613a719190614502565b610e2391906145cd565b8382600583901b81015b80821015613ac6578135600187168015613aa557815f5284602052613aad565b845f52816020525b505060405f2092506020820191508560011c9550613a85565b5050949350505050565b5f67ffffffffffffffff821115612ebe57604080516306dfcc6560e41b8152600481019190915260248101839052604401610909565b5f80807f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0841115613b3f57505f91506003905082613bc4565b604080515f808252602082018084528a905260ff891692820192909252606081018790526080810186905260019060a0016020604051602081039080840390855afa158015613b90573d5f5f3e3d5ffd5b5050604051601f1901519150506001600160a01b038116613bbb57505f925060019150829050613bc4565b92505f91508190505b9450945094915050565b5f60ff8216601f811115610e23576040517fb3512b0c00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b803561ffff81168114611fa0575f5ffd5b5f5f60408385031215613c30575f5ffd5b613c3983613c0e565b9150613c4760208401613c0e565b90509250929050565b80356001600160a01b0381168114611fa0575f5ffd5b5f5f60408385031215613c77575f5ffd5b82359150613c4760208401613c50565b5f5f83601f840112613c97575f5ffd5b50813567ffffffffffffffff811115613cae575f5ffd5b6020830191508360208260051b8501011115613cc8575f5ffd5b9250929050565b5f5f5f5f5f5f60608789031215613ce4575f5ffd5b863567ffffffffffffffff811115613cfa575f5ffd5b613d0689828a01613c87565b909750955050602087013567ffffffffffffffff811115613d25575f5ffd5b613d3189828a01613c87565b909550935050604087013567ffffffffffffffff811115613d50575f5ffd5b613d5c89828a01613c87565b979a9699509497509295939492505050565b5f6101208284031215613d7f575f5ffd5b50919050565b5f5f83601f840112613d95575f5ffd5b50813567ffffffffffffffff811115613dac575f5ffd5b602083019150836020828501011115613cc8575f5ffd5b5f5f5f5f5f5f6102808789031215613dd9575f5ffd5b613de38888613d6e565b955061012087013567ffffffffffffffff811115613dff575f5ffd5b613e0b89828a01613d85565b9096509450613e209050886101408901613d6e565b925061026087013567ffffffffffffffff811115613e3c575f5ffd5b613d5c89828a01613d85565b5f5f5f60608486031215613e5a575f5ffd5b505081359360208301359350604090920135919050565b806101008101831015610e23575f5ffd5b5f5f5f5f5f5f5f5f6101a0898b031215613e9a575f5ffd5b883597506020890135965060408901359550613eb98a60608b01613e71565b945061016089013567ffffffffffffffff811115613ed5575f5ffd5b613ee18b828c01613c87565b90955093505061018089013567ffffffffffffffff811115613f01575f5ffd5b613f0d8b828c01613c87565b999c989b5096995094979396929594505050565b5f5f5f5f5f6101608688031215613f36575f5ffd5b8535945060208601359350613f4e8760408801613e71565b925061014086013567ffffffffffffffff811115613f6a575f5ffd5b613f7688828901613c87565b969995985093965092949392505050565b5f5f5f5f5f60808688031215613f9b575f5ffd5b85359450613fab60208701613c50565b935060408601359250606086013567ffffffffffffffff811115613fcd575f5ffd5b613f7688828901613d85565b5f60208284031215613fe9575f5ffd5b5035919050565b5f5f5f60408486031215614002575f5ffd5b83359250602084013567ffffffffffffffff81111561401f575f5ffd5b61402b86828701613c87565b9497909650939450505050565b5f81518084528060208401602086015e5f602082860101526020601f19601f83011685010191505092915050565b7fff000000000000000000000000000000000000000000000000000000000000008816815260e060208201525f6140a060e0830189614038565b82810360408401526140b28189614038565b606084018890526001600160a01b038716608085015260a0840186905283810360c0850152845180825260208087019350909101905f5b818110156141075783518352602093840193909201916001016140e9565b50909b9a5050505050505050505050565b803560ff81168114611fa0575f5ffd5b5f5f5f5f6080858703121561413b575f5ffd5b8435935061414b60208601613c50565b925061415960408601614118565b915061416760608601614118565b905092959194509250565b67ffffffffffffffff81168114611266575f5ffd5b5f5f5f5f5f5f5f60e0888a03121561419d575f5ffd5b873596506020880135955060408801356141b681614172565b9450606088013593506080880135925060a0880135915060c088013565ffffffffffff811681146141e5575f5ffd5b8091505092959891949750929550565b5f5f60408385031215614206575f5ffd5b50508035926020909101359150565b5f610100820190506001600160a01b03835116825260ff602084015116602083015260ff6040840151166040830152606083015161425d606084018265ffffffffffff169052565b50608083015161427b608084018269ffffffffffffffffffff169052565b5060a083015161429560a084018265ffffffffffff169052565b5060c083015160c083015260e083015160e083015292915050565b5f5f5f5f5f608086880312156142c4575f5ffd5b853594506020860135935060408601359250606086013567ffffffffffffffff811115613f6a575f5ffd5b5f5f5f60408486031215614301575f5ffd5b833567ffffffffffffffff811115614317575f5ffd5b61432386828701613c87565b9094509250614336905060208501613c50565b90509250925092565b5f5f5f60608486031215614351575f5ffd5b8335925061436160208501613c50565b929592945050506040919091013590565b5f5f5f5f60608587031215614385575f5ffd5b84359350602085013567ffffffffffffffff8111156143a2575f5ffd5b850161018081880312156143b4575f5ffd5b9250604085013567ffffffffffffffff8111156143cf575f5ffd5b6143db87828801613d85565b95989497509550505050565b5f602082840312156143f7575f5ffd5b611dfe82613c50565b5f5f5f60608486031215614412575f5ffd5b8335925060208401359150604084013561442b81614172565b809150509250925092565b5f6101208284031215614447575f5ffd5b611dfe8383613d6e565b634e487b7160e01b5f52603260045260245ffd5b5f60208284031215614475575f5ffd5b8135611dfe81614172565b634e487b7160e01b5f52601160045260245ffd5b80820180821115610e2357610e23614480565b61010082823761010001919050565b5f7f07ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff8311156144e3575f5ffd5b8260051b80838637939093019392505050565b5f611a698284866144b6565b81810381811115610e2357610e23614480565b6001600160781b038181168382160190811115610e2357610e23614480565b67ffffffffffffffff8181168382160190811115610e2357610e23614480565b5f823561017e19833603018112614569575f5ffd5b9190910192915050565b5f5f8335601e19843603018112614588575f5ffd5b83018035915067ffffffffffffffff8211156145a2575f5ffd5b6020019150600581901b3603821315613cc8575f5ffd5b634e487b7160e01b5f52601260045260245ffd5b5f826145db576145db6145b9565b500490565b8082028115828204841417610e2357610e23614480565b5f82518060208501845e5f920191825250919050565b5f6020828403121561461d575f5ffd5b81358060070b8114611dfe575f5ffd5b5f6020828403121561463d575f5ffd5b8151611dfe81614172565b634e487b7160e01b5f52602160045260245ffd5b5f6020828403121561466c575f5ffd5b5051919050565b80518015158114611fa0575f5ffd5b5f5f60408385031215614693575f5ffd5b61469c83614673565b9150613c4760208401614673565b5f826146b8576146b86145b9565b500690565b8581528460208201528360408201525f6146db6060830184866144b6565b979650505050505050565b5f5f858511156146f4575f5ffd5b83861115614700575f5ffd5b5050600583901b0193919092039150565b5f61471d8285876144b6565b60609390931b6bffffffffffffffffffffffff19168352505060140192915050565b7fffffffff00000000000000000000000000000000000000000000000000000000841681526101008360048301376101048101919091526101240192915050565b838152826020820152606060408201525f61479e6060830184614038565b9594505050505056fea26469706673582212200c89e20206925ca9bd9d77f04ca56915dbb0cb4c50dc5a4f9b780a7647a487c764736f6c63430008250033",
}

// JobEscrow is an auto generated Go binding around an Ethereum contract.
type JobEscrow struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *JobEscrow) GetABI() abi.ABI {
	return c.abi
}

// NewJobEscrow creates a new instance of JobEscrow.
func NewJobEscrow() *JobEscrow {
	parsed, err := JobEscrowMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &JobEscrow{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *JobEscrow) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address token_, address registry_, uint64 refundGrace_, uint16 slashBps_, uint16 reporterBps_, address treasury_, address initialOwner) returns()
func (jobEscrow *JobEscrow) PackConstructor(token_ common.Address, registry_ common.Address, refundGrace_ uint64, slashBps_ uint16, reporterBps_ uint16, treasury_ common.Address, initialOwner common.Address) []byte {
	enc, err := jobEscrow.abi.Pack("", token_, registry_, refundGrace_, slashBps_, reporterBps_, treasury_, initialOwner)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackBADPROOF is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4cbda879.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function BAD_PROOF() view returns(bytes32)
func (jobEscrow *JobEscrow) PackBADPROOF() []byte {
	enc, err := jobEscrow.abi.Pack("BAD_PROOF")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBADPROOF is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4cbda879.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function BAD_PROOF() view returns(bytes32)
func (jobEscrow *JobEscrow) TryPackBADPROOF() ([]byte, error) {
	return jobEscrow.abi.Pack("BAD_PROOF")
}

// UnpackBADPROOF is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x4cbda879.
//
// Solidity: function BAD_PROOF() view returns(bytes32)
func (jobEscrow *JobEscrow) UnpackBADPROOF(data []byte) ([32]byte, error) {
	out, err := jobEscrow.abi.Unpack("BAD_PROOF", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackBPS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x249d39e9.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function BPS() view returns(uint16)
func (jobEscrow *JobEscrow) PackBPS() []byte {
	enc, err := jobEscrow.abi.Pack("BPS")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBPS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x249d39e9.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function BPS() view returns(uint16)
func (jobEscrow *JobEscrow) TryPackBPS() ([]byte, error) {
	return jobEscrow.abi.Pack("BPS")
}

// UnpackBPS is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x249d39e9.
//
// Solidity: function BPS() view returns(uint16)
func (jobEscrow *JobEscrow) UnpackBPS(data []byte) (uint16, error) {
	out, err := jobEscrow.abi.Unpack("BPS", data)
	if err != nil {
		return *new(uint16), err
	}
	out0 := *abi.ConvertType(out[0], new(uint16)).(*uint16)
	return out0, nil
}

// PackEQUIVOCATION is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x80d0e245.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function EQUIVOCATION() view returns(bytes32)
func (jobEscrow *JobEscrow) PackEQUIVOCATION() []byte {
	enc, err := jobEscrow.abi.Pack("EQUIVOCATION")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackEQUIVOCATION is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x80d0e245.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function EQUIVOCATION() view returns(bytes32)
func (jobEscrow *JobEscrow) TryPackEQUIVOCATION() ([]byte, error) {
	return jobEscrow.abi.Pack("EQUIVOCATION")
}

// UnpackEQUIVOCATION is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x80d0e245.
//
// Solidity: function EQUIVOCATION() view returns(bytes32)
func (jobEscrow *JobEscrow) UnpackEQUIVOCATION(data []byte) ([32]byte, error) {
	out, err := jobEscrow.abi.Unpack("EQUIVOCATION", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackMAXREPORTERBPS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd4af96d0.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_REPORTER_BPS() view returns(uint16)
func (jobEscrow *JobEscrow) PackMAXREPORTERBPS() []byte {
	enc, err := jobEscrow.abi.Pack("MAX_REPORTER_BPS")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMAXREPORTERBPS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd4af96d0.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MAX_REPORTER_BPS() view returns(uint16)
func (jobEscrow *JobEscrow) TryPackMAXREPORTERBPS() ([]byte, error) {
	return jobEscrow.abi.Pack("MAX_REPORTER_BPS")
}

// UnpackMAXREPORTERBPS is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd4af96d0.
//
// Solidity: function MAX_REPORTER_BPS() view returns(uint16)
func (jobEscrow *JobEscrow) UnpackMAXREPORTERBPS(data []byte) (uint16, error) {
	out, err := jobEscrow.abi.Unpack("MAX_REPORTER_BPS", data)
	if err != nil {
		return *new(uint16), err
	}
	out0 := *abi.ConvertType(out[0], new(uint16)).(*uint16)
	return out0, nil
}

// PackMINSLASHBPS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8afbfbe0.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MIN_SLASH_BPS() view returns(uint16)
func (jobEscrow *JobEscrow) PackMINSLASHBPS() []byte {
	enc, err := jobEscrow.abi.Pack("MIN_SLASH_BPS")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMINSLASHBPS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8afbfbe0.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MIN_SLASH_BPS() view returns(uint16)
func (jobEscrow *JobEscrow) TryPackMINSLASHBPS() ([]byte, error) {
	return jobEscrow.abi.Pack("MIN_SLASH_BPS")
}

// UnpackMINSLASHBPS is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8afbfbe0.
//
// Solidity: function MIN_SLASH_BPS() view returns(uint16)
func (jobEscrow *JobEscrow) UnpackMINSLASHBPS(data []byte) (uint16, error) {
	out, err := jobEscrow.abi.Unpack("MIN_SLASH_BPS", data)
	if err != nil {
		return *new(uint16), err
	}
	out0 := *abi.ConvertType(out[0], new(uint16)).(*uint16)
	return out0, nil
}

// PackPROOFCLAIMTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xba1b8c76.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function PROOF_CLAIM_TYPEHASH() view returns(bytes32)
func (jobEscrow *JobEscrow) PackPROOFCLAIMTYPEHASH() []byte {
	enc, err := jobEscrow.abi.Pack("PROOF_CLAIM_TYPEHASH")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPROOFCLAIMTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xba1b8c76.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function PROOF_CLAIM_TYPEHASH() view returns(bytes32)
func (jobEscrow *JobEscrow) TryPackPROOFCLAIMTYPEHASH() ([]byte, error) {
	return jobEscrow.abi.Pack("PROOF_CLAIM_TYPEHASH")
}

// UnpackPROOFCLAIMTYPEHASH is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xba1b8c76.
//
// Solidity: function PROOF_CLAIM_TYPEHASH() view returns(bytes32)
func (jobEscrow *JobEscrow) UnpackPROOFCLAIMTYPEHASH(data []byte) ([32]byte, error) {
	out, err := jobEscrow.abi.Unpack("PROOF_CLAIM_TYPEHASH", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackRECEIPTTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x95850f59.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function RECEIPT_TYPEHASH() view returns(bytes32)
func (jobEscrow *JobEscrow) PackRECEIPTTYPEHASH() []byte {
	enc, err := jobEscrow.abi.Pack("RECEIPT_TYPEHASH")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRECEIPTTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x95850f59.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function RECEIPT_TYPEHASH() view returns(bytes32)
func (jobEscrow *JobEscrow) TryPackRECEIPTTYPEHASH() ([]byte, error) {
	return jobEscrow.abi.Pack("RECEIPT_TYPEHASH")
}

// UnpackRECEIPTTYPEHASH is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x95850f59.
//
// Solidity: function RECEIPT_TYPEHASH() view returns(bytes32)
func (jobEscrow *JobEscrow) UnpackRECEIPTTYPEHASH(data []byte) ([32]byte, error) {
	out, err := jobEscrow.abi.Unpack("RECEIPT_TYPEHASH", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackVERIFYGAS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4ea4ffc8.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function VERIFY_GAS() view returns(uint256)
func (jobEscrow *JobEscrow) PackVERIFYGAS() []byte {
	enc, err := jobEscrow.abi.Pack("VERIFY_GAS")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackVERIFYGAS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4ea4ffc8.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function VERIFY_GAS() view returns(uint256)
func (jobEscrow *JobEscrow) TryPackVERIFYGAS() ([]byte, error) {
	return jobEscrow.abi.Pack("VERIFY_GAS")
}

// UnpackVERIFYGAS is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x4ea4ffc8.
//
// Solidity: function VERIFY_GAS() view returns(uint256)
func (jobEscrow *JobEscrow) UnpackVERIFYGAS(data []byte) (*big.Int, error) {
	out, err := jobEscrow.abi.Unpack("VERIFY_GAS", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackVERIFYGASPERINPUT is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf76bfc70.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function VERIFY_GAS_PER_INPUT() view returns(uint256)
func (jobEscrow *JobEscrow) PackVERIFYGASPERINPUT() []byte {
	enc, err := jobEscrow.abi.Pack("VERIFY_GAS_PER_INPUT")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackVERIFYGASPERINPUT is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf76bfc70.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function VERIFY_GAS_PER_INPUT() view returns(uint256)
func (jobEscrow *JobEscrow) TryPackVERIFYGASPERINPUT() ([]byte, error) {
	return jobEscrow.abi.Pack("VERIFY_GAS_PER_INPUT")
}

// UnpackVERIFYGASPERINPUT is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf76bfc70.
//
// Solidity: function VERIFY_GAS_PER_INPUT() view returns(uint256)
func (jobEscrow *JobEscrow) UnpackVERIFYGASPERINPUT(data []byte) (*big.Int, error) {
	out, err := jobEscrow.abi.Unpack("VERIFY_GAS_PER_INPUT", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackVOUCHERTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x94739e87.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function VOUCHER_TYPEHASH() view returns(bytes32)
func (jobEscrow *JobEscrow) PackVOUCHERTYPEHASH() []byte {
	enc, err := jobEscrow.abi.Pack("VOUCHER_TYPEHASH")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackVOUCHERTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x94739e87.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function VOUCHER_TYPEHASH() view returns(bytes32)
func (jobEscrow *JobEscrow) TryPackVOUCHERTYPEHASH() ([]byte, error) {
	return jobEscrow.abi.Pack("VOUCHER_TYPEHASH")
}

// UnpackVOUCHERTYPEHASH is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x94739e87.
//
// Solidity: function VOUCHER_TYPEHASH() view returns(bytes32)
func (jobEscrow *JobEscrow) UnpackVOUCHERTYPEHASH(data []byte) ([32]byte, error) {
	out, err := jobEscrow.abi.Unpack("VOUCHER_TYPEHASH", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackAnchorCheckpoints is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2c4ee9f3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function anchorCheckpoints(bytes32 jobId, bytes32 root, uint256 count) returns()
func (jobEscrow *JobEscrow) PackAnchorCheckpoints(jobId [32]byte, root [32]byte, count *big.Int) []byte {
	enc, err := jobEscrow.abi.Pack("anchorCheckpoints", jobId, root, count)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAnchorCheckpoints is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2c4ee9f3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function anchorCheckpoints(bytes32 jobId, bytes32 root, uint256 count) returns()
func (jobEscrow *JobEscrow) TryPackAnchorCheckpoints(jobId [32]byte, root [32]byte, count *big.Int) ([]byte, error) {
	return jobEscrow.abi.Pack("anchorCheckpoints", jobId, root, count)
}

// PackBadProofReported is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf4736125.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function badProofReported(bytes32 key) view returns(bool)
func (jobEscrow *JobEscrow) PackBadProofReported(key [32]byte) []byte {
	enc, err := jobEscrow.abi.Pack("badProofReported", key)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBadProofReported is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf4736125.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function badProofReported(bytes32 key) view returns(bool)
func (jobEscrow *JobEscrow) TryPackBadProofReported(key [32]byte) ([]byte, error) {
	return jobEscrow.abi.Pack("badProofReported", key)
}

// UnpackBadProofReported is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf4736125.
//
// Solidity: function badProofReported(bytes32 key) view returns(bool)
func (jobEscrow *JobEscrow) UnpackBadProofReported(data []byte) (bool, error) {
	out, err := jobEscrow.abi.Unpack("badProofReported", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackDomainSeparator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf698da25.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (jobEscrow *JobEscrow) PackDomainSeparator() []byte {
	enc, err := jobEscrow.abi.Pack("domainSeparator")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDomainSeparator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf698da25.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (jobEscrow *JobEscrow) TryPackDomainSeparator() ([]byte, error) {
	return jobEscrow.abi.Pack("domainSeparator")
}

// UnpackDomainSeparator is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf698da25.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (jobEscrow *JobEscrow) UnpackDomainSeparator(data []byte) ([32]byte, error) {
	out, err := jobEscrow.abi.Unpack("domainSeparator", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackEip712Domain is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x84b0196e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function eip712Domain() view returns(bytes1 fields, string name, string version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] extensions)
func (jobEscrow *JobEscrow) PackEip712Domain() []byte {
	enc, err := jobEscrow.abi.Pack("eip712Domain")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackEip712Domain is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x84b0196e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function eip712Domain() view returns(bytes1 fields, string name, string version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] extensions)
func (jobEscrow *JobEscrow) TryPackEip712Domain() ([]byte, error) {
	return jobEscrow.abi.Pack("eip712Domain")
}

// Eip712DomainOutput serves as a container for the return parameters of contract
// method Eip712Domain.
type Eip712DomainOutput struct {
	Fields            [1]byte
	Name              string
	Version           string
	ChainId           *big.Int
	VerifyingContract common.Address
	Salt              [32]byte
	Extensions        []*big.Int
}

// UnpackEip712Domain is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x84b0196e.
//
// Solidity: function eip712Domain() view returns(bytes1 fields, string name, string version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] extensions)
func (jobEscrow *JobEscrow) UnpackEip712Domain(data []byte) (Eip712DomainOutput, error) {
	out, err := jobEscrow.abi.Unpack("eip712Domain", data)
	outstruct := new(Eip712DomainOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Fields = *abi.ConvertType(out[0], new([1]byte)).(*[1]byte)
	outstruct.Name = *abi.ConvertType(out[1], new(string)).(*string)
	outstruct.Version = *abi.ConvertType(out[2], new(string)).(*string)
	outstruct.ChainId = abi.ConvertType(out[3], new(big.Int)).(*big.Int)
	outstruct.VerifyingContract = *abi.ConvertType(out[4], new(common.Address)).(*common.Address)
	outstruct.Salt = *abi.ConvertType(out[5], new([32]byte)).(*[32]byte)
	outstruct.Extensions = *abi.ConvertType(out[6], new([]*big.Int)).(*[]*big.Int)
	return *outstruct, nil
}

// PackEquivocationReported is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdd04d524.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function equivocationReported(bytes32 key) view returns(bool)
func (jobEscrow *JobEscrow) PackEquivocationReported(key [32]byte) []byte {
	enc, err := jobEscrow.abi.Pack("equivocationReported", key)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackEquivocationReported is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdd04d524.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function equivocationReported(bytes32 key) view returns(bool)
func (jobEscrow *JobEscrow) TryPackEquivocationReported(key [32]byte) ([]byte, error) {
	return jobEscrow.abi.Pack("equivocationReported", key)
}

// UnpackEquivocationReported is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xdd04d524.
//
// Solidity: function equivocationReported(bytes32 key) view returns(bool)
func (jobEscrow *JobEscrow) UnpackEquivocationReported(data []byte) (bool, error) {
	out, err := jobEscrow.abi.Unpack("equivocationReported", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackGetCircuit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x753d1941.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getCircuit(bytes32 circuitId) view returns((address,uint8,uint8))
func (jobEscrow *JobEscrow) PackGetCircuit(circuitId [32]byte) []byte {
	enc, err := jobEscrow.abi.Pack("getCircuit", circuitId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetCircuit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x753d1941.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getCircuit(bytes32 circuitId) view returns((address,uint8,uint8))
func (jobEscrow *JobEscrow) TryPackGetCircuit(circuitId [32]byte) ([]byte, error) {
	return jobEscrow.abi.Pack("getCircuit", circuitId)
}

// UnpackGetCircuit is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x753d1941.
//
// Solidity: function getCircuit(bytes32 circuitId) view returns((address,uint8,uint8))
func (jobEscrow *JobEscrow) UnpackGetCircuit(data []byte) (JobEscrowCircuit, error) {
	out, err := jobEscrow.abi.Unpack("getCircuit", data)
	if err != nil {
		return *new(JobEscrowCircuit), err
	}
	out0 := *abi.ConvertType(out[0], new(JobEscrowCircuit)).(*JobEscrowCircuit)
	return out0, nil
}

// PackGetJob is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf729cf0d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getJob(bytes32 jobId) view returns((address,uint64,uint120,uint120,bool,bool) j)
func (jobEscrow *JobEscrow) PackGetJob(jobId [32]byte) []byte {
	enc, err := jobEscrow.abi.Pack("getJob", jobId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetJob is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf729cf0d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getJob(bytes32 jobId) view returns((address,uint64,uint120,uint120,bool,bool) j)
func (jobEscrow *JobEscrow) TryPackGetJob(jobId [32]byte) ([]byte, error) {
	return jobEscrow.abi.Pack("getJob", jobId)
}

// UnpackGetJob is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf729cf0d.
//
// Solidity: function getJob(bytes32 jobId) view returns((address,uint64,uint120,uint120,bool,bool) j)
func (jobEscrow *JobEscrow) UnpackGetJob(data []byte) (JobEscrowJob, error) {
	out, err := jobEscrow.abi.Unpack("getJob", data)
	if err != nil {
		return *new(JobEscrowJob), err
	}
	out0 := *abi.ConvertType(out[0], new(JobEscrowJob)).(*JobEscrowJob)
	return out0, nil
}

// PackGetProofTerms is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbaa5d1da.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getProofTerms(bytes32 jobId) view returns((address,uint8,uint8,uint48,uint80,uint48,bytes32,bytes32))
func (jobEscrow *JobEscrow) PackGetProofTerms(jobId [32]byte) []byte {
	enc, err := jobEscrow.abi.Pack("getProofTerms", jobId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetProofTerms is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xbaa5d1da.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getProofTerms(bytes32 jobId) view returns((address,uint8,uint8,uint48,uint80,uint48,bytes32,bytes32))
func (jobEscrow *JobEscrow) TryPackGetProofTerms(jobId [32]byte) ([]byte, error) {
	return jobEscrow.abi.Pack("getProofTerms", jobId)
}

// UnpackGetProofTerms is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xbaa5d1da.
//
// Solidity: function getProofTerms(bytes32 jobId) view returns((address,uint8,uint8,uint48,uint80,uint48,bytes32,bytes32))
func (jobEscrow *JobEscrow) UnpackGetProofTerms(data []byte) (JobEscrowProofTerms, error) {
	out, err := jobEscrow.abi.Unpack("getProofTerms", data)
	if err != nil {
		return *new(JobEscrowProofTerms), err
	}
	out0 := *abi.ConvertType(out[0], new(JobEscrowProofTerms)).(*JobEscrowProofTerms)
	return out0, nil
}

// PackIsSettled is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2467d87.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isSettled(bytes32 jobId, uint256 index) view returns(bool)
func (jobEscrow *JobEscrow) PackIsSettled(jobId [32]byte, index *big.Int) []byte {
	enc, err := jobEscrow.abi.Pack("isSettled", jobId, index)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsSettled is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2467d87.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isSettled(bytes32 jobId, uint256 index) view returns(bool)
func (jobEscrow *JobEscrow) TryPackIsSettled(jobId [32]byte, index *big.Int) ([]byte, error) {
	return jobEscrow.abi.Pack("isSettled", jobId, index)
}

// UnpackIsSettled is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf2467d87.
//
// Solidity: function isSettled(bytes32 jobId, uint256 index) view returns(bool)
func (jobEscrow *JobEscrow) UnpackIsSettled(data []byte) (bool, error) {
	out, err := jobEscrow.abi.Unpack("isSettled", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackJobIdOwnedBy is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x57fd44c4.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function jobIdOwnedBy(bytes32 jobId, address consumer) pure returns(bool)
func (jobEscrow *JobEscrow) PackJobIdOwnedBy(jobId [32]byte, consumer common.Address) []byte {
	enc, err := jobEscrow.abi.Pack("jobIdOwnedBy", jobId, consumer)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackJobIdOwnedBy is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x57fd44c4.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function jobIdOwnedBy(bytes32 jobId, address consumer) pure returns(bool)
func (jobEscrow *JobEscrow) TryPackJobIdOwnedBy(jobId [32]byte, consumer common.Address) ([]byte, error) {
	return jobEscrow.abi.Pack("jobIdOwnedBy", jobId, consumer)
}

// UnpackJobIdOwnedBy is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x57fd44c4.
//
// Solidity: function jobIdOwnedBy(bytes32 jobId, address consumer) pure returns(bool)
func (jobEscrow *JobEscrow) UnpackJobIdOwnedBy(data []byte) (bool, error) {
	out, err := jobEscrow.abi.Unpack("jobIdOwnedBy", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackOpenJob is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf61962aa.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function openJob(bytes32 jobId, uint256 amount, uint64 deadline) returns()
func (jobEscrow *JobEscrow) PackOpenJob(jobId [32]byte, amount *big.Int, deadline uint64) []byte {
	enc, err := jobEscrow.abi.Pack("openJob", jobId, amount, deadline)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOpenJob is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf61962aa.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function openJob(bytes32 jobId, uint256 amount, uint64 deadline) returns()
func (jobEscrow *JobEscrow) TryPackOpenJob(jobId [32]byte, amount *big.Int, deadline uint64) ([]byte, error) {
	return jobEscrow.abi.Pack("openJob", jobId, amount, deadline)
}

// PackOpenJobs is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1f0f083f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function openJobs(bytes32[] jobIds, uint256[] amounts, uint64[] deadlines) returns()
func (jobEscrow *JobEscrow) PackOpenJobs(jobIds [][32]byte, amounts []*big.Int, deadlines []uint64) []byte {
	enc, err := jobEscrow.abi.Pack("openJobs", jobIds, amounts, deadlines)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOpenJobs is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1f0f083f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function openJobs(bytes32[] jobIds, uint256[] amounts, uint64[] deadlines) returns()
func (jobEscrow *JobEscrow) TryPackOpenJobs(jobIds [][32]byte, amounts []*big.Int, deadlines []uint64) ([]byte, error) {
	return jobEscrow.abi.Pack("openJobs", jobIds, amounts, deadlines)
}

// PackOpenProofJob is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9c657b4a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function openProofJob(bytes32 jobId, uint256 amount, uint64 deadline, bytes32 circuitId, uint256 price, bytes32 taskRoot, uint48 tasks) returns()
func (jobEscrow *JobEscrow) PackOpenProofJob(jobId [32]byte, amount *big.Int, deadline uint64, circuitId [32]byte, price *big.Int, taskRoot [32]byte, tasks *big.Int) []byte {
	enc, err := jobEscrow.abi.Pack("openProofJob", jobId, amount, deadline, circuitId, price, taskRoot, tasks)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOpenProofJob is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9c657b4a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function openProofJob(bytes32 jobId, uint256 amount, uint64 deadline, bytes32 circuitId, uint256 price, bytes32 taskRoot, uint48 tasks) returns()
func (jobEscrow *JobEscrow) TryPackOpenProofJob(jobId [32]byte, amount *big.Int, deadline uint64, circuitId [32]byte, price *big.Int, taskRoot [32]byte, tasks *big.Int) ([]byte, error) {
	return jobEscrow.abi.Pack("openProofJob", jobId, amount, deadline, circuitId, price, taskRoot, tasks)
}

// PackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function owner() view returns(address)
func (jobEscrow *JobEscrow) PackOwner() []byte {
	enc, err := jobEscrow.abi.Pack("owner")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function owner() view returns(address)
func (jobEscrow *JobEscrow) TryPackOwner() ([]byte, error) {
	return jobEscrow.abi.Pack("owner")
}

// UnpackOwner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8da5cb5b.
//
// Solidity: function owner() view returns(address)
func (jobEscrow *JobEscrow) UnpackOwner(data []byte) (common.Address, error) {
	out, err := jobEscrow.abi.Unpack("owner", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackProofClaimDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x502482aa.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function proofClaimDigest(bytes32 jobId, uint256 index, uint256[8] proof, uint256[] inputs) view returns(bytes32)
func (jobEscrow *JobEscrow) PackProofClaimDigest(jobId [32]byte, index *big.Int, proof [8]*big.Int, inputs []*big.Int) []byte {
	enc, err := jobEscrow.abi.Pack("proofClaimDigest", jobId, index, proof, inputs)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackProofClaimDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x502482aa.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function proofClaimDigest(bytes32 jobId, uint256 index, uint256[8] proof, uint256[] inputs) view returns(bytes32)
func (jobEscrow *JobEscrow) TryPackProofClaimDigest(jobId [32]byte, index *big.Int, proof [8]*big.Int, inputs []*big.Int) ([]byte, error) {
	return jobEscrow.abi.Pack("proofClaimDigest", jobId, index, proof, inputs)
}

// UnpackProofClaimDigest is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x502482aa.
//
// Solidity: function proofClaimDigest(bytes32 jobId, uint256 index, uint256[8] proof, uint256[] inputs) view returns(bytes32)
func (jobEscrow *JobEscrow) UnpackProofClaimDigest(data []byte) ([32]byte, error) {
	out, err := jobEscrow.abi.Unpack("proofClaimDigest", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackReceiptDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfced06b2.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function receiptDigest((bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,int64,address) r) view returns(bytes32)
func (jobEscrow *JobEscrow) PackReceiptDigest(r JobEscrowReceipt) []byte {
	enc, err := jobEscrow.abi.Pack("receiptDigest", r)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackReceiptDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfced06b2.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function receiptDigest((bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,int64,address) r) view returns(bytes32)
func (jobEscrow *JobEscrow) TryPackReceiptDigest(r JobEscrowReceipt) ([]byte, error) {
	return jobEscrow.abi.Pack("receiptDigest", r)
}

// UnpackReceiptDigest is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xfced06b2.
//
// Solidity: function receiptDigest((bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,int64,address) r) view returns(bytes32)
func (jobEscrow *JobEscrow) UnpackReceiptDigest(data []byte) ([32]byte, error) {
	out, err := jobEscrow.abi.Unpack("receiptDigest", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackRedeem is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x605ac3be.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function redeem(bytes32 jobId, address provider, uint256 cumulativeAmount, bytes consumerSignature) returns()
func (jobEscrow *JobEscrow) PackRedeem(jobId [32]byte, provider common.Address, cumulativeAmount *big.Int, consumerSignature []byte) []byte {
	enc, err := jobEscrow.abi.Pack("redeem", jobId, provider, cumulativeAmount, consumerSignature)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRedeem is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x605ac3be.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function redeem(bytes32 jobId, address provider, uint256 cumulativeAmount, bytes consumerSignature) returns()
func (jobEscrow *JobEscrow) TryPackRedeem(jobId [32]byte, provider common.Address, cumulativeAmount *big.Int, consumerSignature []byte) ([]byte, error) {
	return jobEscrow.abi.Pack("redeem", jobId, provider, cumulativeAmount, consumerSignature)
}

// PackRedeemed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0fb128fd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function redeemed(bytes32 jobId, address provider) view returns(uint256)
func (jobEscrow *JobEscrow) PackRedeemed(jobId [32]byte, provider common.Address) []byte {
	enc, err := jobEscrow.abi.Pack("redeemed", jobId, provider)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRedeemed is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0fb128fd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function redeemed(bytes32 jobId, address provider) view returns(uint256)
func (jobEscrow *JobEscrow) TryPackRedeemed(jobId [32]byte, provider common.Address) ([]byte, error) {
	return jobEscrow.abi.Pack("redeemed", jobId, provider)
}

// UnpackRedeemed is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x0fb128fd.
//
// Solidity: function redeemed(bytes32 jobId, address provider) view returns(uint256)
func (jobEscrow *JobEscrow) UnpackRedeemed(data []byte) (*big.Int, error) {
	out, err := jobEscrow.abi.Unpack("redeemed", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackRefund is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7249fbb6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function refund(bytes32 jobId) returns()
func (jobEscrow *JobEscrow) PackRefund(jobId [32]byte) []byte {
	enc, err := jobEscrow.abi.Pack("refund", jobId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRefund is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7249fbb6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function refund(bytes32 jobId) returns()
func (jobEscrow *JobEscrow) TryPackRefund(jobId [32]byte) ([]byte, error) {
	return jobEscrow.abi.Pack("refund", jobId)
}

// PackRefundGrace is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xacbe79b7.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function refundGrace() view returns(uint64)
func (jobEscrow *JobEscrow) PackRefundGrace() []byte {
	enc, err := jobEscrow.abi.Pack("refundGrace")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRefundGrace is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xacbe79b7.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function refundGrace() view returns(uint64)
func (jobEscrow *JobEscrow) TryPackRefundGrace() ([]byte, error) {
	return jobEscrow.abi.Pack("refundGrace")
}

// UnpackRefundGrace is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xacbe79b7.
//
// Solidity: function refundGrace() view returns(uint64)
func (jobEscrow *JobEscrow) UnpackRefundGrace(data []byte) (uint64, error) {
	out, err := jobEscrow.abi.Unpack("refundGrace", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackRegistry is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7b103999.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function registry() view returns(address)
func (jobEscrow *JobEscrow) PackRegistry() []byte {
	enc, err := jobEscrow.abi.Pack("registry")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRegistry is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7b103999.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function registry() view returns(address)
func (jobEscrow *JobEscrow) TryPackRegistry() ([]byte, error) {
	return jobEscrow.abi.Pack("registry")
}

// UnpackRegistry is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x7b103999.
//
// Solidity: function registry() view returns(address)
func (jobEscrow *JobEscrow) UnpackRegistry(data []byte) (common.Address, error) {
	out, err := jobEscrow.abi.Unpack("registry", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackRenounceOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x715018a6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function renounceOwnership() returns()
func (jobEscrow *JobEscrow) PackRenounceOwnership() []byte {
	enc, err := jobEscrow.abi.Pack("renounceOwnership")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRenounceOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x715018a6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function renounceOwnership() returns()
func (jobEscrow *JobEscrow) TryPackRenounceOwnership() ([]byte, error) {
	return jobEscrow.abi.Pack("renounceOwnership")
}

// PackReportBadProof is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe923dbc8.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function reportBadProof(bytes32 jobId, (bytes32,uint256,uint256[8],uint256[],bytes32[]) c, bytes sig) returns()
func (jobEscrow *JobEscrow) PackReportBadProof(jobId [32]byte, c JobEscrowClaim, sig []byte) []byte {
	enc, err := jobEscrow.abi.Pack("reportBadProof", jobId, c, sig)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackReportBadProof is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe923dbc8.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function reportBadProof(bytes32 jobId, (bytes32,uint256,uint256[8],uint256[],bytes32[]) c, bytes sig) returns()
func (jobEscrow *JobEscrow) TryPackReportBadProof(jobId [32]byte, c JobEscrowClaim, sig []byte) ([]byte, error) {
	return jobEscrow.abi.Pack("reportBadProof", jobId, c, sig)
}

// PackReportEquivocation is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x231d6e63.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function reportEquivocation((bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,int64,address) a, bytes sigA, (bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,int64,address) b, bytes sigB) returns()
func (jobEscrow *JobEscrow) PackReportEquivocation(a JobEscrowReceipt, sigA []byte, b JobEscrowReceipt, sigB []byte) []byte {
	enc, err := jobEscrow.abi.Pack("reportEquivocation", a, sigA, b, sigB)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackReportEquivocation is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x231d6e63.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function reportEquivocation((bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,int64,address) a, bytes sigA, (bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,int64,address) b, bytes sigB) returns()
func (jobEscrow *JobEscrow) TryPackReportEquivocation(a JobEscrowReceipt, sigA []byte, b JobEscrowReceipt, sigB []byte) ([]byte, error) {
	return jobEscrow.abi.Pack("reportEquivocation", a, sigA, b, sigB)
}

// PackReporterBps is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8b69c810.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function reporterBps() view returns(uint16)
func (jobEscrow *JobEscrow) PackReporterBps() []byte {
	enc, err := jobEscrow.abi.Pack("reporterBps")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackReporterBps is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8b69c810.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function reporterBps() view returns(uint16)
func (jobEscrow *JobEscrow) TryPackReporterBps() ([]byte, error) {
	return jobEscrow.abi.Pack("reporterBps")
}

// UnpackReporterBps is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8b69c810.
//
// Solidity: function reporterBps() view returns(uint16)
func (jobEscrow *JobEscrow) UnpackReporterBps(data []byte) (uint16, error) {
	out, err := jobEscrow.abi.Unpack("reporterBps", data)
	if err != nil {
		return *new(uint16), err
	}
	out0 := *abi.ConvertType(out[0], new(uint16)).(*uint16)
	return out0, nil
}

// PackSetCircuit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x91da067b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setCircuit(bytes32 circuitId, address verifier, uint8 fixedInputs, uint8 publicInputs) returns()
func (jobEscrow *JobEscrow) PackSetCircuit(circuitId [32]byte, verifier common.Address, fixedInputs uint8, publicInputs uint8) []byte {
	enc, err := jobEscrow.abi.Pack("setCircuit", circuitId, verifier, fixedInputs, publicInputs)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetCircuit is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x91da067b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setCircuit(bytes32 circuitId, address verifier, uint8 fixedInputs, uint8 publicInputs) returns()
func (jobEscrow *JobEscrow) TryPackSetCircuit(circuitId [32]byte, verifier common.Address, fixedInputs uint8, publicInputs uint8) ([]byte, error) {
	return jobEscrow.abi.Pack("setCircuit", circuitId, verifier, fixedInputs, publicInputs)
}

// PackSetSlashParams is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0ba6c7e8.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setSlashParams(uint16 slashBps_, uint16 reporterBps_) returns()
func (jobEscrow *JobEscrow) PackSetSlashParams(slashBps uint16, reporterBps uint16) []byte {
	enc, err := jobEscrow.abi.Pack("setSlashParams", slashBps, reporterBps)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetSlashParams is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0ba6c7e8.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setSlashParams(uint16 slashBps_, uint16 reporterBps_) returns()
func (jobEscrow *JobEscrow) TryPackSetSlashParams(slashBps uint16, reporterBps uint16) ([]byte, error) {
	return jobEscrow.abi.Pack("setSlashParams", slashBps, reporterBps)
}

// PackSetTreasury is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf0f44260.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setTreasury(address treasury_) returns()
func (jobEscrow *JobEscrow) PackSetTreasury(treasury common.Address) []byte {
	enc, err := jobEscrow.abi.Pack("setTreasury", treasury)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetTreasury is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf0f44260.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setTreasury(address treasury_) returns()
func (jobEscrow *JobEscrow) TryPackSetTreasury(treasury common.Address) ([]byte, error) {
	return jobEscrow.abi.Pack("setTreasury", treasury)
}

// PackSettleWithProof is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4ce79cf3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function settleWithProof(bytes32 jobId, bytes32 taskId, uint256 index, uint256[8] proof, uint256[] publicInputs, bytes32[] merkleProof) returns()
func (jobEscrow *JobEscrow) PackSettleWithProof(jobId [32]byte, taskId [32]byte, index *big.Int, proof [8]*big.Int, publicInputs []*big.Int, merkleProof [][32]byte) []byte {
	enc, err := jobEscrow.abi.Pack("settleWithProof", jobId, taskId, index, proof, publicInputs, merkleProof)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSettleWithProof is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4ce79cf3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function settleWithProof(bytes32 jobId, bytes32 taskId, uint256 index, uint256[8] proof, uint256[] publicInputs, bytes32[] merkleProof) returns()
func (jobEscrow *JobEscrow) TryPackSettleWithProof(jobId [32]byte, taskId [32]byte, index *big.Int, proof [8]*big.Int, publicInputs []*big.Int, merkleProof [][32]byte) ([]byte, error) {
	return jobEscrow.abi.Pack("settleWithProof", jobId, taskId, index, proof, publicInputs, merkleProof)
}

// PackSettleWithProofs is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7dfca42a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function settleWithProofs(bytes32 jobId, (bytes32,uint256,uint256[8],uint256[],bytes32[])[] claims) returns()
func (jobEscrow *JobEscrow) PackSettleWithProofs(jobId [32]byte, claims []JobEscrowClaim) []byte {
	enc, err := jobEscrow.abi.Pack("settleWithProofs", jobId, claims)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSettleWithProofs is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7dfca42a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function settleWithProofs(bytes32 jobId, (bytes32,uint256,uint256[8],uint256[],bytes32[])[] claims) returns()
func (jobEscrow *JobEscrow) TryPackSettleWithProofs(jobId [32]byte, claims []JobEscrowClaim) ([]byte, error) {
	return jobEscrow.abi.Pack("settleWithProofs", jobId, claims)
}

// PackSlashBps is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0681e651.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function slashBps() view returns(uint16)
func (jobEscrow *JobEscrow) PackSlashBps() []byte {
	enc, err := jobEscrow.abi.Pack("slashBps")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSlashBps is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0681e651.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function slashBps() view returns(uint16)
func (jobEscrow *JobEscrow) TryPackSlashBps() ([]byte, error) {
	return jobEscrow.abi.Pack("slashBps")
}

// UnpackSlashBps is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x0681e651.
//
// Solidity: function slashBps() view returns(uint16)
func (jobEscrow *JobEscrow) UnpackSlashBps(data []byte) (uint16, error) {
	out, err := jobEscrow.abi.Unpack("slashBps", data)
	if err != nil {
		return *new(uint16), err
	}
	out0 := *abi.ConvertType(out[0], new(uint16)).(*uint16)
	return out0, nil
}

// PackStatementDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd448815a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function statementDigest(uint256[] words, address payee) pure returns(uint256)
func (jobEscrow *JobEscrow) PackStatementDigest(words []*big.Int, payee common.Address) []byte {
	enc, err := jobEscrow.abi.Pack("statementDigest", words, payee)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackStatementDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd448815a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function statementDigest(uint256[] words, address payee) pure returns(uint256)
func (jobEscrow *JobEscrow) TryPackStatementDigest(words []*big.Int, payee common.Address) ([]byte, error) {
	return jobEscrow.abi.Pack("statementDigest", words, payee)
}

// UnpackStatementDigest is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd448815a.
//
// Solidity: function statementDigest(uint256[] words, address payee) pure returns(uint256)
func (jobEscrow *JobEscrow) UnpackStatementDigest(data []byte) (*big.Int, error) {
	out, err := jobEscrow.abi.Unpack("statementDigest", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackTaskLeaf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc44ddaed.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function taskLeaf(bytes32 jobId, uint256 index, bytes32 taskId, uint256[] fixedInputs) pure returns(bytes32)
func (jobEscrow *JobEscrow) PackTaskLeaf(jobId [32]byte, index *big.Int, taskId [32]byte, fixedInputs []*big.Int) []byte {
	enc, err := jobEscrow.abi.Pack("taskLeaf", jobId, index, taskId, fixedInputs)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTaskLeaf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc44ddaed.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function taskLeaf(bytes32 jobId, uint256 index, bytes32 taskId, uint256[] fixedInputs) pure returns(bytes32)
func (jobEscrow *JobEscrow) TryPackTaskLeaf(jobId [32]byte, index *big.Int, taskId [32]byte, fixedInputs []*big.Int) ([]byte, error) {
	return jobEscrow.abi.Pack("taskLeaf", jobId, index, taskId, fixedInputs)
}

// UnpackTaskLeaf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xc44ddaed.
//
// Solidity: function taskLeaf(bytes32 jobId, uint256 index, bytes32 taskId, uint256[] fixedInputs) pure returns(bytes32)
func (jobEscrow *JobEscrow) UnpackTaskLeaf(data []byte) ([32]byte, error) {
	out, err := jobEscrow.abi.Unpack("taskLeaf", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackToken is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfc0c546a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function token() view returns(address)
func (jobEscrow *JobEscrow) PackToken() []byte {
	enc, err := jobEscrow.abi.Pack("token")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackToken is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfc0c546a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function token() view returns(address)
func (jobEscrow *JobEscrow) TryPackToken() ([]byte, error) {
	return jobEscrow.abi.Pack("token")
}

// UnpackToken is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xfc0c546a.
//
// Solidity: function token() view returns(address)
func (jobEscrow *JobEscrow) UnpackToken(data []byte) (common.Address, error) {
	out, err := jobEscrow.abi.Unpack("token", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackTopUp is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb67644b9.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function topUp(bytes32 jobId, uint256 amount) returns()
func (jobEscrow *JobEscrow) PackTopUp(jobId [32]byte, amount *big.Int) []byte {
	enc, err := jobEscrow.abi.Pack("topUp", jobId, amount)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTopUp is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb67644b9.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function topUp(bytes32 jobId, uint256 amount) returns()
func (jobEscrow *JobEscrow) TryPackTopUp(jobId [32]byte, amount *big.Int) ([]byte, error) {
	return jobEscrow.abi.Pack("topUp", jobId, amount)
}

// PackTransferOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fde38b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferOwnership(address newOwner) returns()
func (jobEscrow *JobEscrow) PackTransferOwnership(newOwner common.Address) []byte {
	enc, err := jobEscrow.abi.Pack("transferOwnership", newOwner)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransferOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fde38b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transferOwnership(address newOwner) returns()
func (jobEscrow *JobEscrow) TryPackTransferOwnership(newOwner common.Address) ([]byte, error) {
	return jobEscrow.abi.Pack("transferOwnership", newOwner)
}

// PackTreasury is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x61d027b3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function treasury() view returns(address)
func (jobEscrow *JobEscrow) PackTreasury() []byte {
	enc, err := jobEscrow.abi.Pack("treasury")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTreasury is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x61d027b3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function treasury() view returns(address)
func (jobEscrow *JobEscrow) TryPackTreasury() ([]byte, error) {
	return jobEscrow.abi.Pack("treasury")
}

// UnpackTreasury is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x61d027b3.
//
// Solidity: function treasury() view returns(address)
func (jobEscrow *JobEscrow) UnpackTreasury(data []byte) (common.Address, error) {
	out, err := jobEscrow.abi.Unpack("treasury", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackVoucherDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd7a9fc54.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function voucherDigest(bytes32 jobId, address provider, uint256 cumulativeAmount) view returns(bytes32)
func (jobEscrow *JobEscrow) PackVoucherDigest(jobId [32]byte, provider common.Address, cumulativeAmount *big.Int) []byte {
	enc, err := jobEscrow.abi.Pack("voucherDigest", jobId, provider, cumulativeAmount)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackVoucherDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd7a9fc54.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function voucherDigest(bytes32 jobId, address provider, uint256 cumulativeAmount) view returns(bytes32)
func (jobEscrow *JobEscrow) TryPackVoucherDigest(jobId [32]byte, provider common.Address, cumulativeAmount *big.Int) ([]byte, error) {
	return jobEscrow.abi.Pack("voucherDigest", jobId, provider, cumulativeAmount)
}

// UnpackVoucherDigest is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd7a9fc54.
//
// Solidity: function voucherDigest(bytes32 jobId, address provider, uint256 cumulativeAmount) view returns(bytes32)
func (jobEscrow *JobEscrow) UnpackVoucherDigest(data []byte) ([32]byte, error) {
	out, err := jobEscrow.abi.Unpack("voucherDigest", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// JobEscrowBadProofReported represents a BadProofReported event raised by the JobEscrow contract.
type JobEscrowBadProofReported struct {
	JobId    [32]byte
	Index    *big.Int
	Provider common.Address
	Reporter common.Address
	Slashed  *big.Int
	Reward   *big.Int
	Raw      *types.Log // Blockchain specific contextual infos
}

const JobEscrowBadProofReportedEventName = "BadProofReported"

// ContractEventName returns the user-defined event name.
func (JobEscrowBadProofReported) ContractEventName() string {
	return JobEscrowBadProofReportedEventName
}

// UnpackBadProofReportedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event BadProofReported(bytes32 indexed jobId, uint256 indexed index, address indexed provider, address reporter, uint256 slashed, uint256 reward)
func (jobEscrow *JobEscrow) UnpackBadProofReportedEvent(log *types.Log) (*JobEscrowBadProofReported, error) {
	event := "BadProofReported"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != jobEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(JobEscrowBadProofReported)
	if len(log.Data) > 0 {
		if err := jobEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range jobEscrow.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// JobEscrowCheckpointsAnchored represents a CheckpointsAnchored event raised by the JobEscrow contract.
type JobEscrowCheckpointsAnchored struct {
	JobId [32]byte
	Root  [32]byte
	Count *big.Int
	Raw   *types.Log // Blockchain specific contextual infos
}

const JobEscrowCheckpointsAnchoredEventName = "CheckpointsAnchored"

// ContractEventName returns the user-defined event name.
func (JobEscrowCheckpointsAnchored) ContractEventName() string {
	return JobEscrowCheckpointsAnchoredEventName
}

// UnpackCheckpointsAnchoredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event CheckpointsAnchored(bytes32 indexed jobId, bytes32 root, uint256 count)
func (jobEscrow *JobEscrow) UnpackCheckpointsAnchoredEvent(log *types.Log) (*JobEscrowCheckpointsAnchored, error) {
	event := "CheckpointsAnchored"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != jobEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(JobEscrowCheckpointsAnchored)
	if len(log.Data) > 0 {
		if err := jobEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range jobEscrow.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// JobEscrowCircuitSet represents a CircuitSet event raised by the JobEscrow contract.
type JobEscrowCircuitSet struct {
	CircuitId    [32]byte
	Verifier     common.Address
	FixedInputs  uint8
	PublicInputs uint8
	Raw          *types.Log // Blockchain specific contextual infos
}

const JobEscrowCircuitSetEventName = "CircuitSet"

// ContractEventName returns the user-defined event name.
func (JobEscrowCircuitSet) ContractEventName() string {
	return JobEscrowCircuitSetEventName
}

// UnpackCircuitSetEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event CircuitSet(bytes32 indexed circuitId, address indexed verifier, uint8 fixedInputs, uint8 publicInputs)
func (jobEscrow *JobEscrow) UnpackCircuitSetEvent(log *types.Log) (*JobEscrowCircuitSet, error) {
	event := "CircuitSet"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != jobEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(JobEscrowCircuitSet)
	if len(log.Data) > 0 {
		if err := jobEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range jobEscrow.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// JobEscrowEIP712DomainChanged represents a EIP712DomainChanged event raised by the JobEscrow contract.
type JobEscrowEIP712DomainChanged struct {
	Raw *types.Log // Blockchain specific contextual infos
}

const JobEscrowEIP712DomainChangedEventName = "EIP712DomainChanged"

// ContractEventName returns the user-defined event name.
func (JobEscrowEIP712DomainChanged) ContractEventName() string {
	return JobEscrowEIP712DomainChangedEventName
}

// UnpackEIP712DomainChangedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event EIP712DomainChanged()
func (jobEscrow *JobEscrow) UnpackEIP712DomainChangedEvent(log *types.Log) (*JobEscrowEIP712DomainChanged, error) {
	event := "EIP712DomainChanged"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != jobEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(JobEscrowEIP712DomainChanged)
	if len(log.Data) > 0 {
		if err := jobEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range jobEscrow.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// JobEscrowEquivocationReported represents a EquivocationReported event raised by the JobEscrow contract.
type JobEscrowEquivocationReported struct {
	JobId    [32]byte
	TaskId   [32]byte
	Provider common.Address
	Reporter common.Address
	Slashed  *big.Int
	Reward   *big.Int
	Raw      *types.Log // Blockchain specific contextual infos
}

const JobEscrowEquivocationReportedEventName = "EquivocationReported"

// ContractEventName returns the user-defined event name.
func (JobEscrowEquivocationReported) ContractEventName() string {
	return JobEscrowEquivocationReportedEventName
}

// UnpackEquivocationReportedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event EquivocationReported(bytes32 indexed jobId, bytes32 indexed taskId, address indexed provider, address reporter, uint256 slashed, uint256 reward)
func (jobEscrow *JobEscrow) UnpackEquivocationReportedEvent(log *types.Log) (*JobEscrowEquivocationReported, error) {
	event := "EquivocationReported"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != jobEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(JobEscrowEquivocationReported)
	if len(log.Data) > 0 {
		if err := jobEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range jobEscrow.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// JobEscrowJobOpened represents a JobOpened event raised by the JobEscrow contract.
type JobEscrowJobOpened struct {
	JobId    [32]byte
	Consumer common.Address
	Amount   *big.Int
	Deadline uint64
	Raw      *types.Log // Blockchain specific contextual infos
}

const JobEscrowJobOpenedEventName = "JobOpened"

// ContractEventName returns the user-defined event name.
func (JobEscrowJobOpened) ContractEventName() string {
	return JobEscrowJobOpenedEventName
}

// UnpackJobOpenedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event JobOpened(bytes32 indexed jobId, address indexed consumer, uint256 amount, uint64 deadline)
func (jobEscrow *JobEscrow) UnpackJobOpenedEvent(log *types.Log) (*JobEscrowJobOpened, error) {
	event := "JobOpened"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != jobEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(JobEscrowJobOpened)
	if len(log.Data) > 0 {
		if err := jobEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range jobEscrow.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// JobEscrowOwnershipTransferred represents a OwnershipTransferred event raised by the JobEscrow contract.
type JobEscrowOwnershipTransferred struct {
	PreviousOwner common.Address
	NewOwner      common.Address
	Raw           *types.Log // Blockchain specific contextual infos
}

const JobEscrowOwnershipTransferredEventName = "OwnershipTransferred"

// ContractEventName returns the user-defined event name.
func (JobEscrowOwnershipTransferred) ContractEventName() string {
	return JobEscrowOwnershipTransferredEventName
}

// UnpackOwnershipTransferredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event OwnershipTransferred(address indexed previousOwner, address indexed newOwner)
func (jobEscrow *JobEscrow) UnpackOwnershipTransferredEvent(log *types.Log) (*JobEscrowOwnershipTransferred, error) {
	event := "OwnershipTransferred"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != jobEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(JobEscrowOwnershipTransferred)
	if len(log.Data) > 0 {
		if err := jobEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range jobEscrow.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// JobEscrowProofJobOpened represents a ProofJobOpened event raised by the JobEscrow contract.
type JobEscrowProofJobOpened struct {
	JobId     [32]byte
	CircuitId [32]byte
	Price     *big.Int
	TaskRoot  [32]byte
	Tasks     *big.Int
	Raw       *types.Log // Blockchain specific contextual infos
}

const JobEscrowProofJobOpenedEventName = "ProofJobOpened"

// ContractEventName returns the user-defined event name.
func (JobEscrowProofJobOpened) ContractEventName() string {
	return JobEscrowProofJobOpenedEventName
}

// UnpackProofJobOpenedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ProofJobOpened(bytes32 indexed jobId, bytes32 indexed circuitId, uint256 price, bytes32 taskRoot, uint48 tasks)
func (jobEscrow *JobEscrow) UnpackProofJobOpenedEvent(log *types.Log) (*JobEscrowProofJobOpened, error) {
	event := "ProofJobOpened"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != jobEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(JobEscrowProofJobOpened)
	if len(log.Data) > 0 {
		if err := jobEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range jobEscrow.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// JobEscrowProofSettled represents a ProofSettled event raised by the JobEscrow contract.
type JobEscrowProofSettled struct {
	JobId    [32]byte
	Provider common.Address
	Index    *big.Int
	Raw      *types.Log // Blockchain specific contextual infos
}

const JobEscrowProofSettledEventName = "ProofSettled"

// ContractEventName returns the user-defined event name.
func (JobEscrowProofSettled) ContractEventName() string {
	return JobEscrowProofSettledEventName
}

// UnpackProofSettledEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ProofSettled(bytes32 indexed jobId, address indexed provider, uint256 index)
func (jobEscrow *JobEscrow) UnpackProofSettledEvent(log *types.Log) (*JobEscrowProofSettled, error) {
	event := "ProofSettled"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != jobEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(JobEscrowProofSettled)
	if len(log.Data) > 0 {
		if err := jobEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range jobEscrow.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// JobEscrowRedeemed represents a Redeemed event raised by the JobEscrow contract.
type JobEscrowRedeemed struct {
	JobId           [32]byte
	Provider        common.Address
	Amount          *big.Int
	TotalToProvider *big.Int
	Raw             *types.Log // Blockchain specific contextual infos
}

const JobEscrowRedeemedEventName = "Redeemed"

// ContractEventName returns the user-defined event name.
func (JobEscrowRedeemed) ContractEventName() string {
	return JobEscrowRedeemedEventName
}

// UnpackRedeemedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Redeemed(bytes32 indexed jobId, address indexed provider, uint256 amount, uint256 totalToProvider)
func (jobEscrow *JobEscrow) UnpackRedeemedEvent(log *types.Log) (*JobEscrowRedeemed, error) {
	event := "Redeemed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != jobEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(JobEscrowRedeemed)
	if len(log.Data) > 0 {
		if err := jobEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range jobEscrow.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// JobEscrowRefunded represents a Refunded event raised by the JobEscrow contract.
type JobEscrowRefunded struct {
	JobId    [32]byte
	Consumer common.Address
	Amount   *big.Int
	Raw      *types.Log // Blockchain specific contextual infos
}

const JobEscrowRefundedEventName = "Refunded"

// ContractEventName returns the user-defined event name.
func (JobEscrowRefunded) ContractEventName() string {
	return JobEscrowRefundedEventName
}

// UnpackRefundedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Refunded(bytes32 indexed jobId, address indexed consumer, uint256 amount)
func (jobEscrow *JobEscrow) UnpackRefundedEvent(log *types.Log) (*JobEscrowRefunded, error) {
	event := "Refunded"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != jobEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(JobEscrowRefunded)
	if len(log.Data) > 0 {
		if err := jobEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range jobEscrow.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// JobEscrowSlashParamsSet represents a SlashParamsSet event raised by the JobEscrow contract.
type JobEscrowSlashParamsSet struct {
	SlashBps    uint16
	ReporterBps uint16
	Raw         *types.Log // Blockchain specific contextual infos
}

const JobEscrowSlashParamsSetEventName = "SlashParamsSet"

// ContractEventName returns the user-defined event name.
func (JobEscrowSlashParamsSet) ContractEventName() string {
	return JobEscrowSlashParamsSetEventName
}

// UnpackSlashParamsSetEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event SlashParamsSet(uint16 slashBps, uint16 reporterBps)
func (jobEscrow *JobEscrow) UnpackSlashParamsSetEvent(log *types.Log) (*JobEscrowSlashParamsSet, error) {
	event := "SlashParamsSet"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != jobEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(JobEscrowSlashParamsSet)
	if len(log.Data) > 0 {
		if err := jobEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range jobEscrow.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// JobEscrowToppedUp represents a ToppedUp event raised by the JobEscrow contract.
type JobEscrowToppedUp struct {
	JobId     [32]byte
	Amount    *big.Int
	Deposited *big.Int
	Raw       *types.Log // Blockchain specific contextual infos
}

const JobEscrowToppedUpEventName = "ToppedUp"

// ContractEventName returns the user-defined event name.
func (JobEscrowToppedUp) ContractEventName() string {
	return JobEscrowToppedUpEventName
}

// UnpackToppedUpEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event ToppedUp(bytes32 indexed jobId, uint256 amount, uint256 deposited)
func (jobEscrow *JobEscrow) UnpackToppedUpEvent(log *types.Log) (*JobEscrowToppedUp, error) {
	event := "ToppedUp"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != jobEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(JobEscrowToppedUp)
	if len(log.Data) > 0 {
		if err := jobEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range jobEscrow.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// JobEscrowTreasurySet represents a TreasurySet event raised by the JobEscrow contract.
type JobEscrowTreasurySet struct {
	Treasury common.Address
	Raw      *types.Log // Blockchain specific contextual infos
}

const JobEscrowTreasurySetEventName = "TreasurySet"

// ContractEventName returns the user-defined event name.
func (JobEscrowTreasurySet) ContractEventName() string {
	return JobEscrowTreasurySetEventName
}

// UnpackTreasurySetEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event TreasurySet(address indexed treasury)
func (jobEscrow *JobEscrow) UnpackTreasurySetEvent(log *types.Log) (*JobEscrowTreasurySet, error) {
	event := "TreasurySet"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != jobEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(JobEscrowTreasurySet)
	if len(log.Data) > 0 {
		if err := jobEscrow.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range jobEscrow.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (jobEscrow *JobEscrow) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["AlreadyReported"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackAlreadyReportedError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["AlreadySettled"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackAlreadySettledError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["BadBatch"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackBadBatchError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["BadBps"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackBadBpsError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["BadCircuitLayout"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackBadCircuitLayoutError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["BadClaimSignature"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackBadClaimSignatureError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["BadReceiptSignature"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackBadReceiptSignatureError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["BadVoucherSignature"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackBadVoucherSignatureError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["DeadlineBeyondUnbonding"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackDeadlineBeyondUnbondingError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["DeadlineInPast"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackDeadlineInPastError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["DepositExhausted"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackDepositExhaustedError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["DepositTooSmall"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackDepositTooSmallError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["InvalidShortString"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackInvalidShortStringError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["JobClosed"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackJobClosedError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["JobExists"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackJobExistsError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["JobIdNotYours"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackJobIdNotYoursError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["NoTasks"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackNoTasksError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["NotAContract"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackNotAContractError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["NotConsumer"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackNotConsumerError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["NotProofJob"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackNotProofJobError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["NotVoucherJob"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackNotVoucherJobError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["NothingToRedeem"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackNothingToRedeemError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["NothingToSlash"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackNothingToSlashError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["OwnableInvalidOwner"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackOwnableInvalidOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["OwnableUnauthorizedAccount"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackOwnableUnauthorizedAccountError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["PayeeNotBound"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackPayeeNotBoundError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["PayeeNotStaked"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackPayeeNotStakedError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["ProofRejected"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackProofRejectedError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["ProofVerifies"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackProofVerifiesError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["ReceiptsNotComparable"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackReceiptsNotComparableError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["ReentrancyGuardReentrantCall"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackReentrancyGuardReentrantCallError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["RefundTooEarly"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackRefundTooEarlyError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["SafeCastOverflowedUintDowncast"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackSafeCastOverflowedUintDowncastError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["SafeERC20FailedOperation"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackSafeERC20FailedOperationError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["SameOutput"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackSameOutputError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["StringTooLong"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackStringTooLongError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["TaskNotCommitted"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackTaskNotCommittedError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["UnknownCircuit"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackUnknownCircuitError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["UnknownJob"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackUnknownJobError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["VerifierGas"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackVerifierGasError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["WrongInputCount"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackWrongInputCountError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["WrongPayee"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackWrongPayeeError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["ZeroAddress"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackZeroAddressError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["ZeroAmount"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackZeroAmountError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// JobEscrowAlreadyReported represents a AlreadyReported error raised by the JobEscrow contract.
type JobEscrowAlreadyReported struct {
	Key [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AlreadyReported(bytes32 key)
func JobEscrowAlreadyReportedErrorID() common.Hash {
	return common.HexToHash("0x99724d1c413aa6c58931ee352a20db1a496d43a034fbddd9bc9a10c8e1714989")
}

// UnpackAlreadyReportedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AlreadyReported(bytes32 key)
func (jobEscrow *JobEscrow) UnpackAlreadyReportedError(raw []byte) (*JobEscrowAlreadyReported, error) {
	out := new(JobEscrowAlreadyReported)
	if err := jobEscrow.abi.UnpackIntoInterface(out, "AlreadyReported", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobEscrowAlreadySettled represents a AlreadySettled error raised by the JobEscrow contract.
type JobEscrowAlreadySettled struct {
	JobId [32]byte
	Index *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AlreadySettled(bytes32 jobId, uint256 index)
func JobEscrowAlreadySettledErrorID() common.Hash {
	return common.HexToHash("0x6fd708b65d8f7b2eef4a4c478ebc526d97d62c398b287948fad435e37dd54f9f")
}

// UnpackAlreadySettledError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AlreadySettled(bytes32 jobId, uint256 index)
func (jobEscrow *JobEscrow) UnpackAlreadySettledError(raw []byte) (*JobEscrowAlreadySettled, error) {
	out := new(JobEscrowAlreadySettled)
	if err := jobEscrow.abi.UnpackIntoInterface(out, "AlreadySettled", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobEscrowBadBatch represents a BadBatch error raised by the JobEscrow contract.
type JobEscrowBadBatch struct {
	JobIds    *big.Int
	Amounts   *big.Int
	Deadlines *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadBatch(uint256 jobIds, uint256 amounts, uint256 deadlines)
func JobEscrowBadBatchErrorID() common.Hash {
	return common.HexToHash("0x79aa7faa76120fde71dffbeb426ae9e0a3dcc00e3af4c020f2ac1647afef4b1a")
}

// UnpackBadBatchError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadBatch(uint256 jobIds, uint256 amounts, uint256 deadlines)
func (jobEscrow *JobEscrow) UnpackBadBatchError(raw []byte) (*JobEscrowBadBatch, error) {
	out := new(JobEscrowBadBatch)
	if err := jobEscrow.abi.UnpackIntoInterface(out, "BadBatch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobEscrowBadBps represents a BadBps error raised by the JobEscrow contract.
type JobEscrowBadBps struct {
	Bps uint16
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadBps(uint16 bps)
func JobEscrowBadBpsErrorID() common.Hash {
	return common.HexToHash("0xf9c3ae8f90421820e72838f2f1f94c9ac2624a7c7c44acc89418b8891a350667")
}

// UnpackBadBpsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadBps(uint16 bps)
func (jobEscrow *JobEscrow) UnpackBadBpsError(raw []byte) (*JobEscrowBadBps, error) {
	out := new(JobEscrowBadBps)
	if err := jobEscrow.abi.UnpackIntoInterface(out, "BadBps", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobEscrowBadCircuitLayout represents a BadCircuitLayout error raised by the JobEscrow contract.
type JobEscrowBadCircuitLayout struct {
	FixedInputs  uint8
	PublicInputs uint8
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadCircuitLayout(uint8 fixedInputs, uint8 publicInputs)
func JobEscrowBadCircuitLayoutErrorID() common.Hash {
	return common.HexToHash("0x7d30f901f2212f0a7ebb8cfe71581cc57fb5e9b5095be41490d8e886d92472b9")
}

// UnpackBadCircuitLayoutError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadCircuitLayout(uint8 fixedInputs, uint8 publicInputs)
func (jobEscrow *JobEscrow) UnpackBadCircuitLayoutError(raw []byte) (*JobEscrowBadCircuitLayout, error) {
	out := new(JobEscrowBadCircuitLayout)
	if err := jobEscrow.abi.UnpackIntoInterface(out, "BadCircuitLayout", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobEscrowBadClaimSignature represents a BadClaimSignature error raised by the JobEscrow contract.
type JobEscrowBadClaimSignature struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadClaimSignature()
func JobEscrowBadClaimSignatureErrorID() common.Hash {
	return common.HexToHash("0x970e4fbfdf7cb4713743cdf2c11eb504fb86d666f9c7cf847ce604053409f7a7")
}

// UnpackBadClaimSignatureError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadClaimSignature()
func (jobEscrow *JobEscrow) UnpackBadClaimSignatureError(raw []byte) (*JobEscrowBadClaimSignature, error) {
	out := new(JobEscrowBadClaimSignature)
	if err := jobEscrow.abi.UnpackIntoInterface(out, "BadClaimSignature", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobEscrowBadReceiptSignature represents a BadReceiptSignature error raised by the JobEscrow contract.
type JobEscrowBadReceiptSignature struct {
	Signer   common.Address
	Provider common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadReceiptSignature(address signer, address provider)
func JobEscrowBadReceiptSignatureErrorID() common.Hash {
	return common.HexToHash("0xe33206c67f3a5efdf080df79b83142165914c0756d1c77a9ede15acd2a346c76")
}

// UnpackBadReceiptSignatureError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadReceiptSignature(address signer, address provider)
func (jobEscrow *JobEscrow) UnpackBadReceiptSignatureError(raw []byte) (*JobEscrowBadReceiptSignature, error) {
	out := new(JobEscrowBadReceiptSignature)
	if err := jobEscrow.abi.UnpackIntoInterface(out, "BadReceiptSignature", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobEscrowBadVoucherSignature represents a BadVoucherSignature error raised by the JobEscrow contract.
type JobEscrowBadVoucherSignature struct {
	Signer   common.Address
	Consumer common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadVoucherSignature(address signer, address consumer)
func JobEscrowBadVoucherSignatureErrorID() common.Hash {
	return common.HexToHash("0x03f2789a7bd964f8a8dc723e34a6710c474359105bc7089fb82e59c6c59c34b9")
}

// UnpackBadVoucherSignatureError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadVoucherSignature(address signer, address consumer)
func (jobEscrow *JobEscrow) UnpackBadVoucherSignatureError(raw []byte) (*JobEscrowBadVoucherSignature, error) {
	out := new(JobEscrowBadVoucherSignature)
	if err := jobEscrow.abi.UnpackIntoInterface(out, "BadVoucherSignature", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobEscrowDeadlineBeyondUnbonding represents a DeadlineBeyondUnbonding error raised by the JobEscrow contract.
type JobEscrowDeadlineBeyondUnbonding struct {
	Deadline uint64
	Latest   uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error DeadlineBeyondUnbonding(uint64 deadline, uint64 latest)
func JobEscrowDeadlineBeyondUnbondingErrorID() common.Hash {
	return common.HexToHash("0x7d09a1946bee791d1a5486d70a6ad93882201e714d167135af5ca9455cffdb2e")
}

// UnpackDeadlineBeyondUnbondingError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error DeadlineBeyondUnbonding(uint64 deadline, uint64 latest)
func (jobEscrow *JobEscrow) UnpackDeadlineBeyondUnbondingError(raw []byte) (*JobEscrowDeadlineBeyondUnbonding, error) {
	out := new(JobEscrowDeadlineBeyondUnbonding)
	if err := jobEscrow.abi.UnpackIntoInterface(out, "DeadlineBeyondUnbonding", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobEscrowDeadlineInPast represents a DeadlineInPast error raised by the JobEscrow contract.
type JobEscrowDeadlineInPast struct {
	Deadline uint64
	NowTs    uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error DeadlineInPast(uint64 deadline, uint64 nowTs)
func JobEscrowDeadlineInPastErrorID() common.Hash {
	return common.HexToHash("0x2d098d597073c3b5cb467b888c2accb74d0465ca6f031ba950272ca0fc527935")
}

// UnpackDeadlineInPastError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error DeadlineInPast(uint64 deadline, uint64 nowTs)
func (jobEscrow *JobEscrow) UnpackDeadlineInPastError(raw []byte) (*JobEscrowDeadlineInPast, error) {
	out := new(JobEscrowDeadlineInPast)
	if err := jobEscrow.abi.UnpackIntoInterface(out, "DeadlineInPast", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobEscrowDepositExhausted represents a DepositExhausted error raised by the JobEscrow contract.
type JobEscrowDepositExhausted struct {
	JobId [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error DepositExhausted(bytes32 jobId)
func JobEscrowDepositExhaustedErrorID() common.Hash {
	return common.HexToHash("0x2941e33e0e3fcfc85497321fc37662da18bf6d40ed6a1021a519e8cb874dee9d")
}

// UnpackDepositExhaustedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error DepositExhausted(bytes32 jobId)
func (jobEscrow *JobEscrow) UnpackDepositExhaustedError(raw []byte) (*JobEscrowDepositExhausted, error) {
	out := new(JobEscrowDepositExhausted)
	if err := jobEscrow.abi.UnpackIntoInterface(out, "DepositExhausted", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobEscrowDepositTooSmall represents a DepositTooSmall error raised by the JobEscrow contract.
type JobEscrowDepositTooSmall struct {
	Deposit *big.Int
	Needed  *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error DepositTooSmall(uint256 deposit, uint256 needed)
func JobEscrowDepositTooSmallErrorID() common.Hash {
	return common.HexToHash("0x4a77f2fa62296c5cc216025004b03ed11b511d575baed7939c8b78bbe939738d")
}

// UnpackDepositTooSmallError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error DepositTooSmall(uint256 deposit, uint256 needed)
func (jobEscrow *JobEscrow) UnpackDepositTooSmallError(raw []byte) (*JobEscrowDepositTooSmall, error) {
	out := new(JobEscrowDepositTooSmall)
	if err := jobEscrow.abi.UnpackIntoInterface(out, "DepositTooSmall", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobEscrowInvalidShortString represents a InvalidShortString error raised by the JobEscrow contract.
type JobEscrowInvalidShortString struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidShortString()
func JobEscrowInvalidShortStringErrorID() common.Hash {
	return common.HexToHash("0xb3512b0c6163e5f0bafab72bb631b9d58cd7a731b082f910338aa21c83d5c274")
}

// UnpackInvalidShortStringError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidShortString()
func (jobEscrow *JobEscrow) UnpackInvalidShortStringError(raw []byte) (*JobEscrowInvalidShortString, error) {
	out := new(JobEscrowInvalidShortString)
	if err := jobEscrow.abi.UnpackIntoInterface(out, "InvalidShortString", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobEscrowJobClosed represents a JobClosed error raised by the JobEscrow contract.
type JobEscrowJobClosed struct {
	JobId [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error JobClosed(bytes32 jobId)
func JobEscrowJobClosedErrorID() common.Hash {
	return common.HexToHash("0x87c6cc8269aa1e8b05794139b53e072d0cdd15e8bc266fb1fca4028003a7d98c")
}

// UnpackJobClosedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error JobClosed(bytes32 jobId)
func (jobEscrow *JobEscrow) UnpackJobClosedError(raw []byte) (*JobEscrowJobClosed, error) {
	out := new(JobEscrowJobClosed)
	if err := jobEscrow.abi.UnpackIntoInterface(out, "JobClosed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobEscrowJobExists represents a JobExists error raised by the JobEscrow contract.
type JobEscrowJobExists struct {
	JobId [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error JobExists(bytes32 jobId)
func JobEscrowJobExistsErrorID() common.Hash {
	return common.HexToHash("0x9e2b4bfd54f0778ae5b46dc678017f9ac3f783c5abec883f886f9464cfd3e050")
}

// UnpackJobExistsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error JobExists(bytes32 jobId)
func (jobEscrow *JobEscrow) UnpackJobExistsError(raw []byte) (*JobEscrowJobExists, error) {
	out := new(JobEscrowJobExists)
	if err := jobEscrow.abi.UnpackIntoInterface(out, "JobExists", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobEscrowJobIdNotYours represents a JobIdNotYours error raised by the JobEscrow contract.
type JobEscrowJobIdNotYours struct {
	JobId  [32]byte
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error JobIdNotYours(bytes32 jobId, address caller)
func JobEscrowJobIdNotYoursErrorID() common.Hash {
	return common.HexToHash("0xf3b5e1cc5f97e30a1b6ff5dbdae600d4206b8ee397a394fe932d7a152042a40d")
}

// UnpackJobIdNotYoursError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error JobIdNotYours(bytes32 jobId, address caller)
func (jobEscrow *JobEscrow) UnpackJobIdNotYoursError(raw []byte) (*JobEscrowJobIdNotYours, error) {
	out := new(JobEscrowJobIdNotYours)
	if err := jobEscrow.abi.UnpackIntoInterface(out, "JobIdNotYours", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobEscrowNoTasks represents a NoTasks error raised by the JobEscrow contract.
type JobEscrowNoTasks struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NoTasks()
func JobEscrowNoTasksErrorID() common.Hash {
	return common.HexToHash("0xa66faf41b83aafc0cbdca10fda316734e64d8960407d53eb1cb879d312a71dc7")
}

// UnpackNoTasksError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NoTasks()
func (jobEscrow *JobEscrow) UnpackNoTasksError(raw []byte) (*JobEscrowNoTasks, error) {
	out := new(JobEscrowNoTasks)
	if err := jobEscrow.abi.UnpackIntoInterface(out, "NoTasks", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobEscrowNotAContract represents a NotAContract error raised by the JobEscrow contract.
type JobEscrowNotAContract struct {
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotAContract(address account)
func JobEscrowNotAContractErrorID() common.Hash {
	return common.HexToHash("0x8a8b41ec6b8382733436ac0321a506b0d1e41dc29c8650d1fd1ff17e726ab809")
}

// UnpackNotAContractError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotAContract(address account)
func (jobEscrow *JobEscrow) UnpackNotAContractError(raw []byte) (*JobEscrowNotAContract, error) {
	out := new(JobEscrowNotAContract)
	if err := jobEscrow.abi.UnpackIntoInterface(out, "NotAContract", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobEscrowNotConsumer represents a NotConsumer error raised by the JobEscrow contract.
type JobEscrowNotConsumer struct {
	Caller   common.Address
	Consumer common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotConsumer(address caller, address consumer)
func JobEscrowNotConsumerErrorID() common.Hash {
	return common.HexToHash("0x065a2dc2010389b9d4596398a00d07b45db0c99e67a78f3460ffc816855ace14")
}

// UnpackNotConsumerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotConsumer(address caller, address consumer)
func (jobEscrow *JobEscrow) UnpackNotConsumerError(raw []byte) (*JobEscrowNotConsumer, error) {
	out := new(JobEscrowNotConsumer)
	if err := jobEscrow.abi.UnpackIntoInterface(out, "NotConsumer", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobEscrowNotProofJob represents a NotProofJob error raised by the JobEscrow contract.
type JobEscrowNotProofJob struct {
	JobId [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotProofJob(bytes32 jobId)
func JobEscrowNotProofJobErrorID() common.Hash {
	return common.HexToHash("0x9c91104f802da58b4482f622bc8495ebc85dd4180100488052b9b6c6d865ce55")
}

// UnpackNotProofJobError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotProofJob(bytes32 jobId)
func (jobEscrow *JobEscrow) UnpackNotProofJobError(raw []byte) (*JobEscrowNotProofJob, error) {
	out := new(JobEscrowNotProofJob)
	if err := jobEscrow.abi.UnpackIntoInterface(out, "NotProofJob", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobEscrowNotVoucherJob represents a NotVoucherJob error raised by the JobEscrow contract.
type JobEscrowNotVoucherJob struct {
	JobId [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotVoucherJob(bytes32 jobId)
func JobEscrowNotVoucherJobErrorID() common.Hash {
	return common.HexToHash("0xd72aab9bc702980278ccd95e7fb9ce1a4bdeeb3bac3ce0ad75456a7b3cbb17c2")
}

// UnpackNotVoucherJobError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotVoucherJob(bytes32 jobId)
func (jobEscrow *JobEscrow) UnpackNotVoucherJobError(raw []byte) (*JobEscrowNotVoucherJob, error) {
	out := new(JobEscrowNotVoucherJob)
	if err := jobEscrow.abi.UnpackIntoInterface(out, "NotVoucherJob", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobEscrowNothingToRedeem represents a NothingToRedeem error raised by the JobEscrow contract.
type JobEscrowNothingToRedeem struct {
	CumulativeAmount *big.Int
	AlreadyRedeemed  *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NothingToRedeem(uint256 cumulativeAmount, uint256 alreadyRedeemed)
func JobEscrowNothingToRedeemErrorID() common.Hash {
	return common.HexToHash("0x6ee9b95a32945760fe5836380702fec77f56b6b38cd0fc8d00141a2f70d68a7a")
}

// UnpackNothingToRedeemError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NothingToRedeem(uint256 cumulativeAmount, uint256 alreadyRedeemed)
func (jobEscrow *JobEscrow) UnpackNothingToRedeemError(raw []byte) (*JobEscrowNothingToRedeem, error) {
	out := new(JobEscrowNothingToRedeem)
	if err := jobEscrow.abi.UnpackIntoInterface(out, "NothingToRedeem", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobEscrowNothingToSlash represents a NothingToSlash error raised by the JobEscrow contract.
type JobEscrowNothingToSlash struct {
	Provider common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NothingToSlash(address provider)
func JobEscrowNothingToSlashErrorID() common.Hash {
	return common.HexToHash("0xea53296051c9b6c5589470a9aecc521c01574552c7190c8679964112d5636f1c")
}

// UnpackNothingToSlashError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NothingToSlash(address provider)
func (jobEscrow *JobEscrow) UnpackNothingToSlashError(raw []byte) (*JobEscrowNothingToSlash, error) {
	out := new(JobEscrowNothingToSlash)
	if err := jobEscrow.abi.UnpackIntoInterface(out, "NothingToSlash", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobEscrowOwnableInvalidOwner represents a OwnableInvalidOwner error raised by the JobEscrow contract.
type JobEscrowOwnableInvalidOwner struct {
	Owner common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error OwnableInvalidOwner(address owner)
func JobEscrowOwnableInvalidOwnerErrorID() common.Hash {
	return common.HexToHash("0x1e4fbdf7f3ef8bcaa855599e3abf48b232380f183f08f6f813d9ffa5bd585188")
}

// UnpackOwnableInvalidOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error OwnableInvalidOwner(address owner)
func (jobEscrow *JobEscrow) UnpackOwnableInvalidOwnerError(raw []byte) (*JobEscrowOwnableInvalidOwner, error) {
	out := new(JobEscrowOwnableInvalidOwner)
	if err := jobEscrow.abi.UnpackIntoInterface(out, "OwnableInvalidOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobEscrowOwnableUnauthorizedAccount represents a OwnableUnauthorizedAccount error raised by the JobEscrow contract.
type JobEscrowOwnableUnauthorizedAccount struct {
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error OwnableUnauthorizedAccount(address account)
func JobEscrowOwnableUnauthorizedAccountErrorID() common.Hash {
	return common.HexToHash("0x118cdaa7a341953d1887a2245fd6665d741c67c8c50581daa59e1d03373fa188")
}

// UnpackOwnableUnauthorizedAccountError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error OwnableUnauthorizedAccount(address account)
func (jobEscrow *JobEscrow) UnpackOwnableUnauthorizedAccountError(raw []byte) (*JobEscrowOwnableUnauthorizedAccount, error) {
	out := new(JobEscrowOwnableUnauthorizedAccount)
	if err := jobEscrow.abi.UnpackIntoInterface(out, "OwnableUnauthorizedAccount", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobEscrowPayeeNotBound represents a PayeeNotBound error raised by the JobEscrow contract.
type JobEscrowPayeeNotBound struct {
	Payee common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error PayeeNotBound(address payee)
func JobEscrowPayeeNotBoundErrorID() common.Hash {
	return common.HexToHash("0x717ec74496754c24ef0de331e0c91ebd176e0d0a1683e615ff318ec6711c4fcd")
}

// UnpackPayeeNotBoundError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error PayeeNotBound(address payee)
func (jobEscrow *JobEscrow) UnpackPayeeNotBoundError(raw []byte) (*JobEscrowPayeeNotBound, error) {
	out := new(JobEscrowPayeeNotBound)
	if err := jobEscrow.abi.UnpackIntoInterface(out, "PayeeNotBound", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobEscrowPayeeNotStaked represents a PayeeNotStaked error raised by the JobEscrow contract.
type JobEscrowPayeeNotStaked struct {
	Payee common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error PayeeNotStaked(address payee)
func JobEscrowPayeeNotStakedErrorID() common.Hash {
	return common.HexToHash("0x1f6d2c36f9f8858a894ed20b0dedae21921e00750c107e6986c6975ed6799c58")
}

// UnpackPayeeNotStakedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error PayeeNotStaked(address payee)
func (jobEscrow *JobEscrow) UnpackPayeeNotStakedError(raw []byte) (*JobEscrowPayeeNotStaked, error) {
	out := new(JobEscrowPayeeNotStaked)
	if err := jobEscrow.abi.UnpackIntoInterface(out, "PayeeNotStaked", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobEscrowProofRejected represents a ProofRejected error raised by the JobEscrow contract.
type JobEscrowProofRejected struct {
	JobId  [32]byte
	Index  *big.Int
	Reason []byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ProofRejected(bytes32 jobId, uint256 index, bytes reason)
func JobEscrowProofRejectedErrorID() common.Hash {
	return common.HexToHash("0x1f28b7bdb0d102f1c4d43cd739a63003521241d26a910115e989eb705f8a256f")
}

// UnpackProofRejectedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ProofRejected(bytes32 jobId, uint256 index, bytes reason)
func (jobEscrow *JobEscrow) UnpackProofRejectedError(raw []byte) (*JobEscrowProofRejected, error) {
	out := new(JobEscrowProofRejected)
	if err := jobEscrow.abi.UnpackIntoInterface(out, "ProofRejected", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobEscrowProofVerifies represents a ProofVerifies error raised by the JobEscrow contract.
type JobEscrowProofVerifies struct {
	JobId [32]byte
	Index *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ProofVerifies(bytes32 jobId, uint256 index)
func JobEscrowProofVerifiesErrorID() common.Hash {
	return common.HexToHash("0xf0030a8f813109414b50afaaa81a01193013348866f8170f50912c043622cba0")
}

// UnpackProofVerifiesError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ProofVerifies(bytes32 jobId, uint256 index)
func (jobEscrow *JobEscrow) UnpackProofVerifiesError(raw []byte) (*JobEscrowProofVerifies, error) {
	out := new(JobEscrowProofVerifies)
	if err := jobEscrow.abi.UnpackIntoInterface(out, "ProofVerifies", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobEscrowReceiptsNotComparable represents a ReceiptsNotComparable error raised by the JobEscrow contract.
type JobEscrowReceiptsNotComparable struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ReceiptsNotComparable()
func JobEscrowReceiptsNotComparableErrorID() common.Hash {
	return common.HexToHash("0x06c3cae65b5cce0df45d85dc9a0a58ae0d727e414f137b354fb8031d60ca7636")
}

// UnpackReceiptsNotComparableError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ReceiptsNotComparable()
func (jobEscrow *JobEscrow) UnpackReceiptsNotComparableError(raw []byte) (*JobEscrowReceiptsNotComparable, error) {
	out := new(JobEscrowReceiptsNotComparable)
	if err := jobEscrow.abi.UnpackIntoInterface(out, "ReceiptsNotComparable", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobEscrowReentrancyGuardReentrantCall represents a ReentrancyGuardReentrantCall error raised by the JobEscrow contract.
type JobEscrowReentrancyGuardReentrantCall struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ReentrancyGuardReentrantCall()
func JobEscrowReentrancyGuardReentrantCallErrorID() common.Hash {
	return common.HexToHash("0x3ee5aeb571de7fc460830b4d0017439a1ca56fb0bc39062227ade4fe4a24c1ca")
}

// UnpackReentrancyGuardReentrantCallError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ReentrancyGuardReentrantCall()
func (jobEscrow *JobEscrow) UnpackReentrancyGuardReentrantCallError(raw []byte) (*JobEscrowReentrancyGuardReentrantCall, error) {
	out := new(JobEscrowReentrancyGuardReentrantCall)
	if err := jobEscrow.abi.UnpackIntoInterface(out, "ReentrancyGuardReentrantCall", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobEscrowRefundTooEarly represents a RefundTooEarly error raised by the JobEscrow contract.
type JobEscrowRefundTooEarly struct {
	RefundAt uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error RefundTooEarly(uint64 refundAt)
func JobEscrowRefundTooEarlyErrorID() common.Hash {
	return common.HexToHash("0x58ea33818e1c19e0c9dfc4ed1d9c471f1707e9195cad4b44fcc3240c42daf857")
}

// UnpackRefundTooEarlyError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error RefundTooEarly(uint64 refundAt)
func (jobEscrow *JobEscrow) UnpackRefundTooEarlyError(raw []byte) (*JobEscrowRefundTooEarly, error) {
	out := new(JobEscrowRefundTooEarly)
	if err := jobEscrow.abi.UnpackIntoInterface(out, "RefundTooEarly", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobEscrowSafeCastOverflowedUintDowncast represents a SafeCastOverflowedUintDowncast error raised by the JobEscrow contract.
type JobEscrowSafeCastOverflowedUintDowncast struct {
	Bits  uint8
	Value *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SafeCastOverflowedUintDowncast(uint8 bits, uint256 value)
func JobEscrowSafeCastOverflowedUintDowncastErrorID() common.Hash {
	return common.HexToHash("0x6dfcc6503a32754ce7a89698e18201fc5294fd4aad43edefee786f88423b1a12")
}

// UnpackSafeCastOverflowedUintDowncastError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SafeCastOverflowedUintDowncast(uint8 bits, uint256 value)
func (jobEscrow *JobEscrow) UnpackSafeCastOverflowedUintDowncastError(raw []byte) (*JobEscrowSafeCastOverflowedUintDowncast, error) {
	out := new(JobEscrowSafeCastOverflowedUintDowncast)
	if err := jobEscrow.abi.UnpackIntoInterface(out, "SafeCastOverflowedUintDowncast", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobEscrowSafeERC20FailedOperation represents a SafeERC20FailedOperation error raised by the JobEscrow contract.
type JobEscrowSafeERC20FailedOperation struct {
	Token common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SafeERC20FailedOperation(address token)
func JobEscrowSafeERC20FailedOperationErrorID() common.Hash {
	return common.HexToHash("0x5274afe73c98b4749fc91ffae6b7b574e7842cb2144a159e9377a5f20b32edf9")
}

// UnpackSafeERC20FailedOperationError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SafeERC20FailedOperation(address token)
func (jobEscrow *JobEscrow) UnpackSafeERC20FailedOperationError(raw []byte) (*JobEscrowSafeERC20FailedOperation, error) {
	out := new(JobEscrowSafeERC20FailedOperation)
	if err := jobEscrow.abi.UnpackIntoInterface(out, "SafeERC20FailedOperation", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobEscrowSameOutput represents a SameOutput error raised by the JobEscrow contract.
type JobEscrowSameOutput struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SameOutput()
func JobEscrowSameOutputErrorID() common.Hash {
	return common.HexToHash("0xce47e0855282231aa69f6a03ae33c94cada591a2ad568b252f66e637f5667b06")
}

// UnpackSameOutputError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SameOutput()
func (jobEscrow *JobEscrow) UnpackSameOutputError(raw []byte) (*JobEscrowSameOutput, error) {
	out := new(JobEscrowSameOutput)
	if err := jobEscrow.abi.UnpackIntoInterface(out, "SameOutput", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobEscrowStringTooLong represents a StringTooLong error raised by the JobEscrow contract.
type JobEscrowStringTooLong struct {
	Str string
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error StringTooLong(string str)
func JobEscrowStringTooLongErrorID() common.Hash {
	return common.HexToHash("0x305a27a93f8e33b7392df0a0f91d6fc63847395853c45991eec52dbf24d72381")
}

// UnpackStringTooLongError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error StringTooLong(string str)
func (jobEscrow *JobEscrow) UnpackStringTooLongError(raw []byte) (*JobEscrowStringTooLong, error) {
	out := new(JobEscrowStringTooLong)
	if err := jobEscrow.abi.UnpackIntoInterface(out, "StringTooLong", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobEscrowTaskNotCommitted represents a TaskNotCommitted error raised by the JobEscrow contract.
type JobEscrowTaskNotCommitted struct {
	JobId [32]byte
	Index *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TaskNotCommitted(bytes32 jobId, uint256 index)
func JobEscrowTaskNotCommittedErrorID() common.Hash {
	return common.HexToHash("0x2cf4f4f435a5768749e36ff054b24af5a88e73e41fabb3891b391503864d8cc0")
}

// UnpackTaskNotCommittedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TaskNotCommitted(bytes32 jobId, uint256 index)
func (jobEscrow *JobEscrow) UnpackTaskNotCommittedError(raw []byte) (*JobEscrowTaskNotCommitted, error) {
	out := new(JobEscrowTaskNotCommitted)
	if err := jobEscrow.abi.UnpackIntoInterface(out, "TaskNotCommitted", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobEscrowUnknownCircuit represents a UnknownCircuit error raised by the JobEscrow contract.
type JobEscrowUnknownCircuit struct {
	CircuitId [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnknownCircuit(bytes32 circuitId)
func JobEscrowUnknownCircuitErrorID() common.Hash {
	return common.HexToHash("0xe80eb6e0d9009073ddaebaef89c288d7da3b88d2ea35f677390d3fef69cc813c")
}

// UnpackUnknownCircuitError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnknownCircuit(bytes32 circuitId)
func (jobEscrow *JobEscrow) UnpackUnknownCircuitError(raw []byte) (*JobEscrowUnknownCircuit, error) {
	out := new(JobEscrowUnknownCircuit)
	if err := jobEscrow.abi.UnpackIntoInterface(out, "UnknownCircuit", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobEscrowUnknownJob represents a UnknownJob error raised by the JobEscrow contract.
type JobEscrowUnknownJob struct {
	JobId [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnknownJob(bytes32 jobId)
func JobEscrowUnknownJobErrorID() common.Hash {
	return common.HexToHash("0xe498a4818df576325d078a1a3c9d8186f5a17dea5710a922e4ee3dbe46eef065")
}

// UnpackUnknownJobError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnknownJob(bytes32 jobId)
func (jobEscrow *JobEscrow) UnpackUnknownJobError(raw []byte) (*JobEscrowUnknownJob, error) {
	out := new(JobEscrowUnknownJob)
	if err := jobEscrow.abi.UnpackIntoInterface(out, "UnknownJob", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobEscrowVerifierGas represents a VerifierGas error raised by the JobEscrow contract.
type JobEscrowVerifierGas struct {
	Left   *big.Int
	Needed *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error VerifierGas(uint256 left, uint256 needed)
func JobEscrowVerifierGasErrorID() common.Hash {
	return common.HexToHash("0x5a4507dcfce0cfc88a0edf817452058156d17ce2268ef41c6a3f6cf21433e346")
}

// UnpackVerifierGasError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error VerifierGas(uint256 left, uint256 needed)
func (jobEscrow *JobEscrow) UnpackVerifierGasError(raw []byte) (*JobEscrowVerifierGas, error) {
	out := new(JobEscrowVerifierGas)
	if err := jobEscrow.abi.UnpackIntoInterface(out, "VerifierGas", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobEscrowWrongInputCount represents a WrongInputCount error raised by the JobEscrow contract.
type JobEscrowWrongInputCount struct {
	Given    *big.Int
	Expected *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WrongInputCount(uint256 given, uint256 expected)
func JobEscrowWrongInputCountErrorID() common.Hash {
	return common.HexToHash("0xc8a519a8b3b20dfb4c5792401550928d972f113659edad15df4ad658f77391df")
}

// UnpackWrongInputCountError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WrongInputCount(uint256 given, uint256 expected)
func (jobEscrow *JobEscrow) UnpackWrongInputCountError(raw []byte) (*JobEscrowWrongInputCount, error) {
	out := new(JobEscrowWrongInputCount)
	if err := jobEscrow.abi.UnpackIntoInterface(out, "WrongInputCount", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobEscrowWrongPayee represents a WrongPayee error raised by the JobEscrow contract.
type JobEscrowWrongPayee struct {
	Payee  *big.Int
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WrongPayee(uint256 payee, address caller)
func JobEscrowWrongPayeeErrorID() common.Hash {
	return common.HexToHash("0x15196b8fa473257552c5bf70e5953823ef3006f94c9387bc64cc088e8b4640be")
}

// UnpackWrongPayeeError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WrongPayee(uint256 payee, address caller)
func (jobEscrow *JobEscrow) UnpackWrongPayeeError(raw []byte) (*JobEscrowWrongPayee, error) {
	out := new(JobEscrowWrongPayee)
	if err := jobEscrow.abi.UnpackIntoInterface(out, "WrongPayee", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobEscrowZeroAddress represents a ZeroAddress error raised by the JobEscrow contract.
type JobEscrowZeroAddress struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroAddress()
func JobEscrowZeroAddressErrorID() common.Hash {
	return common.HexToHash("0xd92e233df2717d4a40030e20904abd27b68fcbeede117eaaccbbdac9618c8c73")
}

// UnpackZeroAddressError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroAddress()
func (jobEscrow *JobEscrow) UnpackZeroAddressError(raw []byte) (*JobEscrowZeroAddress, error) {
	out := new(JobEscrowZeroAddress)
	if err := jobEscrow.abi.UnpackIntoInterface(out, "ZeroAddress", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// JobEscrowZeroAmount represents a ZeroAmount error raised by the JobEscrow contract.
type JobEscrowZeroAmount struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroAmount()
func JobEscrowZeroAmountErrorID() common.Hash {
	return common.HexToHash("0x1f2a2005cb66a8e145327e8814e243a0996aec9bfe1e15a495778b1236dbd485")
}

// UnpackZeroAmountError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroAmount()
func (jobEscrow *JobEscrow) UnpackZeroAmountError(raw []byte) (*JobEscrowZeroAmount, error) {
	out := new(JobEscrowZeroAmount)
	if err := jobEscrow.abi.UnpackIntoInterface(out, "ZeroAmount", raw); err != nil {
		return nil, err
	}
	return out, nil
}
