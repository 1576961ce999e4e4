package chain

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/big"
	"net"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/rpc"

	"github.com/deco-network/deco/internal/chain/bindings"
	"github.com/deco-network/deco/internal/metrics"
)

// backend is the part of an Ethereum JSON-RPC client the adapter uses;
// ethclient.Client and the simulated backend's client both satisfy it.
type backend interface {
	ChainID(ctx context.Context) (*big.Int, error)
	BalanceAt(ctx context.Context, addr common.Address, block *big.Int) (*big.Int, error)
	CodeAt(ctx context.Context, addr common.Address, block *big.Int) ([]byte, error)
	CallContract(ctx context.Context, msg ethereum.CallMsg, block *big.Int) ([]byte, error)
	EstimateGas(ctx context.Context, msg ethereum.CallMsg) (uint64, error)
	SuggestGasTipCap(ctx context.Context) (*big.Int, error)
	HeaderByNumber(ctx context.Context, number *big.Int) (*types.Header, error)
	PendingNonceAt(ctx context.Context, addr common.Address) (uint64, error)
	SendTransaction(ctx context.Context, tx *types.Transaction) error
	TransactionReceipt(ctx context.Context, hash common.Hash) (*types.Receipt, error)
	TransactionByHash(ctx context.Context, hash common.Hash) (tx *types.Transaction, isPending bool, err error)
}

// account is the signing state shared by every Client of one key on one
// chain, so their nonces never collide.
type account struct {
	key   *ecdsa.PrivateKey
	addr  common.Address
	mu    sync.Mutex // guards nonce, synced; held while a transaction is signed and sent
	nonce uint64
	// synced is false until the nonce was read from the chain, and again
	// after a send failed in a way that leaves the nonce in doubt.
	synced bool

	// spend guards reserved and settled. A spend (openJob, topUp, stake)
	// checks the balance and the spender's allowance, minus what spends
	// sent but not yet mined will take, and reserves its amount before it
	// is sent; it does not hold spend while it waits to be mined, so
	// spends of one account are sent back to back with successive nonces.
	spend sync.Mutex
	// reserved is, per spender, the DECO of spends in flight.
	reserved map[common.Address]*big.Int
	// settled is closed (and replaced) whenever a spend in flight ends.
	settled chan struct{}

	qmu    sync.Mutex // guards queues
	queues map[common.Address]*openQueue
}

func newAccount(key *ecdsa.PrivateKey) *account {
	return &account{key: key, addr: crypto.PubkeyToAddress(key.PublicKey),
		reserved: map[common.Address]*big.Int{}, settled: make(chan struct{})}
}

// held is the DECO of every spend in flight, and of those to spender;
// a.spend is held.
func (a *account) held(spender common.Address) (all, toSpender *big.Int) {
	all, toSpender = new(big.Int), new(big.Int)
	for s, v := range a.reserved {
		all.Add(all, v)
		if s == spender {
			toSpender.Set(v)
		}
	}
	return all, toSpender
}

// reserve adds amount to spender's spends in flight; a.spend is held.
func (a *account) reserve(spender common.Address, amount *big.Int) {
	v := a.reserved[spender]
	if v == nil {
		v = new(big.Int)
		a.reserved[spender] = v
	}
	v.Add(v, amount)
}

// release ends a spend in flight and wakes the spends waiting on it.
func (a *account) release(spender common.Address, amount *big.Int) {
	a.spend.Lock()
	defer a.spend.Unlock()
	if v := a.reserved[spender]; v != nil {
		if v.Sub(v, amount); v.Sign() <= 0 {
			delete(a.reserved, spender)
		}
	}
	close(a.settled)
	a.settled = make(chan struct{})
}

