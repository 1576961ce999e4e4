package wallet

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strings"

	"github.com/ethereum/go-ethereum/common"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/pay"
	"github.com/deco-network/deco/internal/wire"
)

// Standing reads an account's stake, the registry's minimum and its peer
// binding (chain.Client does).
type Standing interface {
	Standing(ctx context.Context, addr common.Address) (chain.Standing, error)
}

// TxReader reads a transaction back from the chain (chain.Client does).
type TxReader interface {
	Transaction(ctx context.Context, hash common.Hash) (chain.TxInfo, error)
}

// Wallet is a node's money. Chain nil means the node runs without
// payments (api.ErrNoChain); Consumer, Provider and Log may be nil.
type Wallet struct {
	Chain    chain.Chain
	Consumer *pay.Consumer
	Provider *pay.Provider
	Log      *Log
	// Peer is the node's peer ID (is the account bound to it?); Names
	// returns a job's name ("" if unknown).
	Peer  string
	Names func(wire.JobID) string
}

// View reads the wallet. A part that cannot be read (the chain
// unreachable) is left out and named in WalletView.Error.
func (w Wallet) View(ctx context.Context) (api.WalletView, error) {
	if w.Chain == nil {
		return api.WalletView{}, api.ErrNoChain
	}
	me := w.Chain.Address()
	v := api.WalletView{Address: me.Hex(), Escrows: []api.EscrowView{}, Earnings: []api.Earning{}, Transactions: []api.TxSummary{}}
	var errs []error
	if bal, err := w.Chain.Balance(ctx, me); err == nil {
		v.Balance = decimal(bal)
	} else {
		errs = append(errs, fmt.Errorf("balance: %w", err))
	}
	if gas, err := w.Chain.GasBalance(ctx, me); err == nil {
		v.GasBalance = decimal(gas)
	} else {
		errs = append(errs, fmt.Errorf("gas balance: %w", err))
	}
	if err := w.stake(ctx, &v.Stake); err != nil {
		errs = append(errs, fmt.Errorf("stake: %w", err))
	}
	if w.Consumer != nil {
		escrow := w.Chain.Contracts().Escrow.Hex()
		for _, job := range w.Consumer.Jobs() {
			e, err := w.Consumer.Status(ctx, job)
			if errors.Is(err, pay.ErrNoEscrow) {
				continue
			}
			if err != nil {
				errs = append(errs, err) // e holds the local figures
			}
			ev := api.EscrowView{Job: job, Escrow: escrow, Deposit: e.Deposit, Spent: e.Spent, Redeemed: e.Redeemed,
				Refunded: e.Refunded, Deadline: e.Deadline, RefundAt: e.RefundAt, Closed: e.Closed}
			if w.Names != nil {
				ev.Name = w.Names(job)
			}
			v.Escrows = append(v.Escrows, ev)
		}
		slices.SortStableFunc(v.Escrows, func(a, b api.EscrowView) int { return b.Deadline.Compare(a.Deadline) })
	}
	if w.Provider != nil {
		earn, err := earnings(ctx, w.Provider)
		if err != nil {
			errs = append(errs, err)
		}
		// Newest voucher first.
		slices.SortStableFunc(earn, func(a, b api.Earning) int { return cmp.Compare(b.LastVoucherAt.UnixNano(), a.LastVoucherAt.UnixNano()) })
		v.Earnings = earn
	}
	v.Transactions = w.transactions(ctx)
	if err := errors.Join(errs...); err != nil {
		v.Error = err.Error()
	}
	return v, nil
}

func (w Wallet) stake(ctx context.Context, sv *api.StakeView) error {
	reg, ok := w.Chain.(Standing)
	if !ok {
		return errors.New("this chain connection cannot read the registry")
	}
	s, err := reg.Standing(ctx, w.Chain.Address())
	if err != nil {
		return err
	}
	sv.Bonded, sv.Unbonding, sv.MinStake = decimal(s.Bonded), decimal(s.Unbonding), decimal(s.MinStake)
	sv.UnbondAt, sv.CanBid = s.UnlockAt, s.Staked()
	if s.Peer.PeerID != "" {
		id, err := pay.VerifyPeerBinding(w.Chain.ChainID(), w.Chain.Contracts().Registry, w.Chain.Address(), s.Peer)
		sv.PeerBound = err == nil && id.String() == w.Peer
	}
	return nil
}

