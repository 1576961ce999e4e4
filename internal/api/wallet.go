package api

import (
	"context"
	"errors"
	"net/http"
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
