package e2e

import (
	"bytes"
	"context"
	"fmt"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/deco-network/deco/examples"
	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/config"
	"github.com/deco-network/deco/internal/devnet"
	"github.com/deco-network/deco/internal/netns"
	"github.com/deco-network/deco/internal/wire"
)

// The tests in this file run every node as a `deco node` process in a
// network namespace of its own (internal/netns): each is told one
// bootstrap address and no mDNS, and reaches the others over veths and
// bridges. The chain is the embedded go-ethereum dev chain of `deco
// devnet`, served by the test process on the root namespace's address on
// a switch (Switch.Gateway), so every node's JSON-RPC client crosses the
// bridge too. The nodes' APIs stay on their own loopback: the test talks
// to them through netns.Host.HTTPClient, and runs CLI commands with `ip
// netns exec`.

// nsNet is a namespace network with a dev chain, for one test.
type nsNet struct {
	t   testing.TB
	nw  *netns.Network
	dir string
	sim *chain.Simulated
}

// newNSNet builds an empty network for t: skipped without root (fatal
// under CI=true, which runs as root), stale namespaces of crashed runs
// removed first, everything torn down with the test.
func newNSNet(t testing.TB) *nsNet {
	t.Helper()
	if err := netns.Available(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI must run the network namespace tests as root: %v", err)
		}
		t.Skipf("needs root for network namespaces: run as root, e.g. sudo -E go test ./e2e/... (%v)", err)
	}
	if gone, err := netns.CleanStale(); err != nil {
		t.Logf("cleaning stale namespaces: %v", err)
	} else if len(gone) > 0 {
		t.Logf("removed stale namespaces of crashed runs: %v", gone)
	}
	nw, err := netns.New()
	if err != nil {
		t.Fatal(err)
	}
	n := &nsNet{t: t, nw: nw, dir: t.TempDir()}
	t.Cleanup(func() {
		// Nodes first (providers redeem as they stop), then the chain.
		if err := nw.Close(); err != nil {
			t.Errorf("namespace teardown: %v", err)
		}
		if n.sim != nil {
			n.sim.Close()
		}
		if t.Failed() {
			t.Logf("node logs kept in %s", n.dir)
		}
	})
	return n
}

func (n *nsNet) must(err error) {
	n.t.Helper()
	if err != nil {
		n.t.Fatal(err)
	}
}

func (n *nsNet) switchN(i int) *netns.Switch {
	n.t.Helper()
	s, err := n.nw.Switch(i)
	n.must(err)
	return s
}

// host creates a host attached to sw at host number h; its address.
func (n *nsNet) host(name string, sw *netns.Switch, h int) (*netns.Host, string) {
	n.t.Helper()
	host, err := n.nw.Host(name)
	n.must(err)
	addr, err := host.Attach(sw, h)
	n.must(err)
	return host, addr
}

// chainOn starts the dev chain (devnet.Params) serving JSON-RPC on sw's
// gateway address.
func (n *nsNet) chainOn(sw *netns.Switch) {
	n.t.Helper()
	sim, err := chain.NewSimulated(context.Background(), chain.WithHTTP(sw.Gateway, 0), chain.WithParams(devnet.Params()),
		chain.WithGrant(chain.Ether(1_000_000), nil))
	n.must(err)
	n.sim = sim
}

// nsNode is a deco node process in a host.
type nsNode struct {
	name string
	host *netns.Host
	home config.Home
	id   config.Identity
	proc *netns.Process
	rt   config.Runtime
	api  *api.Client
}

