package api

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/deco-network/deco/internal/wire"
)

// ErrNoChain: the node runs without payments, so it has no wallet to act
// on. The server answers 409 (code no_chain).
var ErrNoChain = errors.New("this node runs without payments (no chain configured): start it with a chain section in config.yaml or --chain-rpc, or use a devnet with a chain")

// Redemption is what POST /v1/wallet/redeem returns: the provider's
// earnings after it submitted every voucher with an unredeemed part.
type Redemption struct {
	Address  string    `json:"address"` // the node's EVM account
	Earnings []Earning `json:"earnings"`
	Balance  string    `json:"balance"` // the account's DECO after redeeming, decimal
	// Error says why some vouchers were not redeemed (the chain refused
	// or was unreachable); Earnings still show where each job stands.
	Error string `json:"error,omitempty"`
}

// Earning is what one job owes and paid the provider.
type Earning struct {
	Job           wire.JobID  `json:"job"`
	Consumer      string      `json:"consumer"`
	Latest        wire.Amount `json:"latest"`   // cumulative amount of the latest voucher
	Redeemed      wire.Amount `json:"redeemed"` // paid to the provider on chain
	Pending       wire.Amount `json:"pending"`  // latest − redeemed, still to redeem
	LastVoucherAt time.Time   `json:"last_voucher_at"`
	Deadline      time.Time   `json:"deadline"`
	// Closed: the consumer refunded; Lost was never redeemed and never will be.
	Closed bool        `json:"closed"`
	Lost   wire.Amount `json:"lost,omitempty"`
}

func (s *Server) redeem(w http.ResponseWriter, r *http.Request) {
	red, err := s.b.Redeem(r.Context())
	if err != nil {
		s.fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, red)
}

// Redeem asks the node to redeem every voucher it holds and not yet
// redeemed. Partial failures come back in Redemption.Error, not as err.
func (c *Client) Redeem(ctx context.Context) (Redemption, error) {
	var r Redemption
	return r, c.do(ctx, http.MethodPost, "/v1/wallet/redeem", nil, "", &r)
}

// WalletView is GET /v1/wallet: this node's account on chain, the escrows
// it opened as a consumer, what it earns as a provider and the
// transactions it sent. Amounts named in DECO are decimal strings of whole
// DECO ("12.5"); wire.Amount fields are base units, as elsewhere.
type WalletView struct {
	Address    string    `json:"address"`
	Balance    string    `json:"balance"`     // DECO
	GasBalance string    `json:"gas_balance"` // the chain's native coin, which pays for gas
	Stake      StakeView `json:"stake"`
	// Escrows are the jobs this node opened an escrow for, newest deadline
	// first; Earnings what its provider holds vouchers for.
	Escrows  []EscrowView `json:"escrows"`
	Earnings []Earning    `json:"earnings"`
	// Transactions are those this node sent, newest first.
	Transactions []TxSummary `json:"transactions"`
	// Error says which part could not be read (the rest is shown).
	Error string `json:"error,omitempty"`
}

// StakeView is the node's position in the provider registry.
type StakeView struct {
	Bonded    string    `json:"bonded"`    // DECO; counts for bidding
	Unbonding string    `json:"unbonding"` // DECO; waiting out the delay
	UnbondAt  time.Time `json:"unbond_at,omitzero"`
	MinStake  string    `json:"min_stake"` // DECO
	CanBid    bool      `json:"can_bid"`
	// PeerBound: the registry binds this account to this node's peer.
	PeerBound bool `json:"peer_bound"`
}

// EscrowView is one job's escrow, as its consumer.
type EscrowView struct {
	Job      wire.JobID  `json:"job"`
	Name     string      `json:"name"`
	Escrow   string      `json:"escrow_contract"`
	Deposit  wire.Amount `json:"deposit"`
	Spent    wire.Amount `json:"spent"`
	Redeemed wire.Amount `json:"redeemed"`
	Refunded wire.Amount `json:"refunded"`
	Deadline time.Time   `json:"deadline"`
	RefundAt time.Time   `json:"refund_at"`
	Closed   bool        `json:"closed"`
}

// Transaction states.
const (
	TxOK      = "ok"
	TxFailed  = "failed"
	TxPending = "pending"
)

// TxSummary is a transaction the node sent. Kind is approve, open,
// topup, redeem, refund, stake, unbond, withdraw, bind, settle, anchor,
// report, transfer, or the call's name for others.
type TxSummary struct {
	Hash string     `json:"hash"`
	Kind string     `json:"kind"`
	Job  wire.JobID `json:"job,omitempty"`
	// Jobs are the jobs one transaction opened together (escrow.openJobs;
	// Job is empty).
	Jobs   []wire.JobID `json:"jobs,omitempty"`
	At     time.Time    `json:"at"`
	Block  uint64       `json:"block"`
	Status string       `json:"status"` // TxOK, TxFailed or TxPending
}

// TxView is GET /v1/wallet/tx/{hash}: a transaction as the chain records
// it, with the events the deployment's contracts emitted.
type TxView struct {
	Hash    string        `json:"hash"`
	Block   uint64        `json:"block"`
	Status  string        `json:"status"`
	From    string        `json:"from"`
	To      string        `json:"to"`
	GasUsed uint64        `json:"gas_used"`
	Kind    string        `json:"kind"`
	Job     wire.JobID    `json:"job,omitempty"`
	Events  []TxEventView `json:"events"`
}

// TxEventView is one contract event: its name and arguments as text
// (amounts in base units, addresses and byte strings in hex).
type TxEventView struct {
	Contract string            `json:"contract"` // token, registry or escrow
	Name     string            `json:"name"`
	Args     map[string]string `json:"args"`
}

func (s *Server) wallet(w http.ResponseWriter, r *http.Request) {
	v, err := s.b.Wallet(r.Context())
	if err != nil {
		s.fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

func (s *Server) walletTx(w http.ResponseWriter, r *http.Request) {
	h := r.PathValue("hash")
	if len(h) != 66 || !strings.HasPrefix(h, "0x") || strings.Trim(strings.ToLower(h[2:]), "0123456789abcdef") != "" {
		writeErr(w, http.StatusBadRequest, CodeInvalid, fmt.Errorf("transaction hash %q: want 0x and 64 hex digits", h))
		return
	}
	v, err := s.b.Transaction(r.Context(), h)
	if err != nil {
		s.fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, v)
}

// Wallet reads the node's wallet view.
func (c *Client) Wallet(ctx context.Context) (WalletView, error) {
	var v WalletView
	return v, c.getJSON(ctx, "/v1/wallet", &v)
}

// Transaction reads one transaction from the node's chain.
func (c *Client) Transaction(ctx context.Context, hash string) (TxView, error) {
	var v TxView
	return v, c.getJSON(ctx, "/v1/wallet/tx/"+url.PathEscape(hash), &v)
}
