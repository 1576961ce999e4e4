package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/big"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/spf13/cobra"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/config"
	"github.com/deco-network/deco/internal/devnet"
	"github.com/deco-network/deco/internal/pay"
	"github.com/deco-network/deco/internal/wire"
)

// walletFlags are shared by every `deco wallet` subcommand.
type walletFlags struct {
	rpc     string
	node    string
	timeout time.Duration
}

// wallet is a resolved chain connection acting with one node's EVM key.
type wallet struct {
	c    *chain.Client
	home config.Home
	rpc  string
	from string // where the settings came from, for messages
}

func newWalletCmd(g *globals) *cobra.Command {
	wf := &walletFlags{}
	cmd := &cobra.Command{
		Use:   "wallet",
		Short: "DECO balance, stake and escrow deposits of a node's EVM account, on chain",
		Long: `wallet acts directly on the chain with a node's EVM key (evm.key in its home).

The chain comes from DECO_DEVNET=DIR (DIR/devnet.json's chain, acting as the
devnet's consumer, or as --node NAME), else from the home's config.yaml
(section chain: rpc, token, registry, escrow). --chain-rpc overrides the
JSON-RPC URL. An explicit --home wins over DECO_DEVNET.

redeem is the exception: the vouchers live in the running node, so it asks
that node over its API (the devnet node, or the home's running node).`,
		Example: `  deco wallet balance
  DECO_DEVNET=/tmp/devnet deco wallet balance --node provider-1 -o json
  deco wallet deposit 3f2a... 5          # add 5 DECO to a job's escrow
  deco wallet stake 100                  # bond stake so the provider may bid
  deco wallet unstake 100 && deco wallet withdraw   # after the unbonding delay
  deco wallet redeem --node provider-1   # the running provider redeems its vouchers now`,
	}
	pf := cmd.PersistentFlags()
	pf.StringVar(&wf.rpc, "chain-rpc", "", "JSON-RPC URL of the EVM node (default: from devnet.json or config.yaml)")
	pf.StringVar(&wf.node, "node", "", "with DECO_DEVNET: act as this devnet node (default: the consumer)")
	pf.DurationVar(&wf.timeout, "timeout", 2*time.Minute, "give up after this long (the chain node may be unreachable)")
	cmd.AddCommand(
		walletBalanceCmd(g, wf), walletDepositCmd(g, wf), walletStakeCmd(g, wf), walletUnstakeCmd(g, wf),
		walletWithdrawCmd(g, wf), walletRedeemCmd(g, wf),
	)
	return cmd
}

// ErrNoChain: no chain is configured for the wallet to act on.
var ErrNoChain = errors.New("no chain configured: start a devnet (`deco devnet`, then export DECO_DEVNET=DIR) or pass --chain-rpc URL with the contract addresses in config.yaml's chain section")

// open resolves the chain and key and connects.
func (wf *walletFlags) open(ctx context.Context, g *globals) (*wallet, error) {
	var (
		home    config.Home
		rpc     = wf.rpc
		addrs   chain.Addresses
		chainID uint64
		from    string
	)
	if dir := os.Getenv("DECO_DEVNET"); dir != "" && g.home == "" {
		d, err := devnet.ReadFile(dir)
		if err != nil {
			return nil, err
		}
		dc, err := devnetChain(d)
		if err != nil {
			return nil, fmt.Errorf("devnet %s: %w", dir, err)
		}
		n, err := d.Node(wf.node)
		if err != nil {
			return nil, fmt.Errorf("devnet %s: %w", dir, err)
		}
		home, addrs, chainID, from = config.Home(n.Home), dc.Contracts, dc.ChainID, "devnet "+dir+" node "+n.Name
		if rpc == "" {
			rpc = dc.RPC
		}
	} else {
		if wf.node != "" {
			return nil, fmt.Errorf("--node %s needs DECO_DEVNET=DIR (it names a devnet node)", wf.node)
		}
		home = g.homeDir()
		cfg, err := home.Load()
		if err != nil {
			return nil, err
		}
		from = "home " + string(home)
		if rpc == "" {
			rpc = cfg.Chain.RPC
		}
		if rpc == "" {
			return nil, fmt.Errorf("%s: %w", from, ErrNoChain)
		}
		if addrs, err = configAddresses(cfg.Chain); err != nil {
			return nil, fmt.Errorf("%s: %w", home.Path("config.yaml"), err)
		}
		chainID = cfg.ChainID
	}
	id, err := home.Identity()
	if err != nil {
		return nil, err
	}
	var opts []chain.Option
	if chainID != 0 {
		opts = append(opts, chain.WithChainID(new(big.Int).SetUint64(chainID)))
	}
	dialCtx, cancel := context.WithTimeout(ctx, 15*time.Second)
	defer cancel()
	c, err := chain.Dial(dialCtx, rpc, id.EVMKey, addrs, append(opts, chain.WithLogger(g.logger()))...)
	if err != nil {
		return nil, fmt.Errorf("%w (chain of %s; a devnet's chain stops with the devnet)", err, from)
	}
	return &wallet{c: c, home: home, rpc: rpc, from: from}, nil
}