// addNode initialises a node's home, funds its account on the chain and,
// for a provider, stakes and binds it, before it starts: a provider bids
// from its first offer.
func (n *nsNet) addNode(name string, host *netns.Host, provider bool) *nsNode {
	n.t.Helper()
	h := config.Home(filepath.Join(n.dir, name))
	id, err := h.Init(false)
	n.must(err)
	nd := &nsNode{name: name, host: host, home: h, id: id}
	if n.sim != nil {
		ctx := context.Background()
		cl, err := n.sim.Client(id.EVMKey)
		n.must(err)
		n.must(n.sim.Fund(ctx, cl.Address(), devnet.Gas, devnet.DECO))
		if provider {
			min, err := cl.MinStake(ctx)
			n.must(err)
			n.must(devnet.StakeAndBind(ctx, cl, id, min))
		}
	}
	cfg := config.Default()
	if n.sim != nil {
		a := n.sim.Contracts()
		cfg.Chain = config.Chain{RPC: n.sim.RPCURL(), Token: a.Token.Hex(), Registry: a.Registry.Hex(), Escrow: a.Escrow.Hex()}
		cfg.ChainID = chain.SimulatedChainID
	}
	cfg.API = "127.0.0.1:0"
	cfg.MDNS = false
	cfg.Provider.Enabled = provider
	cfg.Provider.Slots = 2
	n.must(h.Save(cfg))
	return nd
}

