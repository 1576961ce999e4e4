package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/cheat"
	"github.com/deco-network/deco/internal/config"
	"github.com/deco-network/deco/internal/node"
	"github.com/deco-network/deco/internal/zk"
)

func newDevnetCmd(g *globals) *cobra.Command {
	var (
		providers, slots int
		dir, chainRPC    string
		ready            time.Duration
		noChain          bool
		malicious        int
		malice, zkKeys   string
	)
	cmd := &cobra.Command{
		Use:   "devnet --providers N [--dir DIR]",
		Short: "Start a local network: one consumer and N providers as separate processes on loopback",
		Long: `devnet starts a consumer node and N provider nodes as separate OS processes on
127.0.0.1 with free ports, bootstrapped to each other. Once every node is up and the
consumer sees every provider's offer it writes DIR/devnet.json; client commands use it
when DECO_DEVNET=DIR is set. Ctrl-C (or SIGTERM) stops every node.`,
		Example: "  deco devnet --providers 3 --dir /tmp/devnet &\n  export DECO_DEVNET=/tmp/devnet\n  deco providers",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if providers < 1 || providers > 64 {
				return fmt.Errorf("--providers must be between 1 and 64")
			}
			if malicious < 0 || malicious > providers {
				return fmt.Errorf("--malicious must be between 0 and --providers (%d)", providers)
			}
			if _, err := cheat.Parse(malice); err != nil {
				return fmt.Errorf("--malice: %w", err)
			}
			if dir == "" {
				d, err := os.MkdirTemp("", "deco-devnet-")
				if err != nil {
					return err
				}
				dir = d
			}
			if zkKeys != "" {
				k, err := filepath.Abs(zkKeys)
				if err != nil {
					return fmt.Errorf("--zk-keys: %w", err)
				}
				zkKeys = k
			}
			abs, err := filepath.Abs(dir)
			if err != nil {
				return err
			}
			dn := &devnet{dir: abs, providers: providers, slots: slots, out: cmd.ErrOrStderr(), ready: ready, chainRPC: chainRPC, noChain: noChain, malicious: malicious, malice: malice, zkKeys: zkKeys}
			defer dn.stop()
			if err := dn.start(cmd.Context()); err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Devnet up: 1 consumer + %d providers.\n\n  export DECO_DEVNET=%s\n  deco providers\n  deco run --wasm FILE --tasks 4 --wait\n  deco run --circuit mimc-chain --set seed={{index}} --set n=10 --tasks 3 --wait\n\nNode logs: %s/<node>/node.log. Press Ctrl-C to stop.\n", providers, abs, abs)
			// A node that dies (crash, kill -9) is reported; the rest keep running.
			for {
				select {
				case <-cmd.Context().Done():
					fmt.Fprintln(cmd.ErrOrStderr(), "stopping devnet")
					return nil
				case err := <-dn.died:
					fmt.Fprintln(cmd.ErrOrStderr(), "warning:", err)
				}
			}
		},
	}
	cmd.Flags().IntVar(&providers, "providers", 3, "number of provider nodes")
	cmd.Flags().IntVar(&slots, "slots", 2, "task slots per provider")
	cmd.Flags().StringVar(&dir, "dir", "", "directory for node homes and devnet.json (default: a new temp dir)")
	cmd.Flags().DurationVar(&ready, "ready-timeout", 90*time.Second, "how long to wait for the network to come up")
	cmd.Flags().StringVar(&chainRPC, "chain-rpc", "", "use this EVM JSON-RPC node (e.g. geth --dev) instead of the embedded chain")
	cmd.Flags().BoolVar(&noChain, "no-chain", false, "run without payments")
	cmd.Flags().IntVar(&malicious, "malicious", 0, "make the last K providers cheat on purpose (see --malice), to watch verification catch them")
	cmd.Flags().StringVar(&zkKeys, "zk-keys", "", "zk key cache shared by the devnet's nodes (default <dir>/zk); reuse one across devnets to set circuits up once")
	cmd.Flags().StringVar(&malice, "malice", cheat.Random, "how the --malicious providers cheat: wrong | lazy | forge | badproof (zk) | random[:RATE]")
	return cmd
}

