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

// ProviderRegistryMetaData contains all meta data concerning the ProviderRegistry contract.
var ProviderRegistryMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"contractIERC20\",\"name\":\"token_\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"minStake_\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"unbondingDelay_\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"initialOwner\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"length\",\"type\":\"uint256\"}],\"name\":\"BadPeerSignatureLength\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"bonded\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"minimum\",\"type\":\"uint256\"}],\"name\":\"BelowMinimumStake\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"EmptyPeerId\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"bonded\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"requested\",\"type\":\"uint256\"}],\"name\":\"InsufficientStake\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotSlasher\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"NothingToWithdraw\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"name\":\"OwnableInvalidOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"OwnableUnauthorizedAccount\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"length\",\"type\":\"uint256\"}],\"name\":\"PeerIdTooLong\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ReentrancyGuardReentrantCall\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"bits\",\"type\":\"uint8\"},{\"internalType\":\"uint256\",\"name\":\"value\",\"type\":\"uint256\"}],\"name\":\"SafeCastOverflowedUintDowncast\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"}],\"name\":\"SafeERC20FailedOperation\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"slasher\",\"type\":\"address\"}],\"name\":\"SlasherAlreadySet\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"unlockAt\",\"type\":\"uint64\"}],\"name\":\"StillUnbonding\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"delay\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"maximum\",\"type\":\"uint64\"}],\"name\":\"UnbondingDelayTooLong\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAddress\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAmount\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"minStake\",\"type\":\"uint256\"}],\"name\":\"MinStakeSet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousOwner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"OwnershipTransferred\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"string\",\"name\":\"peerId\",\"type\":\"string\"},{\"indexed\":false,\"internalType\":\"bytes\",\"name\":\"signature\",\"type\":\"bytes\"}],\"name\":\"PeerBound\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"reason\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"}],\"name\":\"Slashed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"slasher\",\"type\":\"address\"}],\"name\":\"SlasherSet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"bonded\",\"type\":\"uint256\"}],\"name\":\"Staked\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"unbonding\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"unlockAt\",\"type\":\"uint64\"}],\"name\":\"UnbondRequested\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"unbondingDelay\",\"type\":\"uint64\"}],\"name\":\"UnbondingDelaySet\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Withdrawn\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"MAX_PEER_ID_LENGTH\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MAX_PEER_SIGNATURE_LENGTH\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"MAX_UNBONDING_DELAY\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"peerId\",\"type\":\"string\"},{\"internalType\":\"bytes\",\"name\":\"signature\",\"type\":\"bytes\"}],\"name\":\"bindPeer\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"}],\"name\":\"canBid\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"minStake\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"owner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"}],\"name\":\"peerOf\",\"outputs\":[{\"internalType\":\"string\",\"name\":\"peerId\",\"type\":\"string\"},{\"internalType\":\"bytes\",\"name\":\"signature\",\"type\":\"bytes\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"renounceOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"requestUnbond\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"minStake_\",\"type\":\"uint256\"}],\"name\":\"setMinStake\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"slasher_\",\"type\":\"address\"}],\"name\":\"setSlasher\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"unbondingDelay_\",\"type\":\"uint64\"}],\"name\":\"setUnbondingDelay\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"reason\",\"type\":\"bytes32\"}],\"name\":\"slash\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"slashed\",\"type\":\"uint256\"}],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"}],\"name\":\"slashableOf\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"slasher\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"stake\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"}],\"name\":\"stakeOf\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"}],\"name\":\"standing\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"staked\",\"type\":\"bool\"},{\"internalType\":\"bool\",\"name\":\"bound\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"token\",\"outputs\":[{\"internalType\":\"contractIERC20\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"transferOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"unbondingDelay\",\"outputs\":[{\"internalType\":\"uint64\",\"name\":\"\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"provider\",\"type\":\"address\"}],\"name\":\"unbondingOf\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"uint64\",\"name\":\"unlockAt\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"withdraw\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "ProviderRegistry",
	Bin: "0x60a060405234801561000f575f5ffd5b5060405161197638038061197683398101604081905261002e9161016c565b806001600160a01b03811661005d57604051631e4fbdf760e01b81525f60048201526024015b60405180910390fd5b61006681610106565b506001600160a01b03841661008e5760405163d92e233d60e01b815260040160405180910390fd5b62278d006001600160401b03831611156100cf5760405163ec7f60bf60e01b81526001600160401b038316600482015262278d006024820152604401610054565b506001600160a01b0392909216608052600255600380546001600160401b0319166001600160401b039092169190911790556101c9565b5f80546001600160a01b038381166001600160a01b0319831681178455604051919092169283917f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e09190a35050565b6001600160a01b0381168114610169575f5ffd5b50565b5f5f5f5f6080858703121561017f575f5ffd5b845161018a81610155565b6020860151604087015191955093506001600160401b03811681146101ad575f5ffd5b60608601519092506101be81610155565b939692955090935050565b6080516117806101f65f395f81816103f9015281816105a101528181610cf3015261102601526117805ff3fe608060405234801561000f575f5ffd5b506004361061018f575f3560e01c806390c84ab6116100dd578063c65d8b7311610088578063f2fde38b11610063578063f2fde38b146103ce578063fba2c05a146103e1578063fc0c546a146103f4575f5ffd5b8063c65d8b7314610374578063db7dd35a14610397578063e416d3b2146103ab575f5ffd5b8063aabc2496116100b8578063aabc2496146102e4578063acf09912146102f7578063b134427114610361575f5ffd5b806390c84ab6146102b657806392c40468146102be578063a694fc3a146102d1575f5ffd5b8063508495d41161013d578063715018a611610118578063715018a6146102775780638c80fd901461027f5780638da5cb5b14610292575f5ffd5b8063508495d41461021957806354f63b141461023a578063586168031461024d575f5ffd5b80633ccfd60b1161016d5780633ccfd60b146101cb57806342623360146101d5578063429e03b214610206575f5ffd5b80631129ee371461019357806320157eba146101b9578063375b3c0a146101c2575b5f5ffd5b6101a66101a136600461139d565b61041b565b6040519081526020015b60405180910390f35b6101a661010081565b6101a660025481565b6101d3610456565b005b6101a66101e336600461139d565b6001600160a01b03165f908152600460205260409020546001600160801b031690565b6101d36102143660046113b6565b6105d4565b61022c61022736600461139d565b61068f565b6040516101b092919061140b565b6101d3610248366004611438565b6107d1565b61026061025b36600461139d565b610969565b6040805192151583529015156020830152016101b0565b6101d36109b7565b6101d361028d366004611438565b6109c8565b5f546001600160a01b03165b6040516001600160a01b0390911681526020016101b0565b6101a6608081565b6101d36102cc366004611494565b610a05565b6101d36102df366004611438565b610be3565b6101d36102f236600461139d565b610d28565b61034361030536600461139d565b6001600160a01b03165f908152600460205260409020600181015490546001600160801b0390911691600160801b90910467ffffffffffffffff1690565b6040805192835267ffffffffffffffff9091166020830152016101b0565b60015461029e906001600160a01b031681565b61037e62278d0081565b60405167ffffffffffffffff90911681526020016101b0565b60035461037e9067ffffffffffffffff1681565b6103be6103b936600461139d565b610e18565b60405190151581526020016101b0565b6101d36103dc36600461139d565b610e4e565b6101a66103ef366004611500565b610ea1565b61029e7f000000000000000000000000000000000000000000000000000000000000000081565b6001600160a01b0381165f9081526004602052604081206001810154815461044f916001600160801b039081169116611544565b9392505050565b61045e61105b565b335f908152600460205260408120600181015490916001600160801b03909116908190036104b8576040517fd0d04f6000000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b8154600160801b900467ffffffffffffffff1642101561051e5781546040517fbe8a527b000000000000000000000000000000000000000000000000000000008152600160801b90910467ffffffffffffffff1660048201526024015b60405180910390fd5b6001820180546fffffffffffffffffffffffffffffffff1916905581547fffffffffffffffff0000000000000000ffffffffffffffffffffffffffffffff16825560405181815233907f7084f5476618d8e60b11ef0d7d3f06914655adb8793e28ff7f018d4c76d505d59060200160405180910390a26105c86001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000163383611090565b50506105d26110ca565b565b6105dc6110f4565b62278d0067ffffffffffffffff82161115610638576040517fec7f60bf00000000000000000000000000000000000000000000000000000000815267ffffffffffffffff8216600482015262278d006024820152604401610515565b6003805467ffffffffffffffff191667ffffffffffffffff83169081179091556040519081527f16cc46df77405a1d0dc35ad78dd0c55bb42dc30a45c21ccff578f3cd6d3b25de906020015b60405180910390a150565b6001600160a01b0381165f908152600560205260409020805460609182918190600182019082906106bf9061155d565b80601f01602080910402602001604051908101604052809291908181526020018280546106eb9061155d565b80156107365780601f1061070d57610100808354040283529160200191610736565b820191905f5260205f20905b81548152906001019060200180831161071957829003601f168201915b505050505091508080546107499061155d565b80601f01602080910402602001604051908101604052809291908181526020018280546107759061155d565b80156107c05780601f10610797576101008083540402835291602001916107c0565b820191905f5260205f20905b8154815290600101906020018083116107a357829003601f168201915b505050505090509250925050915091565b805f036107f157604051631f2a200560e01b815260040160405180910390fd5b335f90815260046020526040902080546001600160801b03168083111561084e576040517f45be0a260000000000000000000000000000000000000000000000000000000081526004810182905260248101849052604401610515565b6108588382611595565b82546fffffffffffffffffffffffffffffffff19166001600160801b0391821617835560018301545f9161088e91869116611544565b905061089981611139565b6001840180546fffffffffffffffffffffffffffffffff19166001600160801b03929092169190911790556003545f906108dd9067ffffffffffffffff16426115a8565b84547fffffffffffffffff0000000000000000ffffffffffffffffffffffffffffffff16600160801b67ffffffffffffffff831690810291909117865560408051888152602081018690529081019190915290915033907f8ffb1c1bbc9352c50a3e49053178f14880746fdfa0b27fa14c4ac392e3cdc384906060015b60405180910390a25050505050565b6001600160a01b0381165f90815260046020526040812080548291906001600160801b0316801580159061099f57506002548110155b91549195600160c01b90920460ff1694509092505050565b6109bf6110f4565b6105d25f611189565b6109d06110f4565b60028190556040518181527fa70bd512f7108f78a924d05836f49963c6d8583e3d39f5b6412eb5be70e8432a90602001610684565b825f819003610a40576040517f3645dfe400000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b6080811115610a7e576040517fe7693fe000000000000000000000000000000000000000000000000000000000815260048101829052602401610515565b811580610a8c575061010082115b15610ac6576040517f93e7204100000000000000000000000000000000000000000000000000000000815260048101839052602401610515565b6040805160606020601f880181900402820181018352918101868152909182919088908890819085018382808284375f92019190915250505090825250604080516020601f8701819004810282018101909252858152918101919086908690819084018382808284375f92018290525093909452505033815260056020526040902082519091508190610b599082611632565b5060208201516001820190610b6e9082611632565b5050335f818152600460205260409081902080547fffffffffffffff00ffffffffffffffffffffffffffffffffffffffffffffffff16600160c01b179055519091507f4db91bce3865e43b5b3f8f2f1113a8d90e2d4589c90ef9dd7146f45c33436f669061095a908890889088908890611719565b610beb61105b565b805f03610c0b57604051631f2a200560e01b815260040160405180910390fd5b335f9081526004602052604081208054909190610c329084906001600160801b0316611544565b9050600254811015610c7e576002546040517f06a35408000000000000000000000000000000000000000000000000000000008152610515918391600401918252602082015260400190565b610c8781611139565b82546fffffffffffffffffffffffffffffffff19166001600160801b0391909116178255604080518481526020810183905233917f1449c6dd7851abc30abf37f57715f492010519147cc2652fbc38202c18a6ee90910160405180910390a2610d1b6001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000163330866111e5565b5050610d256110ca565b50565b610d306110f4565b6001600160a01b038116610d70576040517fd92e233d00000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b6001546001600160a01b031615610dc2576001546040517f46aa77970000000000000000000000000000000000000000000000000000000081526001600160a01b039091166004820152602401610515565b6001805473ffffffffffffffffffffffffffffffffffffffff19166001600160a01b0383169081179091556040517f93984378289228ac490c326f8dbcc3f9b2c703753c272e7c572949e115da985e905f90a250565b6001600160a01b0381165f908152600460205260408120546001600160801b0316801580159061044f5750600254111592915050565b610e566110f4565b6001600160a01b038116610e98576040517f1e4fbdf70000000000000000000000000000000000000000000000000000000081525f6004820152602401610515565b610d2581611189565b5f610eaa61105b565b6001546001600160a01b03163314610ef0576040517f4bc0cd76000000000000000000000000000000000000000000000000000000008152336004820152602401610515565b6001600160a01b0384165f908152600460205260408120805490916001600160801b0390911690818610610f245781610f26565b855b9050610f328183611595565b83546fffffffffffffffffffffffffffffffff19166001600160801b03919091161783555f610f618288611595565b60018501549091506001600160801b03165f818310610f805781610f82565b825b9050610f8e8183611595565b6001870180546fffffffffffffffffffffffffffffffff19166001600160801b0392909216919091179055610fc38185611544565b9650336001600160a01b0316888b6001600160a01b03167fb86ee5381e75df753c857528f8b86463a470a632f03ff2b6af2ad462f2a210ee8a60405161100b91815260200190565b60405180910390a4861561104d5761104d6001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000163389611090565b50505050505061044f6110ca565b611063611221565b6105d260017f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f005b9061127a565b61109d8383836001611281565b6110c557604051635274afe760e01b81526001600160a01b0384166004820152602401610515565b505050565b6105d25f7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f0061108a565b5f546001600160a01b031633146105d2576040517f118cdaa7000000000000000000000000000000000000000000000000000000008152336004820152602401610515565b5f6001600160801b03821115611185576040517f6dfcc6500000000000000000000000000000000000000000000000000000000081526080600482015260248101839052604401610515565b5090565b5f80546001600160a01b0383811673ffffffffffffffffffffffffffffffffffffffff19831681178455604051919092169283917f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e09190a35050565b6111f38484848460016112fc565b61121b57604051635274afe760e01b81526001600160a01b0385166004820152602401610515565b50505050565b7f9b779b17422d0df92223018b32b4d1fa46e071723d6817e2486d003becc55f005c156105d2576040517f3ee5aeb500000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b80825d5050565b6040517fa9059cbb000000000000000000000000000000000000000000000000000000005f8181526001600160a01b038616600452602485905291602083604481808b5af1925060015f511483166112f05783831516156112e4573d5f823e3d81fd5b5f873b113d1516831692505b60405250949350505050565b6040517f23b872dd000000000000000000000000000000000000000000000000000000005f8181526001600160a01b038781166004528616602452604485905291602083606481808c5af1925060015f51148316611371578383151615611365573d5f823e3d81fd5b5f883b113d1516831692505b604052505f60605295945050505050565b80356001600160a01b0381168114611398575f5ffd5b919050565b5f602082840312156113ad575f5ffd5b61044f82611382565b5f602082840312156113c6575f5ffd5b813567ffffffffffffffff8116811461044f575f5ffd5b5f81518084528060208401602086015e5f602082860101526020601f19601f83011685010191505092915050565b604081525f61141d60408301856113dd565b828103602084015261142f81856113dd565b95945050505050565b5f60208284031215611448575f5ffd5b5035919050565b5f5f83601f84011261145f575f5ffd5b50813567ffffffffffffffff811115611476575f5ffd5b60208301915083602082850101111561148d575f5ffd5b9250929050565b5f5f5f5f604085870312156114a7575f5ffd5b843567ffffffffffffffff8111156114bd575f5ffd5b6114c98782880161144f565b909550935050602085013567ffffffffffffffff8111156114e8575f5ffd5b6114f48782880161144f565b95989497509550505050565b5f5f5f60608486031215611512575f5ffd5b61151b84611382565b95602085013595506040909401359392505050565b634e487b7160e01b5f52601160045260245ffd5b8082018082111561155757611557611530565b92915050565b600181811c9082168061157157607f821691505b60208210810361158f57634e487b7160e01b5f52602260045260245ffd5b50919050565b8181038181111561155757611557611530565b67ffffffffffffffff818116838216019081111561155757611557611530565b634e487b7160e01b5f52604160045260245ffd5b601f8211156110c557828211156110c557805f5260205f20601f840160051c602085101561160757505f5b90810190601f840160051c035f5b8181101561162a575f83820155600101611615565b505050505050565b815167ffffffffffffffff81111561164c5761164c6115c8565b6116608161165a845461155d565b846115dc565b6020601f821160018114611692575f831561167b5750848201515b5f19600385901b1c1916600184901b1784556116ea565b5f84815260208120601f198516915b828110156116c157878501518255602094850194600190920191016116a1565b50848210156116de57868401515f19600387901b60f8161c191681555b505060018360011b0184555b5050505050565b81835281816020850137505f828201602090810191909152601f909101601f19169091010190565b604081525f61172c6040830186886116f1565b828103602084015261173f8185876116f1565b97965050505050505056fea26469706673582212205c24d0e8de841c872523b0fbc3f9ce59ebd587825d4cbbb635f84060a257d4c564736f6c63430008250033",
}

