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

// Groth16VerifierMetaData contains all meta data concerning the Groth16Verifier contract.
var Groth16VerifierMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"uint256[2]\",\"name\":\"alpha\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256[4]\",\"name\":\"betaNeg\",\"type\":\"uint256[4]\"},{\"internalType\":\"uint256[4]\",\"name\":\"gammaNeg\",\"type\":\"uint256[4]\"},{\"internalType\":\"uint256[4]\",\"name\":\"deltaNeg\",\"type\":\"uint256[4]\"},{\"internalType\":\"uint256[2]\",\"name\":\"ic0\",\"type\":\"uint256[2]\"},{\"internalType\":\"uint256[2]\",\"name\":\"ic1\",\"type\":\"uint256[2]\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[],\"name\":\"BadVerifyingKey\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ProofInvalid\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"PublicInputNotInField\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256[8]\",\"name\":\"proof\",\"type\":\"uint256[8]\"},{\"internalType\":\"uint256[1]\",\"name\":\"input\",\"type\":\"uint256[1]\"}],\"name\":\"verifyProof\",\"outputs\":[],\"stateMutability\":\"view\",\"type\":\"function\"}]",
	ID:  "Groth16Verifier",
	Bin: "0x6102c0604052348015610010575f5ffd5b50604051610aa2380380610aa283398101604081905261002f916104ee565b61003d8686868686866100c5565b855160805260209586015160a052845160c0528486015160e052604080860151610100526060958601516101205284516101405284870151610160528481015161018052938501516101a05282516101c052828601516101e052928201516102005292015161022052815161024052908201516102605280516102805201516102a05261057c565b602086015186511715806100de57506020820151825117155b806100ee57506020810151815117155b8061010a57506060850151604086015160208701518751171717155b8061012657506060840151604085015160208601518651171717155b8061014257506060830151604084015160208501518551171717155b156101605760405163f7d3c98560e01b815260040160405180910390fd5b5f6040518060800160405280845f6002811061017e5761017e610568565b602002015181526020018460016002811061019b5761019b610568565b60200201518152602001835f600281106101b7576101b7610568565b60200201518152602001836001600281106101d4576101d4610568565b6020020151905290505f60408260808160065afa90505f6040518061024001604052808a5f6002811061020957610209610568565b602002015181526020018a60016002811061022657610226610568565b60200201518152602001895f6004811061024257610242610568565b602002015181526020018960016004811061025f5761025f610568565b602002015181526020018960026004811061027c5761027c610568565b602002015181526020018960036004811061029957610299610568565b60200201518152602001845f600481106102b5576102b5610568565b60200201518152602001846001600481106102d2576102d2610568565b60200201518152602001885f600481106102ee576102ee610568565b602002015181526020018860016004811061030b5761030b610568565b602002015181526020018860026004811061032857610328610568565b602002015181526020018860036004811061034557610345610568565b602002015181526020018a5f6002811061036157610361610568565b602002015181526020018a60016002811061037e5761037e610568565b60200201518152602001875f6004811061039a5761039a610568565b60200201518152602001876001600481106103b7576103b7610568565b60200201518152602001876002600481106103d4576103d4610568565b60200201518152602001876003600481106103f1576103f1610568565b6020020151815250905060205f6102408360085afa82169150816104285760405163f7d3c98560e01b815260040160405180910390fd5b505050505050505050565b604051601f8201601f191681016001600160401b038111828210171561046757634e487b7160e01b5f52604160045260245ffd5b604052919050565b5f82601f83011261047e575f5ffd5b5f6104896040610433565b905080604084018581111561049c575f5ffd5b845b818110156104b657805183526020928301920161049e565b509195945050505050565b5f82601f8301126104d0575f5ffd5b5f6104db6080610433565b905080608084018581111561049c575f5ffd5b5f5f5f5f5f5f6102408789031215610504575f5ffd5b61050e888861046f565b955061051d88604089016104c1565b945061052c8860c089016104c1565b935061053c8861014089016104c1565b925061054c886101c0890161046f565b915061055c88610200890161046f565b90509295509295509295565b634e487b7160e01b5f52603260045260245ffd5b60805160a05160c05160e05161010051610120516101405161016051610180516101a0516101c0516101e05161020051610220516102405161026051610280516102a05161046a6106385f395f61038a01525f61036401525f61033d01525f61031a01525f61012601525f60ff01525f60d801525f60b101525f6102ba01525f61029301525f61026c01525f61024501525f61021001525f6101e901525f6101c201525f61019b01525f61017401525f61014d015261046a5ff3fe608060405234801561000f575f5ffd5b5060043610610029575f3560e01c80631b81f8291461002d575b5f5ffd5b61004061003b3660046103f3565b610042565b005b80357f30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001811061009d576040517fa54f8e2700000000000000000000000000000000000000000000000000000000815260040160405180910390fd5b6040805161030081019091526101008482377f00000000000000000000000000000000000000000000000000000000000000006101008201527f00000000000000000000000000000000000000000000000000000000000000006101208201527f00000000000000000000000000000000000000000000000000000000000000006101408201527f00000000000000000000000000000000000000000000000000000000000000006101608201527f00000000000000000000000000000000000000000000000000000000000000006101808201527f00000000000000000000000000000000000000000000000000000000000000006101a08201527f00000000000000000000000000000000000000000000000000000000000000006101c08201527f00000000000000000000000000000000000000000000000000000000000000006101e08201527f00000000000000000000000000000000000000000000000000000000000000006102008201527f0000000000000000000000000000000000000000000000000000000000000000610220820152610243816102400183610318565b7f00000000000000000000000000000000000000000000000000000000000000006102808201527f00000000000000000000000000000000000000000000000000000000000000006102a08201527f00000000000000000000000000000000000000000000000000000000000000006102c08201527f00000000000000000000000000000000000000000000000000000000000000006102e08201525f60205f6103008460085afa5f516001141690508061031157604051631ff3747d60e21b815260040160405180910390fd5b5050505050565b7f000000000000000000000000000000000000000000000000000000000000000082527f000000000000000000000000000000000000000000000000000000000000000060208301525f7f000000000000000000000000000000000000000000000000000000000000000060408401527f000000000000000000000000000000000000000000000000000000000000000060608401526040830182608085015260408160608360075afa91505060408360808560065afa16806103ee57604051631ff3747d60e21b815260040160405180910390fd5b505050565b5f5f6101208385031215610405575f5ffd5b610100830184811115610416575f5ffd5b8392508461012085011115610429575f5ffd5b80915050925092905056fea26469706673582212206240fcc9a4924284c188ba904264c9421f3eec6e629d24efb2249ceed327f2c264736f6c63430008250033",
}

