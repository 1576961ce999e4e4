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

// JobEscrowJob is an auto generated low-level Go binding around an user-defined struct.
type JobEscrowJob struct {
	Consumer  common.Address
	Deadline  uint64
	Refunded  bool
	Deposited *big.Int
	Redeemed  *big.Int
}

// JobEscrowReceipt is an auto generated low-level Go binding around an user-defined struct.
type JobEscrowReceipt struct {
	JobId      [32]byte
	TaskId     [32]byte
	ProgramCid [32]byte
	InputRoot  [32]byte
	OutputRoot [32]byte
	EnvHash    [32]byte
	ExitCode   int64
	Provider   common.Address
}

// JobEscrowMetaData contains all meta data concerning the JobEscrow contract.
var JobEscrowMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"contractIERC20\",\"name\":\"token_\",\"type\":\"address\"},{\"internalType\":\"contractIProviderRegistry\",\"name\":\"registry_\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"refundGrace_\",\"type\":\"uint64\"},{\"internalType\":\"uint16\",\"name\":\"slashBps_\",\"type\":\"uint16\"},{\"internalType\":\"uint16\",\"name\":\"reporterBps_\",\"type\":\"uint16\"},{\"internalType\":\"address\",\"name\":\"treasury_\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"initialOwner\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"key\",\"type\":\"bytes32\"}],\"name\":\"AlreadyReported\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint16\",\"name\":\"bps\",\"type\":\"uint16\"}],\"name\":\"BadBps\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"}],\"name\":\"BadReceiptSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"signer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"consumer\",\"type\":\"address\"}],\"name\":\"BadVoucherSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"nowTs\",\"type\":\"uint64\"}],\"name\":\"DeadlineInPast\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"DepositExhausted\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidShortString\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"JobClosed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"JobExists\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"consumer\",\"type\":\"address\"}],\"name\":\"NotConsumer\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"cumulativeAmount\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"alreadyRedeemed\",\"type\":\"uint256\"}],\"name\":\"NothingToRedeem\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"}],\"name\":\"NothingToSlash\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"name\":\"OwnableInvalidOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"OwnableUnauthorizedAccount\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ReceiptsNotComparable\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ReentrancyGuardReentrantCall\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"refundAt\",\"type\":\"uint64\"}],\"name\":\"RefundTooEarly\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"bits\",\"type\":\"uint8\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"SafeCastOverflowedUintDowncast\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"}],\"name\":\"SafeERC20FailedOperation\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"SameOutput\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"str\",\"type\":\"string\"}],\"name\":\"StringTooLong\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"UnknownJob\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAddress\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAmount\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[],\"name\":\"EIP712DomainChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"taskId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"address\",\"name\":\"reporter\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"slashed\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"reward\",\"type\":\"uint256\"}],\"name\":\"EquivocationReported\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"consumer\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"}],\"name\":\"JobOpened\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousOwner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"OwnershipTransferred\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"totalToProvider\",\"type\":\"uint256\"}],\"name\":\"Redeemed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"consumer\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Refunded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"uint16\",\"name\":\"slashBps\",\"type\":\"uint16\"},{\"indexed\":false,\"internalType\":\"uint16\",\"name\":\"reporterBps\",\"type\":\"uint16\"}],\"name\":\"SlashParamsSet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"deposited\",\"type\":\"uint256\"}],\"name\":\"ToppedUp\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"treasury\",\"type\":\"address\"}],\"name\":\"TreasurySet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"verifier\",\"type\":\"address\"}],\"name\":\"VerifierSet\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"BPS\",\"outputs\":[{\"internalType\":\"uint16\",\"name\":\"\",\"type\":\"uint16\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"EQUIVOCATION\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"RECEIPT_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"VOUCHER_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"domainSeparator\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"eip712Domain\",\"outputs\":[{\"internalType\":\"bytes1\",\"name\":\"fields\",\"type\":\"bytes1\"},{\"internalType\":\"string\",\"name\":\"name\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"version\",\"type\":\"string\"},{\"internalType\":\"uint256\",\"name\":\"chainId\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"verifyingContract\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"salt\",\"type\":\"bytes32\"},{\"internalType\":\"uint256[]\",\"name\":\"extensions\",\"type\":\"uint256[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"key\",\"type\":\"bytes32\"}],\"name\":\"equivocationReported\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"getJob\",\"outputs\":[{\"components\":[{\"internalType\":\"address\",\"name\":\"consumer\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"},{\"internalType\":\"bool\",\"name\":\"refunded\",\"type\":\"bool\"},{\"internalType\":\"uint128\",\"name\":\"deposited\",\"type\":\"uint128\"},{\"internalType\":\"uint128\",\"name\":\"redeemed\",\"type\":\"uint128\"}],\"internalType\":\"structJobEscrow.Job\",\"name\":\"\",\"type\":\"tuple\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"deadline\",\"type\":\"uint64\"}],\"name\":\"openJob\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"owner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"taskId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"programCid\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"inputRoot\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"outputRoot\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"envHash\",\"type\":\"bytes32\"},{\"internalType\":\"int64\",\"name\":\"exitCode\",\"type\":\"int64\"},{\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"}],\"internalType\":\"structJobEscrow.Receipt\",\"name\":\"r\",\"type\":\"tuple\"}],\"name\":\"receiptDigest\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"cumulativeAmount\",\"type\":\"uint256\"},{\"internalType\":\"bytes\",\"name\":\"consumerSignature\",\"type\":\"bytes\"}],\"name\":\"redeem\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"}],\"name\":\"redeemed\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"}],\"name\":\"refund\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"refundGrace\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"registry\",\"outputs\":[{\"internalType\":\"contractIProviderRegistry\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"renounceOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"taskId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"programCid\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"inputRoot\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"outputRoot\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"envHash\",\"type\":\"bytes32\"},{\"internalType\":\"int64\",\"name\":\"exitCode\",\"type\":\"int64\"},{\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"}],\"internalType\":\"structJobEscrow.Receipt\",\"name\":\"a\",\"type\":\"tuple\"},{\"internalType\":\"bytes\",\"name\":\"sigA\",\"type\":\"bytes\"},{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"taskId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"programCid\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"inputRoot\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"outputRoot\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"envHash\",\"type\":\"bytes32\"},{\"internalType\":\"int64\",\"name\":\"exitCode\",\"type\":\"int64\"},{\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"}],\"internalType\":\"structJobEscrow.Receipt\",\"name\":\"b\",\"type\":\"tuple\"},{\"internalType\":\"bytes\",\"name\":\"sigB\",\"type\":\"bytes\"}],\"name\":\"reportEquivocation\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"reporterBps\",\"outputs\":[{\"internalType\":\"uint16\",\"name\":\"\",\"type\":\"uint16\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint16\",\"name\":\"slashBps_\",\"type\":\"uint16\"},{\"internalType\":\"uint16\",\"name\":\"reporterBps_\",\"type\":\"uint16\"}],\"name\":\"setSlashParams\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"treasury_\",\"type\":\"address\"}],\"name\":\"setTreasury\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"verifier_\",\"type\":\"address\"}],\"name\":\"setVerifier\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"slashBps\",\"outputs\":[{\"internalType\":\"uint16\",\"name\":\"\",\"type\":\"uint16\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"token\",\"outputs\":[{\"internalType\":\"contractIERC20\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"topUp\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"transferOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"treasury\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"verifier\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"jobId\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"cumulativeAmount\",\"type\":\"uint256\"}],\"name\":\"voucherDigest\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	ID:  "JobEscrow",
	Bin: "0x6101c0604052348015610010575f5ffd5b5060405161283538038061283583398101604081905261002f91610378565b80604051806040016040528060048152602001634465636f60e01b815250604051806040016040528060018152602001603160f81b815250610076826101ee60201b60201c565b61012052610083816101ee565b61014052815160208084019190912060e052815190820120610100524660a05261010f60e05161010051604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201529081019290925260608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b60805250503060c0526001600160a01b03811661014657604051631e4fbdf760e01b81525f60048201526024015b60405180910390fd5b61014f8161022b565b506001600160a01b038716158061016d57506001600160a01b038616155b8061017f57506001600160a01b038216155b1561019d5760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b0387811661016052868116610180526001600160401b0386166101a052600380546001600160a01b0319169184169190911790556101e2848461027c565b5050505050505061046e565b5f5f829050601f81511115610218578260405163305a27a960e01b815260040161013d9190610413565b805161022382610448565b179392505050565b600280546001600160a01b038381166001600160a01b0319831681179093556040519116919082907f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0905f90a35050565b61271061ffff831611156102a95760405163f9c3ae8f60e01b815261ffff8316600482015260240161013d565b61271061ffff821611156102d65760405163f9c3ae8f60e01b815261ffff8216600482015260240161013d565b6003805463ffffffff60a01b1916600160a01b61ffff85811691820261ffff60b01b191692909217600160b01b928516928302179092556040805192835260208301919091527fa68586d3a40b90623e796af83afd77386f77c70c342b8755fb72750775c631f4910160405180910390a15050565b6001600160a01b038116811461035f575f5ffd5b50565b805161ffff81168114610373575f5ffd5b919050565b5f5f5f5f5f5f5f60e0888a03121561038e575f5ffd5b87516103998161034b565b60208901519097506103aa8161034b565b60408901519096506001600160401b03811681146103c6575f5ffd5b94506103d460608901610362565b93506103e260808901610362565b925060a08801516103f28161034b565b60c08901519092506104038161034b565b8091505092959891949750929550565b602081525f82518060208401528060208501604085015e5f604082850101526040601f19601f83011684010191505092915050565b80516020808301519190811015610468575f198160200360031b1b821691505b50919050565b60805160a05160c05160e05161010051610120516101405161016051610180516101a05161231961051c5f395f818161039d01526108a101525f81816102d101528181610e340152610f6201525f81816105b701528181610833015281816109d001528181610b8901528181611062015281816110b5015261145201525f61188d01525f61186201525f611b1601525f611aee01525f611a4901525f611a7301525f611a9d01526123195ff3fe608060405234801561000f575f5ffd5b50600436106101c6575f3560e01c80638da5cb5b116100fe578063dd04d5241161009e578063f61962aa1161006e578063f61962aa1461047c578063f698da251461048f578063f729cf0d14610497578063fc0c546a146105b2575f5ffd5b8063dd04d52414610411578063e1027edc14610443578063f0f4426014610456578063f2fde38b14610469575f5ffd5b8063acbe79b7116100d9578063acbe79b714610398578063b67644b9146103d8578063d7a9fc54146103eb578063dc763f55146103fe575f5ffd5b80638da5cb5b1461033957806394739e871461034a57806395850f5914610371575f5ffd5b806361d027b3116101695780637b103999116101445780637b103999146102cc57806380d0e245146102f357806384b0196e146103095780638b69c81014610324575f5ffd5b806361d027b31461029e578063715018a6146102b15780637249fbb6146102b9575f5ffd5b8063249d39e9116101a4578063249d39e9146102445780632b7ac3f31461024d5780635437988d14610278578063605ac3be1461028b575f5ffd5b80630681e651146101ca5780630ba6c7e8146101f75780630fb128fd1461020c575b5f5ffd5b6003546101df90600160a01b900461ffff1681565b60405161ffff90911681526020015b60405180910390f35b61020a610205366004611e64565b6105d9565b005b61023661021a366004611eab565b600660209081525f928352604080842090915290825290205481565b6040519081526020016101ee565b6101df61271081565b600454610260906001600160a01b031681565b6040516001600160a01b0390911681526020016101ee565b61020a610286366004611ecc565b6105ef565b61020a610299366004611f31565b61064d565b600354610260906001600160a01b031681565b61020a61086f565b61020a6102c7366004611f94565b610882565b6102607f000000000000000000000000000000000000000000000000000000000000000081565b6102366b32b8bab4bb37b1b0ba34b7b760a11b81565b610311610a06565b6040516101ee9796959493929190611fd9565b6003546101df90600160b01b900461ffff1681565b6002546001600160a01b0316610260565b6102367f5daf1168c02ae8bb07453b2ff859bd936086e8768d09a2f8534b05f66b9bbc7e81565b6102367f96a26b2c46bb5a1f188d2691bb82264444efcb896b7e42eef2111a449f4cb82081565b6103bf7f000000000000000000000000000000000000000000000000000000000000000081565b60405167ffffffffffffffff90911681526020016101ee565b61020a6103e636600461208b565b610a64565b6102366103f93660046120ab565b610bbb565b61020a61040c3660046120f5565b610c2e565b61043361041f366004611f94565b60076020525f908152604090205460ff1681565b60405190151581526020016101ee565b61023661045136600461218c565b6110f1565b61020a610464366004611ecc565b6111ad565b61020a610477366004611ecc565b61124b565b61020a61048a3660046121a7565b61129e565b610236611488565b61054a6104a5366004611f94565b6040805160a0810182525f80825260208201819052918101829052606081018290526080810191909152505f90815260056020908152604091829020825160a08101845281546001600160a01b0381168252600160a01b810467ffffffffffffffff1693820193909352600160e01b90920460ff161515928201929092526001909101546001600160801b038082166060840152600160801b90910416608082015290565b6040516101ee91905f60a0820190506001600160a01b03835116825267ffffffffffffffff60208401511660208301526040830151151560408301526001600160801b0360608401511660608301526001600160801b03608084015116608083015292915050565b6102607f000000000000000000000000000000000000000000000000000000000000000081565b6105e1611496565b6105eb82826114dc565b5050565b6105f7611496565b6004805473ffffffffffffffffffffffffffffffffffffffff19166001600160a01b0383169081179091556040517f480b37e3d134e44cb444c9703493c7db564c707cb8a18cecea165f340431da1f905f90a250565b6106556115dd565b5f61065f86611612565b805490915061068090879087908790879087906001600160a01b03166116ae565b5f8681526006602090815260408083206001600160a01b03891684529091529020548085116106ea576040517f6ee9b95a00000000000000000000000000000000000000000000000000000000815260048101869052602481018290526044015b60405180910390fd5b5f6106f582876121fd565b60018401549091505f9061071b906001600160801b03600160801b8204811691166121fd565b9050805f03610759576040517f2941e33e000000000000000000000000000000000000000000000000000000008152600481018a90526024016106e1565b5f8183106107675781610769565b825b9050808560010160108282829054906101000a90046001600160801b03166107919190612210565b92506101000a8154816001600160801b0302191690836001600160801b031602179055505f81856107c2919061222f565b5f8c81526006602090815260408083206001600160a01b038f1680855290835292819020849055805186815291820184905292935090918d917f8dfe2e4992c35f0c2e1a1ae78bde2b832d7fabb19bb9e73ec22c5cc2ee89db23910160405180910390a361085a6001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000168b8461179e565b5050505050506108686117d3565b5050505050565b610877611496565b6108805f6117fd565b565b61088a6115dd565b5f61089482611612565b80549091505f906108d7907f000000000000000000000000000000000000000000000000000000000000000090600160a01b900467ffffffffffffffff16612242565b90508067ffffffffffffffff16421015610929576040517f58ea338100000000000000000000000000000000000000000000000000000000815267ffffffffffffffff821660048201526024016106e1565b60018201545f9061094c906001600160801b03600160801b8204811691166121fd565b8354600160e01b7fffffff00ffffffffffffffffffffffffffffffffffffffffffffffffffffffff82161785556040518281529192506001600160a01b031690819086907ff552ca82e113ac3c539c3d617f29fcd19c172a0c75dad017555c9e109f7fe1839060200160405180910390a381156109f7576109f76001600160a01b037f000000000000000000000000000000000000000000000000000000000000000016828461179e565b50505050610a036117d3565b50565b5f6060805f5f5f6060610a1761185b565b610a1f611886565b604080515f808252602082019092527f0f000000000000000000000000000000000000000000000000000000000000009b939a50919850469750309650945092509050565b610a6c6115dd565b805f03610a8c57604051631f2a200560e01b815260040160405180910390fd5b5f610a9683611612565b80549091506001600160a01b03163314610af05780546040517f065a2dc20000000000000000000000000000000000000000000000000000000081523360048201526001600160a01b0390911660248201526044016106e1565b60018101545f90610b1490610b0f9085906001600160801b031661222f565b6118b1565b6001830180546fffffffffffffffffffffffffffffffff19166001600160801b03831690811790915560408051868152602081019290925291925085917f2dec156b5ea8eee5b7a582c2e87253d7d59df096556b3ec99aa5d6cec4480524910160405180910390a2610bb16001600160a01b037f000000000000000000000000000000000000000000000000000000000000000016333086611901565b50506105eb6117d3565b604080517f5daf1168c02ae8bb07453b2ff859bd936086e8768d09a2f8534b05f66b9bbc7e60208201529081018490526001600160a01b0383166060820152608081018290525f90610c269060a0015b6040516020818303038152906040528051906020012061193d565b949350505050565b610c366115dd565b85358335141580610c4f57508260200135866020013514155b80610c6257508260400135866040013514155b80610c7557508260600135866060013514155b80610cb25750610c8c610100840160e08501611ecc565b6001600160a01b0316610ca6610100880160e08901611ecc565b6001600160a01b031614155b15610ce9576040517f06c3cae600000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b8260800135866080013503610d2a576040517fce47e08500000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b5f610d3c610100880160e08901611ecc565b9050610d49878787611984565b610d54848484611984565b604080516001600160a01b0383166020808301919091528935928201929092529088013560608201525f9060800160408051601f1981840301815291815281516020928301205f818152600790935291205490915060ff1615610de6576040517f99724d1c000000000000000000000000000000000000000000000000000000008152600481018290526024016106e1565b6003546040517f1129ee370000000000000000000000000000000000000000000000000000000081526001600160a01b0384811660048301525f9261271092600160a01b90910461ffff16917f00000000000000000000000000000000000000000000000000000000000000001690631129ee3790602401602060405180830381865afa158015610e79573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190610e9d9190612262565b610ea79190612279565b610eb19190612290565b9050805f03610ef7576040517fea5329600000000000000000000000000000000000000000000000000000000081526001600160a01b03841660048201526024016106e1565b5f82815260076020526040808220805460ff19166001179055517ffba2c05a0000000000000000000000000000000000000000000000000000000081526001600160a01b038581166004830152602482018490526b32b8bab4bb37b1b0ba34b7b760a11b60448301527f0000000000000000000000000000000000000000000000000000000000000000169063fba2c05a906064016020604051808303815f875af1158015610fa8573d5f5f3e3d5ffd5b505050506040513d601f19601f82011682018060405250810190610fcc9190612262565b6003549091505f9061271090610fed90600160b01b900461ffff1684612279565b610ff79190612290565b6040805133815260208181018690529181018390529192506001600160a01b03871691908d0135908d35907fae4f355c8cb68ab99a3cd31021dd70ee8653b101f98fa5679fbda3f78f931cc39060600160405180910390a48015611089576110896001600160a01b037f000000000000000000000000000000000000000000000000000000000000000016338361179e565b808211156110dc576003546110dc906001600160a01b03166110ab83856121fd565b6001600160a01b037f000000000000000000000000000000000000000000000000000000000000000016919061179e565b50505050506110e96117d3565b505050505050565b5f6111a77f96a26b2c46bb5a1f188d2691bb82264444efcb896b7e42eef2111a449f4cb8208335602085013560408601356060870135608088013560a089013561114160e08b0160c08c016122af565b6111526101008c0160e08d01611ecc565b60408051602081019a909a528901979097526060880195909552608087019390935260a086019190915260c085015260e084015260070b6101008301526001600160a01b031661012082015261014001610c0b565b92915050565b6111b5611496565b6001600160a01b0381166111f5576040517fd92e233d00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b6003805473ffffffffffffffffffffffffffffffffffffffff19166001600160a01b0383169081179091556040517f3c864541ef71378c6229510ed90f376565ee42d9c5e0904a984a9e863e6db44f905f90a250565b611253611496565b6001600160a01b038116611295576040517f1e4fbdf70000000000000000000000000000000000000000000000000000000081525f60048201526024016106e1565b610a03816117fd565b6112a66115dd565b815f036112c657604051631f2a200560e01b815260040160405180910390fd5b428167ffffffffffffffff161161131d576040517f2d098d5900000000000000000000000000000000000000000000000000000000815267ffffffffffffffff8083166004830152421660248201526044016106e1565b5f83815260056020526040902080546001600160a01b03161561136f576040517f9e2b4bfd000000000000000000000000000000000000000000000000000000008152600481018590526024016106e1565b80547fffffffff0000000000000000000000000000000000000000000000000000000016337fffffffff0000000000000000ffffffffffffffffffffffffffffffffffffffff1617600160a01b67ffffffffffffffff8416021781556113d4836118b1565b6001820180546fffffffffffffffffffffffffffffffff19166001600160801b03929092169190911790556040805184815267ffffffffffffffff84166020820152339186917fb8e9ac5c6dfd23cf7bd3b011ee5c0b8d153bf78e5f06691fa54e7a4f600a179a910160405180910390a361147a6001600160a01b037f000000000000000000000000000000000000000000000000000000000000000016333086611901565b506114836117d3565b505050565b5f611491611a3d565b905090565b6002546001600160a01b03163314610880576040517f118cdaa70000000000000000000000000000000000000000000000000000000081523360048201526024016106e1565b61271061ffff831611156115095760405163f9c3ae8f60e01b815261ffff831660048201526024016106e1565b61271061ffff821611156115365760405163f9c3ae8f60e01b815261ffff821660048201526024016106e1565b600380547fffffffffffffffff00000000ffffffffffffffffffffffffffffffffffffffff16600160a01b61ffff8581169182027fffffffffffffffff0000ffffffffffffffffffffffffffffffffffffffffffff1692909217600160b01b928516928302179092556040805192835260208301919091527fa68586d3a40b90623e796af83afd77386f77c70c342b8755fb72750775c631f4910160405180910390a15050565b6115e5611b66565b61088060017f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f005b90611bbf565b5f81815260056020526040902080546001600160a01b0316611663576040517fe498a481000000000000000000000000000000000000000000000000000000008152600481018390526024016106e1565b8054600160e01b900460ff16156116a9576040517f87c6cc82000000000000000000000000000000000000000000000000000000008152600481018390526024016106e1565b919050565b604080517f5daf1168c02ae8bb07453b2ff859bd936086e8768d09a2f8534b05f66b9bbc7e60208201529081018790526001600160a01b0386166060820152608081018590525f906117029060a001610c0b565b90505f5f611711838787611bc6565b5090925090505f81600381111561172a5761172a6122cf565b1415806117495750836001600160a01b0316826001600160a01b031614155b15611793576040517f03f2789a0000000000000000000000000000000000000000000000000000000081526001600160a01b038084166004830152851660248201526044016106e1565b505050505050505050565b6117ab8383836001611c0d565b61148357604051635274afe760e01b81526001600160a01b03841660048201526024016106e1565b6108805f7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f0061160c565b600280546001600160a01b0383811673ffffffffffffffffffffffffffffffffffffffff19831681179093556040519116919082907f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0905f90a35050565b60606114917f0000000000000000000000000000000000000000000000000000000000000000611c88565b60606114917f0000000000000000000000000000000000000000000000000000000000000000611c88565b5f6001600160801b038211156118fd576040517f6dfcc65000000000000000000000000000000000000000000000000000000000815260806004820152602481018390526044016106e1565b5090565b61190f848484846001611cc5565b61193757604051635274afe760e01b81526001600160a01b03851660048201526024016106e1565b50505050565b5f6111a7611949611a3d565b836040517f19010000000000000000000000000000000000000000000000000000000000008152600281019290925260228201526042902090565b5f5f611999611992866110f1565b8585611bc6565b5090925090505f8160038111156119b2576119b26122cf565b1415806119e157506119cb610100860160e08701611ecc565b6001600160a01b0316826001600160a01b031614155b1561086857816119f8610100870160e08801611ecc565b6040517fe33206c60000000000000000000000000000000000000000000000000000000081526001600160a01b039283166004820152911660248201526044016106e1565b5f306001600160a01b037f000000000000000000000000000000000000000000000000000000000000000016148015611a9557507f000000000000000000000000000000000000000000000000000000000000000046145b15611abf57507f000000000000000000000000000000000000000000000000000000000000000090565b611491604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201527f0000000000000000000000000000000000000000000000000000000000000000918101919091527f000000000000000000000000000000000000000000000000000000000000000060608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f005c15610880576040517f3ee5aeb500000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b80825d5050565b5f80806041849003611bfa578435602086013560408701355f1a611bec89828585611d4b565b955095509550505050611c04565b505f915060029050825b93509350939050565b6040517fa9059cbb000000000000000000000000000000000000000000000000000000005f8181526001600160a01b038616600452602485905291602083604481808b5af1925060015f51148316611c7c578383151615611c70573d5f823e3d81fd5b5f873b113d1516831692505b60405250949350505050565b60605f611c9483611e13565b6040805160208082528183019092529192505f91906020820181803683375050509182525060208101929092525090565b6040517f23b872dd000000000000000000000000000000000000000000000000000000005f8181526001600160a01b038781166004528616602452604485905291602083606481808c5af1925060015f51148316611d3a578383151615611d2e573d5f823e3d81fd5b5f883b113d1516831692505b604052505f60605295945050505050565b5f80807f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0841115611d8457505f91506003905082611e09565b604080515f808252602082018084528a905260ff891692820192909252606081018790526080810186905260019060a0016020604051602081039080840390855afa158015611dd5573d5f5f3e3d5ffd5b5050604051601f1901519150506001600160a01b038116611e0057505f925060019150829050611e09565b92505f91508190505b9450945094915050565b5f60ff8216601f8111156111a7576040517fb3512b0c00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b803561ffff811681146116a9575f5ffd5b5f5f60408385031215611e75575f5ffd5b611e7e83611e53565b9150611e8c60208401611e53565b90509250929050565b80356001600160a01b03811681146116a9575f5ffd5b5f5f60408385031215611ebc575f5ffd5b82359150611e8c60208401611e95565b5f60208284031215611edc575f5ffd5b611ee582611e95565b9392505050565b5f5f83601f840112611efc575f5ffd5b50813567ffffffffffffffff811115611f13575f5ffd5b602083019150836020828501011115611f2a575f5ffd5b9250929050565b5f5f5f5f5f60808688031215611f45575f5ffd5b85359450611f5560208701611e95565b935060408601359250606086013567ffffffffffffffff811115611f77575f5ffd5b611f8388828901611eec565b969995985093965092949392505050565b5f60208284031215611fa4575f5ffd5b5035919050565b5f81518084528060208401602086015e5f602082860101526020601f19601f83011685010191505092915050565b7fff000000000000000000000000000000000000000000000000000000000000008816815260e060208201525f61201360e0830189611fab565b82810360408401526120258189611fab565b606084018890526001600160a01b038716608085015260a0840186905283810360c0850152845180825260208087019350909101905f5b8181101561207a57835183526020938401939092019160010161205c565b50909b9a5050505050505050505050565b5f5f6040838503121561209c575f5ffd5b50508035926020909101359150565b5f5f5f606084860312156120bd575f5ffd5b833592506120cd60208501611e95565b929592945050506040919091013590565b5f61010082840312156120ef575f5ffd5b50919050565b5f5f5f5f5f5f610240878903121561210b575f5ffd5b61211588886120de565b955061010087013567ffffffffffffffff811115612131575f5ffd5b61213d89828a01611eec565b909650945061215290508861012089016120de565b925061022087013567ffffffffffffffff81111561216e575f5ffd5b61217a89828a01611eec565b979a9699509497509295939492505050565b5f610100828403121561219d575f5ffd5b611ee583836120de565b5f5f5f606084860312156121b9575f5ffd5b8335925060208401359150604084013567ffffffffffffffff811681146121de575f5ffd5b809150509250925092565b634e487b7160e01b5f52601160045260245ffd5b818103818111156111a7576111a76121e9565b6001600160801b0381811683821601908111156111a7576111a76121e9565b808201808211156111a7576111a76121e9565b67ffffffffffffffff81811683821601908111156111a7576111a76121e9565b5f60208284031215612272575f5ffd5b5051919050565b80820281158282048414176111a7576111a76121e9565b5f826122aa57634e487b7160e01b5f52601260045260245ffd5b500490565b5f602082840312156122bf575f5ffd5b81358060070b8114611ee5575f5ffd5b634e487b7160e01b5f52602160045260245ffdfea264697066735822122012de613055fb4f9dbaa6c54cecea616df89b1134db2406113ca42836a16d8d0d64736f6c63430008250033",
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

