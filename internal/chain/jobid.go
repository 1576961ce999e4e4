package chain

import (
	"encoding/hex"

	"github.com/ethereum/go-ethereum/common"

	"github.com/deco-network/deco/internal/wire"
)

// A job id names its consumer, so that nobody who sees a consumer's
// openJob pending can open the same id first and leave the consumer's job
// without an escrow: the escrow opens an id only for the account it names
// (JobEscrow.jobIdOwnedBy). Of the 16 bytes of a wire.JobID, the first
// jobIDEntropy are the consumer's free choice and the last jobIDOwner are
// the last bytes of the consumer's address. Squatting someone's ids would
// take an address that ends in the same 80 bits.
const (
	jobIDEntropy = 6
	jobIDOwner   = 10
)

// NewJobID returns a job id that consumer, and only consumer, can open an
// escrow for: entropy (random, so that the consumer's ids differ; 48 bits
// make a collision among a million of one consumer's jobs unlikely) then
// the last 10 bytes of consumer's address.
func NewJobID(consumer common.Address, entropy [jobIDEntropy]byte) wire.JobID {
	var b [jobIDEntropy + jobIDOwner]byte
	copy(b[:jobIDEntropy], entropy[:])
	copy(b[jobIDEntropy:], consumer[common.AddressLength-jobIDOwner:])
	return wire.JobID(hex.EncodeToString(b[:]))
}

// JobIDOwnedBy reports whether the on-chain job id jobID (wire.JobID.Bytes32)
// names consumer, the only account the escrow lets open it.
func JobIDOwnedBy(jobID [32]byte, consumer common.Address) bool {
	return [jobIDOwner]byte(jobID[jobIDEntropy:jobIDEntropy+jobIDOwner]) ==
		[jobIDOwner]byte(consumer[common.AddressLength-jobIDOwner:])
}