// ProviderRegistry is an auto generated Go binding around an Ethereum contract.
type ProviderRegistry struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *ProviderRegistry) GetABI() abi.ABI {
	return c.abi
}

// NewProviderRegistry creates a new instance of ProviderRegistry.
func NewProviderRegistry() *ProviderRegistry {
	parsed, err := ProviderRegistryMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &ProviderRegistry{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *ProviderRegistry) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address token_, uint256 minStake_, uint64 unbondingDelay_, address initialOwner) returns()
func (providerRegistry *ProviderRegistry) PackConstructor(token_ common.Address, minStake_ *big.Int, unbondingDelay_ uint64, initialOwner common.Address) []byte {
	enc, err := providerRegistry.abi.Pack("", token_, minStake_, unbondingDelay_, initialOwner)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackMAXPEERIDLENGTH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x90c84ab6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_PEER_ID_LENGTH() view returns(uint256)
func (providerRegistry *ProviderRegistry) PackMAXPEERIDLENGTH() []byte {
	enc, err := providerRegistry.abi.Pack("MAX_PEER_ID_LENGTH")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMAXPEERIDLENGTH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x90c84ab6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MAX_PEER_ID_LENGTH() view returns(uint256)
func (providerRegistry *ProviderRegistry) TryPackMAXPEERIDLENGTH() ([]byte, error) {
	return providerRegistry.abi.Pack("MAX_PEER_ID_LENGTH")
}

// UnpackMAXPEERIDLENGTH is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x90c84ab6.
//
// Solidity: function MAX_PEER_ID_LENGTH() view returns(uint256)
func (providerRegistry *ProviderRegistry) UnpackMAXPEERIDLENGTH(data []byte) (*big.Int, error) {
	out, err := providerRegistry.abi.Unpack("MAX_PEER_ID_LENGTH", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackMAXPEERSIGNATURELENGTH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x20157eba.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_PEER_SIGNATURE_LENGTH() view returns(uint256)
func (providerRegistry *ProviderRegistry) PackMAXPEERSIGNATURELENGTH() []byte {
	enc, err := providerRegistry.abi.Pack("MAX_PEER_SIGNATURE_LENGTH")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMAXPEERSIGNATURELENGTH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x20157eba.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MAX_PEER_SIGNATURE_LENGTH() view returns(uint256)
func (providerRegistry *ProviderRegistry) TryPackMAXPEERSIGNATURELENGTH() ([]byte, error) {
	return providerRegistry.abi.Pack("MAX_PEER_SIGNATURE_LENGTH")
}

// UnpackMAXPEERSIGNATURELENGTH is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x20157eba.
//
// Solidity: function MAX_PEER_SIGNATURE_LENGTH() view returns(uint256)
func (providerRegistry *ProviderRegistry) UnpackMAXPEERSIGNATURELENGTH(data []byte) (*big.Int, error) {
	out, err := providerRegistry.abi.Unpack("MAX_PEER_SIGNATURE_LENGTH", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackMAXUNBONDINGDELAY is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc65d8b73.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_UNBONDING_DELAY() view returns(uint64)
func (providerRegistry *ProviderRegistry) PackMAXUNBONDINGDELAY() []byte {
	enc, err := providerRegistry.abi.Pack("MAX_UNBONDING_DELAY")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMAXUNBONDINGDELAY is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc65d8b73.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MAX_UNBONDING_DELAY() view returns(uint64)
func (providerRegistry *ProviderRegistry) TryPackMAXUNBONDINGDELAY() ([]byte, error) {
	return providerRegistry.abi.Pack("MAX_UNBONDING_DELAY")
}

// UnpackMAXUNBONDINGDELAY is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xc65d8b73.
//
// Solidity: function MAX_UNBONDING_DELAY() view returns(uint64)
func (providerRegistry *ProviderRegistry) UnpackMAXUNBONDINGDELAY(data []byte) (uint64, error) {
	out, err := providerRegistry.abi.Unpack("MAX_UNBONDING_DELAY", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackBindPeer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x92c40468.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function bindPeer(string peerId, bytes signature) returns()
func (providerRegistry *ProviderRegistry) PackBindPeer(peerId string, signature []byte) []byte {
	enc, err := providerRegistry.abi.Pack("bindPeer", peerId, signature)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBindPeer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x92c40468.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function bindPeer(string peerId, bytes signature) returns()
func (providerRegistry *ProviderRegistry) TryPackBindPeer(peerId string, signature []byte) ([]byte, error) {
	return providerRegistry.abi.Pack("bindPeer", peerId, signature)
}

// PackCanBid is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe416d3b2.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function canBid(address provider) view returns(bool)
func (providerRegistry *ProviderRegistry) PackCanBid(provider common.Address) []byte {
	enc, err := providerRegistry.abi.Pack("canBid", provider)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCanBid is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe416d3b2.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function canBid(address provider) view returns(bool)
func (providerRegistry *ProviderRegistry) TryPackCanBid(provider common.Address) ([]byte, error) {
	return providerRegistry.abi.Pack("canBid", provider)
}

// UnpackCanBid is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe416d3b2.
//
// Solidity: function canBid(address provider) view returns(bool)
func (providerRegistry *ProviderRegistry) UnpackCanBid(data []byte) (bool, error) {
	out, err := providerRegistry.abi.Unpack("canBid", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackMinStake is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x375b3c0a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function minStake() view returns(uint256)
func (providerRegistry *ProviderRegistry) PackMinStake() []byte {
	enc, err := providerRegistry.abi.Pack("minStake")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMinStake is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x375b3c0a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function minStake() view returns(uint256)
func (providerRegistry *ProviderRegistry) TryPackMinStake() ([]byte, error) {
	return providerRegistry.abi.Pack("minStake")
}

// UnpackMinStake is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x375b3c0a.
//
// Solidity: function minStake() view returns(uint256)
func (providerRegistry *ProviderRegistry) UnpackMinStake(data []byte) (*big.Int, error) {
	out, err := providerRegistry.abi.Unpack("minStake", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function owner() view returns(address)
func (providerRegistry *ProviderRegistry) PackOwner() []byte {
	enc, err := providerRegistry.abi.Pack("owner")
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
func (providerRegistry *ProviderRegistry) TryPackOwner() ([]byte, error) {
	return providerRegistry.abi.Pack("owner")
}

// UnpackOwner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8da5cb5b.
//
// Solidity: function owner() view returns(address)
func (providerRegistry *ProviderRegistry) UnpackOwner(data []byte) (common.Address, error) {
	out, err := providerRegistry.abi.Unpack("owner", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackPeerOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x508495d4.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function peerOf(address provider) view returns(string peerId, bytes signature)
func (providerRegistry *ProviderRegistry) PackPeerOf(provider common.Address) []byte {
	enc, err := providerRegistry.abi.Pack("peerOf", provider)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPeerOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x508495d4.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function peerOf(address provider) view returns(string peerId, bytes signature)
func (providerRegistry *ProviderRegistry) TryPackPeerOf(provider common.Address) ([]byte, error) {
	return providerRegistry.abi.Pack("peerOf", provider)
}

// PeerOfOutput serves as a container for the return parameters of contract
// method PeerOf.
type PeerOfOutput struct {
	PeerId    string
	Signature []byte
}

// UnpackPeerOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x508495d4.
//
// Solidity: function peerOf(address provider) view returns(string peerId, bytes signature)
func (providerRegistry *ProviderRegistry) UnpackPeerOf(data []byte) (PeerOfOutput, error) {
	out, err := providerRegistry.abi.Unpack("peerOf", data)
	outstruct := new(PeerOfOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.PeerId = *abi.ConvertType(out[0], new(string)).(*string)
	outstruct.Signature = *abi.ConvertType(out[1], new([]byte)).(*[]byte)
	return *outstruct, nil
}

// PackRenounceOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x715018a6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function renounceOwnership() returns()
func (providerRegistry *ProviderRegistry) PackRenounceOwnership() []byte {
	enc, err := providerRegistry.abi.Pack("renounceOwnership")
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
func (providerRegistry *ProviderRegistry) TryPackRenounceOwnership() ([]byte, error) {
	return providerRegistry.abi.Pack("renounceOwnership")
}

// PackRequestUnbond is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x54f63b14.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function requestUnbond(uint256 amount) returns()
func (providerRegistry *ProviderRegistry) PackRequestUnbond(amount *big.Int) []byte {
	enc, err := providerRegistry.abi.Pack("requestUnbond", amount)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRequestUnbond is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x54f63b14.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function requestUnbond(uint256 amount) returns()
func (providerRegistry *ProviderRegistry) TryPackRequestUnbond(amount *big.Int) ([]byte, error) {
	return providerRegistry.abi.Pack("requestUnbond", amount)
}

// PackSetMinStake is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8c80fd90.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setMinStake(uint256 minStake_) returns()
func (providerRegistry *ProviderRegistry) PackSetMinStake(minStake *big.Int) []byte {
	enc, err := providerRegistry.abi.Pack("setMinStake", minStake)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetMinStake is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8c80fd90.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setMinStake(uint256 minStake_) returns()
func (providerRegistry *ProviderRegistry) TryPackSetMinStake(minStake *big.Int) ([]byte, error) {
	return providerRegistry.abi.Pack("setMinStake", minStake)
}

// PackSetSlasher is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xaabc2496.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setSlasher(address slasher_) returns()
func (providerRegistry *ProviderRegistry) PackSetSlasher(slasher common.Address) []byte {
	enc, err := providerRegistry.abi.Pack("setSlasher", slasher)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetSlasher is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xaabc2496.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setSlasher(address slasher_) returns()
func (providerRegistry *ProviderRegistry) TryPackSetSlasher(slasher common.Address) ([]byte, error) {
	return providerRegistry.abi.Pack("setSlasher", slasher)
}

// PackSetUnbondingDelay is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x429e03b2.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setUnbondingDelay(uint64 unbondingDelay_) returns()
func (providerRegistry *ProviderRegistry) PackSetUnbondingDelay(unbondingDelay uint64) []byte {
	enc, err := providerRegistry.abi.Pack("setUnbondingDelay", unbondingDelay)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetUnbondingDelay is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x429e03b2.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setUnbondingDelay(uint64 unbondingDelay_) returns()
func (providerRegistry *ProviderRegistry) TryPackSetUnbondingDelay(unbondingDelay uint64) ([]byte, error) {
	return providerRegistry.abi.Pack("setUnbondingDelay", unbondingDelay)
}

// PackSlash is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfba2c05a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function slash(address provider, uint256 amount, bytes32 reason) returns(uint256 slashed)
func (providerRegistry *ProviderRegistry) PackSlash(provider common.Address, amount *big.Int, reason [32]byte) []byte {
	enc, err := providerRegistry.abi.Pack("slash", provider, amount, reason)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSlash is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfba2c05a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function slash(address provider, uint256 amount, bytes32 reason) returns(uint256 slashed)
func (providerRegistry *ProviderRegistry) TryPackSlash(provider common.Address, amount *big.Int, reason [32]byte) ([]byte, error) {
	return providerRegistry.abi.Pack("slash", provider, amount, reason)
}

// UnpackSlash is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xfba2c05a.
//
// Solidity: function slash(address provider, uint256 amount, bytes32 reason) returns(uint256 slashed)
func (providerRegistry *ProviderRegistry) UnpackSlash(data []byte) (*big.Int, error) {
	out, err := providerRegistry.abi.Unpack("slash", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackSlashableOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1129ee37.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function slashableOf(address provider) view returns(uint256)
func (providerRegistry *ProviderRegistry) PackSlashableOf(provider common.Address) []byte {
	enc, err := providerRegistry.abi.Pack("slashableOf", provider)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSlashableOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1129ee37.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function slashableOf(address provider) view returns(uint256)
func (providerRegistry *ProviderRegistry) TryPackSlashableOf(provider common.Address) ([]byte, error) {
	return providerRegistry.abi.Pack("slashableOf", provider)
}

// UnpackSlashableOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1129ee37.
//
// Solidity: function slashableOf(address provider) view returns(uint256)
func (providerRegistry *ProviderRegistry) UnpackSlashableOf(data []byte) (*big.Int, error) {
	out, err := providerRegistry.abi.Unpack("slashableOf", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackSlasher is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb1344271.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function slasher() view returns(address)
func (providerRegistry *ProviderRegistry) PackSlasher() []byte {
	enc, err := providerRegistry.abi.Pack("slasher")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSlasher is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb1344271.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function slasher() view returns(address)
func (providerRegistry *ProviderRegistry) TryPackSlasher() ([]byte, error) {
	return providerRegistry.abi.Pack("slasher")
}

// UnpackSlasher is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xb1344271.
//
// Solidity: function slasher() view returns(address)
func (providerRegistry *ProviderRegistry) UnpackSlasher(data []byte) (common.Address, error) {
	out, err := providerRegistry.abi.Unpack("slasher", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackStake is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa694fc3a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function stake(uint256 amount) returns()
func (providerRegistry *ProviderRegistry) PackStake(amount *big.Int) []byte {
	enc, err := providerRegistry.abi.Pack("stake", amount)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackStake is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa694fc3a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function stake(uint256 amount) returns()
func (providerRegistry *ProviderRegistry) TryPackStake(amount *big.Int) ([]byte, error) {
	return providerRegistry.abi.Pack("stake", amount)
}

// PackStakeOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x42623360.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function stakeOf(address provider) view returns(uint256)
func (providerRegistry *ProviderRegistry) PackStakeOf(provider common.Address) []byte {
	enc, err := providerRegistry.abi.Pack("stakeOf", provider)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackStakeOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x42623360.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function stakeOf(address provider) view returns(uint256)
func (providerRegistry *ProviderRegistry) TryPackStakeOf(provider common.Address) ([]byte, error) {
	return providerRegistry.abi.Pack("stakeOf", provider)
}

// UnpackStakeOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x42623360.
//
// Solidity: function stakeOf(address provider) view returns(uint256)
func (providerRegistry *ProviderRegistry) UnpackStakeOf(data []byte) (*big.Int, error) {
	out, err := providerRegistry.abi.Unpack("stakeOf", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackStanding is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x58616803.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function standing(address provider) view returns(bool staked, bool bound)
func (providerRegistry *ProviderRegistry) PackStanding(provider common.Address) []byte {
	enc, err := providerRegistry.abi.Pack("standing", provider)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackStanding is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x58616803.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function standing(address provider) view returns(bool staked, bool bound)
func (providerRegistry *ProviderRegistry) TryPackStanding(provider common.Address) ([]byte, error) {
	return providerRegistry.abi.Pack("standing", provider)
}

// StandingOutput serves as a container for the return parameters of contract
// method Standing.
type StandingOutput struct {
	Staked bool
	Bound  bool
}

// UnpackStanding is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x58616803.
//
// Solidity: function standing(address provider) view returns(bool staked, bool bound)
func (providerRegistry *ProviderRegistry) UnpackStanding(data []byte) (StandingOutput, error) {
	out, err := providerRegistry.abi.Unpack("standing", data)
	outstruct := new(StandingOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Staked = *abi.ConvertType(out[0], new(bool)).(*bool)
	outstruct.Bound = *abi.ConvertType(out[1], new(bool)).(*bool)
	return *outstruct, nil
}

// PackToken is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfc0c546a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function token() view returns(address)
func (providerRegistry *ProviderRegistry) PackToken() []byte {
	enc, err := providerRegistry.abi.Pack("token")
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
func (providerRegistry *ProviderRegistry) TryPackToken() ([]byte, error) {
	return providerRegistry.abi.Pack("token")
}

// UnpackToken is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xfc0c546a.
//
// Solidity: function token() view returns(address)
func (providerRegistry *ProviderRegistry) UnpackToken(data []byte) (common.Address, error) {
	out, err := providerRegistry.abi.Unpack("token", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackTransferOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fde38b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferOwnership(address newOwner) returns()
func (providerRegistry *ProviderRegistry) PackTransferOwnership(newOwner common.Address) []byte {
	enc, err := providerRegistry.abi.Pack("transferOwnership", newOwner)
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
func (providerRegistry *ProviderRegistry) TryPackTransferOwnership(newOwner common.Address) ([]byte, error) {
	return providerRegistry.abi.Pack("transferOwnership", newOwner)
}

// PackUnbondingDelay is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdb7dd35a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function unbondingDelay() view returns(uint64)
func (providerRegistry *ProviderRegistry) PackUnbondingDelay() []byte {
	enc, err := providerRegistry.abi.Pack("unbondingDelay")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackUnbondingDelay is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xdb7dd35a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function unbondingDelay() view returns(uint64)
func (providerRegistry *ProviderRegistry) TryPackUnbondingDelay() ([]byte, error) {
	return providerRegistry.abi.Pack("unbondingDelay")
}

// UnpackUnbondingDelay is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xdb7dd35a.
//
// Solidity: function unbondingDelay() view returns(uint64)
func (providerRegistry *ProviderRegistry) UnpackUnbondingDelay(data []byte) (uint64, error) {
	out, err := providerRegistry.abi.Unpack("unbondingDelay", data)
	if err != nil {
		return *new(uint64), err
	}
	out0 := *abi.ConvertType(out[0], new(uint64)).(*uint64)
	return out0, nil
}

// PackUnbondingOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xacf09912.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function unbondingOf(address provider) view returns(uint256 amount, uint64 unlockAt)
func (providerRegistry *ProviderRegistry) PackUnbondingOf(provider common.Address) []byte {
	enc, err := providerRegistry.abi.Pack("unbondingOf", provider)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackUnbondingOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xacf09912.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function unbondingOf(address provider) view returns(uint256 amount, uint64 unlockAt)
func (providerRegistry *ProviderRegistry) TryPackUnbondingOf(provider common.Address) ([]byte, error) {
	return providerRegistry.abi.Pack("unbondingOf", provider)
}

// UnbondingOfOutput serves as a container for the return parameters of contract
// method UnbondingOf.
type UnbondingOfOutput struct {
	Amount   *big.Int
	UnlockAt uint64
}

// UnpackUnbondingOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xacf09912.
//
// Solidity: function unbondingOf(address provider) view returns(uint256 amount, uint64 unlockAt)
func (providerRegistry *ProviderRegistry) UnpackUnbondingOf(data []byte) (UnbondingOfOutput, error) {
	out, err := providerRegistry.abi.Unpack("unbondingOf", data)
	outstruct := new(UnbondingOfOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Amount = abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	outstruct.UnlockAt = *abi.ConvertType(out[1], new(uint64)).(*uint64)
	return *outstruct, nil
}

// PackWithdraw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3ccfd60b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function withdraw() returns()
func (providerRegistry *ProviderRegistry) PackWithdraw() []byte {
	enc, err := providerRegistry.abi.Pack("withdraw")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackWithdraw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3ccfd60b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function withdraw() returns()
func (providerRegistry *ProviderRegistry) TryPackWithdraw() ([]byte, error) {
	return providerRegistry.abi.Pack("withdraw")
}

// ProviderRegistryMinStakeSet represents a MinStakeSet event raised by the ProviderRegistry contract.
type ProviderRegistryMinStakeSet struct {
	MinStake *big.Int
	Raw      *types.Log // Blockchain specific contextual infos
}

const ProviderRegistryMinStakeSetEventName = "MinStakeSet"

// ContractEventName returns the user-defined event name.
func (ProviderRegistryMinStakeSet) ContractEventName() string {
	return ProviderRegistryMinStakeSetEventName
}

// UnpackMinStakeSetEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event MinStakeSet(uint256 minStake)
func (providerRegistry *ProviderRegistry) UnpackMinStakeSetEvent(log *types.Log) (*ProviderRegistryMinStakeSet, error) {
	event := "MinStakeSet"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != providerRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ProviderRegistryMinStakeSet)
	if len(log.Data) > 0 {
		if err := providerRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range providerRegistry.abi.Events[event].Inputs {
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

// ProviderRegistryOwnershipTransferred represents a OwnershipTransferred event raised by the ProviderRegistry contract.
type ProviderRegistryOwnershipTransferred struct {
	PreviousOwner common.Address
	NewOwner      common.Address
	Raw           *types.Log // Blockchain specific contextual infos
}

const ProviderRegistryOwnershipTransferredEventName = "OwnershipTransferred"

// ContractEventName returns the user-defined event name.
func (ProviderRegistryOwnershipTransferred) ContractEventName() string {
	return ProviderRegistryOwnershipTransferredEventName
}

// UnpackOwnershipTransferredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event OwnershipTransferred(address indexed previousOwner, address indexed newOwner)
func (providerRegistry *ProviderRegistry) UnpackOwnershipTransferredEvent(log *types.Log) (*ProviderRegistryOwnershipTransferred, error) {
	event := "OwnershipTransferred"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != providerRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ProviderRegistryOwnershipTransferred)
	if len(log.Data) > 0 {
		if err := providerRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range providerRegistry.abi.Events[event].Inputs {
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

// ProviderRegistryPeerBound represents a PeerBound event raised by the ProviderRegistry contract.
type ProviderRegistryPeerBound struct {
	Provider  common.Address
	PeerId    string
	Signature []byte
	Raw       *types.Log // Blockchain specific contextual infos
}

const ProviderRegistryPeerBoundEventName = "PeerBound"

// ContractEventName returns the user-defined event name.
func (ProviderRegistryPeerBound) ContractEventName() string {
	return ProviderRegistryPeerBoundEventName
}

// UnpackPeerBoundEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event PeerBound(address indexed provider, string peerId, bytes signature)
func (providerRegistry *ProviderRegistry) UnpackPeerBoundEvent(log *types.Log) (*ProviderRegistryPeerBound, error) {
	event := "PeerBound"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != providerRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ProviderRegistryPeerBound)
	if len(log.Data) > 0 {
		if err := providerRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range providerRegistry.abi.Events[event].Inputs {
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

// ProviderRegistrySlashed represents a Slashed event raised by the ProviderRegistry contract.
type ProviderRegistrySlashed struct {
	Provider common.Address
	Amount   *big.Int
	Reason   [32]byte
	To       common.Address
	Raw      *types.Log // Blockchain specific contextual infos
}

const ProviderRegistrySlashedEventName = "Slashed"

// ContractEventName returns the user-defined event name.
func (ProviderRegistrySlashed) ContractEventName() string {
	return ProviderRegistrySlashedEventName
}

// UnpackSlashedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Slashed(address indexed provider, uint256 amount, bytes32 indexed reason, address indexed to)
func (providerRegistry *ProviderRegistry) UnpackSlashedEvent(log *types.Log) (*ProviderRegistrySlashed, error) {
	event := "Slashed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != providerRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ProviderRegistrySlashed)
	if len(log.Data) > 0 {
		if err := providerRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range providerRegistry.abi.Events[event].Inputs {
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

// ProviderRegistrySlasherSet represents a SlasherSet event raised by the ProviderRegistry contract.
type ProviderRegistrySlasherSet struct {
	Slasher common.Address
	Raw     *types.Log // Blockchain specific contextual infos
}

const ProviderRegistrySlasherSetEventName = "SlasherSet"

// ContractEventName returns the user-defined event name.
func (ProviderRegistrySlasherSet) ContractEventName() string {
	return ProviderRegistrySlasherSetEventName
}

// UnpackSlasherSetEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event SlasherSet(address indexed slasher)
func (providerRegistry *ProviderRegistry) UnpackSlasherSetEvent(log *types.Log) (*ProviderRegistrySlasherSet, error) {
	event := "SlasherSet"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != providerRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ProviderRegistrySlasherSet)
	if len(log.Data) > 0 {
		if err := providerRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range providerRegistry.abi.Events[event].Inputs {
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

// ProviderRegistryStaked represents a Staked event raised by the ProviderRegistry contract.
type ProviderRegistryStaked struct {
	Provider common.Address
	Amount   *big.Int
	Bonded   *big.Int
	Raw      *types.Log // Blockchain specific contextual infos
}

const ProviderRegistryStakedEventName = "Staked"

// ContractEventName returns the user-defined event name.
func (ProviderRegistryStaked) ContractEventName() string {
	return ProviderRegistryStakedEventName
}

// UnpackStakedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Staked(address indexed provider, uint256 amount, uint256 bonded)
func (providerRegistry *ProviderRegistry) UnpackStakedEvent(log *types.Log) (*ProviderRegistryStaked, error) {
	event := "Staked"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != providerRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ProviderRegistryStaked)
	if len(log.Data) > 0 {
		if err := providerRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range providerRegistry.abi.Events[event].Inputs {
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

// ProviderRegistryUnbondRequested represents a UnbondRequested event raised by the ProviderRegistry contract.
type ProviderRegistryUnbondRequested struct {
	Provider  common.Address
	Amount    *big.Int
	Unbonding *big.Int
	UnlockAt  uint64
	Raw       *types.Log // Blockchain specific contextual infos
}

const ProviderRegistryUnbondRequestedEventName = "UnbondRequested"

// ContractEventName returns the user-defined event name.
func (ProviderRegistryUnbondRequested) ContractEventName() string {
	return ProviderRegistryUnbondRequestedEventName
}

// UnpackUnbondRequestedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event UnbondRequested(address indexed provider, uint256 amount, uint256 unbonding, uint64 unlockAt)
func (providerRegistry *ProviderRegistry) UnpackUnbondRequestedEvent(log *types.Log) (*ProviderRegistryUnbondRequested, error) {
	event := "UnbondRequested"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != providerRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ProviderRegistryUnbondRequested)
	if len(log.Data) > 0 {
		if err := providerRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range providerRegistry.abi.Events[event].Inputs {
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

// ProviderRegistryUnbondingDelaySet represents a UnbondingDelaySet event raised by the ProviderRegistry contract.
type ProviderRegistryUnbondingDelaySet struct {
	UnbondingDelay uint64
	Raw            *types.Log // Blockchain specific contextual infos
}

const ProviderRegistryUnbondingDelaySetEventName = "UnbondingDelaySet"

// ContractEventName returns the user-defined event name.
func (ProviderRegistryUnbondingDelaySet) ContractEventName() string {
	return ProviderRegistryUnbondingDelaySetEventName
}

// UnpackUnbondingDelaySetEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event UnbondingDelaySet(uint64 unbondingDelay)
func (providerRegistry *ProviderRegistry) UnpackUnbondingDelaySetEvent(log *types.Log) (*ProviderRegistryUnbondingDelaySet, error) {
	event := "UnbondingDelaySet"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != providerRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ProviderRegistryUnbondingDelaySet)
	if len(log.Data) > 0 {
		if err := providerRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range providerRegistry.abi.Events[event].Inputs {
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

// ProviderRegistryWithdrawn represents a Withdrawn event raised by the ProviderRegistry contract.
type ProviderRegistryWithdrawn struct {
	Provider common.Address
	Amount   *big.Int
	Raw      *types.Log // Blockchain specific contextual infos
}

const ProviderRegistryWithdrawnEventName = "Withdrawn"

// ContractEventName returns the user-defined event name.
func (ProviderRegistryWithdrawn) ContractEventName() string {
	return ProviderRegistryWithdrawnEventName
}

// UnpackWithdrawnEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Withdrawn(address indexed provider, uint256 amount)
func (providerRegistry *ProviderRegistry) UnpackWithdrawnEvent(log *types.Log) (*ProviderRegistryWithdrawn, error) {
	event := "Withdrawn"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != providerRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(ProviderRegistryWithdrawn)
	if len(log.Data) > 0 {
		if err := providerRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range providerRegistry.abi.Events[event].Inputs {
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
func (providerRegistry *ProviderRegistry) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], providerRegistry.abi.Errors["BadPeerSignatureLength"].ID.Bytes()[:4]) {
		return providerRegistry.UnpackBadPeerSignatureLengthError(raw[4:])
	}
	if bytes.Equal(raw[:4], providerRegistry.abi.Errors["BelowMinimumStake"].ID.Bytes()[:4]) {
		return providerRegistry.UnpackBelowMinimumStakeError(raw[4:])
	}
	if bytes.Equal(raw[:4], providerRegistry.abi.Errors["EmptyPeerId"].ID.Bytes()[:4]) {
		return providerRegistry.UnpackEmptyPeerIdError(raw[4:])
	}
	if bytes.Equal(raw[:4], providerRegistry.abi.Errors["InsufficientStake"].ID.Bytes()[:4]) {
		return providerRegistry.UnpackInsufficientStakeError(raw[4:])
	}
	if bytes.Equal(raw[:4], providerRegistry.abi.Errors["NotSlasher"].ID.Bytes()[:4]) {
		return providerRegistry.UnpackNotSlasherError(raw[4:])
	}
	if bytes.Equal(raw[:4], providerRegistry.abi.Errors["NothingToWithdraw"].ID.Bytes()[:4]) {
		return providerRegistry.UnpackNothingToWithdrawError(raw[4:])
	}
	if bytes.Equal(raw[:4], providerRegistry.abi.Errors["OwnableInvalidOwner"].ID.Bytes()[:4]) {
		return providerRegistry.UnpackOwnableInvalidOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], providerRegistry.abi.Errors["OwnableUnauthorizedAccount"].ID.Bytes()[:4]) {
		return providerRegistry.UnpackOwnableUnauthorizedAccountError(raw[4:])
	}
	if bytes.Equal(raw[:4], providerRegistry.abi.Errors["PeerIdTooLong"].ID.Bytes()[:4]) {
		return providerRegistry.UnpackPeerIdTooLongError(raw[4:])
	}
	if bytes.Equal(raw[:4], providerRegistry.abi.Errors["ReentrancyGuardReentrantCall"].ID.Bytes()[:4]) {
		return providerRegistry.UnpackReentrancyGuardReentrantCallError(raw[4:])
	}
	if bytes.Equal(raw[:4], providerRegistry.abi.Errors["SafeCastOverflowedUintDowncast"].ID.Bytes()[:4]) {
		return providerRegistry.UnpackSafeCastOverflowedUintDowncastError(raw[4:])
	}
	if bytes.Equal(raw[:4], providerRegistry.abi.Errors["SafeERC20FailedOperation"].ID.Bytes()[:4]) {
		return providerRegistry.UnpackSafeERC20FailedOperationError(raw[4:])
	}
	if bytes.Equal(raw[:4], providerRegistry.abi.Errors["SlasherAlreadySet"].ID.Bytes()[:4]) {
		return providerRegistry.UnpackSlasherAlreadySetError(raw[4:])
	}
	if bytes.Equal(raw[:4], providerRegistry.abi.Errors["StillUnbonding"].ID.Bytes()[:4]) {
		return providerRegistry.UnpackStillUnbondingError(raw[4:])
	}
	if bytes.Equal(raw[:4], providerRegistry.abi.Errors["UnbondingDelayTooLong"].ID.Bytes()[:4]) {
		return providerRegistry.UnpackUnbondingDelayTooLongError(raw[4:])
	}
	if bytes.Equal(raw[:4], providerRegistry.abi.Errors["ZeroAddress"].ID.Bytes()[:4]) {
		return providerRegistry.UnpackZeroAddressError(raw[4:])
	}
	if bytes.Equal(raw[:4], providerRegistry.abi.Errors["ZeroAmount"].ID.Bytes()[:4]) {
		return providerRegistry.UnpackZeroAmountError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// ProviderRegistryBadPeerSignatureLength represents a BadPeerSignatureLength error raised by the ProviderRegistry contract.
type ProviderRegistryBadPeerSignatureLength struct {
	Length *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadPeerSignatureLength(uint256 length)
func ProviderRegistryBadPeerSignatureLengthErrorID() common.Hash {
	return common.HexToHash("0x93e720411c4ebe7e6b87ea34a372664aa064e76eb9a3d1fc8a580435cf1fd4cf")
}

// UnpackBadPeerSignatureLengthError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadPeerSignatureLength(uint256 length)
func (providerRegistry *ProviderRegistry) UnpackBadPeerSignatureLengthError(raw []byte) (*ProviderRegistryBadPeerSignatureLength, error) {
	out := new(ProviderRegistryBadPeerSignatureLength)
	if err := providerRegistry.abi.UnpackIntoInterface(out, "BadPeerSignatureLength", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ProviderRegistryBelowMinimumStake represents a BelowMinimumStake error raised by the ProviderRegistry contract.
type ProviderRegistryBelowMinimumStake struct {
	Bonded  *big.Int
	Minimum *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BelowMinimumStake(uint256 bonded, uint256 minimum)
func ProviderRegistryBelowMinimumStakeErrorID() common.Hash {
	return common.HexToHash("0x06a35408bf7fd7d7898cb9a77c1bd0ddbaa826ce69638c7a17cab7f2b036f7d4")
}

// UnpackBelowMinimumStakeError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BelowMinimumStake(uint256 bonded, uint256 minimum)
func (providerRegistry *ProviderRegistry) UnpackBelowMinimumStakeError(raw []byte) (*ProviderRegistryBelowMinimumStake, error) {
	out := new(ProviderRegistryBelowMinimumStake)
	if err := providerRegistry.abi.UnpackIntoInterface(out, "BelowMinimumStake", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ProviderRegistryEmptyPeerId represents a EmptyPeerId error raised by the ProviderRegistry contract.
type ProviderRegistryEmptyPeerId struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EmptyPeerId()
func ProviderRegistryEmptyPeerIdErrorID() common.Hash {
	return common.HexToHash("0x3645dfe4ec98d30fb2e3eff2fa859d0e5c19b5bd71a25d9f53821b03f0ebbb6b")
}

// UnpackEmptyPeerIdError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EmptyPeerId()
func (providerRegistry *ProviderRegistry) UnpackEmptyPeerIdError(raw []byte) (*ProviderRegistryEmptyPeerId, error) {
	out := new(ProviderRegistryEmptyPeerId)
	if err := providerRegistry.abi.UnpackIntoInterface(out, "EmptyPeerId", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ProviderRegistryInsufficientStake represents a InsufficientStake error raised by the ProviderRegistry contract.
type ProviderRegistryInsufficientStake struct {
	Bonded    *big.Int
	Requested *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InsufficientStake(uint256 bonded, uint256 requested)
func ProviderRegistryInsufficientStakeErrorID() common.Hash {
	return common.HexToHash("0x45be0a261a88f9fedc41221879f08865d5e8d6053c877967e6e8e39e5697e6d5")
}

// UnpackInsufficientStakeError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InsufficientStake(uint256 bonded, uint256 requested)
func (providerRegistry *ProviderRegistry) UnpackInsufficientStakeError(raw []byte) (*ProviderRegistryInsufficientStake, error) {
	out := new(ProviderRegistryInsufficientStake)
	if err := providerRegistry.abi.UnpackIntoInterface(out, "InsufficientStake", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ProviderRegistryNotSlasher represents a NotSlasher error raised by the ProviderRegistry contract.
type ProviderRegistryNotSlasher struct {
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotSlasher(address caller)
func ProviderRegistryNotSlasherErrorID() common.Hash {
	return common.HexToHash("0x4bc0cd76e5ae33e138f3b6102c7a4d91ece10c34862bde6e59a763ba1571b395")
}

// UnpackNotSlasherError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotSlasher(address caller)
func (providerRegistry *ProviderRegistry) UnpackNotSlasherError(raw []byte) (*ProviderRegistryNotSlasher, error) {
	out := new(ProviderRegistryNotSlasher)
	if err := providerRegistry.abi.UnpackIntoInterface(out, "NotSlasher", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ProviderRegistryNothingToWithdraw represents a NothingToWithdraw error raised by the ProviderRegistry contract.
type ProviderRegistryNothingToWithdraw struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NothingToWithdraw()
func ProviderRegistryNothingToWithdrawErrorID() common.Hash {
	return common.HexToHash("0xd0d04f60bf4f7629141a1f00f5d2908fa0f3e15bf4cbf8bb8edc6fcbdf2509fa")
}

// UnpackNothingToWithdrawError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NothingToWithdraw()
func (providerRegistry *ProviderRegistry) UnpackNothingToWithdrawError(raw []byte) (*ProviderRegistryNothingToWithdraw, error) {
	out := new(ProviderRegistryNothingToWithdraw)
	if err := providerRegistry.abi.UnpackIntoInterface(out, "NothingToWithdraw", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ProviderRegistryOwnableInvalidOwner represents a OwnableInvalidOwner error raised by the ProviderRegistry contract.
type ProviderRegistryOwnableInvalidOwner struct {
	Owner common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error OwnableInvalidOwner(address owner)
func ProviderRegistryOwnableInvalidOwnerErrorID() common.Hash {
	return common.HexToHash("0x1e4fbdf7f3ef8bcaa855599e3abf48b232380f183f08f6f813d9ffa5bd585188")
}

// UnpackOwnableInvalidOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error OwnableInvalidOwner(address owner)
func (providerRegistry *ProviderRegistry) UnpackOwnableInvalidOwnerError(raw []byte) (*ProviderRegistryOwnableInvalidOwner, error) {
	out := new(ProviderRegistryOwnableInvalidOwner)
	if err := providerRegistry.abi.UnpackIntoInterface(out, "OwnableInvalidOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ProviderRegistryOwnableUnauthorizedAccount represents a OwnableUnauthorizedAccount error raised by the ProviderRegistry contract.
type ProviderRegistryOwnableUnauthorizedAccount struct {
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error OwnableUnauthorizedAccount(address account)
func ProviderRegistryOwnableUnauthorizedAccountErrorID() common.Hash {
	return common.HexToHash("0x118cdaa7a341953d1887a2245fd6665d741c67c8c50581daa59e1d03373fa188")
}

// UnpackOwnableUnauthorizedAccountError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error OwnableUnauthorizedAccount(address account)
func (providerRegistry *ProviderRegistry) UnpackOwnableUnauthorizedAccountError(raw []byte) (*ProviderRegistryOwnableUnauthorizedAccount, error) {
	out := new(ProviderRegistryOwnableUnauthorizedAccount)
	if err := providerRegistry.abi.UnpackIntoInterface(out, "OwnableUnauthorizedAccount", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ProviderRegistryPeerIdTooLong represents a PeerIdTooLong error raised by the ProviderRegistry contract.
type ProviderRegistryPeerIdTooLong struct {
	Length *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error PeerIdTooLong(uint256 length)
func ProviderRegistryPeerIdTooLongErrorID() common.Hash {
	return common.HexToHash("0xe7693fe0dd3d7ed91397d8aa7e470eee077102293ab55315500e44f38465f364")
}

// UnpackPeerIdTooLongError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error PeerIdTooLong(uint256 length)
func (providerRegistry *ProviderRegistry) UnpackPeerIdTooLongError(raw []byte) (*ProviderRegistryPeerIdTooLong, error) {
	out := new(ProviderRegistryPeerIdTooLong)
	if err := providerRegistry.abi.UnpackIntoInterface(out, "PeerIdTooLong", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ProviderRegistryReentrancyGuardReentrantCall represents a ReentrancyGuardReentrantCall error raised by the ProviderRegistry contract.
type ProviderRegistryReentrancyGuardReentrantCall struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ReentrancyGuardReentrantCall()
func ProviderRegistryReentrancyGuardReentrantCallErrorID() common.Hash {
	return common.HexToHash("0x3ee5aeb571de7fc460830b4d0017439a1ca56fb0bc39062227ade4fe4a24c1ca")
}

// UnpackReentrancyGuardReentrantCallError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ReentrancyGuardReentrantCall()
func (providerRegistry *ProviderRegistry) UnpackReentrancyGuardReentrantCallError(raw []byte) (*ProviderRegistryReentrancyGuardReentrantCall, error) {
	out := new(ProviderRegistryReentrancyGuardReentrantCall)
	if err := providerRegistry.abi.UnpackIntoInterface(out, "ReentrancyGuardReentrantCall", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ProviderRegistrySafeCastOverflowedUintDowncast represents a SafeCastOverflowedUintDowncast error raised by the ProviderRegistry contract.
type ProviderRegistrySafeCastOverflowedUintDowncast struct {
	Bits  uint8
	Value *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SafeCastOverflowedUintDowncast(uint8 bits, uint256 value)
func ProviderRegistrySafeCastOverflowedUintDowncastErrorID() common.Hash {
	return common.HexToHash("0x6dfcc6503a32754ce7a89698e18201fc5294fd4aad43edefee786f88423b1a12")
}

// UnpackSafeCastOverflowedUintDowncastError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SafeCastOverflowedUintDowncast(uint8 bits, uint256 value)
func (providerRegistry *ProviderRegistry) UnpackSafeCastOverflowedUintDowncastError(raw []byte) (*ProviderRegistrySafeCastOverflowedUintDowncast, error) {
	out := new(ProviderRegistrySafeCastOverflowedUintDowncast)
	if err := providerRegistry.abi.UnpackIntoInterface(out, "SafeCastOverflowedUintDowncast", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ProviderRegistrySafeERC20FailedOperation represents a SafeERC20FailedOperation error raised by the ProviderRegistry contract.
type ProviderRegistrySafeERC20FailedOperation struct {
	Token common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SafeERC20FailedOperation(address token)
func ProviderRegistrySafeERC20FailedOperationErrorID() common.Hash {
	return common.HexToHash("0x5274afe73c98b4749fc91ffae6b7b574e7842cb2144a159e9377a5f20b32edf9")
}

// UnpackSafeERC20FailedOperationError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SafeERC20FailedOperation(address token)
func (providerRegistry *ProviderRegistry) UnpackSafeERC20FailedOperationError(raw []byte) (*ProviderRegistrySafeERC20FailedOperation, error) {
	out := new(ProviderRegistrySafeERC20FailedOperation)
	if err := providerRegistry.abi.UnpackIntoInterface(out, "SafeERC20FailedOperation", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ProviderRegistrySlasherAlreadySet represents a SlasherAlreadySet error raised by the ProviderRegistry contract.
type ProviderRegistrySlasherAlreadySet struct {
	Slasher common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SlasherAlreadySet(address slasher)
func ProviderRegistrySlasherAlreadySetErrorID() common.Hash {
	return common.HexToHash("0x46aa7797f4460f4f09330f5835eb96a5ea97228ae49bc7d2127d761ae3571007")
}

// UnpackSlasherAlreadySetError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SlasherAlreadySet(address slasher)
func (providerRegistry *ProviderRegistry) UnpackSlasherAlreadySetError(raw []byte) (*ProviderRegistrySlasherAlreadySet, error) {
	out := new(ProviderRegistrySlasherAlreadySet)
	if err := providerRegistry.abi.UnpackIntoInterface(out, "SlasherAlreadySet", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ProviderRegistryStillUnbonding represents a StillUnbonding error raised by the ProviderRegistry contract.
type ProviderRegistryStillUnbonding struct {
	UnlockAt uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error StillUnbonding(uint64 unlockAt)
func ProviderRegistryStillUnbondingErrorID() common.Hash {
	return common.HexToHash("0xbe8a527b36e3a85424bdbcbe45bc0c9bc214cdd0608b4b49f3c6d9c19da3611c")
}

// UnpackStillUnbondingError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error StillUnbonding(uint64 unlockAt)
func (providerRegistry *ProviderRegistry) UnpackStillUnbondingError(raw []byte) (*ProviderRegistryStillUnbonding, error) {
	out := new(ProviderRegistryStillUnbonding)
	if err := providerRegistry.abi.UnpackIntoInterface(out, "StillUnbonding", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ProviderRegistryUnbondingDelayTooLong represents a UnbondingDelayTooLong error raised by the ProviderRegistry contract.
type ProviderRegistryUnbondingDelayTooLong struct {
	Delay   uint64
	Maximum uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnbondingDelayTooLong(uint64 delay, uint64 maximum)
func ProviderRegistryUnbondingDelayTooLongErrorID() common.Hash {
	return common.HexToHash("0xec7f60bf73881d00bc70939d2c9952a98ba60c4660e5f1a76d5d65e5496b1cd7")
}

// UnpackUnbondingDelayTooLongError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnbondingDelayTooLong(uint64 delay, uint64 maximum)
func (providerRegistry *ProviderRegistry) UnpackUnbondingDelayTooLongError(raw []byte) (*ProviderRegistryUnbondingDelayTooLong, error) {
	out := new(ProviderRegistryUnbondingDelayTooLong)
	if err := providerRegistry.abi.UnpackIntoInterface(out, "UnbondingDelayTooLong", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ProviderRegistryZeroAddress represents a ZeroAddress error raised by the ProviderRegistry contract.
type ProviderRegistryZeroAddress struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroAddress()
func ProviderRegistryZeroAddressErrorID() common.Hash {
	return common.HexToHash("0xd92e233df2717d4a40030e20904abd27b68fcbeede117eaaccbbdac9618c8c73")
}

// UnpackZeroAddressError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroAddress()
func (providerRegistry *ProviderRegistry) UnpackZeroAddressError(raw []byte) (*ProviderRegistryZeroAddress, error) {
	out := new(ProviderRegistryZeroAddress)
	if err := providerRegistry.abi.UnpackIntoInterface(out, "ZeroAddress", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// ProviderRegistryZeroAmount represents a ZeroAmount error raised by the ProviderRegistry contract.
type ProviderRegistryZeroAmount struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroAmount()
func ProviderRegistryZeroAmountErrorID() common.Hash {
	return common.HexToHash("0x1f2a2005cb66a8e145327e8814e243a0996aec9bfe1e15a495778b1236dbd485")
}

// UnpackZeroAmountError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroAmount()
func (providerRegistry *ProviderRegistry) UnpackZeroAmountError(raw []byte) (*ProviderRegistryZeroAmount, error) {
	out := new(ProviderRegistryZeroAmount)
	if err := providerRegistry.abi.UnpackIntoInterface(out, "ZeroAmount", raw); err != nil {
		return nil, err
	}
	return out, nil
}