// devnetChain is devnet.json's chain, checked.
func devnetChain(d devnet.File) (devnet.Chain, error) {
	if d.Chain == nil || d.Chain.RPC == "" {
		return devnet.Chain{}, ErrNoChain
	}
	return *d.Chain, d.Chain.Contracts.Validate()
}

// nodeAPI resolves the API of the node the wallet acts as, for commands
// the node carries out itself: --api/DECO_API, else DECO_DEVNET's node
// (--node, default the consumer), else the running node of the home.
func (wf *walletFlags) nodeAPI(g *globals) (*api.Client, string, error) {
	if g.apiURL != "" || os.Getenv("DECO_API") != "" {
		c, err := g.client()
		return c, "node at " + c.Base, err
	}
	if dir := os.Getenv("DECO_DEVNET"); dir != "" && g.home == "" {
		d, err := devnet.ReadFile(dir)
		if err != nil {
			return nil, "", err
		}
		n, err := d.Node(wf.node)
		if err != nil {
			return nil, "", fmt.Errorf("devnet %s: %w", dir, err)
		}
		return &api.Client{Base: apiBase(n.API), Token: n.Token}, "devnet " + dir + " node " + n.Name, nil
	}
	if wf.node != "" {
		return nil, "", fmt.Errorf("--node %s needs DECO_DEVNET=DIR (it names a devnet node)", wf.node)
	}
	h := g.homeDir()
	rt, err := h.ReadRuntime()
	if err != nil {
		return nil, "", fmt.Errorf("the node of home %s is not running (%w): start it with `deco node --home %s`; it redeems by itself too, by amount, by age and when it stops", h, err, h)
	}
	id, err := h.Identity()
	if err != nil {
		return nil, "", err
	}
	return &api.Client{Base: apiBase(rt.API), Token: id.Token}, "home " + string(h), nil
}

func configAddresses(c config.Chain) (chain.Addresses, error) {
	var a chain.Addresses
	for _, f := range []struct {
		name, v string
		dst     *common.Address
	}{{"token", c.Token, &a.Token}, {"registry", c.Registry, &a.Registry}, {"escrow", c.Escrow, &a.Escrow}} {
		if !common.IsHexAddress(f.v) {
			return a, fmt.Errorf("chain.%s is %q, not a contract address; set chain.token, chain.registry and chain.escrow (a devnet writes them)", f.name, f.v)
		}
		*f.dst = common.HexToAddress(f.v)
	}
	return a, nil
}

// run resolves the wallet and calls fn with a bounded context.
func (wf *walletFlags) run(cmd *cobra.Command, g *globals, fn func(ctx context.Context, w *wallet) error) error {
	ctx, cancel := context.WithTimeout(cmd.Context(), wf.timeout)
	defer cancel()
	w, err := wf.open(ctx, g)
	if err != nil {
		return err
	}
	defer w.c.Close()
	return fn(ctx, w)
}

// decimal renders base units (18 decimals) as a plain decimal number.
func decimal(v *big.Int) string { return strings.TrimSuffix(chain.FormatDECO(v), " DECO") }

// parseDECO parses a positive DECO amount such as "2.5".
func parseDECO(s string) (*big.Int, error) {
	a, err := wire.ParseAmount(s)
	if err != nil {
		return nil, fmt.Errorf("amount %q: %w", s, err)
	}
	if a == 0 {
		return nil, fmt.Errorf("amount %q: must be more than 0", s)
	}
	return a.Wei(), nil
}

// Balance is what `deco wallet balance` shows. Amounts are decimal DECO
// (gas: decimal native coin).
type Balance struct {
	Address   string     `json:"address"`
	ChainID   uint64     `json:"chain_id"`
	RPC       string     `json:"rpc"`
	DECO      string     `json:"deco"`
	Gas       string     `json:"gas"`
	Staked    string     `json:"staked"`    // bonded: counts for bidding
	Unbonding string     `json:"unbonding"` // waiting out the delay
	UnlockAt  *time.Time `json:"unlock_at,omitempty"`
	CanBid    bool       `json:"can_bid"`
	MinStake  string     `json:"min_stake"`
	PeerID    string     `json:"peer_id,omitempty"` // peer bound in the registry
}

