package devnet

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"io"
	"math/big"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/config"
	"github.com/deco-network/deco/internal/pay"
	"github.com/deco-network/deco/internal/zk"
)

// Chain is the chain a devnet's nodes share; devnet.json carries it as
// its "chain" object.
type Chain struct {
	RPC       string          `json:"rpc"`
	ChainID   uint64          `json:"chain_id"`
	Contracts chain.Addresses `json:"contracts"` // token, registry, escrow
	// Circuits are the zk circuits registered in the escrow.
	Circuits []string `json:"circuits,omitempty"`

	owner *chain.Client // the escrow's owner (deployer), which registers circuits
}

// SetupCircuits sets up the devnet's zk circuits (keys cached in keys,
// Circuits at small sizes) and registers each one's verifier in the
// escrow, so zk jobs are paid on proof.
func (d *Chain) SetupCircuits(ctx context.Context, keys zk.Cache, log io.Writer) error {
	if d.owner == nil {
		return fmt.Errorf("dev chain: no owner client to register circuits with")
	}
	if err := SetupCircuits(ctx, d.owner, keys, Circuits); err != nil {
		return err
	}
	d.Circuits = append([]string(nil), Circuits...)
	fmt.Fprintf(log, "zk circuits registered in the escrow: %s (keys in %s)\n", strings.Join(d.Circuits, ", "), keys.Dir)
	return nil
}

// Config is the chain section a devnet node's config.yaml needs.
func (d Chain) Config() config.Chain {
	return config.Chain{RPC: d.RPC, Token: d.Contracts.Token.Hex(), Registry: d.Contracts.Registry.Hex(), Escrow: d.Contracts.Escrow.Hex()}
}

// Devnet funding and contract parameters. The refund grace is short so a
// devnet shows a whole payment cycle in minutes: a job's unspent deposit
// can be refunded 20s after its deadline (providers redeem before that).
// The unbonding delay cannot be: the escrow opens no job whose refund
// time comes after it (JobEscrow's DeadlineBeyondUnbonding), so it must
// outlast the longest escrow window a node opens, 4 × spec.MaxTimeout
// (see internal/node's escrowWindow) plus the grace. Unstaked DECO is
// withdrawn a week after `deco wallet unstake` (tests move chain time).
const (
	RefundGrace    = 20 * time.Second
	UnbondingDelay = 7 * 24 * time.Hour
)

var (
	// Gas is the native coin every node gets, for transaction fees.
	Gas = chain.Ether(100)
	// DECO is what every node gets; providers stake the minimum out of it.
	DECO = chain.DECO(1000)
)

// Params are the contract parameters of a devnet: the defaults (min
// stake 100 DECO, half the stake slashed per proven equivocation) with
// the short delays above.
func Params() chain.Params {
	p := chain.DefaultParams()
	p.RefundGrace = RefundGrace
	p.UnbondingDelay = UnbondingDelay
	return p
}

