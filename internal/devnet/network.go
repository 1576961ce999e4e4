package devnet

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/config"
	"github.com/deco-network/deco/internal/zk"
)

// Options configure Start: a devnet of node processes on loopback.
type Options struct {
	Dir       string        // node homes and devnet.json (absolute)
	Providers int           // provider nodes besides the consumer
	Slots     int           // task slots per provider
	Ready     time.Duration // how long the nodes get to come up
	ChainRPC  string        // an EVM node to deploy on; "" starts an embedded chain
	NoChain   bool          // no payments
	Malicious int           // the last Malicious providers cheat...
	Malice    string        // ...this way (deco node --malice)
	ZKKeys    string        // key cache the nodes share; "" for <Dir>/zk
	// Binary is the deco binary the nodes run (default: this executable).
	Binary string
	// Log receives progress lines (default: discarded).
	Log io.Writer
}

// Network is a running devnet: node processes it started (and supervises)
// and the chain they share.
type Network struct {
	o         Options
	procs     []*exec.Cmd
	died      chan error
	chain     *Chain
	stopChain func()
	file      File
}

// Start starts a devnet: the chain (unless NoChain) with every node
// funded and every provider staked, the zk circuits, then a consumer and
// o.Providers providers as `deco node` processes bootstrapped to the
// consumer. It returns once the consumer sees every provider's offer and
// DIR/devnet.json is written. Call Stop afterwards, also after an error:
// it stops whatever did start.
func Start(ctx context.Context, o Options) (*Network, error) {
	if o.Log == nil {
		o.Log = io.Discard
	}
	if o.Binary == "" {
		self, err := os.Executable()
		if err != nil {
			return nil, err
		}
		o.Binary = self
	}
	d := &Network{o: o, died: make(chan error, 128), file: File{Dir: o.Dir}}
	return d, d.start(ctx)
}

// Died reports nodes that exited (crash, kill -9); the rest keep running.
func (d *Network) Died() <-chan error { return d.died }

// keys is the zk key cache every node of the devnet shares: Options.ZKKeys,
// or <Dir>/zk.
func (d *Network) keys() zk.Cache {
	if d.o.ZKKeys != "" {
		return zk.Cache{Dir: d.o.ZKKeys}
	}
	return zk.Cache{Dir: filepath.Join(d.o.Dir, "zk")}
}

func (d *Network) start(ctx context.Context) error {
	if err := os.MkdirAll(d.o.Dir, 0o755); err != nil {
		return err
	}
	os.Remove(filepath.Join(d.o.Dir, "devnet.json"))
	wctx, cancel := context.WithTimeout(ctx, d.o.Ready)
	defer cancel()

	var stubs []Node
	for i := 0; i <= d.o.Providers; i++ {
		name, roles := nodeName(i), []string{"consumer"}
		if i > 0 {
			roles = append(roles, "provider")
		}
		h := config.Home(filepath.Join(d.o.Dir, name))
		if _, err := h.Init(false); err != nil {
			return err
		}
		stubs = append(stubs, Node{Name: name, Roles: roles, Home: string(h)})
	}
	if !d.o.NoChain {
		fmt.Fprintln(d.o.Log, "starting the chain: deploying contracts, funding and staking every node...")
		dc, stop, err := StartChain(wctx, d.o.ChainRPC, stubs, nil, d.o.Log)
		if err != nil {
			return fmt.Errorf("devnet chain: %w", err)
		}
		d.chain, d.stopChain = &dc, stop
		fmt.Fprintf(d.o.Log, "chain up: %s (chain id %d), escrow %s\n", dc.RPC, dc.ChainID, dc.Contracts.Escrow.Hex())
		// Setup is once per key cache and may take a minute on a busy
		// machine: it does not count against the ready timeout.
		if err := d.chain.SetupCircuits(ctx, d.keys(), d.o.Log); err != nil {
			// WASM jobs do not need it: say why zk jobs will not be paid.
			fmt.Fprintf(d.o.Log, "warning: zk circuits not registered, zk jobs cannot open a proof escrow: %v\n", err)
		}
		d.file.Chain = d.chain
	} else {
		fmt.Fprintln(d.o.Log, "no chain: payments off; providers bid without stake and nobody is paid")
		EnsureKeys(ctx, d.keys(), func(name string, err error) {
			fmt.Fprintf(d.o.Log, "warning: zk setup of %s: %v\n", name, err)
		})
	}
	// The nodes get the whole ready timeout.
	cancel()
	wctx, cancel = context.WithTimeout(ctx, d.o.Ready)
	defer cancel()
	consumer, err := d.startNode(wctx, stubs[0], nil, "")
	if err != nil {
		return err
	}
	d.file.Nodes = append(d.file.Nodes, consumer)
	fmt.Fprintf(d.o.Log, "consumer up: %s\n", consumer.PeerID)
	for i := 1; i <= d.o.Providers; i++ {
		malice := ""
		if i > d.o.Providers-d.o.Malicious {
			malice = d.o.Malice
		}
		p, err := d.startNode(wctx, stubs[i], tcpAddrs(consumer.Addrs), malice)
		if err != nil {
			return err
		}
		d.file.Nodes = append(d.file.Nodes, p)
		if malice != "" {
			fmt.Fprintf(d.o.Log, "%s up: %s (CHEATS on purpose: --malice %s)\n", p.Name, p.PeerID, malice)
		} else {
			fmt.Fprintf(d.o.Log, "%s up: %s\n", p.Name, p.PeerID)
		}
	}
	// Wait until the consumer sees every provider's offer.
	c := &api.Client{Base: consumer.API, Token: consumer.Token}
	for {
		ps, err := c.Providers(wctx)
		if err == nil && len(ps) >= d.o.Providers {
			break
		}
		select {
		case <-wctx.Done():
			return fmt.Errorf("the consumer saw %d of %d provider offers within %s (see node logs in %s)", len(ps), d.o.Providers, d.o.Ready, d.o.Dir)
		case err := <-d.died:
			return err
		case <-time.After(100 * time.Millisecond):
		}
	}
	return d.file.Write()
}