func (w *wallet) balance(ctx context.Context, addr common.Address) (Balance, error) {
	b := Balance{Address: addr.Hex(), ChainID: w.c.ChainID().Uint64(), RPC: w.rpc}
	deco, err := w.c.Balance(ctx, addr)
	if err != nil {
		return b, err
	}
	gas, err := w.c.GasBalance(ctx, addr)
	if err != nil {
		return b, err
	}
	st, err := w.c.Stakes(ctx, addr)
	if err != nil {
		return b, err
	}
	min, err := w.c.MinStake(ctx)
	if err != nil {
		return b, err
	}
	peer, err := w.c.Peer(ctx, addr)
	if err != nil {
		return b, err
	}
	b.DECO, b.Gas, b.Staked, b.Unbonding, b.CanBid, b.MinStake = decimal(deco), decimal(gas), decimal(st.Bonded), decimal(st.Unbonding), st.CanBid, decimal(min)
	if !st.UnlockAt.IsZero() && st.Unbonding.Sign() > 0 {
		t := st.UnlockAt.UTC()
		b.UnlockAt = &t
	}
	if peer.PeerID != "" {
		if pid, err := pay.VerifyPeerBinding(w.c.ChainID(), w.c.Contracts().Registry, addr, peer); err == nil {
			b.PeerID = pid.String()
		} else {
			b.PeerID = peer.PeerID + " (signature does not verify)"
		}
	}
	return b, nil
}

func (g *globals) printBalance(out io.Writer, b Balance, note string) error {
	if ok, err := g.emit(out, b); ok {
		return err
	}
	if note != "" {
		fmt.Fprintln(out, note)
	}
	tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "Address:\t%s\n", b.Address)
	fmt.Fprintf(tw, "Chain:\t%d at %s\n", b.ChainID, b.RPC)
	fmt.Fprintf(tw, "Balance:\t%s DECO\n", b.DECO)
	fmt.Fprintf(tw, "Gas:\t%s (native coin, pays transaction fees)\n", shortDecimal(b.Gas))
	bid := "cannot bid"
	if b.CanBid {
		bid = "can bid"
	}
	fmt.Fprintf(tw, "Staked:\t%s DECO (minimum %s; %s)\n", b.Staked, b.MinStake, bid)
	if b.UnlockAt != nil {
		fmt.Fprintf(tw, "Unbonding:\t%s DECO, withdrawable from %s\n", b.Unbonding, b.UnlockAt.Format(time.RFC3339))
	}
	if b.PeerID != "" {
		fmt.Fprintf(tw, "Peer:\t%s\n", b.PeerID)
	}
	return tw.Flush()
}

func walletBalanceCmd(g *globals, wf *walletFlags) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "balance [ADDRESS]",
		Short: "Show DECO, gas and stake of the node's account (or of ADDRESS)",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return wf.run(cmd, g, func(ctx context.Context, w *wallet) error {
				addr := w.c.Address()
				if len(args) == 1 {
					if !common.IsHexAddress(args[0]) {
						return fmt.Errorf("%q is not an EVM address (0x followed by 40 hex digits)", args[0])
					}
					addr = common.HexToAddress(args[0])
				}
				b, err := w.balance(ctx, addr)
				if err != nil {
					return err
				}
				return g.printBalance(cmd.OutOrStdout(), b, "")
			})
		},
	}
	addOutputFlag(cmd, g)
	return cmd
}

// Deposit is what `deco wallet deposit` shows: the job's escrow after the top-up.
type Deposit struct {
	Job       wire.JobID `json:"job"`
	Added     string     `json:"added"`
	Deposited string     `json:"deposited"`
	Redeemed  string     `json:"redeemed"`
	Remaining string     `json:"remaining"`
	Deadline  time.Time  `json:"deadline"`
	RefundAt  time.Time  `json:"refund_at"`
	Balance   string     `json:"balance"` // the wallet's DECO after the deposit
}