// awaitSettled releases a.spend until a spend in flight ends or ctx does,
// then takes it again (also when it returns ctx's error).
func (a *account) awaitSettled(ctx context.Context) error {
	ch := a.settled
	a.spend.Unlock()
	defer a.spend.Lock()
	select {
	case <-ch:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// ABIs of the contracts, parsed once on first use: parsing them at start
// cost every `deco` command about 5 ms, most of which never touch a chain.
var (
	tokenABI    = sync.OnceValue(bindings.NewDecoToken)
	registryABI = sync.OnceValue(bindings.NewProviderRegistry)
	escrowABI   = sync.OnceValue(bindings.NewJobEscrow)
	verifierABI = sync.OnceValue(bindings.NewGroth16Verifier)
)

// Client is a Chain bound to one signing key, over either the simulated
// backend (Simulated.Client) or a JSON-RPC node (Dial). It is safe for
// concurrent use.
type Client struct {
	be          backend
	acct        *account
	chainID     *big.Int
	signer      types.Signer
	addrs       Addresses
	refundGrace time.Duration
	cfg         config
	log         *slog.Logger
	obs         *observers // Observe; shared by the copies At makes
	// mined is set by the simulated chain: it seals a block so a sent
	// transaction is included at once.
	mined func()
	fee   *feeCache
	close func()
}

var _ Chain = (*Client)(nil)

func newClient(be backend, acct *account, chainID *big.Int, cfg config) *Client {
	return &Client{
		be:      be,
		acct:    acct,
		chainID: new(big.Int).Set(chainID),
		signer:  types.LatestSignerForChainID(chainID),
		cfg:     cfg,
		log:     cfg.log.With("component", "chain", "account", acct.addr.Hex()),
		fee:     &feeCache{},
		obs:     &observers{},
	}
}

// ChainID implements Chain.
func (c *Client) ChainID() *big.Int { return new(big.Int).Set(c.chainID) }

// Address implements Chain.
func (c *Client) Address() common.Address { return c.acct.addr }

// Contracts implements Chain.
func (c *Client) Contracts() Addresses { return c.addrs }

// Domain implements Chain.
func (c *Client) Domain() Domain { return Domain{ChainID: c.ChainID(), Escrow: c.addrs.Escrow} }

// RefundGrace is the escrow's grace period after a job's deadline.
func (c *Client) RefundGrace() time.Duration { return c.refundGrace }

// Close releases the connection of a dialed client. Clients of a Simulated
// chain share it; closing them does nothing.
func (c *Client) Close() {
	if c.close != nil {
		c.close()
	}
}

// At returns a client for the same key and connection bound to the
// contracts at a, after checking that code is deployed there.
func (c *Client) At(ctx context.Context, a Addresses) (*Client, error) {
	if err := a.Validate(); err != nil {
		return nil, err
	}
	for _, x := range []struct {
		name string
		addr common.Address
	}{{"token", a.Token}, {"registry", a.Registry}, {"escrow", a.Escrow}} {
		var code []byte
		err := c.retry(ctx, "read "+x.name+" code", func() error {
			var err error
			code, err = c.be.CodeAt(ctx, x.addr, nil)
			return err
		})
		if err != nil {
			return nil, err
		}
		if len(code) == 0 {
			return nil, fmt.Errorf("%w: no %s contract at %s on chain %s (wrong addresses, or the chain was reset: deploy again)", ErrNoContracts, x.name, x.addr.Hex(), c.chainID)
		}
	}
	n := *c
	n.addrs = a
	out, err := n.call(ctx, "escrow.refundGrace", a.Escrow, escrowABI().PackRefundGrace())
	if err != nil {
		return nil, err
	}
	grace, err := escrowABI().UnpackRefundGrace(out)
	if err != nil {
		return nil, fmt.Errorf("escrow.refundGrace: %w", err)
	}
	n.refundGrace = time.Duration(grace) * time.Second
	return &n, nil
}

func (c *Client) contracts() error {
	if c.addrs.IsZero() {
		return ErrNoContracts
	}
	return nil
}

// ---- token ----

// Balance implements Chain.
func (c *Client) Balance(ctx context.Context, addr common.Address) (*big.Int, error) {
	if err := c.contracts(); err != nil {
		return nil, err
	}
	return readBig(c.call(ctx, "token.balanceOf", c.addrs.Token, tokenABI().PackBalanceOf(addr)))(tokenABI().UnpackBalanceOf)
}

// Allowance is how much spender may pull from owner's DECO.
func (c *Client) Allowance(ctx context.Context, owner, spender common.Address) (*big.Int, error) {
	if err := c.contracts(); err != nil {
		return nil, err
	}
	return readBig(c.call(ctx, "token.allowance", c.addrs.Token, tokenABI().PackAllowance(owner, spender)))(tokenABI().UnpackAllowance)
}

// TotalSupply is the DECO in existence.
func (c *Client) TotalSupply(ctx context.Context) (*big.Int, error) {
	if err := c.contracts(); err != nil {
		return nil, err
	}
	return readBig(c.call(ctx, "token.totalSupply", c.addrs.Token, tokenABI().PackTotalSupply()))(tokenABI().UnpackTotalSupply)
}

// GasBalance implements Chain.
func (c *Client) GasBalance(ctx context.Context, addr common.Address) (*big.Int, error) {
	var bal *big.Int
	err := c.retry(ctx, "read gas balance", func() error {
		var err error
		bal, err = c.be.BalanceAt(ctx, addr, nil)
		return err
	})
	return bal, err
}

// Transfer implements Chain.
func (c *Client) Transfer(ctx context.Context, to common.Address, amount *big.Int) error {
	if err := c.contracts(); err != nil {
		return err
	}
	_, err := c.transact(ctx, "token.transfer", &c.addrs.Token, tokenABI().PackTransfer(to, amount), nil)
	return err
}

// Approve implements Chain.
func (c *Client) Approve(ctx context.Context, spender common.Address, amount *big.Int) error {
	if err := c.contracts(); err != nil {
		return err
	}
	_, err := c.transact(ctx, "token.approve", &c.addrs.Token, tokenABI().PackApprove(spender, amount), nil)
	return err
}

// Mint creates amount DECO for to. Only the token's owner (the deployer) may.
func (c *Client) Mint(ctx context.Context, to common.Address, amount *big.Int) error {
	if err := c.contracts(); err != nil {
		return err
	}
	_, err := c.transact(ctx, "token.mint", &c.addrs.Token, tokenABI().PackMint(to, amount), nil)
	return err
}

// SendGas sends amount wei of the chain's native coin to to (gas money).
func (c *Client) SendGas(ctx context.Context, to common.Address, amount *big.Int) error {
	_, err := c.transact(ctx, "send gas", &to, nil, amount)
	return err
}

// spend sends a transaction through which spender pulls amount DECO from
// the signer (stake, openJob, topUp). It checks the balance first, so a
// spend the wallet cannot cover fails with ErrInsufficientFunds before
// anything is sent. An allowance too small for it is raised to the whole
// balance, so one approval serves many spends; it is sent only when a dry
// run shows the allowance is the one thing missing, so a call that would
// revert anyway costs nothing. (The spenders are Deco's escrow and
// registry, which pull only from the account calling them: the allowance
// lets no one else move the DECO.)
//
// Spends of one account run concurrently: each reserves its amount
// against the balance and the allowance, and is sent without waiting for
// the receipts of the others. One that would not fit beside those in
// flight waits for them to be mined and looks again.
func (c *Client) spend(ctx context.Context, op string, spender common.Address, amount *big.Int, to common.Address, data []byte) error {
	wait, err := c.spendSend(ctx, op, spender, amount, to, data, nil)
	if err != nil {
		return err
	}
	return wait(ctx)
}

// spendSend is spend up to the send: it returns once the transaction is
// on its way, with the wait for it to be mined, which releases the
// reservation. ready, if not nil, is submit's.
func (c *Client) spendSend(ctx context.Context, op string, spender common.Address, amount *big.Int, to common.Address, data []byte, ready func() error) (wait func(context.Context) error, err error) {
	if err := c.contracts(); err != nil {
		return nil, err
	}
	a := c.acct
	a.spend.Lock()
	for {
		bal, err := c.Balance(ctx, a.addr)
		if err != nil {
			a.spend.Unlock()
			return nil, err
		}
		allowed, err := c.Allowance(ctx, a.addr, spender)
		if err != nil {
			a.spend.Unlock()
			return nil, err
		}
		all, mine := a.held(spender)
		free := new(big.Int).Sub(bal, all)
		if free.Cmp(amount) < 0 {
			if all.Sign() > 0 {
				// Spends in flight may fail or be mined meanwhile: wait and read again.
				if err := a.awaitSettled(ctx); err != nil {
					a.spend.Unlock()
					return nil, fmt.Errorf("%s: %w", op, err)
				}
				continue
			}
			a.spend.Unlock()
			return nil, fmt.Errorf("%s: %w: %s holds %s, needs %s", op, ErrInsufficientFunds, a.addr.Hex(), FormatDECO(bal), FormatDECO(amount))
		}
		if new(big.Int).Sub(allowed, mine).Cmp(amount) < 0 {
			if mine.Sign() > 0 {
				if err := a.awaitSettled(ctx); err != nil {
					a.spend.Unlock()
					return nil, fmt.Errorf("%s: %w", op, err)
				}
				continue
			}
			if _, err := c.call(ctx, op, to, data); err != nil && !errors.Is(err, ErrInsufficientAllowance) {
				a.spend.Unlock()
				return nil, err
			}
			// What others have in flight is theirs; the rest may be spent here.
			if err := c.Approve(ctx, spender, free); err != nil {
				a.spend.Unlock()
				return nil, err
			}
		}
		break
	}
	a.reserve(spender, amount)
	a.spend.Unlock()
	p, err := c.submit(ctx, op, &to, data, nil, ready)
	if err != nil {
		a.release(spender, amount)
		return nil, err
	}
	return func(ctx context.Context) error {
		defer a.release(spender, amount)
		_, err := p.await(ctx)
		return err
	}, nil
}

// ---- registry ----

// Stake implements Chain.
func (c *Client) Stake(ctx context.Context, amount *big.Int) error {
	if err := c.contracts(); err != nil {
		return err
	}
	return c.spend(ctx, "registry.stake", c.addrs.Registry, amount, c.addrs.Registry, registryABI().PackStake(amount))
}

// BindPeer implements Chain.
func (c *Client) BindPeer(ctx context.Context, peerID string, sig []byte) error {
	if err := c.contracts(); err != nil {
		return err
	}
	_, err := c.transact(ctx, "registry.bindPeer", &c.addrs.Registry, registryABI().PackBindPeer(peerID, sig), nil)
	return err
}

// Peer implements Chain.
func (c *Client) Peer(ctx context.Context, addr common.Address) (PeerBinding, error) {
	if err := c.contracts(); err != nil {
		return PeerBinding{}, err
	}
	out, err := c.call(ctx, "registry.peerOf", c.addrs.Registry, registryABI().PackPeerOf(addr))
	if err != nil {
		return PeerBinding{}, err
	}
	p, err := registryABI().UnpackPeerOf(out)
	if err != nil {
		return PeerBinding{}, fmt.Errorf("registry.peerOf: %w", err)
	}
	return PeerBinding{PeerID: p.PeerId, Signature: p.Signature}, nil
}

// StakeOf implements Chain.
func (c *Client) StakeOf(ctx context.Context, addr common.Address) (*big.Int, error) {
	if err := c.contracts(); err != nil {
		return nil, err
	}
	return readBig(c.call(ctx, "registry.stakeOf", c.addrs.Registry, registryABI().PackStakeOf(addr)))(registryABI().UnpackStakeOf)
}

// Stakes implements Chain.
func (c *Client) Stakes(ctx context.Context, addr common.Address) (StakeInfo, error) {
	var s StakeInfo
	bonded, err := c.StakeOf(ctx, addr)
	if err != nil {
		return s, err
	}
	out, err := c.call(ctx, "registry.unbondingOf", c.addrs.Registry, registryABI().PackUnbondingOf(addr))
	if err != nil {
		return s, err
	}
	u, err := registryABI().UnpackUnbondingOf(out)
	if err != nil {
		return s, fmt.Errorf("registry.unbondingOf: %w", err)
	}
	out, err = c.call(ctx, "registry.canBid", c.addrs.Registry, registryABI().PackCanBid(addr))
	if err != nil {
		return s, err
	}
	can, err := registryABI().UnpackCanBid(out)
	if err != nil {
		return s, fmt.Errorf("registry.canBid: %w", err)
	}
	s = StakeInfo{Bonded: bonded, Unbonding: u.Amount, CanBid: can}
	if u.UnlockAt != 0 {
		s.UnlockAt = time.Unix(int64(u.UnlockAt), 0)
	}
	return s, nil
}

// MinStake is the bonded stake the registry requires to bid.
func (c *Client) MinStake(ctx context.Context) (*big.Int, error) {
	if err := c.contracts(); err != nil {
		return nil, err
	}
	return readBig(c.call(ctx, "registry.minStake", c.addrs.Registry, registryABI().PackMinStake()))(registryABI().UnpackMinStake)
}

// RequestUnbond implements Chain.
func (c *Client) RequestUnbond(ctx context.Context, amount *big.Int) error {
	if err := c.contracts(); err != nil {
		return err
	}
	_, err := c.transact(ctx, "registry.requestUnbond", &c.addrs.Registry, registryABI().PackRequestUnbond(amount), nil)
	return err
}

// Withdraw implements Chain.
func (c *Client) Withdraw(ctx context.Context) error {
	if err := c.contracts(); err != nil {
		return err
	}
	_, err := c.transact(ctx, "registry.withdraw", &c.addrs.Registry, registryABI().PackWithdraw(), nil)
	return err
}

// ---- escrow ----

// OpenJob implements Chain.
func (c *Client) OpenJob(ctx context.Context, jobID [32]byte, amount *big.Int, deadline time.Time) error {
	return c.OpenJobWhen(ctx, jobID, amount, deadline, nil)
}

// OpenJobWhen is OpenJob, sending the opening only once ready returns nil:
// ready is called after the wallet's checks and the gas estimate, so a
// caller can write down that the opening is being sent while those run.
// An error from ready stops the opening unsent (ErrNotSent). A job
// submitted together with others may go in one escrow.openJobs with them.
func (c *Client) OpenJobWhen(ctx context.Context, jobID [32]byte, amount *big.Int, deadline time.Time, ready func() error) error {
	if err := c.contracts(); err != nil {
		return err
	}
	if deadline.Unix() <= 0 {
		return fmt.Errorf("escrow.openJob: deadline %v is not a valid time", deadline)
	}
	if err := c.ownJobID("escrow.openJob", jobID); err != nil {
		return err
	}
	return c.openGrouped(ctx, jobID, amount, uint64(deadline.Unix()), ready)
}

// ownJobID refuses, before any transaction, a job id the escrow would not
// let this client's account open (see NewJobID).
func (c *Client) ownJobID(op string, jobID [32]byte) error {
	if JobIDOwnedBy(jobID, c.Address()) {
		return nil
	}
	return fmt.Errorf("%s: job id %x names another account than %s, so the escrow would refuse it (%w)",
		op, jobID[:16], c.Address().Hex(), ErrJobIDNotYours)
}

// TopUp implements Chain.
func (c *Client) TopUp(ctx context.Context, jobID [32]byte, amount *big.Int) error {
	if err := c.contracts(); err != nil {
		return err
	}
	return c.spend(ctx, "escrow.topUp", c.addrs.Escrow, amount, c.addrs.Escrow, escrowABI().PackTopUp(jobID, amount))
}

// AnchorCheckpoints records the Merkle root of count verified checkpoint
// receipts of jobID (JobEscrow.anchorCheckpoints; consumer of an open job
// only): see internal/anchor.
func (c *Client) AnchorCheckpoints(ctx context.Context, jobID [32]byte, root [32]byte, count uint64) error {
	if err := c.contracts(); err != nil {
		return err
	}
	_, err := c.transact(ctx, "escrow.anchorCheckpoints", &c.addrs.Escrow, escrowABI().PackAnchorCheckpoints(jobID, root, new(big.Int).SetUint64(count)), nil)
	return err
}

// Redeem implements Chain.
func (c *Client) Redeem(ctx context.Context, jobID [32]byte, provider common.Address, cumulative *big.Int, consumerSig []byte) error {
	if err := c.contracts(); err != nil {
		return err
	}
	_, err := c.transact(ctx, "escrow.redeem", &c.addrs.Escrow, escrowABI().PackRedeem(jobID, provider, cumulative, consumerSig), nil)
	return err
}

// Refund implements Chain.
func (c *Client) Refund(ctx context.Context, jobID [32]byte) error {
	if err := c.contracts(); err != nil {
		return err
	}
	_, err := c.transact(ctx, "escrow.refund", &c.addrs.Escrow, escrowABI().PackRefund(jobID), nil)
	return err
}

// Job implements Chain.
func (c *Client) Job(ctx context.Context, jobID [32]byte) (JobInfo, error) {
	if err := c.contracts(); err != nil {
		return JobInfo{}, err
	}
	out, err := c.call(ctx, "escrow.getJob", c.addrs.Escrow, escrowABI().PackGetJob(jobID))
	if err != nil {
		return JobInfo{}, err
	}
	j, err := escrowABI().UnpackGetJob(out)
	if err != nil {
		return JobInfo{}, fmt.Errorf("escrow.getJob: %w", err)
	}
	if j.Consumer == (common.Address{}) {
		return JobInfo{}, &RevertError{Op: "escrow.getJob", Name: ErrUnknownJob.Name, Args: []any{jobID}}
	}
	info := JobInfo{
		Consumer:  j.Consumer,
		Deadline:  time.Unix(int64(j.Deadline), 0),
		RefundAt:  time.Unix(int64(j.Deadline), 0).Add(c.refundGrace),
		Deposited: j.Deposited,
		Redeemed:  j.Redeemed,
		Refunded:  new(big.Int),
		Closed:    j.Refunded,
	}
	if j.Refunded {
		info.Refunded.Sub(j.Deposited, j.Redeemed)
	}
	return info, nil
}

// Redeemed implements Chain.
func (c *Client) Redeemed(ctx context.Context, jobID [32]byte, provider common.Address) (*big.Int, error) {
	if err := c.contracts(); err != nil {
		return nil, err
	}
	return readBig(c.call(ctx, "escrow.redeemed", c.addrs.Escrow, escrowABI().PackRedeemed(jobID, provider)))(escrowABI().UnpackRedeemed)
}

// SignVoucher implements Chain.
func (c *Client) SignVoucher(jobID [32]byte, provider common.Address, cumulative *big.Int) ([]byte, error) {
	if err := c.contracts(); err != nil {
		return nil, err
	}
	return SignVoucher(c.acct.key, c.Domain(), jobID, provider, cumulative)
}

// ReportEquivocation implements Chain.
func (c *Client) ReportEquivocation(ctx context.Context, a Receipt, sigA []byte, b Receipt, sigB []byte) error {
	if err := c.contracts(); err != nil {
		return err
	}
	_, err := c.transact(ctx, "escrow.reportEquivocation", &c.addrs.Escrow, escrowABI().PackReportEquivocation(a.binding(), sigA, b.binding(), sigB), nil)
	return err
}

// SetSlashParams changes the escrow's slash share and reporter cut. Owner only.
func (c *Client) SetSlashParams(ctx context.Context, slashBps, reporterBps uint16) error {
	if err := c.contracts(); err != nil {
		return err
	}
	_, err := c.transact(ctx, "escrow.setSlashParams", &c.addrs.Escrow, escrowABI().PackSetSlashParams(slashBps, reporterBps), nil)
	return err
}

// ChainTime is the timestamp of the latest block: the chain's idea of now,
// against which deadlines and unbonding delays are checked.
func (c *Client) ChainTime(ctx context.Context) (time.Time, error) {
	var h *types.Header
	err := c.retry(ctx, "read latest block", func() error {
		var err error
		h, err = c.be.HeaderByNumber(ctx, nil)
		return err
	})
	if err != nil {
		return time.Time{}, err
	}
	return time.Unix(int64(h.Time), 0), nil
}

// ---- plumbing ----

// call runs a read-only contract call on the latest block.
func (c *Client) call(ctx context.Context, op string, to common.Address, data []byte) ([]byte, error) {
	var out []byte
	err := c.retry(ctx, op, func() error {
		res, err := c.be.CallContract(ctx, ethereum.CallMsg{From: c.acct.addr, To: &to, Data: data}, nil)
		if err != nil {
			if rv := revertFromRPC(op, err); rv != nil {
				return rv
			}
			return err
		}
		out = res
		return nil
	})
	return out, err
}

func readBig(out []byte, err error) func(func([]byte) (*big.Int, error)) (*big.Int, error) {
	return func(unpack func([]byte) (*big.Int, error)) (*big.Int, error) {
		if err != nil {
			return nil, err
		}
		v, err := unpack(out)
		if err != nil {
			return nil, fmt.Errorf("decode answer: %w", err)
		}
		return v, nil
	}
}

// timeReverts are reverts that can come from the latest block's timestamp
// lagging the wall clock on a chain that mines only on demand.
var timeReverts = map[string]bool{"RefundTooEarly": true, "StillUnbonding": true}

// transact signs, sends and waits for a transaction from the signer to `to`
// (nil: contract creation). It estimates gas first, so a revert is reported
// with its decoded reason and no gas is spent on it.
func (c *Client) transact(ctx context.Context, op string, to *common.Address, data []byte, value *big.Int) (*types.Receipt, error) {
	p, err := c.submit(ctx, op, to, data, value, nil)
	if err != nil {
		return nil, err
	}
	return p.await(ctx)
}

// sent is a transaction on its way: submitted, not yet known mined.
type sent struct {
	c   *Client
	op  string
	tx  *types.Transaction
	msg ethereum.CallMsg
	job [32]byte
}

// submit estimates, signs and sends a transaction without waiting for it.
// ready, if not nil, is called after the estimate, just before the send:
// an error from it stops the transaction unsent.
func (c *Client) submit(ctx context.Context, op string, to *common.Address, data []byte, value *big.Int, ready func() error) (*sent, error) {
	msg := ethereum.CallMsg{From: c.acct.addr, To: to, Data: data, Value: value}
	gas, err := c.estimate(ctx, op, msg)
	var rv *RevertError
	if errors.As(err, &rv) && timeReverts[rv.Name] && c.mined != nil {
		// The simulated chain's latest block may be older than now: seal an
		// empty one and ask again.
		c.mined()
		gas, err = c.estimate(ctx, op, msg)
	}
	if err != nil {
		return nil, err
	}
	tip, feeCap, err := c.fees(ctx, op)
	if err != nil {
		return nil, err
	}
	if ready != nil {
		if err := ready(); err != nil {
			return nil, fmt.Errorf("%s: %w: %w", op, ErrNotSent, err)
		}
	}
	tx, err := c.send(ctx, op, &types.DynamicFeeTx{
		ChainID:   c.chainID,
		GasTipCap: tip,
		GasFeeCap: feeCap,
		Gas:       gas + gas/5, // state can change between estimate and inclusion
		To:        to,
		Value:     value,
		Data:      data,
	})
	if err != nil {
		return nil, err
	}
	p := &sent{c: c, op: op, tx: tx, msg: msg, job: jobOf(op, data)}
	c.notify(Tx{Op: op, Hash: tx.Hash(), Job: p.job, Jobs: jobsOf(op, data), Pending: true})
	return p, nil
}

// await waits until the transaction is mined and reports how it went.
func (p *sent) await(ctx context.Context) (*types.Receipt, error) {
	c, op := p.c, p.op
	if c.mined != nil {
		c.mined()
	}
	rcpt, err := c.waitMined(ctx, op, p.tx.Hash())
	if err != nil {
		return nil, err
	}
	if c.cfg.onTx != nil {
		c.cfg.onTx(Tx{Op: op, Hash: rcpt.TxHash, Block: rcpt.BlockNumber.Uint64(), GasUsed: rcpt.GasUsed, GasPrice: rcpt.EffectiveGasPrice})
	}
	c.notify(Tx{Op: op, Hash: rcpt.TxHash, Block: rcpt.BlockNumber.Uint64(), GasUsed: rcpt.GasUsed, GasPrice: rcpt.EffectiveGasPrice,
		Job: p.job, Jobs: jobsOf(op, p.msg.Data), Failed: rcpt.Status != types.ReceiptStatusSuccessful})
	metrics.ChainTx(op, rcpt.GasUsed, rcpt.Status != types.ReceiptStatusSuccessful)
	c.log.Debug("transaction mined", "op", op, "tx", rcpt.TxHash.Hex(), "block", rcpt.BlockNumber, "gas", rcpt.GasUsed, "ok", rcpt.Status == types.ReceiptStatusSuccessful)
	if rcpt.Status != types.ReceiptStatusSuccessful {
		return rcpt, c.failure(ctx, op, p.msg, rcpt)
	}
	return rcpt, nil
}

func (c *Client) estimate(ctx context.Context, op string, msg ethereum.CallMsg) (uint64, error) {
	var gas uint64
	err := c.retry(ctx, op+": estimate gas", func() error {
		g, err := c.be.EstimateGas(ctx, msg)
		if err != nil {
			if rv := revertFromRPC(op, err); rv != nil {
				return rv
			}
			if strings.Contains(err.Error(), "insufficient funds") {
				return fmt.Errorf("%s: %w (account %s needs native coin to pay for gas)", op, err, c.acct.addr.Hex())
			}
			return fmt.Errorf("%s: estimate gas: %w", op, err)
		}
		gas = g
		return nil
	})
	return gas, err
}

// feeTTL is how long fees read from the chain are reused. The fee cap
// (twice the base fee plus the tip) survives several full blocks, so fees
// a second old still get a transaction in, and a burst of transactions
// costs two reads instead of two each.
const feeTTL = time.Second

// feeCache holds the last fees read, shared by the copies of a Client.
type feeCache struct {
	mu          sync.Mutex
	tip, feeCap *big.Int
	at          time.Time
}

// fees picks EIP-1559 fees: the suggested tip, and a fee cap of twice the
// latest base fee plus the tip, which survives several full blocks.
func (c *Client) fees(ctx context.Context, op string) (tip, feeCap *big.Int, err error) {
	fc := c.fee
	if fc != nil {
		fc.mu.Lock()
		fresh := fc.tip != nil && time.Since(fc.at) < feeTTL
		tip, feeCap = fc.tip, fc.feeCap
		fc.mu.Unlock()
		if fresh {
			return new(big.Int).Set(tip), new(big.Int).Set(feeCap), nil
		}
	}
	err = c.retry(ctx, op+": read fees", func() error {
		h, err := c.be.HeaderByNumber(ctx, nil)
		if err != nil {
			return err
		}
		if h.BaseFee == nil {
			return fmt.Errorf("%s: chain %s has no EIP-1559 base fee; Deco needs a London-or-later EVM chain", op, c.chainID)
		}
		t, err := c.be.SuggestGasTipCap(ctx)
		if err != nil {
			return err
		}
		tip = t
		feeCap = new(big.Int).Add(new(big.Int).Mul(h.BaseFee, big.NewInt(2)), t)
		return nil
	})
	if err == nil && fc != nil {
		fc.mu.Lock()
		fc.tip, fc.feeCap, fc.at = new(big.Int).Set(tip), new(big.Int).Set(feeCap), time.Now()
		fc.mu.Unlock()
	}
	return tip, feeCap, err
}

// send assigns the next nonce, signs and submits. A send that fails on a
// stale nonce resyncs from the chain and tries again with a fresh nonce.
func (c *Client) send(ctx context.Context, op string, tx *types.DynamicFeeTx) (*types.Transaction, error) {
	a := c.acct
	a.mu.Lock()
	defer a.mu.Unlock()
	for attempt := 0; ; attempt++ {
		if !a.synced {
			err := c.retry(ctx, op+": read nonce", func() error {
				n, err := c.be.PendingNonceAt(ctx, a.addr)
				a.nonce = n
				return err
			})
			if err != nil {
				return nil, err
			}
			a.synced = true
		}
		tx.Nonce = a.nonce
		signed, err := types.SignTx(types.NewTx(tx), c.signer, a.key)
		if err != nil {
			return nil, fmt.Errorf("%s: sign: %w", op, err)
		}
		hadTransient := false
		err = c.retry(ctx, op+": send", func() error {
			err := c.be.SendTransaction(ctx, signed)
			switch {
			case err == nil || isAlreadyKnown(err):
				return nil
			case hadTransient && isNonceTooLow(err):
				// An earlier attempt may have got through and been mined.
				if r, rerr := c.be.TransactionReceipt(ctx, signed.Hash()); rerr == nil && r != nil {
					return nil
				}
			case transient(err):
				hadTransient = true
			}
			return err
		})
		if err == nil {
			a.nonce++
			return signed, nil
		}
		a.synced = false
		if attempt < 3 && (isNonceTooLow(err) || isUnderpriced(err)) {
			c.log.Debug("nonce out of date; resyncing", "op", op, "nonce", tx.Nonce, "err", err)
			continue
		}
		return nil, fmt.Errorf("%s: send transaction: %w", op, err)
	}
}

// headSubscriber is a backend that can push new blocks (a WebSocket or
// IPC connection; over HTTP the subscription fails and polling does).
type headSubscriber interface {
	SubscribeNewHead(ctx context.Context, ch chan<- *types.Header) (ethereum.Subscription, error)
}

// firstPoll is the first wait for a receipt. A dev chain mines on arrival,
// so the receipt is usually there within milliseconds; the wait doubles up
// to the poll interval, so a chain with slow blocks costs a few extra reads.
const firstPoll = 2 * time.Millisecond

// waitMined waits for the receipt of hash until it is mined or ctx ends:
// it polls with a wait that starts at firstPoll and doubles up to the poll
// interval, and looks again at once when the backend pushes a new block.
func (c *Client) waitMined(ctx context.Context, op string, hash common.Hash) (*types.Receipt, error) {
	delay := firstPoll
	var heads chan *types.Header
	if hs, ok := c.be.(headSubscriber); ok && c.mined == nil {
		ch := make(chan *types.Header, 16)
		if sub, err := hs.SubscribeNewHead(ctx, ch); err == nil {
			defer sub.Unsubscribe()
			heads = ch
		}
	}
	for {
		r, err := c.be.TransactionReceipt(ctx, hash)
		if err == nil && r != nil {
			// A node can index a block's receipts a moment before it makes
			// the block its head; wait for the head so that the next call
			// on "latest" sees this transaction's effects.
			if h, herr := c.be.HeaderByNumber(ctx, nil); herr == nil && h.Number.Cmp(r.BlockNumber) >= 0 {
				return r, nil
			}
		}
		if err != nil && !errors.Is(err, ethereum.NotFound) && !transient(err) && !strings.Contains(err.Error(), "indexing") {
			return nil, fmt.Errorf("%s: wait for transaction %s: %w", op, hash.Hex(), err)
		}
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil, fmt.Errorf("%s: transaction %s sent but not mined yet: %w", op, hash.Hex(), ctx.Err())
		case <-heads:
			t.Stop()
		case <-t.C:
		}
		delay = min(delay*2, c.cfg.poll)
	}
}

// failure explains a transaction that was mined but failed, by replaying it
// as a call on the state before its block.
func (c *Client) failure(ctx context.Context, op string, msg ethereum.CallMsg, r *types.Receipt) error {
	at := new(big.Int).Sub(r.BlockNumber, big.NewInt(1))
	_, err := c.be.CallContract(ctx, msg, at)
	if err != nil {
		if rv := revertFromRPC(op, err); rv != nil {
			return rv
		}
	}
	return fmt.Errorf("%s: %w: tx %s in block %s used %d gas", op, ErrTxFailed, r.TxHash.Hex(), r.BlockNumber, r.GasUsed)
}

// retry runs fn until it succeeds, fails for a reason other than the node
// being unreachable, or ctx ends. Waits back off exponentially.
func (c *Client) retry(ctx context.Context, what string, fn func() error) error {
	delay := c.cfg.backoffMin
	for {
		err := fn()
		if err == nil || !transient(err) {
			return err
		}
		if ctx.Err() != nil {
			return fmt.Errorf("%s: chain node unreachable: %w", what, err)
		}
		c.log.Warn("chain node unreachable; retrying", "op", what, "in", delay, "err", err)
		t := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			t.Stop()
			return fmt.Errorf("%s: chain node unreachable: %w (gave up: %v)", what, err, ctx.Err())
		case <-t.C:
		}
		delay = min(delay*2, c.cfg.backoffMax)
	}
}

