package cli

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
	"github.com/deco-network/deco/internal/node"
	"github.com/deco-network/deco/internal/pay"
	"github.com/deco-network/deco/internal/zk"
)

// DevChain is the chain a devnet's nodes share; devnet.json carries it as
// its "chain" object.
type DevChain struct {
	RPC       string          `json:"rpc"`
	ChainID   uint64          `json:"chain_id"`
	Contracts chain.Addresses `json:"contracts"` // token, registry, escrow
	// Circuits are the zk circuits registered in the escrow.
	Circuits []string `json:"circuits,omitempty"`

	owner *chain.Client // the escrow's owner (deployer), which registers circuits
}

// setupCircuits sets up the devnet's zk circuits (keys cached in keys,
// node.DevCircuits at small sizes) and registers each one's verifier in
// the escrow, so zk jobs are paid on proof.
func (d *DevChain) setupCircuits(ctx context.Context, keys zk.Cache, log io.Writer) error {
	if d.owner == nil {
		return fmt.Errorf("dev chain: no owner client to register circuits with")
	}
	if err := node.SetupCircuits(ctx, d.owner, keys, node.DevCircuits, ""); err != nil {
		return err
	}
	d.Circuits = append([]string(nil), node.DevCircuits...)
	fmt.Fprintf(log, "zk circuits registered in the escrow: %s (keys in %s)\n", strings.Join(d.Circuits, ", "), keys.Dir)
	return nil
}

// Config is the chain section a devnet node's config.yaml needs.
func (d DevChain) Config() config.Chain {
	return config.Chain{RPC: d.RPC, Token: d.Contracts.Token.Hex(), Registry: d.Contracts.Registry.Hex(), Escrow: d.Contracts.Escrow.Hex()}
}

// Devnet funding and contract parameters. The delays are short so a
// devnet shows a whole payment cycle in minutes: a job's unspent deposit
// can be refunded 20s after its deadline (providers redeem before that),
// and unstaked DECO can be withdrawn a minute after `deco wallet unstake`.
const (
	devRefundGrace    = 20 * time.Second
	devUnbondingDelay = time.Minute
)

var (
	devGas  = chain.Ether(100) // native coin per node, for transaction fees
	devDECO = chain.DECO(1000) // DECO per node; providers stake the minimum out of it
)

// devChainParams are the contract parameters of a devnet: the defaults
// (min stake 100 DECO, half the stake slashed per proven equivocation)
// with the short delays above.
func devChainParams() chain.Params {
	p := chain.DefaultParams()
	p.RefundGrace = devRefundGrace
	p.UnbondingDelay = devUnbondingDelay
	return p
}