// Groth16Verifier is an auto generated Go binding around an Ethereum contract.
type Groth16Verifier struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *Groth16Verifier) GetABI() abi.ABI {
	return c.abi
}

// NewGroth16Verifier creates a new instance of Groth16Verifier.
func NewGroth16Verifier() *Groth16Verifier {
	parsed, err := Groth16VerifierMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &Groth16Verifier{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *Groth16Verifier) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(uint256[2] alpha, uint256[4] betaNeg, uint256[4] gammaNeg, uint256[4] deltaNeg, uint256[2] ic0, uint256[2] ic1) returns()
func (groth16Verifier *Groth16Verifier) PackConstructor(alpha [2]*big.Int, betaNeg [4]*big.Int, gammaNeg [4]*big.Int, deltaNeg [4]*big.Int, ic0 [2]*big.Int, ic1 [2]*big.Int) []byte {
	enc, err := groth16Verifier.abi.Pack("", alpha, betaNeg, gammaNeg, deltaNeg, ic0, ic1)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackVerifyProof is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1b81f829.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function verifyProof(uint256[8] proof, uint256[1] input) view returns()
func (groth16Verifier *Groth16Verifier) PackVerifyProof(proof [8]*big.Int, input [1]*big.Int) []byte {
	enc, err := groth16Verifier.abi.Pack("verifyProof", proof, input)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackVerifyProof is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1b81f829.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function verifyProof(uint256[8] proof, uint256[1] input) view returns()
func (groth16Verifier *Groth16Verifier) TryPackVerifyProof(proof [8]*big.Int, input [1]*big.Int) ([]byte, error) {
	return groth16Verifier.abi.Pack("verifyProof", proof, input)
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (groth16Verifier *Groth16Verifier) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], groth16Verifier.abi.Errors["BadVerifyingKey"].ID.Bytes()[:4]) {
		return groth16Verifier.UnpackBadVerifyingKeyError(raw[4:])
	}
	if bytes.Equal(raw[:4], groth16Verifier.abi.Errors["ProofInvalid"].ID.Bytes()[:4]) {
		return groth16Verifier.UnpackProofInvalidError(raw[4:])
	}
	if bytes.Equal(raw[:4], groth16Verifier.abi.Errors["PublicInputNotInField"].ID.Bytes()[:4]) {
		return groth16Verifier.UnpackPublicInputNotInFieldError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// Groth16VerifierBadVerifyingKey represents a BadVerifyingKey error raised by the Groth16Verifier contract.
type Groth16VerifierBadVerifyingKey struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadVerifyingKey()
func Groth16VerifierBadVerifyingKeyErrorID() common.Hash {
	return common.HexToHash("0xf7d3c985766c16ae955321dae0dc24b7c28d055fc4e36f1739344b08508faa75")
}

// UnpackBadVerifyingKeyError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadVerifyingKey()
func (groth16Verifier *Groth16Verifier) UnpackBadVerifyingKeyError(raw []byte) (*Groth16VerifierBadVerifyingKey, error) {
	out := new(Groth16VerifierBadVerifyingKey)
	if err := groth16Verifier.abi.UnpackIntoInterface(out, "BadVerifyingKey", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// Groth16VerifierProofInvalid represents a ProofInvalid error raised by the Groth16Verifier contract.
type Groth16VerifierProofInvalid struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ProofInvalid()
func Groth16VerifierProofInvalidErrorID() common.Hash {
	return common.HexToHash("0x7fcdd1f433fad06e243ebb12f415f49dc48f357e41b96f61f504279fe6bb2ac6")
}

// UnpackProofInvalidError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ProofInvalid()
func (groth16Verifier *Groth16Verifier) UnpackProofInvalidError(raw []byte) (*Groth16VerifierProofInvalid, error) {
	out := new(Groth16VerifierProofInvalid)
	if err := groth16Verifier.abi.UnpackIntoInterface(out, "ProofInvalid", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// Groth16VerifierPublicInputNotInField represents a PublicInputNotInField error raised by the Groth16Verifier contract.
type Groth16VerifierPublicInputNotInField struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error PublicInputNotInField()
func Groth16VerifierPublicInputNotInFieldErrorID() common.Hash {
	return common.HexToHash("0xa54f8e27d960b419368d544cd7616e10e384de098966aa60b80904dd31e7ab38")
}

// UnpackPublicInputNotInFieldError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error PublicInputNotInField()
func (groth16Verifier *Groth16Verifier) UnpackPublicInputNotInFieldError(raw []byte) (*Groth16VerifierPublicInputNotInField, error) {
	out := new(Groth16VerifierPublicInputNotInField)
	if err := groth16Verifier.abi.UnpackIntoInterface(out, "PublicInputNotInField", raw); err != nil {
		return nil, err
	}
	return out, nil
}