// StartChain gives a devnet its chain. With rpc == "" it starts an
// embedded go-ethereum chain (simulated backend, chain id 1337) serving
// JSON-RPC on a free 127.0.0.1 port so the node processes can use it;
// otherwise it uses the EVM node at rpc, deploying from the pre-funded
// developer key of `geth --dev` (chain.GethDevKey). It then deploys the
// contracts (Params), gives every node Gas and DECO, and has every node
// with the "provider" role stake the registry's minimum and bind its
// libp2p peer ID to its EVM address.
//
// homes[i] is the home of nodes[i] (nil: use nodes[i].Home); the homes
// must hold their keys (config.Home.Init) but their nodes need not run:
// start them after, with Chain.Config in their config.yaml. The returned
// func stops the embedded chain (an external node is left running; only
// the connection is closed).
func StartChain(ctx context.Context, rpc string, nodes []Node, homes []config.Home, log io.Writer) (Chain, func(), error) {
	if log == nil {
		log = io.Discard
	}
	if homes != nil && len(homes) != len(nodes) {
		return Chain{}, nil, fmt.Errorf("dev chain: %d homes for %d nodes", len(homes), len(nodes))
	}
	ids := make([]config.Identity, len(nodes))
	for i, n := range nodes {
		h := config.Home(n.Home)
		if homes != nil {
			h = homes[i]
		}
		id, err := h.Identity()
		if err != nil {
			return Chain{}, nil, fmt.Errorf("dev chain: keys of node %s: %w", n.Name, err)
		}
		ids[i] = id
	}
	params := Params()
	var (
		dc     Chain
		stop   func()
		client func(*ecdsa.PrivateKey) (*chain.Client, error)
		fund   func(ctx context.Context, to common.Address) error
	)
	if rpc == "" {
		sim, err := chain.NewSimulated(ctx, chain.WithHTTP("127.0.0.1", 0), chain.WithParams(params),
			chain.WithGrant(chain.Ether(1_000_000), nil)) // the deployer pays every node's gas
		if err != nil {
			return Chain{}, nil, fmt.Errorf("start the embedded dev chain: %w", err)
		}
		stop = func() { _ = sim.Close() }
		dc = Chain{RPC: sim.RPCURL(), ChainID: chain.SimulatedChainID, Contracts: sim.Contracts(), owner: sim.Deployer()}
		client = func(k *ecdsa.PrivateKey) (*chain.Client, error) { return sim.Client(k) }
		fund = func(ctx context.Context, to common.Address) error { return sim.Fund(ctx, to, Gas, DECO) }
		fmt.Fprintf(log, "chain: embedded go-ethereum dev chain (id %d) at %s\n", dc.ChainID, dc.RPC)
	} else {
		dialCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
		dep, err := chain.Dial(dialCtx, rpc, chain.GethDevKey(), chain.Addresses{})
		cancel()
		if err != nil {
			return Chain{}, nil, fmt.Errorf("dev chain: %w (is the node at --chain-rpc %s running, e.g. `geth --dev --http`?)", err, rpc)
		}
		stop = dep.Close
		addrs, err := chain.Deploy(ctx, dep, params)
		if err != nil {
			stop()
			return Chain{}, nil, fmt.Errorf("dev chain: deploy the contracts on %s from the geth --dev developer account: %w", rpc, err)
		}
		deployer, err := dep.At(ctx, addrs)
		if err != nil {
			stop()
			return Chain{}, nil, err
		}
		dc = Chain{RPC: rpc, ChainID: dep.ChainID().Uint64(), Contracts: addrs, owner: deployer}
		client = func(k *ecdsa.PrivateKey) (*chain.Client, error) { return chain.Dial(ctx, rpc, k, addrs) }
		fund = func(ctx context.Context, to common.Address) error {
			if err := deployer.SendGas(ctx, to, Gas); err != nil {
				return err
			}
			return deployer.Mint(ctx, to, DECO)
		}
		fmt.Fprintf(log, "chain: %s (id %d), contracts deployed\n", rpc, dc.ChainID)
	}
	if err := SetupAccounts(ctx, nodes, ids, params.MinStake, client, fund, log); err != nil {
		stop()
		return Chain{}, nil, err
	}
	return dc, stop, nil
}

// SetupAccounts funds every node (fund), then has every node with the
// "provider" role stake minStake and bind its peer ID, each from its own
// key (client connects as it), concurrently. ids[i] are nodes[i]'s keys.
func SetupAccounts(ctx context.Context, nodes []Node, ids []config.Identity, minStake *big.Int,
	client func(*ecdsa.PrivateKey) (*chain.Client, error), fund func(context.Context, common.Address) error, log io.Writer) error {
	if log == nil {
		log = io.Discard
	}
	for i, n := range nodes {
		if err := fund(ctx, common.HexToAddress(ids[i].EVM)); err != nil {
			return fmt.Errorf("dev chain: fund node %s (%s): %w", n.Name, ids[i].EVM, err)
		}
	}
	var (
		wg   sync.WaitGroup
		mu   sync.Mutex
		errs []error
	)
	for i, n := range nodes {
		if !n.Provider() {
			fmt.Fprintf(log, "chain: %s %s funded with %s\n", n.Name, ids[i].EVM, chain.FormatDECO(DECO))
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := func() error {
				c, err := client(ids[i].EVMKey)
				if err != nil {
					return err
				}
				defer c.Close()
				return StakeAndBind(ctx, c, ids[i], minStake)
			}()
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, fmt.Errorf("dev chain: provider %s (%s): %w", n.Name, ids[i].EVM, err))
				return
			}
			fmt.Fprintf(log, "chain: %s %s funded with %s, staked %s, bound to peer %s\n", n.Name, ids[i].EVM,
				chain.FormatDECO(DECO), chain.FormatDECO(minStake), ids[i].PeerID)
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

// StakeAndBind makes id's account a provider that may bid: it stakes
// minStake from c (connected with id's EVM key) and binds id's peer ID to
// the account in the registry.
func StakeAndBind(ctx context.Context, c *chain.Client, id config.Identity, minStake *big.Int) error {
	if err := c.Stake(ctx, minStake); err != nil {
		return fmt.Errorf("stake: %w", err)
	}
	peerID, sig, err := pay.SignPeerBinding(id.PeerKey, c.ChainID(), c.Contracts().Registry, c.Address())
	if err != nil {
		return err
	}
	if err := c.BindPeer(ctx, peerID, sig); err != nil {
		return fmt.Errorf("bind peer %s: %w", peerID, err)
	}
	return nil
}