// startDevChain gives a devnet its chain. With rpc == "" it starts an
// embedded go-ethereum chain (simulated backend, chain id 1337) serving
// JSON-RPC on a free 127.0.0.1 port so the node processes can use it;
// otherwise it uses the EVM node at rpc, deploying from the pre-funded
// developer key of `geth --dev` (chain.GethDevKey). It then deploys the
// contracts (devChainParams), gives every node gas money and 1000 DECO,
// and has every node with the "provider" role stake the registry's minimum
// and bind its libp2p peer ID to its EVM address.
//
// homes[i] is the home of nodes[i] (nil: use nodes[i].Home); the homes
// must hold their keys (config.Home.Init) but their nodes need not run:
// start them after, with DevChain.Config in their config.yaml. The
// returned func stops the embedded chain (an external node is left
// running; only the connection is closed).
func startDevChain(ctx context.Context, rpc string, nodes []DevnetNode, homes []config.Home, log io.Writer) (DevChain, func(), error) {
	if log == nil {
		log = io.Discard
	}
	if homes != nil && len(homes) != len(nodes) {
		return DevChain{}, nil, fmt.Errorf("dev chain: %d homes for %d nodes", len(homes), len(nodes))
	}
	ids := make([]config.Identity, len(nodes))
	for i, n := range nodes {
		h := config.Home(n.Home)
		if homes != nil {
			h = homes[i]
		}
		id, err := h.Identity()
		if err != nil {
			return DevChain{}, nil, fmt.Errorf("dev chain: keys of node %s: %w", n.Name, err)
		}
		ids[i] = id
	}
	params := devChainParams()
	var (
		dc       DevChain
		deployer *chain.Client
		stop     func()
		client   func(*ecdsa.PrivateKey) (*chain.Client, error)
		fund     func(ctx context.Context, to common.Address) error
	)
	if rpc == "" {
		sim, err := chain.NewSimulated(ctx, chain.WithHTTP("127.0.0.1", 0), chain.WithParams(params),
			chain.WithGrant(chain.Ether(1_000_000), nil)) // the deployer pays every node's gas
		if err != nil {
			return DevChain{}, nil, fmt.Errorf("start the embedded dev chain: %w", err)
		}
		stop = func() { _ = sim.Close() }
		dc = DevChain{RPC: sim.RPCURL(), ChainID: chain.SimulatedChainID, Contracts: sim.Contracts(), owner: sim.Deployer()}
		client = func(k *ecdsa.PrivateKey) (*chain.Client, error) { return sim.Client(k) }
		fund = func(ctx context.Context, to common.Address) error { return sim.Fund(ctx, to, devGas, devDECO) }
		fmt.Fprintf(log, "chain: embedded go-ethereum dev chain (id %d) at %s\n", dc.ChainID, dc.RPC)
	} else {
		dialCtx, cancel := context.WithTimeout(ctx, 30*time.Second)
		dep, err := chain.Dial(dialCtx, rpc, chain.GethDevKey(), chain.Addresses{})
		cancel()
		if err != nil {
			return DevChain{}, nil, fmt.Errorf("dev chain: %w (is the node at --chain-rpc %s running, e.g. `geth --dev --http`?)", err, rpc)
		}
		stop = dep.Close
		addrs, err := chain.Deploy(ctx, dep, params)
		if err != nil {
			stop()
			return DevChain{}, nil, fmt.Errorf("dev chain: deploy the contracts on %s from the geth --dev developer account: %w", rpc, err)
		}
		if deployer, err = dep.At(ctx, addrs); err != nil {
			stop()
			return DevChain{}, nil, err
		}
		dc = DevChain{RPC: rpc, ChainID: dep.ChainID().Uint64(), Contracts: addrs, owner: deployer}
		client = func(k *ecdsa.PrivateKey) (*chain.Client, error) { return chain.Dial(ctx, rpc, k, addrs) }
		fund = func(ctx context.Context, to common.Address) error {
			if err := deployer.SendGas(ctx, to, devGas); err != nil {
				return err
			}
			return deployer.Mint(ctx, to, devDECO)
		}
		fmt.Fprintf(log, "chain: %s (id %d), contracts deployed\n", rpc, dc.ChainID)
	}
	if err := setupDevAccounts(ctx, dc, nodes, ids, params.MinStake, client, fund, log); err != nil {
		stop()
		return DevChain{}, nil, err
	}
	return dc, stop, nil
}

// setupDevAccounts funds every node, then stakes and binds the providers
// (each from its own key, concurrently).
func setupDevAccounts(ctx context.Context, dc DevChain, nodes []DevnetNode, ids []config.Identity, minStake *big.Int,
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
		if !contains(n.Roles, "provider") {
			fmt.Fprintf(log, "chain: %s %s funded with %s\n", n.Name, ids[i].EVM, chain.FormatDECO(devDECO))
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			err := stakeAndBind(ctx, dc, ids[i], minStake, client)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				errs = append(errs, fmt.Errorf("dev chain: provider %s (%s): %w", n.Name, ids[i].EVM, err))
				return
			}
			fmt.Fprintf(log, "chain: %s %s funded with %s, staked %s, bound to peer %s\n", n.Name, ids[i].EVM,
				chain.FormatDECO(devDECO), chain.FormatDECO(minStake), ids[i].PeerID)
		}()
	}
	wg.Wait()
	return errors.Join(errs...)
}

func stakeAndBind(ctx context.Context, dc DevChain, id config.Identity, minStake *big.Int, client func(*ecdsa.PrivateKey) (*chain.Client, error)) error {
	c, err := client(id.EVMKey)
	if err != nil {
		return err
	}
	defer c.Close()
	if err := c.Stake(ctx, minStake); err != nil {
		return fmt.Errorf("stake: %w", err)
	}
	peerID, sig, err := pay.SignPeerBinding(id.PeerKey, new(big.Int).SetUint64(dc.ChainID), dc.Contracts.Registry, c.Address())
	if err != nil {
		return err
	}
	if err := c.BindPeer(ctx, peerID, sig); err != nil {
		return fmt.Errorf("bind peer %s: %w", peerID, err)
	}
	return nil
}