// nodeName names node i of a devnet: the consumer, then provider-1...
func nodeName(i int) string {
	if i == 0 {
		return "consumer"
	}
	return "provider-" + strconv.Itoa(i)
}

// startNode writes n's config.yaml, starts `deco node` on it and waits
// for the process to publish its runtime file (node.json).
func (d *Network) startNode(ctx context.Context, n Node, bootstrap []string, malice string) (Node, error) {
	h := config.Home(n.Home)
	id, err := h.Identity()
	if err != nil {
		return Node{}, err
	}
	cfg := config.Default()
	if d.chain != nil {
		cfg.Chain, cfg.ChainID = d.chain.Config(), d.chain.ChainID
	}
	cfg.API = "127.0.0.1:0"
	cfg.Listen = []string{"/ip4/127.0.0.1/tcp/0", "/ip4/127.0.0.1/udp/0/quic-v1"}
	cfg.Bootstrap = bootstrap
	cfg.Provider.Enabled = n.Provider()
	cfg.Provider.Slots = d.o.Slots
	if err := h.Save(cfg); err != nil {
		return Node{}, err
	}
	h.RemoveRuntime()
	logf, err := os.OpenFile(h.Path("node.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return Node{}, err
	}
	args := []string{"node", "--home", string(h), "--zk-keys", d.keys().Dir}
	if malice != "" {
		args = append(args, "--malice", malice)
	}
	c := exec.Command(d.o.Binary, args...)
	c.Stdout, c.Stderr = logf, logf
	// The nodes die with the devnet, even when it is killed.
	c.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL, Setpgid: true}
	if err := c.Start(); err != nil {
		logf.Close()
		return Node{}, fmt.Errorf("start %s: %w", n.Name, err)
	}
	logf.Close()
	d.procs = append(d.procs, c)
	exited := make(chan error, 1)
	go func() {
		err := c.Wait()
		exited <- err
		d.died <- fmt.Errorf("node %s exited: %v (see %s)", n.Name, err, h.Path("node.log"))
	}()
	for {
		rt, err := h.ReadRuntime()
		if err == nil && rt.PID == c.Process.Pid {
			n.API, n.Token, n.PeerID, n.DID, n.EVM, n.PID, n.Addrs, n.Malice = rt.API, id.Token, rt.PeerID, rt.DID, rt.EVM, rt.PID, rt.Addrs, malice
			return n, nil
		}
		select {
		case err := <-exited:
			return Node{}, fmt.Errorf("node %s exited during startup: %v\n%s", n.Name, err, tail(h.Path("node.log"), 20))
		case <-ctx.Done():
			return Node{}, fmt.Errorf("node %s did not come up within %s\n%s", n.Name, d.o.Ready, tail(h.Path("node.log"), 20))
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// tcpAddrs keeps the TCP addresses (bootstrap dials them first); all of
// addrs if none is TCP.
func tcpAddrs(addrs []string) []string {
	var out []string
	for _, a := range addrs {
		if strings.Contains(a, "/tcp/") {
			out = append(out, a)
		}
	}
	if len(out) == 0 {
		return addrs
	}
	return out
}

// Stop sends SIGTERM to every node, then SIGKILL to those still running
// after 10s, and stops the chain last: providers redeem on shutdown.
func (d *Network) Stop() {
	for _, c := range d.procs {
		if c.Process != nil {
			c.Process.Signal(syscall.SIGTERM)
		}
	}
	deadline := time.Now().Add(10 * time.Second)
	for _, c := range d.procs {
		for c.ProcessState == nil && time.Now().Before(deadline) {
			if err := c.Process.Signal(syscall.Signal(0)); err != nil {
				break
			}
			time.Sleep(50 * time.Millisecond)
		}
		if err := c.Process.Signal(syscall.Signal(0)); err == nil {
			c.Process.Kill()
		}
	}
	if d.stopChain != nil {
		d.stopChain()
	}
	os.Remove(filepath.Join(d.o.Dir, "devnet.json"))
}

// tail is the last n lines of the file at path, for error messages.
func tail(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
