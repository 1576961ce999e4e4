package inproc

import (
	"context"
	"errors"
	"io"
	"time"

	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/devnet"
	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/node"
	"github.com/deco-network/deco/internal/zk"
)

// Options configure Start. The first fields are devnet.ClusterOptions'.
type Options struct {
	Providers   int
	Slots       int           // task slots per provider (default 2)
	Dir         string        // homes go here; default a temp dir removed by Close
	Log         io.Writer     // node logs (debug level) go here when set
	Ready       time.Duration // how long the network may take to come up (default 90s)
	Chain       bool          // payments on an in-process simulated chain
	ChainParams *chain.Params // override the chain's parameters
	// Standing says how provider i (1..N) stands in the registry (default
	// devnet.Staked); see devnet.ClusterOptions.
	Standing func(i int) devnet.Standing
	// Market configures every node's market.
	Market market.Config
	// ZKKeys is the zk key cache every node shares (default: each node's
	// <home>/zk); Cluster.SetupCircuits sets circuits up there.
	ZKKeys string
	// Configure, when set, adjusts each node's options before it starts;
	// index 0 is the consumer, 1..N the providers.
	Configure func(index int, o *node.Options)
}

// Cluster is a running in-process network of real nodes.
type Cluster struct {
	*devnet.Cluster[*node.Node]
	keys zk.Cache
}

// Start starts a consumer and o.Providers providers in this process and
// waits until the consumer sees every provider's offer. Close the cluster
// when done; on error Start has closed what it started.
func Start(ctx context.Context, o Options) (*Cluster, error) {
	co := devnet.ClusterOptions{Providers: o.Providers, Slots: o.Slots, Dir: o.Dir, Log: o.Log, Ready: o.Ready,
		Chain: o.Chain, ChainParams: o.ChainParams, Standing: o.Standing}
	c, err := devnet.StartCluster(ctx, co, Launch(o.Market, o.ZKKeys, o.Configure))
	if err != nil {
		return nil, err
	}
	return &Cluster{Cluster: c, keys: zk.Cache{Dir: o.ZKKeys}}, nil
}

// Launch starts a *node.Node from what devnet.StartCluster prepared, with
// market config m and zk key cache zkKeys ("" for the home's), after
// configure (may be nil) adjusted its options.
func Launch(m market.Config, zkKeys string, configure func(int, *node.Options)) devnet.Launch[*node.Node] {
	return func(ctx context.Context, s devnet.Setup) (*node.Node, error) {
		o := node.Options{Home: s.Home, Config: s.Config, Identity: s.Identity, Logger: s.Logger, Market: m, ZKKeys: zkKeys}
		if s.Chain != nil { // a nil *chain.Client would make a non-nil chain.Chain
			o.Chain = s.Chain
		}
		if configure != nil {
			configure(s.Index, &o)
		}
		n, err := node.New(o)
		if err != nil {
			return nil, err
		}
		if err := n.Start(ctx); err != nil { // Start closes n on error
			return nil, err
		}
		return n, nil
	}
}

// SetupCircuits sets up the named zk circuits in the cluster's key cache
// (Options.ZKKeys) and registers their verifiers in the escrow of its
// chain, so jobs on them are paid on proof. It needs Options.Chain.
func (c *Cluster) SetupCircuits(ctx context.Context, names ...string) error {
	if c.Sim == nil {
		return errNoChain
	}
	return devnet.SetupCircuits(ctx, c.Sim.Deployer(), c.keys, names)
}

var errNoChain = errors.New("the cluster has no chain: start it with Options.Chain")