// start runs the node listening on listen, told only bootstrap, with
// extra flags, and waits for its node.json.
func (n *nsNet) start(nd *nsNode, listen []string, bootstrap []string, extra ...string) {
	n.t.Helper()
	cfg, err := nd.home.Load()
	n.must(err)
	cfg.Listen, cfg.Bootstrap = listen, bootstrap
	n.must(nd.home.Save(cfg))
	nd.home.RemoveRuntime()
	args := append([]string{"node", "--home", string(nd.home), "--zk-keys", zkKeys, "--log-level", "debug"}, extra...)
	nd.proc, err = nd.host.Start(nd.home.Path("node.log"), binary, args...)
	n.must(err)
	deadline := time.After(time.Minute)
	for {
		rt, err := nd.home.ReadRuntime()
		if err == nil && rt.PID == nd.proc.Cmd.Process.Pid {
			nd.rt = rt
			nd.api = &api.Client{Base: "http://" + strings.TrimPrefix(rt.API, "http://"), Token: nd.id.Token, HTTP: nd.host.HTTPClient()}
			return
		}
		select {
		case <-nd.proc.Done():
			n.t.Fatalf("node %s exited during startup: %v\n%s", nd.name, nd.proc.Err(), tailFile(nd.proc.Log, 30))
		case <-deadline:
			n.t.Fatalf("node %s not up in 1m\n%s", nd.name, tailFile(nd.proc.Log, 30))
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// p2pAddrs is nd's full TCP addresses (bootstrap entries for others).
func (nd *nsNode) p2pAddrs() []string {
	var out []string
	for _, a := range nd.rt.Addrs {
		if strings.Contains(a, "/tcp/") && !strings.Contains(a, "/p2p-circuit") && (!strings.Contains(a, "/127.0.0.1/") || loopbackOnly(nd.rt.Addrs)) {
			out = append(out, a)
		}
	}
	return out
}

// loopbackOnly reports whether every address is on 127.0.0.1.
func loopbackOnly(addrs []string) bool {
	for _, a := range addrs {
		if !strings.Contains(a, "/127.0.0.1/") {
			return false
		}
	}
	return true
}

// cli runs a deco client command inside nd's host against nd's API.
func (nd *nsNode) cli(t testing.TB, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	full := append([]string{"netns", "exec", nd.host.NS, binary, "--home", string(nd.home)}, args...)
	cmd := exec.CommandContext(ctx, "ip", full...)
	cmd.Env = append(os.Environ(), "DECO_DEVNET=", "DECO_API=", "DECO_TOKEN=")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("deco %s in %s: %v\n%s", strings.Join(args, " "), nd.host.Name, err, stderr.String())
	}
	return stdout.String()
}

// waitProviders waits until nd's market sees want providers.
func (nd *nsNode) waitProviders(t testing.TB, want int, within time.Duration) {
	t.Helper()
	ctx := context.Background()
	var seen int
	waitUntil(t, within, fmt.Sprintf("%s to see %d providers (see %s)", nd.name, want, nd.home.Path("node.log")), func() bool {
		ps, err := nd.api.Providers(ctx)
		seen = len(ps)
		return err == nil && seen >= want
	})
}

// job is the state of job id on nd.
func (nd *nsNode) job(t testing.TB, id string) api.JobView {
	t.Helper()
	j, err := nd.api.Job(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return *j
}

// waitJob waits for job id to end and fails unless it completed.
func (nd *nsNode) waitJob(t testing.TB, id string, within time.Duration) api.JobView {
	t.Helper()
	var j api.JobView
	waitUntil(t, within, "job "+id+" to end", func() bool {
		j = nd.job(t, id)
		return j.State.Terminal()
	})
	if j.State != api.JobCompleted {
		t.Fatalf("job %s: %s", j.State, j.Reason)
	}
	return j
}

// renderJob submits the render example as a job of tasks tasks from nd;
// its id and the task arguments.
func renderJob(t testing.TB, nd *nsNode, tasks int, extra ...string) (string, []string) {
	t.Helper()
	wasmPath := filepath.Join(t.TempDir(), "render.wasm")
	if err := os.WriteFile(wasmPath, examples.RenderWASM(), 0o644); err != nil {
		t.Fatal(err)
	}
	args := []string{"--tile", "{{index}}", "--tiles", "{{count}}", "--width", "160", "--height", "240", "--samples", "1"}
	cmd := append([]string{"run", "--wasm", wasmPath, "--tasks", fmt.Sprint(tasks), "--timeout", "2m", "--id-only"}, extra...)
	out := nd.cli(t, append(append(cmd, "--"), args...)...)
	return strings.TrimSpace(out), args
}

// checkPaid checks every accepted attempt of j got a voucher at its price
// out of the escrow the consumer opened for the job on the chain, and
// returns the paid attempts per provider.
func checkPaid(t testing.TB, j api.JobView) map[string]int {
	t.Helper()
	paid := map[string]int{}
	var spent wire.Amount
	for _, tk := range j.Tasks {
		if tk.State != api.TaskVerified {
			t.Fatalf("task %d %s: %s", tk.Index, tk.State, tk.Reason)
		}
		for _, a := range tk.Attempts {
			if a.Paid {
				spent += a.Price
				paid[a.Provider]++
			}
		}
		if last := tk.Attempts[len(tk.Attempts)-1]; !last.Paid {
			t.Fatalf("task %d: accepted attempt on %s not paid (%s)", tk.Index, last.Provider, last.Unpaid)
		}
	}
	want := wire.Amount(len(j.Tasks)) * wire.Amount(j.Spec.Policy().Paid()) * j.Spec.Price.Max
	if j.Payment == nil || j.Payment.Spent != spent || j.Payment.Deposit != want {
		t.Fatalf("payment %+v, want spent %s out of a deposit of %s", j.Payment, spent, want)
	}
	return paid
}

// outputsMatch fetches j's results through nd's CLI and checks each task's
// outputs equal a local run of the render example.
func outputsMatch(t *testing.T, nd *nsNode, j api.JobView, args []string) {
	t.Helper()
	results := t.TempDir()
	nd.cli(t, "job", "get", string(j.ID), "--output-dir", results)
	compareRenderOutputs(t, results, j, args)
}

func tailFile(path string, n int) string {
	b, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// waitUntil polls cond until it is true or d passes (waitFor for
// benchmarks too).
func waitUntil(tb testing.TB, d time.Duration, what string, cond func() bool) {
	tb.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			tb.Fatalf("timed out after %s waiting for %s", d, what)
		}
		time.Sleep(50 * time.Millisecond) // polling interval, not synchronisation
	}
}

func tcpListen(addr string) []string { return []string{"/ip4/" + addr + "/tcp/0"} }

// star starts, on one switch with the chain, count providers and a
// consumer, each in its own namespace and told only provider-1's address;
// it returns once the consumer sees every provider.
func (n *nsNet) star(count int) (*netns.Switch, *nsNode, []*nsNode) {
	return n.starOn(count, false)
}

// starOn is star; with loopback set, every node runs in one namespace on
// 127.0.0.1 (the same network on loopback, for comparison).
func (n *nsNet) starOn(count int, loopback bool) (*netns.Switch, *nsNode, []*nsNode) {
	n.t.Helper()
	sw := n.switchN(1)
	n.chainOn(sw)
	var shared *netns.Host
	if loopback {
		shared, _ = n.host("all", sw, 2)
	}
	host := func(name string, h int) (*netns.Host, string) {
		if loopback {
			return shared, "127.0.0.1"
		}
		return n.host(name, sw, h)
	}
	var providers []*nsNode
	for i := 1; i <= count; i++ {
		host, addr := host(fmt.Sprintf("p%d", i), 10+i)
		p := n.addNode(fmt.Sprintf("provider-%d", i), host, true)
		var boot []string
		if i > 1 {
			boot = providers[0].p2pAddrs()
		}
		n.start(p, tcpListen(addr), boot)
		providers = append(providers, p)
	}
	ch, addr := host("c", 2)
	c := n.addNode("consumer", ch, false)
	n.start(c, tcpListen(addr), providers[0].p2pAddrs())
	c.waitProviders(n.t, count, 90*time.Second)
	return sw, c, providers
}

// TestNetnsBootstrapJob: a consumer and 4 providers, each in its own
// namespace on one bridge, each told only provider-1's address: a job of
// 20 tasks completes, every output equal to a local run, every accepted
// result paid out of the job's escrow.
func TestNetnsBootstrapJob(t *testing.T) {
	n := newNSNet(t)
	_, c, _ := n.star(4)
	id, args := renderJob(t, c, 20)
	j := c.waitJob(t, id, 2*time.Minute)
	paid := checkPaid(t, j)
	t.Logf("paid attempts per provider: %v", paid)
	outputsMatch(t, c, j, args)
}

// TestNetnsPartition: two providers' links go down while they run tasks
// of a job: their tasks are retried elsewhere with the reason "lost
// connection", and the job completes. After the heal both rejoin (they
// redial their bootstrap peer) and get tasks of the next job.
func TestNetnsPartition(t *testing.T) {
	n := newNSNet(t)
	sw, c, providers := n.star(4)
	victims := providers[2:] // not provider-1, everyone's bootstrap peer
	isVictim := map[string]*nsNode{}
	for _, v := range victims {
		isVictim[v.rt.PeerID] = v
	}
	// The default (adaptive) policy: receipt-only jobs back running
	// tasks up on idle providers, and a backup verified first would end a
	// cut attempt before its connection is found lost.
	// Four times the slots: every provider stays busy for a while.
	id, _ := renderJob(t, c, 32)
	waitFor(t, time.Minute, "both victims to run a task", func() bool {
		j := c.job(t, id)
		if j.State.Terminal() {
			t.Fatalf("job ended before the partition: %s", j.State)
		}
		busy := map[string]bool{}
		for _, tk := range j.Tasks {
			if v := isVictim[tk.Provider]; v != nil && (tk.State == api.TaskRunning || tk.State == api.TaskAssigned) {
				busy[tk.Provider] = true
			}
		}
		return len(busy) == len(victims)
	})
	for _, v := range victims {
		if err := v.host.SetLink(sw, false); err != nil {
			t.Fatal(err)
		}
	}
	cut := time.Now()
	t.Logf("partitioned %s and %s", victims[0].name, victims[1].name)
	j := c.waitJob(t, id, 3*time.Minute)
	t.Logf("job completed %s after the partition", time.Since(cut).Round(time.Millisecond))
	lost := 0
	for _, tk := range j.Tasks {
		if isVictim[tk.Provider] != nil && tk.Attempts[len(tk.Attempts)-1].Started.After(cut) {
			t.Fatalf("task %d went to partitioned %s after the cut", tk.Index, tk.Provider)
		}
		for _, a := range tk.Attempts[:len(tk.Attempts)-1] {
			if isVictim[a.Provider] != nil {
				t.Logf("task %d attempt %d on %s: %s", tk.Index, a.N, isVictim[a.Provider].name, a.Reason)
				if strings.Contains(a.Reason, "lost connection") {
					lost++
				}
			}
		}
	}
	if lost == 0 {
		t.Fatalf("no task of a partitioned provider was retried with reason \"lost connection\"")
	}
	checkPaid(t, j)

	// Heal: the victims come back and get work again.
	for _, v := range victims {
		if err := v.host.SetLink(sw, true); err != nil {
			t.Fatal(err)
		}
	}
	healed := time.Now()
	// More tasks than the two others' slots: the scheduler, which learned
	// the victims failed, still has work for every slot.
	id2, _ := renderJob(t, c, 24)
	worked, seen := map[string]bool{}, map[string]bool{}
	waitFor(t, 3*time.Minute, "both healed providers to run a task of the next job", func() bool {
		if peers, err := c.api.Peers(context.Background()); err == nil {
			for _, p := range peers {
				if v := isVictim[p.Peer]; v != nil && !seen[p.Peer] {
					seen[p.Peer] = true
					t.Logf("%s: %s connected to the consumer again (%s)", time.Since(healed).Round(time.Millisecond), v.name, p.Reach)
				}
			}
		}
		j := c.job(t, id2)
		for _, tk := range j.Tasks {
			for _, a := range tk.Attempts {
				if isVictim[a.Provider] != nil && a.Started.After(healed) {
					worked[a.Provider] = true
				}
			}
		}
		if j.State.Terminal() && len(worked) < len(victims) {
			// The job may finish before both came back: run another.
			id2, _ = renderJob(t, c, 24)
		}
		return len(worked) == len(victims)
	})
	t.Logf("both healed providers got tasks within %s of the heal", time.Since(healed).Round(time.Millisecond))
	checkPaid(t, c.waitJob(t, id2, 2*time.Minute))
}

// TestNetnsBandwidth: a 50 MiB input crosses a link limited to 100 Mbit/s
// (tc tbf on the provider's link, both ways) in at most 1.25× size/rate.
// The transfer is timed from the assignment to the result's arrival, less
// the program's run time; the program was fetched by an earlier job, so
// only the input travels.
func TestNetnsBandwidth(t *testing.T) {
	n := newNSNet(t)
	sw, c, providers := n.star(1)
	const rate = 100_000_000
	if err := providers[0].host.Limit(sw, rate); err != nil {
		t.Fatal(err)
	}
	warm, _ := renderJob(t, c, 1, "--verify", "receipt")
	c.waitJob(t, warm, time.Minute)

	const size = 50 << 20
	input := writeInput(t, size)
	id, _ := renderJob(t, c, 1, "--verify", "receipt", "--input", input)
	j := c.waitJob(t, id, 2*time.Minute)
	took := fetchTime(t, j)
	ideal := time.Duration(float64(size*8) / rate * float64(time.Second))
	ratio := took.Seconds() / ideal.Seconds()
	t.Logf("50 MiB input over a 100 Mbit/s link: %s (size/rate %s): %.3fx", took.Round(time.Millisecond), ideal.Round(time.Millisecond), ratio)
	if ratio > 1.25 {
		t.Fatalf("the input took %.2fx size/rate, want at most 1.25x", ratio)
	}
}

// fetchTime is how long task 0 of j spent fetching: its attempt's span
// (from the assignment to the result's arrival) less the program's run
// time. It counts the assignment and the result messages too, so it
// errs long.
func fetchTime(t testing.TB, j api.JobView) time.Duration {
	t.Helper()
	a := j.Tasks[0].Attempts[len(j.Tasks[0].Attempts)-1]
	if a.Result == nil || a.Ended.IsZero() {
		t.Fatalf("task 0's attempt has no result: %+v", a)
	}
	return a.Ended.Sub(a.Started) - time.Duration(a.Result.DurationMs)*time.Millisecond
}

// Public-looking subnets for the relay test: libp2p's AutoNAT neither
// dials nor trusts private addresses (10/8 and the like), so a node on one
// could never learn it is unreachable and ask a relay for a slot. These
// two /28s of 192.0.0.64/26 count as public to libp2p but are not routed
// on the Internet; only one test uses them at a time.
var (
	publicA = netip.MustParsePrefix("192.0.0.64/28")
	publicB = netip.MustParsePrefix("192.0.0.80/28")
)

// relayed builds the relay topology: the consumer (and the chain) on
// switch A, a provider on switch B, and a relay node (--relay) on both.
// The consumer has no route to B. The provider dials out only, as behind
// a NAT: it listens on its loopback and announces its own address on B at
// a port where nothing listens, so AutoNAT's dial-backs are refused as a
// NAT would refuse them; it holds a slot on the relay (--relay-peer) and
// is reached through it. The chain's JSON-RPC on A's gateway is the only
// thing B's hosts have a route to beyond B.
// It returns switch A too, and passes providerArgs to the provider.
func (n *nsNet) relayed(providerArgs ...string) (a *netns.Switch, c, relay, provider *nsNode) {
	n.t.Helper()
	a, err := n.nw.SwitchOn(1, publicA)
	n.must(err)
	b, err := n.nw.SwitchOn(2, publicB)
	n.must(err)
	n.chainOn(a)
	rh, raddrA := n.host("relay", a, 2)
	raddrB, err := rh.Attach(b, 2)
	n.must(err)
	relay = n.addNode("relay", rh, false)
	n.start(relay, append(tcpListen(raddrA), tcpListen(raddrB)...), nil, "--relay")
	var onB []string // the relay's address on B, for the provider
	for _, ad := range relay.rt.Addrs {
		if strings.Contains(ad, "/"+raddrB+"/tcp/") {
			onB = append(onB, ad)
		}
	}
	if len(onB) == 0 {
		n.t.Fatalf("relay advertises no address on switch B: %v", relay.rt.Addrs)
	}
	ph, paddr := n.host("hidden", b, 1)
	n.must(ph.Route(a.Gateway, b.Gateway)) // the chain, nothing else
	provider = n.addNode("provider", ph, true)
	n.start(provider, tcpListen("127.0.0.1"), onB, append([]string{"--relay-peer", onB[0], "--announce", "/ip4/" + paddr + "/tcp/9"}, providerArgs...)...)

	ch, caddr := n.host("c", a, 1)
	c = n.addNode("consumer", ch, false)
	n.start(c, tcpListen(caddr), relay.p2pAddrs())
	return a, c, relay, provider
}

// TestNetnsRelay: a provider on a subnet the consumer has no route to,
// reachable only through a relay node in a third namespace: the consumer
// sees its offer, its tasks run there over the relayed connection (shown
// as "relayed" by deco peers), every output is right and every task paid.
func TestNetnsRelay(t *testing.T) {
	n := newNSNet(t)
	_, c, _, provider := n.relayed()
	c.waitProviders(t, 1, 2*time.Minute)
	id, args := renderJob(t, c, 6, "--verify", "receipt")
	j := c.waitJob(t, id, 2*time.Minute)
	paid := checkPaid(t, j)
	if paid[provider.rt.PeerID] != len(j.Tasks) {
		t.Fatalf("paid attempts %v, want all %d on the relayed provider", paid, len(j.Tasks))
	}
	outputsMatch(t, c, j, args)
	peers, err := c.api.Peers(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, p := range peers {
		if p.Peer == provider.rt.PeerID {
			found = true
			t.Logf("consumer's peer entry for the provider: reach %s, addrs %v", p.Reach, p.Addrs)
			if p.Reach != "relayed" {
				t.Fatalf("consumer reaches the provider %s, want relayed (it has no route to it): %+v", p.Reach, p)
			}
		}
	}
	if !found {
		t.Fatalf("the consumer lists no connection to the provider it just paid: %+v", peers)
	}
}