func walletDepositCmd(g *globals, wf *walletFlags) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "deposit JOB AMOUNT",
		Short: "Add AMOUNT DECO to a job's escrow (the job's consumer only)",
		Long: `deposit tops up the escrow of a job this account opened, so the consumer can
keep paying its providers when the budget (tasks × paid replicas × max price) runs short. A
running node notices the larger deposit the next time a voucher would exceed it.`,
		Args: cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			job, err := wire.ParseJobID(args[0])
			if err != nil {
				return fmt.Errorf("job %q: %w", args[0], err)
			}
			amount, err := parseDECO(args[1])
			if err != nil {
				return err
			}
			return wf.run(cmd, g, func(ctx context.Context, w *wallet) error {
				info, err := w.c.Job(ctx, job.Bytes32())
				if errors.Is(err, chain.ErrUnknownJob) {
					return fmt.Errorf("job %s has no escrow on chain %d: a node opens it when the job is submitted with payments on", job, w.c.ChainID())
				}
				if err != nil {
					return err
				}
				if info.Consumer != w.c.Address() {
					return fmt.Errorf("job %s's escrow belongs to %s, not to this wallet %s (%s); use that node's wallet", job, info.Consumer.Hex(), w.c.Address().Hex(), w.from)
				}
				if err := w.c.TopUp(ctx, job.Bytes32(), amount); err != nil {
					return fmt.Errorf("deposit %s into job %s: %w", chain.FormatDECO(amount), job, err)
				}
				if info, err = w.c.Job(ctx, job.Bytes32()); err != nil {
					return err
				}
				bal, err := w.c.Balance(ctx, w.c.Address())
				if err != nil {
					return err
				}
				d := Deposit{Job: job, Added: decimal(amount), Deposited: decimal(info.Deposited), Redeemed: decimal(info.Redeemed),
					Remaining: decimal(info.Remaining()), Deadline: info.Deadline.UTC(), RefundAt: info.RefundAt.UTC(), Balance: decimal(bal)}
				if ok, err := g.emit(cmd.OutOrStdout(), d); ok {
					return err
				}
				fmt.Fprintf(cmd.OutOrStdout(), "Deposited %s DECO into job %s: %s DECO deposited, %s redeemed, %s left; wallet now holds %s DECO.\n",
					d.Added, job, d.Deposited, d.Redeemed, d.Remaining, d.Balance)
				return nil
			})
		},
	}
	addOutputFlag(cmd, g)
	return cmd
}

func walletStakeCmd(g *globals, wf *walletFlags) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "stake [AMOUNT]",
		Short: "Bond AMOUNT DECO as provider stake (default: up to the registry's minimum)",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return wf.run(cmd, g, func(ctx context.Context, w *wallet) error {
				me := w.c.Address()
				var amount *big.Int
				if len(args) == 1 {
					a, err := parseDECO(args[0])
					if err != nil {
						return err
					}
					amount = a
				} else {
					min, err := w.c.MinStake(ctx)
					if err != nil {
						return err
					}
					bonded, err := w.c.StakeOf(ctx, me)
					if err != nil {
						return err
					}
					amount = new(big.Int).Sub(min, bonded)
					if amount.Sign() <= 0 {
						b, err := w.balance(ctx, me)
						if err != nil {
							return err
						}
						return g.printBalance(cmd.OutOrStdout(), b, fmt.Sprintf("Already staked %s, at least the minimum %s; nothing to do.", chain.FormatDECO(bonded), chain.FormatDECO(min)))
					}
				}
				if err := w.c.Stake(ctx, amount); err != nil {
					return fmt.Errorf("stake %s: %w", chain.FormatDECO(amount), err)
				}
				b, err := w.balance(ctx, me)
				if err != nil {
					return err
				}
				return g.printBalance(cmd.OutOrStdout(), b, fmt.Sprintf("Staked %s.", chain.FormatDECO(amount)))
			})
		},
	}
	addOutputFlag(cmd, g)
	return cmd
}