// transactions lists the log, asking the chain about those still pending.
func (w Wallet) transactions(ctx context.Context) []api.TxSummary {
	out := []api.TxSummary{}
	if w.Log == nil {
		return out
	}
	rd, _ := w.Chain.(TxReader)
	for _, e := range w.Log.Entries() {
		if e.Status == api.TxPending && rd != nil {
			if info, err := rd.Transaction(ctx, e.Hash); err == nil && !info.Pending {
				e.Block, e.Status = info.Block, status(info)
				w.Log.update(e)
			}
		}
		out = append(out, api.TxSummary{Hash: e.Hash.Hex(), Kind: Kind(e.Op), Job: e.Job, Jobs: e.Jobs, At: e.At, Block: e.Block, Status: e.Status})
	}
	return out
}

// Transaction reads the transaction hash from the chain.
func (w Wallet) Transaction(ctx context.Context, hash string) (api.TxView, error) {
	if w.Chain == nil {
		return api.TxView{}, api.ErrNoChain
	}
	rd, ok := w.Chain.(TxReader)
	if !ok {
		return api.TxView{}, fmt.Errorf("this chain connection cannot read transactions")
	}
	info, err := rd.Transaction(ctx, common.HexToHash(hash))
	if errors.Is(err, chain.ErrUnknownTx) {
		return api.TxView{}, fmt.Errorf("%w: %v", api.ErrNotFound, err)
	}
	if err != nil {
		return api.TxView{}, err
	}
	v := api.TxView{Hash: info.Hash.Hex(), Block: info.Block, Status: status(info), From: info.From.Hex(), GasUsed: info.GasUsed,
		Kind: Kind(info.Op), Job: jobID(info.Job), Events: []api.TxEventView{}}
	if info.To != (common.Address{}) {
		v.To = info.To.Hex()
	}
	if info.Op == "" {
		v.Kind = "call"
	}
	for _, e := range info.Events {
		v.Events = append(v.Events, api.TxEventView{Contract: e.Contract, Name: e.Name, Args: e.Args})
	}
	return v, nil
}

func status(info chain.TxInfo) string {
	switch {
	case info.Pending:
		return api.TxPending
	case info.Failed:
		return api.TxFailed
	}
	return api.TxOK
}

// Redeem has the provider redeem every voucher with an unredeemed part
// and reads its earnings back from the chain (POST /v1/wallet/redeem). A
// node that is not a provider holds no vouchers and reports none; ctx
// bounds the redemption (while the chain is unreachable it retries).
func (w Wallet) Redeem(ctx context.Context) (api.Redemption, error) {
	c := w.Chain
	if c == nil {
		return api.Redemption{}, api.ErrNoChain
	}
	r := api.Redemption{Address: c.Address().Hex(), Earnings: []api.Earning{}}
	var redeemErr error
	if p := w.Provider; p != nil {
		if redeemErr = p.RedeemAll(ctx); redeemErr != nil {
			r.Error = redeemErr.Error()
		}
		earn, err := earnings(ctx, p)
		if err != nil {
			return r, errors.Join(redeemErr, err)
		}
		r.Earnings = earn
	}
	bal, err := c.Balance(ctx, c.Address())
	if err != nil {
		return r, errors.Join(redeemErr, err)
	}
	r.Balance = decimal(bal)
	return r, nil
}

// earnings are the provider's, by job.
func earnings(ctx context.Context, p *pay.Provider) ([]api.Earning, error) {
	out := []api.Earning{}
	earn, err := p.Earnings(ctx)
	if err != nil {
		return out, err
	}
	for _, e := range earn {
		out = append(out, api.Earning{Job: e.Job, Consumer: e.Consumer, Latest: e.Latest, Redeemed: e.Redeemed,
			Pending: e.Pending, LastVoucherAt: e.LastVoucherAt, Deadline: e.Deadline, Closed: e.Closed, Lost: e.Lost})
	}
	return out, nil
}

// decimal renders base units (18 decimals) as a decimal number ("12.5").
func decimal(v *big.Int) string {
	if v == nil {
		return "0"
	}
	return strings.TrimSuffix(chain.FormatDECO(v), " DECO")
}