// PackGetJob is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf729cf0d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getJob(bytes32 jobId) view returns((address,uint64,bool,uint128,uint128))
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
// Solidity: function getJob(bytes32 jobId) view returns((address,uint64,bool,uint128,uint128))
func (jobEscrow *JobEscrow) TryPackGetJob(jobId [32]byte) ([]byte, error) {
	return jobEscrow.abi.Pack("getJob", jobId)
}

// UnpackGetJob is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf729cf0d.
//
// Solidity: function getJob(bytes32 jobId) view returns((address,uint64,bool,uint128,uint128))
func (jobEscrow *JobEscrow) UnpackGetJob(data []byte) (JobEscrowJob, error) {
	out, err := jobEscrow.abi.Unpack("getJob", data)
	if err != nil {
		return *new(JobEscrowJob), err
	}
	out0 := *abi.ConvertType(out[0], new(JobEscrowJob)).(*JobEscrowJob)
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

// PackReceiptDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe1027edc.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function receiptDigest((bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,int64,address) r) view returns(bytes32)
func (jobEscrow *JobEscrow) PackReceiptDigest(r JobEscrowReceipt) []byte {
	enc, err := jobEscrow.abi.Pack("receiptDigest", r)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackReceiptDigest is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe1027edc.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function receiptDigest((bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,int64,address) r) view returns(bytes32)
func (jobEscrow *JobEscrow) TryPackReceiptDigest(r JobEscrowReceipt) ([]byte, error) {
	return jobEscrow.abi.Pack("receiptDigest", r)
}

// UnpackReceiptDigest is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe1027edc.
//
// Solidity: function receiptDigest((bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,int64,address) r) view returns(bytes32)
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

// PackReportEquivocation is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdc763f55.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function reportEquivocation((bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,int64,address) a, bytes sigA, (bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,int64,address) b, bytes sigB) returns()
func (jobEscrow *JobEscrow) PackReportEquivocation(a JobEscrowReceipt, sigA []byte, b JobEscrowReceipt, sigB []byte) []byte {
	enc, err := jobEscrow.abi.Pack("reportEquivocation", a, sigA, b, sigB)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackReportEquivocation is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdc763f55.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function reportEquivocation((bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,int64,address) a, bytes sigA, (bytes32,bytes32,bytes32,bytes32,bytes32,bytes32,int64,address) b, bytes sigB) returns()
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

// PackSetVerifier is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5437988d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setVerifier(address verifier_) returns()
func (jobEscrow *JobEscrow) PackSetVerifier(verifier common.Address) []byte {
	enc, err := jobEscrow.abi.Pack("setVerifier", verifier)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetVerifier is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5437988d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setVerifier(address verifier_) returns()
func (jobEscrow *JobEscrow) TryPackSetVerifier(verifier common.Address) ([]byte, error) {
	return jobEscrow.abi.Pack("setVerifier", verifier)
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

// PackVerifier is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2b7ac3f3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function verifier() view returns(address)
func (jobEscrow *JobEscrow) PackVerifier() []byte {
	enc, err := jobEscrow.abi.Pack("verifier")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackVerifier is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x2b7ac3f3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function verifier() view returns(address)
func (jobEscrow *JobEscrow) TryPackVerifier() ([]byte, error) {
	return jobEscrow.abi.Pack("verifier")
}

// UnpackVerifier is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x2b7ac3f3.
//
// Solidity: function verifier() view returns(address)
func (jobEscrow *JobEscrow) UnpackVerifier(data []byte) (common.Address, error) {
	out, err := jobEscrow.abi.Unpack("verifier", data)
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

// JobEscrowVerifierSet represents a VerifierSet event raised by the JobEscrow contract.
type JobEscrowVerifierSet struct {
	Verifier common.Address
	Raw      *types.Log // Blockchain specific contextual infos
}

const JobEscrowVerifierSetEventName = "VerifierSet"

// ContractEventName returns the user-defined event name.
func (JobEscrowVerifierSet) ContractEventName() string {
	return JobEscrowVerifierSetEventName
}

// UnpackVerifierSetEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event VerifierSet(address indexed verifier)
func (jobEscrow *JobEscrow) UnpackVerifierSetEvent(log *types.Log) (*JobEscrowVerifierSet, error) {
	event := "VerifierSet"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != jobEscrow.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(JobEscrowVerifierSet)
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
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["BadBps"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackBadBpsError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["BadReceiptSignature"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackBadReceiptSignatureError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["BadVoucherSignature"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackBadVoucherSignatureError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["DeadlineInPast"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackDeadlineInPastError(raw[4:])
	}
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["DepositExhausted"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackDepositExhaustedError(raw[4:])
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
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["NotConsumer"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackNotConsumerError(raw[4:])
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
	if bytes.Equal(raw[:4], jobEscrow.abi.Errors["UnknownJob"].ID.Bytes()[:4]) {
		return jobEscrow.UnpackUnknownJobError(raw[4:])
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
