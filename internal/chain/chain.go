package chain

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// Chain is the one interface the node uses to move money. Every method that
// sends a transaction returns only after the transaction is mined: a nil
// error means it succeeded on chain; a contract revert comes back as a
// *RevertError (match it with errors.Is against the ErrX values of this
// package). Blocking methods take a context and give up when it is done;
// while the chain node is unreachable they retry with backoff until then.
//
// Amounts are in the token's base unit (18 decimals, "wei" of DECO).
type Chain interface {
	// ChainID is the id of the chain the client is connected to.
	ChainID() *big.Int
	// Address is the EVM account that signs this client's transactions.
	Address() common.Address
	// Contracts are the token, registry and escrow addresses in use.
	Contracts() Addresses
	// Domain is the EIP-712 domain vouchers and receipts are signed under
	// (this chain id, the escrow as verifying contract).
	Domain() Domain

	// Balance is addr's DECO balance.
	Balance(ctx context.Context, addr common.Address) (*big.Int, error)
	// GasBalance is addr's native balance, which pays for gas.
	GasBalance(ctx context.Context, addr common.Address) (*big.Int, error)
	// Transfer sends amount DECO from the signer to to.
	Transfer(ctx context.Context, to common.Address, amount *big.Int) error
	// Approve sets the signer's DECO allowance for spender to amount.
	Approve(ctx context.Context, spender common.Address, amount *big.Int) error

	// Stake adds amount to the signer's bonded stake in the registry,
	// approving the registry first if needed. The resulting stake must reach
	// the registry's minimum (ErrBelowMinimumStake).
	Stake(ctx context.Context, amount *big.Int) error
	// BindPeer records the signer's libp2p peer ID and the peer key's
	// signature over PeerBindingMessage (checked off-chain by readers).
	BindPeer(ctx context.Context, peerID string, sig []byte) error
	// Peer is the peer binding addr recorded (zero if none).
	Peer(ctx context.Context, addr common.Address) (PeerBinding, error)
	// StakeOf is addr's bonded stake (what counts for bidding).
	StakeOf(ctx context.Context, addr common.Address) (*big.Int, error)
	// Stakes is addr's full stake position.
	Stakes(ctx context.Context, addr common.Address) (StakeInfo, error)
	// RequestUnbond starts unbonding amount of the signer's bonded stake;
	// Withdraw can take it after the registry's unbonding delay.
	RequestUnbond(ctx context.Context, amount *big.Int) error
	// Withdraw returns the signer's unbonded stake (ErrStillUnbonding before
	// the delay has passed, ErrNothingToWithdraw if nothing is unbonding).
	Withdraw(ctx context.Context) error

	// OpenJob opens an escrow for jobID with a deposit of amount, approving
	// the escrow first if needed; the signer becomes the job's consumer,
	// and must be the account jobID names (NewJobID; else ErrJobIDNotYours).
	// Refund opens at deadline plus the escrow's grace period.
	OpenJob(ctx context.Context, jobID [32]byte, amount *big.Int, deadline time.Time) error
	// TopUp adds amount to an open job's deposit (consumer only).
	TopUp(ctx context.Context, jobID [32]byte, amount *big.Int) error
	// Redeem pays provider the difference between the consumer's cumulative
	// voucher and what provider was already paid from jobID, capped by what
	// is left of the deposit. Anyone may submit; the tokens go to provider.
	Redeem(ctx context.Context, jobID [32]byte, provider common.Address, cumulative *big.Int, consumerSig []byte) error
	// Refund returns the unspent deposit of jobID to its consumer and closes
	// the job (ErrRefundTooEarly before deadline + grace).
	Refund(ctx context.Context, jobID [32]byte) error
	// Job reads jobID's escrow; ErrUnknownJob if it was never opened.
	Job(ctx context.Context, jobID [32]byte) (JobInfo, error)
	// Redeemed is what provider has been paid from jobID so far.
	Redeemed(ctx context.Context, jobID [32]byte, provider common.Address) (*big.Int, error)
	// SignVoucher signs, with the signer's key, a cumulative voucher that
	// lets provider redeem up to cumulative from jobID. No transaction.
	SignVoucher(jobID [32]byte, provider common.Address, cumulative *big.Int) ([]byte, error)
	// ReportEquivocation submits two receipts signed by the same provider
	// for the same task and inputs with different output roots; the provider
	// is slashed and the signer gets the reporter's share.
	ReportEquivocation(ctx context.Context, a Receipt, sigA []byte, b Receipt, sigB []byte) error
}

// Addresses are the deployed contracts.
type Addresses struct {
	Token    common.Address `json:"token"`
	Registry common.Address `json:"registry"`
	Escrow   common.Address `json:"escrow"`
}

// IsZero reports whether no contract is set.
func (a Addresses) IsZero() bool {
	return a == Addresses{}
}