// transient reports whether err means the node could not be reached (as
// opposed to the node answering with an error).
func transient(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var httpErr rpc.HTTPError
	if errors.As(err, &httpErr) {
		return httpErr.StatusCode >= 500 || httpErr.StatusCode == 429
	}
	var rpcErr rpc.Error
	if errors.As(err, &rpcErr) {
		return false
	}
	var netErr net.Error
	if errors.As(err, &netErr) {
		return true
	}
	if errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, io.EOF) ||
		errors.Is(err, io.ErrUnexpectedEOF) {
		return true
	}
	s := err.Error()
	return strings.Contains(s, "connection refused") || strings.Contains(s, "connection reset") || strings.Contains(s, "broken pipe") ||
		// A WebSocket connection that dropped; the next call dials again.
		strings.HasPrefix(s, "websocket: close ")
}

func isAlreadyKnown(err error) bool {
	return err != nil && strings.Contains(err.Error(), "already known")
}

func isNonceTooLow(err error) bool {
	return err != nil && strings.Contains(err.Error(), "nonce too low")
}

func isUnderpriced(err error) bool {
	return err != nil && strings.Contains(err.Error(), "replacement transaction underpriced")
}

// FormatDECO renders base units as decimal DECO, e.g. "12.5 DECO".
func FormatDECO(v *big.Int) string {
	if v == nil {
		return "0 DECO"
	}
	unit := DECO(1)
	q, r := new(big.Int).QuoRem(new(big.Int).Abs(v), unit, new(big.Int))
	s := q.String()
	if r.Sign() != 0 {
		frac := fmt.Sprintf("%018s", r.String())
		s += "." + strings.TrimRight(frac, "0")
	}
	if v.Sign() < 0 {
		s = "-" + s
	}
	return s + " DECO"
}