func walletUnstakeCmd(g *globals, wf *walletFlags) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "unstake [AMOUNT]",
		Short: "Start unbonding AMOUNT DECO of stake (default: all); withdraw it after the delay",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return wf.run(cmd, g, func(ctx context.Context, w *wallet) error {
				me := w.c.Address()
				bonded, err := w.c.StakeOf(ctx, me)
				if err != nil {
					return err
				}
				amount := bonded
				if len(args) == 1 {
					if amount, err = parseDECO(args[0]); err != nil {
						return err
					}
				}
				if bonded.Sign() == 0 {
					return fmt.Errorf("%s has no bonded stake to unstake", me.Hex())
				}
				if amount.Cmp(bonded) > 0 {
					return fmt.Errorf("cannot unstake %s: only %s is bonded", chain.FormatDECO(amount), chain.FormatDECO(bonded))
				}
				if err := w.c.RequestUnbond(ctx, amount); err != nil {
					return fmt.Errorf("unstake %s: %w", chain.FormatDECO(amount), err)
				}
				b, err := w.balance(ctx, me)
				if err != nil {
					return err
				}
				note := fmt.Sprintf("Unbonding %s.", chain.FormatDECO(amount))
				if b.UnlockAt != nil {
					note += fmt.Sprintf(" Run `deco wallet withdraw` from %s.", b.UnlockAt.Format(time.RFC3339))
				}
				if !b.CanBid {
					note += " The bonded stake is now below the minimum: this provider can no longer bid."
				}
				return g.printBalance(cmd.OutOrStdout(), b, note)
			})
		},
	}
	addOutputFlag(cmd, g)
	return cmd
}

func walletWithdrawCmd(g *globals, wf *walletFlags) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "withdraw",
		Short: "Take back unbonded stake once the unbonding delay has passed",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return wf.run(cmd, g, func(ctx context.Context, w *wallet) error {
				me := w.c.Address()
				before, err := w.c.Stakes(ctx, me)
				if err != nil {
					return err
				}
				err = w.c.Withdraw(ctx)
				switch {
				case errors.Is(err, chain.ErrNothingToWithdraw):
					return fmt.Errorf("nothing is unbonding for %s: run `deco wallet unstake [AMOUNT]` first", me.Hex())
				case errors.Is(err, chain.ErrStillUnbonding):
					return fmt.Errorf("%s is still unbonding: withdraw from %s", chain.FormatDECO(before.Unbonding), before.UnlockAt.UTC().Format(time.RFC3339))
				case err != nil:
					return fmt.Errorf("withdraw: %w", err)
				}
				b, err := w.balance(ctx, me)
				if err != nil {
					return err
				}
				return g.printBalance(cmd.OutOrStdout(), b, fmt.Sprintf("Withdrew %s.", chain.FormatDECO(before.Unbonding)))
			})
		},
	}
	addOutputFlag(cmd, g)
	return cmd
}

func walletRedeemCmd(g *globals, wf *walletFlags) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "redeem",
		Short: "Have the provider node redeem every voucher it holds and not yet redeemed",
		Long: `redeem asks the running node (over its API) to submit the latest voucher of
every job with an unredeemed part, then shows what each job paid. A provider
also redeems on its own: by amount, by age, before the consumer can refund,
and when it stops.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, cancel := context.WithTimeout(cmd.Context(), wf.timeout)
			defer cancel()
			c, from, err := wf.nodeAPI(g)
			if err != nil {
				return err
			}
			red, err := c.Redeem(ctx)
			if err != nil {
				return fmt.Errorf("redeem through the node (%s): %w", from, err)
			}
			var redeemErr error
			if red.Error != "" {
				redeemErr = fmt.Errorf("some vouchers were not redeemed: %s", red.Error)
			}
			r := red // -o prints the API's Redemption, its error too when some failed
			if ok, err := g.emit(cmd.OutOrStdout(), r); ok {
				return errors.Join(redeemErr, err)
			}
			out := cmd.OutOrStdout()
			if len(r.Earnings) == 0 {
				fmt.Fprintf(out, "No vouchers held by %s.\n", r.Address)
				return redeemErr
			}
			tw := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "JOB\tCONSUMER\tVOUCHER\tREDEEMED\tPENDING\tNOTE")
			for _, e := range r.Earnings {
				note := ""
				if e.Closed && e.Lost > 0 {
					note = fmt.Sprintf("refunded to the consumer; %s DECO lost", e.Lost)
				} else if e.Pending > 0 {
					note = "not redeemed (the deposit ran out, or see the error)"
				}
				fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", e.Job.Short(), shortAddr(e.Consumer), e.Latest, e.Redeemed, e.Pending, note)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			fmt.Fprintf(out, "Wallet %s holds %s DECO.\n", r.Address, r.Balance)
			return redeemErr
		},
	}
	addOutputFlag(cmd, g)
	return cmd
}

// shortDecimal cuts a decimal to at most 6 fractional digits, for tables.
func shortDecimal(s string) string {
	if i := strings.IndexByte(s, '.'); i >= 0 && len(s)-i-1 > 6 {
		return s[:i+7]
	}
	return s
}

func shortAddr(a string) string {
	if len(a) < 10 {
		return a
	}
	return a[:6] + "…" + a[len(a)-4:]
}