type devnet struct {
	dir       string
	providers int
	slots     int
	out       interface{ Write([]byte) (int, error) }
	ready     time.Duration
	procs     []*exec.Cmd
	died      chan error
	chainRPC  string
	noChain   bool
	malicious int    // the last malicious providers cheat
	malice    string // how
	zkKeys    string // key cache directory; "" for <dir>/zk
	chain     *DevChain
	stopChain func()
}

func (d *devnet) start(ctx context.Context) error {
	d.died = make(chan error, 128)
	if err := os.MkdirAll(d.dir, 0o755); err != nil {
		return err
	}
	os.Remove(filepath.Join(d.dir, "devnet.json"))
	self, err := os.Executable()
	if err != nil {
		return err
	}
	wctx, cancel := context.WithTimeout(ctx, d.ready)
	defer cancel()

	file := DevnetFile{Dir: d.dir}
	names := []string{"consumer"}
	for i := 1; i <= d.providers; i++ {
		names = append(names, "provider-"+strconv.Itoa(i))
	}
	var stubs []DevnetNode
	for i, name := range names {
		h := config.Home(filepath.Join(d.dir, name))
		if _, err := h.Init(false); err != nil {
			return err
		}
		roles := []string{"consumer"}
		if i > 0 {
			roles = append(roles, "provider")
		}
		stubs = append(stubs, DevnetNode{Name: name, Roles: roles, Home: string(h)})
	}
	if !d.noChain {
		fmt.Fprintln(d.out, "starting the chain: deploying contracts, funding and staking every node...")
		dc, stop, err := startDevChain(wctx, d.chainRPC, stubs, nil, d.out)
		if err != nil {
			return fmt.Errorf("devnet chain: %w", err)
		}
		d.chain, d.stopChain = &dc, stop
		fmt.Fprintf(d.out, "chain up: %s (chain id %d), escrow %s\n", dc.RPC, dc.ChainID, dc.Contracts.Escrow.Hex())
		// Setup is once per key cache and may take a minute on a busy
		// machine: it does not count against the ready timeout.
		if err := d.chain.setupCircuits(ctx, d.keys(), d.out); err != nil {
			// WASM jobs do not need it: say why zk jobs will not be paid.
			fmt.Fprintf(d.out, "warning: zk circuits not registered, zk jobs cannot open a proof escrow: %v\n", err)
		}
		file.Chain = *d.chain
	} else {
		for _, name := range node.DevCircuits {
			c, _ := zk.Lookup(name)
			if _, err := d.keys().Ensure(ctx, c); err != nil {
				fmt.Fprintf(d.out, "warning: zk setup of %s: %v\n", name, err)
			}
		}
	}
	// The nodes get the whole ready timeout.
	cancel()
	wctx, cancel = context.WithTimeout(ctx, d.ready)
	defer cancel()
	startNode := func(name string, provider bool, bootstrap []string, malice string) (DevnetNode, error) {
		h := config.Home(filepath.Join(d.dir, name))
		id, err := h.Identity()
		if err != nil {
			return DevnetNode{}, err
		}
		cfg := config.Default()
		if d.chain != nil {
			cfg.Chain, cfg.ChainID = d.chain.Config(), d.chain.ChainID
		}
		cfg.API = "127.0.0.1:0"
		cfg.Listen = []string{"/ip4/127.0.0.1/tcp/0", "/ip4/127.0.0.1/udp/0/quic-v1"}
		cfg.Bootstrap = bootstrap
		cfg.Provider.Enabled = provider
		cfg.Provider.Slots = d.slots
		if err := h.Save(cfg); err != nil {
			return DevnetNode{}, err
		}
		h.RemoveRuntime()
		logf, err := os.OpenFile(h.Path("node.log"), os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
		if err != nil {
			return DevnetNode{}, err
		}
		args := []string{"node", "--home", string(h), "--zk-keys", d.keys().Dir}
		if malice != "" {
			args = append(args, "--malice", malice)
		}
		c := exec.Command(self, args...)
		c.Stdout, c.Stderr = logf, logf
		c.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL, Setpgid: true}
		if err := c.Start(); err != nil {
			logf.Close()
			return DevnetNode{}, fmt.Errorf("start %s: %w", name, err)
		}
		logf.Close()
		d.procs = append(d.procs, c)
		exited := make(chan error, 1)
		go func() {
			err := c.Wait()
			exited <- err
			d.died <- fmt.Errorf("node %s exited: %v (see %s)", name, err, h.Path("node.log"))
		}()
		// wait for node.json
		for {
			rt, err := h.ReadRuntime()
			if err == nil && rt.PID == c.Process.Pid {
				roles := []string{"consumer"}
				if provider {
					roles = append(roles, "provider")
				}
				return DevnetNode{Name: name, Roles: roles, API: rt.API, Token: id.Token, PeerID: rt.PeerID, DID: rt.DID, EVM: rt.EVM, Home: string(h), PID: rt.PID, Addrs: rt.Addrs, Malice: malice}, nil
			}
			select {
			case err := <-exited:
				return DevnetNode{}, fmt.Errorf("node %s exited during startup: %v\n%s", name, err, tail(h.Path("node.log"), 20))
			case <-wctx.Done():
				return DevnetNode{}, fmt.Errorf("node %s did not come up within %s\n%s", name, d.ready, tail(h.Path("node.log"), 20))
			case <-time.After(50 * time.Millisecond):
			}
		}
	}
	consumer, err := startNode("consumer", false, nil, "")
	if err != nil {
		return err
	}
	file.Nodes = append(file.Nodes, consumer)
	fmt.Fprintf(d.out, "consumer up: %s\n", consumer.PeerID)
	for i := 1; i <= d.providers; i++ {
		malice := ""
		if i > d.providers-d.malicious {
			malice = d.malice
		}
		p, err := startNode("provider-"+strconv.Itoa(i), true, tcpAddrs(consumer.Addrs), malice)
		if err != nil {
			return err
		}
		file.Nodes = append(file.Nodes, p)
		if malice != "" {
			fmt.Fprintf(d.out, "provider-%d up: %s (CHEATS on purpose: --malice %s)\n", i, p.PeerID, malice)
		} else {
			fmt.Fprintf(d.out, "provider-%d up: %s\n", i, p.PeerID)
		}
	}
	// Wait until the consumer sees every provider's offer.
	c := &api.Client{Base: consumer.API, Token: consumer.Token}
	for {
		ps, err := c.Providers(wctx)
		if err == nil && len(ps) >= d.providers {
			break
		}
		select {
		case <-wctx.Done():
			return fmt.Errorf("the consumer saw %d of %d provider offers within %s (see node logs in %s)", len(ps), d.providers, d.ready, d.dir)
		case err := <-d.died:
			return err
		case <-time.After(100 * time.Millisecond):
		}
	}
	b, _ := json.MarshalIndent(file, "", "  ")
	tmp := filepath.Join(d.dir, "devnet.json.tmp")
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(d.dir, "devnet.json"))
}

// keys is the zk key cache every node of the devnet shares.
// keys is the devnet's zk key cache: --zk-keys, or <dir>/zk.
func (d *devnet) keys() zk.Cache {
	if d.zkKeys != "" {
		return zk.Cache{Dir: d.zkKeys}
	}
	return zk.Cache{Dir: filepath.Join(d.dir, "zk")}
}

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

// stop sends SIGTERM to every node, then SIGKILL to those still running after 10s.
func (d *devnet) stop() {
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
		d.stopChain() // after the nodes: providers redeem on shutdown
	}
	os.Remove(filepath.Join(d.dir, "devnet.json"))
}

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
