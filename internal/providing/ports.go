package providing

import (
	"context"

	"github.com/ethereum/go-ethereum/common"

	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/pay"
	provcore "github.com/deco-network/deco/internal/provider"
	"github.com/deco-network/deco/internal/wire"
)

// Gossip publishes on a gossip topic (the node's libp2p host).
type Gossip interface {
	// Publish sends data to the topic's subscribers; an error means it was
	// not sent (the next offer will be).
	Publish(ctx context.Context, topic string, data []byte) error
}

// Payments is the provider's side of the escrow (pay.Provider): what the
// machine needs to know of a job's escrow, and the vouchers it holds.
// Calls may read the chain; every method is safe for concurrent use.
type Payments interface {
	// Cover is what is left of job's escrow for this provider, or why
	// it refuses work (none, refunded, opened by another consumer than
	// consumer, past its deadline, unreadable).
	Cover(ctx context.Context, job wire.JobID, consumer common.Address) (wire.Amount, error)
	// ProofPrice is a proof escrow's price per task (ok false: not one).
	ProofPrice(ctx context.Context, job wire.JobID) (price wire.Amount, ok bool, err error)
	// Accept verifies and stores a voucher; Holding then reports the
	// job's voucher state for the redemption schedule.
	Accept(ctx context.Context, v wire.Voucher) error
	Holding(job wire.JobID) provcore.Held
	// Held lists the vouchers held from earlier runs.
	Held() []provcore.Held
	// Redeem submits job's latest voucher and reports the outcome.
	Redeem(ctx context.Context, job wire.JobID) provcore.Redeemed
	// Options tune the redemption schedule the machine keeps.
	Options() pay.ProviderOptions
}

// Debtors keeps the consumers the provider machine recorded as not paying
// (DebtorBook over the node's database).
type Debtors interface {
	// Put stores d, or deletes its record when d.Cleared.
	Put(d provcore.Debtor) error
	// All lists the records.
	All() ([]provcore.Debtor, error)
}

// ProofSettler settles a zk task on chain with its proof claim (pay.Proofs).
type ProofSettler interface {
	// Settle returns when the claim's transaction is mined or failed.
	Settle(ctx context.Context, job wire.JobID, claim chain.ProofClaim) error
}

// Runs keeps a record of the attempts running, so that a provider that
// restarts knows the work it lost and says so.
type Runs interface {
	// Put records a run that started; Delete forgets one that ended.
	Put(r RunRecord) error
	Delete(k provcore.Key) error
	// All lists the records.
	All() ([]RunRecord, error)
}
