package devnet

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/config"
)

// Member is what a cluster needs of a node it started. *node.Node is
// one; the cluster does not import the node package so that the node's
// own tests can build clusters.
type Member interface {
	Addrs() []string // libp2p addresses, for bootstrapping the others
	APIURL() string
	Token() string
	Close() error
}

// Setup is one node as StartCluster prepared it: its home initialised,
// its loopback config, and on a chain its account funded (and staked and
// bound for a provider). A Launch turns it into a running node.
type Setup struct {
	Index    int    // 0 is the consumer, 1..N the providers
	Name     string // consumer, provider-1...
	Home     config.Home
	Config   config.Config
	Identity config.Identity
	Chain    *chain.Client // nil without ClusterOptions.Chain
	Logger   *slog.Logger  // nil without ClusterOptions.Log
}

// Launch starts the node s describes; the cluster owns it afterwards
// (Close). internal/devnet/inproc launches *node.Node.
type Launch[N Member] func(ctx context.Context, s Setup) (N, error)

// ClusterOptions configure StartCluster.
type ClusterOptions struct {
	Providers int
	Slots     int           // task slots per provider (default 2)
	Dir       string        // homes go here; default a temp dir removed by Close
	Log       io.Writer     // node logs (debug level) go here when set
	Ready     time.Duration // how long the consumer may take to see every offer (default 90s)
	// Chain runs payments on an in-process simulated chain (a real EVM):
	// contracts deployed, every node funded, every provider staked.
	Chain bool
	// ChainParams override the deployment's parameters (default: the
	// chain's defaults with a 5s refund grace).
	ChainParams *chain.Params
	// Standing, when set with Chain, says how provider i (1..N) stands in
	// the registry (default Staked). The consumer sees only Staked ones,
	// so StartCluster waits for those.
	Standing func(i int) Standing
}

// Cluster is a set of in-process nodes on loopback: one consumer and some
// providers, on one simulated chain when asked.
type Cluster[N Member] struct {
	// Sim is the simulated chain when ClusterOptions.Chain is set.
	Sim       *chain.Simulated
	Dir       string
	Consumer  N
	Providers []N
	Client    *api.Client // the consumer's API

	started []N // every node up, the consumer first, for Close
	tempDir bool
}

// StartCluster starts the nodes with launch and waits until the consumer
// sees every provider's offer. On error it has closed what it started.
func StartCluster[N Member](ctx context.Context, o ClusterOptions, launch Launch[N]) (c *Cluster[N], err error) {
	if o.Ready == 0 {
		o.Ready = 90 * time.Second
	}
	if o.Slots == 0 {
		o.Slots = 2
	}
	c = &Cluster[N]{Dir: o.Dir}
	if c.Dir == "" {
		if c.Dir, err = os.MkdirTemp("", "deco-cluster-"); err != nil {
			return nil, err
		}
		c.tempDir = true
	}
	defer func() {
		if err != nil {
			c.Close()
		}
	}()
	if o.Chain {
		p := chain.DefaultParams()
		p.RefundGrace = 5 * time.Second
		if o.ChainParams != nil {
			p = *o.ChainParams
		}
		if c.Sim, err = chain.NewSimulated(ctx, chain.WithParams(p), chain.WithGrant(chain.Ether(1_000_000), nil)); err != nil {
			return c, err
		}
	}
	start := func(index int, bootstrap []string) (N, error) {
		var (
			zero N
			err  error
		)
		s := Setup{Index: index, Name: nodeName(index), Home: config.Home(filepath.Join(c.Dir, nodeName(index)))}
		if s.Identity, err = s.Home.Init(false); err != nil {
			return zero, err
		}
		s.Config = config.Default()
		s.Config.API = "127.0.0.1:0"
		s.Config.Listen = []string{"/ip4/127.0.0.1/tcp/0"}
		s.Config.Bootstrap = bootstrap
		s.Config.Provider.Enabled = index > 0
		s.Config.Provider.Slots = o.Slots
		s.Config.DHT = false
		if c.Sim != nil && index > 0 && o.Standing != nil {
			if s.Chain, err = c.JoinChainAs(ctx, s.Identity, o.Standing(index)); err != nil {
				return zero, fmt.Errorf("%s on the chain (%s): %w", s.Name, o.Standing(index), err)
			}
		} else if c.Sim != nil {
			if s.Chain, err = c.JoinChain(ctx, s.Identity, index > 0); err != nil {
				return zero, fmt.Errorf("%s on the chain: %w", s.Name, err)
			}
		}
		if o.Log != nil {
			s.Logger = slog.New(slog.NewTextHandler(o.Log, &slog.HandlerOptions{Level: slog.LevelDebug})).With("node", s.Name)
		}
		n, err := launch(ctx, s)
		if err != nil {
			return zero, fmt.Errorf("start %s: %w", s.Name, err)
		}
		c.started = append(c.started, n)
		return n, nil
	}
	if c.Consumer, err = start(0, nil); err != nil {
		return c, err
	}
	for i := 1; i <= o.Providers; i++ {
		p, err := start(i, c.Consumer.Addrs())
		if err != nil {
			return c, err
		}
		c.Providers = append(c.Providers, p)
	}
	c.Client = &api.Client{Base: c.Consumer.APIURL(), Token: c.Consumer.Token()}
	want := o.Providers
	if c.Sim != nil && o.Standing != nil {
		want = 0
		for i := 1; i <= o.Providers; i++ {
			if o.Standing(i) == Staked {
				want++
			}
		}
	}
	wctx, cancel := context.WithTimeout(ctx, o.Ready)
	defer cancel()
	for {
		ps, err := c.Client.Providers(wctx)
		if err == nil && len(ps) >= want {
			return c, nil
		}
		select {
		case <-wctx.Done():
			return c, fmt.Errorf("the consumer saw %d of %d providers within %s", len(ps), want, o.Ready)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// JoinChain funds id's account on the cluster's chain (Gas and DECO)
// and, for a provider, stakes the minimum and binds its peer ID; it
// returns a client acting as id. Tests use it to add a node later.
func (c *Cluster[N]) JoinChain(ctx context.Context, id config.Identity, provider bool) (*chain.Client, error) {
	cl, err := c.Sim.Client(id.EVMKey)
	if err != nil {
		return nil, err
	}
	if err := c.Sim.Fund(ctx, cl.Address(), Gas, DECO); err != nil {
		return nil, err
	}
	if !provider {
		return cl, nil
	}
	min, err := cl.MinStake(ctx)
	if err != nil {
		return nil, err
	}
	return cl, StakeAndBind(ctx, cl, id, min)
}

// StopProviders closes the providers (a provider redeems its vouchers as
// it stops) and leaves the consumer and the chain running.
func (c *Cluster[N]) StopProviders() {
	for _, p := range c.Providers {
		p.Close()
	}
}

// Close stops every node (providers first, then the consumer), then the
// chain, and removes the temp dir StartCluster made. Closing a node twice
// is harmless for *node.Node.
func (c *Cluster[N]) Close() {
	for i := len(c.started) - 1; i >= 0; i-- {
		c.started[i].Close()
	}
	if c.Sim != nil {
		c.Sim.Close()
	}
	if c.tempDir {
		os.RemoveAll(c.Dir)
	}
}
