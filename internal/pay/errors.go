package pay

import (
	"errors"
	"math"
	"math/big"

	"github.com/deco-network/deco/internal/wire"
)

// Sentinel errors. Errors returned by this package wrap one of them (or a
// chain error such as chain.ErrInsufficientFunds) with the job, the amounts
// involved and what to do.
var (
	// ErrNoEscrow: the job has no escrow, on chain (provider side) or opened
	// by this consumer (consumer side). No deposit, no work.
	ErrNoEscrow = errors.New("no escrow for this job")
	// ErrEscrowClosed: the job's escrow was refunded; it pays nothing more.
	ErrEscrowClosed = errors.New("the job's escrow is closed (refunded)")
	// ErrWrongConsumer: the escrow belongs to another account than the one
	// that asked for the work.
	ErrWrongConsumer = errors.New("the job's escrow belongs to another consumer")
	// ErrEscrowExpired: the job's deadline has passed; the consumer may
	// soon refund, so new work would go unpaid.
	ErrEscrowExpired = errors.New("the job's escrow deadline has passed")
	// ErrEscrowShort: what is left of the deposit does not cover the task.
	ErrEscrowShort = errors.New("the job's escrow does not cover the task")
	// ErrOverDeposit: a voucher would promise more than the job's deposit.
	ErrOverDeposit = errors.New("the voucher would exceed the job's deposit")
	// ErrBadVoucher: a voucher is not for this provider, is not signed by
	// the job's consumer, or is malformed.
	ErrBadVoucher = errors.New("invalid voucher")
	// ErrStaleVoucher: a voucher's cumulative amount is below one already
	// held for the job (vouchers are cumulative and only go up).
	ErrStaleVoucher = errors.New("voucher amount goes backwards")
	// ErrNoGas: the wallet holds no native coin to pay for transactions.
	ErrNoGas = errors.New("the wallet has no gas money (native coin) to pay for transactions")
)

// weiPerMicro converts wire.Amount (micro-DECO) to the token's base unit.
var weiPerMicro = big.NewInt(1_000_000_000_000)

// amountOf converts base units to micro-DECO, rounding down. Deco moves
// only whole micro-DECO, so the conversion is exact for its own figures.
func amountOf(wei *big.Int) wire.Amount {
	if wei == nil || wei.Sign() <= 0 {
		return 0
	}
	q := new(big.Int).Quo(wei, weiPerMicro)
	if !q.IsUint64() {
		return math.MaxUint64
	}
	return wire.Amount(q.Uint64())
}

// sub is a − b, or 0 when b ≥ a.
func sub(a, b wire.Amount) wire.Amount {
	if b >= a {
		return 0
	}
	return a - b
}