// Validate checks that all three contracts are set.
func (a Addresses) Validate() error {
	if a.Token == (common.Address{}) || a.Registry == (common.Address{}) || a.Escrow == (common.Address{}) {
		return fmt.Errorf("%w: token %s, registry %s, escrow %s", ErrNoContracts, a.Token.Hex(), a.Registry.Hex(), a.Escrow.Hex())
	}
	return nil
}

// JobInfo is a job's escrow as the chain records it.
type JobInfo struct {
	Consumer  common.Address
	Deadline  time.Time
	RefundAt  time.Time // deadline + the escrow's grace period
	Deposited *big.Int  // all deposits (openJob + top-ups)
	Redeemed  *big.Int  // paid to providers
	Refunded  *big.Int  // returned to the consumer; zero until Closed
	Closed    bool      // refunded: the job takes and pays nothing more
}

// Remaining is what the job can still pay out.
func (j JobInfo) Remaining() *big.Int {
	r := new(big.Int).Sub(j.Deposited, j.Redeemed)
	return r.Sub(r, j.Refunded)
}

// StakeInfo is a provider's position in the registry.
type StakeInfo struct {
	Bonded    *big.Int  // counts for bidding
	Unbonding *big.Int  // waiting out the delay; still slashable
	UnlockAt  time.Time // when Unbonding can be withdrawn (zero if none)
	CanBid    bool      // bonded stake reaches the registry's minimum
}

// PeerBinding is the libp2p peer a provider's EVM address claims to be, with
// the peer key's signature over PeerBindingMessage. The contract cannot check
// ed25519; readers must verify Signature before trusting PeerID.
type PeerBinding struct {
	PeerID    string
	Signature []byte
}

// Params configure a deployment.
type Params struct {
	// MinStake is the bonded stake a provider needs to bid. Default 100 DECO.
	MinStake *big.Int
	// UnbondingDelay is the wait between RequestUnbond and Withdraw, at
	// most MaxUnbondingDelay. The escrow opens no job whose deadline plus
	// RefundGrace lies beyond it (ErrDeadlineBeyondUnbonding), so it bounds
	// every job's window. Default 7 days.
	UnbondingDelay time.Duration
	// RefundGrace is how long after a job's deadline providers can still
	// redeem before the consumer may refund. Default 1h.
	RefundGrace time.Duration
	// SlashBps is the share of a provider's slashable stake taken per proven
	// equivocation, in basis points: MinSlashBps to 10000. Default 5000 (half).
	SlashBps uint16
	// ReporterBps is the reporter's share of the slashed amount, in basis
	// points, at most MaxReporterBps; the rest goes to Treasury. Default 2000.
	ReporterBps uint16
	// Treasury receives the rest of slashed stake. Default: the deployer.
	Treasury common.Address
}

// The bounds the contracts put on their owner's settings (JobEscrow's
// MIN_SLASH_BPS and MAX_REPORTER_BPS, ProviderRegistry's MAX_UNBONDING_DELAY;
// docs/security.md says why).
const (
	MinSlashBps       = 1_000
	MaxReporterBps    = 5_000
	MaxUnbondingDelay = 30 * 24 * time.Hour
)

// DefaultParams are the devnet defaults.
func DefaultParams() Params {
	return Params{
		MinStake:       DECO(100),
		UnbondingDelay: 7 * 24 * time.Hour,
		RefundGrace:    time.Hour,
		SlashBps:       5000,
		ReporterBps:    2000,
	}
}

// Validate checks p.
func (p Params) Validate() error {
	switch {
	case p.MinStake == nil || p.MinStake.Sign() < 0:
		return errors.New("chain params: min stake must be set and not negative")
	case p.UnbondingDelay < 0 || p.RefundGrace < 0:
		return errors.New("chain params: unbonding delay and refund grace must not be negative")
	case p.UnbondingDelay > MaxUnbondingDelay:
		return fmt.Errorf("chain params: unbonding delay %v is longer than the registry allows (%v)", p.UnbondingDelay, MaxUnbondingDelay)
	case p.SlashBps < MinSlashBps || p.SlashBps > 10_000:
		return fmt.Errorf("chain params: slash share %d bps must lie between %d and 10000", p.SlashBps, MinSlashBps)
	case p.ReporterBps > MaxReporterBps:
		return fmt.Errorf("chain params: reporter share %d bps must be at most %d (a provider reporting its own fraud must still lose)", p.ReporterBps, MaxReporterBps)
	}
	return nil
}

// DECO converts whole DECO to the token's base unit (18 decimals).
func DECO(n int64) *big.Int {
	return new(big.Int).Mul(big.NewInt(n), new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil))
}

// Ether converts whole ether to wei.
func Ether(n int64) *big.Int { return DECO(n) }
