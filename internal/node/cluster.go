package node

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/config"
	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/pay"
)

// Cluster is a set of in-process nodes on loopback: one consumer and some
// providers. deco demo and the benchmarks use it.
type Cluster struct {
	// Sim is the simulated chain when ClusterOptions.Chain is set.
	Sim       *chain.Simulated
	Dir       string
	Consumer  *Node
	Providers []*Node
	Client    *api.Client
}

// ClusterOptions configure StartCluster.
type ClusterOptions struct {
	Providers int
	Slots     int
	Dir       string    // homes go here; default a temp dir removed by Close
	Log       io.Writer // node logs (debug level) go here when set
	Ready     time.Duration
	Market    market.Config
	// Chain runs payments on an in-process simulated chain (a real EVM):
	// contracts deployed, every node funded, every provider staked.
	Chain bool
	// ChainParams override the deployment's parameters (refund grace...).
	ChainParams *chain.Params
	// Configure, when set, adjusts each node's options before it starts;
	// index 0 is the consumer, 1..N the providers.
	Configure func(index int, o *Options)
}

// StartCluster starts the nodes and waits until the consumer sees every
// provider's offer.
func StartCluster(ctx context.Context, o ClusterOptions) (c *Cluster, err error) {
	if o.Ready == 0 {
		o.Ready = 90 * time.Second
	}
	if o.Slots == 0 {
		o.Slots = 2
	}
	c = &Cluster{Dir: o.Dir}
	if c.Dir == "" {
		if c.Dir, err = os.MkdirTemp("", "deco-cluster-"); err != nil {
			return nil, err
		}
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
	index := 0
	start := func(name string, provider bool, bootstrap []string) (*Node, error) {
		h := config.Home(filepath.Join(c.Dir, name))
		id, err := h.Init(false)
		if err != nil {
			return nil, err
		}
		cfg := config.Default()
		cfg.API = "127.0.0.1:0"
		cfg.Listen = []string{"/ip4/127.0.0.1/tcp/0"}
		cfg.Bootstrap = bootstrap
		cfg.Provider.Enabled = provider
		cfg.Provider.Slots = o.Slots
		cfg.DHT = false
		opts := Options{Home: h, Config: cfg, Identity: id, Market: o.Market}
		if c.Sim != nil {
			cl, err := c.joinChain(ctx, id, provider)
			if err != nil {
				return nil, fmt.Errorf("%s on the chain: %w", name, err)
			}
			opts.Chain = cl
		}
		if o.Log != nil {
			opts.Logger = slog.New(slog.NewTextHandler(o.Log, &slog.HandlerOptions{Level: slog.LevelDebug})).With("node", name)
		}
		if o.Configure != nil {
			o.Configure(index, &opts)
		}
		index++
		n, err := New(opts)
		if err != nil {
			return nil, err
		}
		if err := n.Start(ctx); err != nil {
			return nil, fmt.Errorf("start %s: %w", name, err)
		}
		return n, nil
	}
	if c.Consumer, err = start("consumer", false, nil); err != nil {
		return c, err
	}
	for i := 1; i <= o.Providers; i++ {
		p, err := start("provider-"+strconv.Itoa(i), true, c.Consumer.Addrs())
		if err != nil {
			return c, err
		}
		c.Providers = append(c.Providers, p)
	}
	c.Client = &api.Client{Base: c.Consumer.APIURL(), Token: c.Consumer.Token()}
	wctx, cancel := context.WithTimeout(ctx, o.Ready)
	defer cancel()
	for {
		ps, err := c.Client.Providers(wctx)
		if err == nil && len(ps) >= o.Providers {
			return c, nil
		}
		select {
		case <-wctx.Done():
			return c, fmt.Errorf("the consumer saw %d of %d providers within %s", len(ps), o.Providers, o.Ready)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// joinChain funds a node's account (gas and 1000 DECO) and, for a
// provider, stakes the minimum and binds its peer ID.
func (c *Cluster) joinChain(ctx context.Context, id config.Identity, provider bool) (*chain.Client, error) {
	cl, err := c.Sim.Client(id.EVMKey)
	if err != nil {
		return nil, err
	}
	if err := c.Sim.Fund(ctx, cl.Address(), chain.Ether(100), chain.DECO(1000)); err != nil {
		return nil, err
	}
	if !provider {
		return cl, nil
	}
	min, err := cl.MinStake(ctx)
	if err != nil {
		return nil, err
	}
	if err := cl.Stake(ctx, min); err != nil {
		return nil, err
	}
	pid, sig, err := pay.SignPeerBinding(id.PeerKey, cl.ChainID(), cl.Contracts().Registry, cl.Address())
	if err != nil {
		return nil, err
	}
	return cl, cl.BindPeer(ctx, pid, sig)
}

// Close stops every node and removes a temp dir.
func (c *Cluster) Close() {
	for _, p := range c.Providers {
		p.Close()
	}
	if c.Consumer != nil {
		c.Consumer.Close()
	}
	if c.Sim != nil {
		c.Sim.Close()
	}
	if c.Dir != "" && filepath.Base(c.Dir) != "" && len(c.Dir) > 5 {
		os.RemoveAll(c.Dir)
	}
}
