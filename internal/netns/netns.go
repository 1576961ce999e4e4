package netns

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/netip"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// ErrNotRoot reports a process without the rights to create namespaces.
var ErrNotRoot = errors.New("network namespaces need root (run as root, e.g. sudo -E go test ./e2e/...)")

// namePrefix starts the name of every namespace this package creates.
const namePrefix = "deco-"

// Prefix is the namespace name prefix of this process: "deco-<pid>-".
func Prefix() string { return namePrefix + strconv.Itoa(os.Getpid()) + "-" }

// Available reports why namespaces cannot be built here (nil: they can):
// not root, or no `ip` or `tc` on the PATH.
func Available() error {
	if os.Geteuid() != 0 {
		return ErrNotRoot
	}
	for _, tool := range []string{"ip", "tc"} {
		if _, err := exec.LookPath(tool); err != nil {
			return fmt.Errorf("%s not found: install iproute2: %w", tool, err)
		}
	}
	return nil
}

// CleanStale deletes the namespaces of earlier runs whose process is gone
// (names "deco-<pid>-..." with no process <pid>), and returns their names.
func CleanStale() ([]string, error) {
	out, err := run("ip", "netns", "list")
	if err != nil {
		return nil, err
	}
	var removed []string
	for _, line := range strings.Split(out, "\n") {
		name, _, _ := strings.Cut(strings.TrimSpace(line), " ")
		rest, ok := strings.CutPrefix(name, namePrefix)
		if !ok {
			continue
		}
		pidText, _, ok := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(pidText)
		if !ok || err != nil || pid == os.Getpid() || alive(pid) {
			continue
		}
		killAll(name)
		if _, err := run("ip", "netns", "del", name); err != nil {
			return removed, err
		}
		removed = append(removed, name)
	}
	return removed, nil
}

func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// killAll kills what still runs in namespace name (a crashed run's nodes).
func killAll(name string) {
	out, _ := run("ip", "netns", "pids", name)
	for _, f := range strings.Fields(out) {
		if pid, err := strconv.Atoi(f); err == nil {
			syscall.Kill(pid, syscall.SIGKILL)
		}
	}
}

// Network is a set of hosts and switches; Close tears it down.
type Network struct {
	prefix string
	seq    int
	base   int // third octet of switch 0's subnet

	mu       sync.Mutex
	names    []string // namespaces created, in order
	procs    []*Process
	switches map[int]*Switch
	hosts    map[string]*Host
}

// networks counts the networks this process made: each has its own names
// and subnets, so two may exist at once.
var networks atomic.Int32

// New starts an empty network. Its namespaces are named
// "deco-<pid>-<seq>-<name>" (Prefix, then a sequence number in this
// process) so CleanStale can tell live from stale.
func New() (*Network, error) {
	if err := Available(); err != nil {
		return nil, err
	}
	seq := int(networks.Add(1))
	// Networks alive at once, in this process or in two test processes,
	// get different subnets: the root namespace holds a gateway address
	// on each.
	base := ((os.Getpid() + seq*7) % 30) * 8
	return &Network{prefix: Prefix() + strconv.Itoa(seq) + "-", seq: seq, base: base, switches: map[int]*Switch{}, hosts: map[string]*Host{}}, nil
}

// Switch is a bridge on an IPv4 subnet, in a namespace of its own.
type Switch struct {
	nw     *Network
	N      int
	NS     string       // namespace holding the bridge
	Subnet netip.Prefix // e.g. 10.77.9.0/24
	// Gateway is the root namespace's address on the switch (the
	// subnet's last host address): services the test process serves
	// there are reachable from the switch's hosts.
	Gateway string
	ports   int
}

// Addr is host number h's address on the switch (no mask).
func (s *Switch) Addr(h int) string {
	a := s.Subnet.Addr()
	for range h {
		a = a.Next()
	}
	return a.String()
}

// hosts is how many host numbers the subnet has (gateway included).
func (s *Switch) hosts() int { return 1<<(32-s.Subnet.Bits()) - 2 }

// Switch creates switch n (0..7) on 10.77.<S>.0/24, S chosen per network
// so networks alive at once do not overlap, and the root namespace's port
// on it, at Gateway (10.77.<S>.254).
func (nw *Network) Switch(n int) (*Switch, error) {
	if n < 0 || n > 7 {
		return nil, fmt.Errorf("switch %d: want 0..7", n)
	}
	return nw.SwitchOn(n, netip.PrefixFrom(netip.AddrFrom4([4]byte{10, 77, byte(nw.base + n), 0}), 24))
}

// SwitchOn creates switch n on subnet (IPv4, /16 to /29), with the root
// namespace's port at its last host address. Tests that need addresses
// libp2p deems public (AutoNAT ignores private ones) pass such a subnet;
// two networks alive at once must not share one.
func (nw *Network) SwitchOn(n int, subnet netip.Prefix) (*Switch, error) {
	if !subnet.Addr().Is4() || subnet.Bits() < 16 || subnet.Bits() > 29 {
		return nil, fmt.Errorf("switch %d: subnet %s: want an IPv4 prefix of /16 to /29", n, subnet)
	}
	nw.mu.Lock()
	defer nw.mu.Unlock()
	if _, ok := nw.switches[n]; ok {
		return nil, fmt.Errorf("switch %d exists", n)
	}
	s := &Switch{nw: nw, N: n, NS: nw.prefix + "sw" + strconv.Itoa(n), Subnet: subnet.Masked()}
	s.Gateway = s.Addr(s.hosts())
	if err := nw.addNS(s.NS); err != nil {
		return nil, err
	}
	// The root end's name is global: it carries the PID.
	root := fmt.Sprintf("d%dn%dg%d", os.Getpid(), nw.seq%100, n)
	bits := "/" + strconv.Itoa(subnet.Bits())
	steps := [][]string{
		{"ip", "-n", s.NS, "link", "add", "br0", "type", "bridge"},
		{"ip", "-n", s.NS, "link", "set", "br0", "up"},
		{"ip", "link", "add", root, "type", "veth", "peer", "name", "gw", "netns", s.NS},
		{"ip", "-n", s.NS, "link", "set", "gw", "master", "br0", "up"},
		{"ip", "addr", "add", s.Gateway + bits, "dev", root},
		{"ip", "link", "set", root, "up"},
	}
	if err := runAll(steps); err != nil {
		return nil, fmt.Errorf("switch %d: %w", n, err)
	}
	nw.switches[n] = s
	return s, nil
}

// Host is a network namespace standing for one machine.
type Host struct {
	nw   *Network
	Name string
	NS   string
	mu   sync.Mutex
	ifs  map[*Switch]string // interface on each switch it is attached to
	port map[*Switch]string // the switch's end of that interface
}

// Host creates a host: a namespace with loopback up.
func (nw *Network) Host(name string) (*Host, error) {
	nw.mu.Lock()
	defer nw.mu.Unlock()
	if _, ok := nw.hosts[name]; ok {
		return nil, fmt.Errorf("host %s exists", name)
	}
	h := &Host{nw: nw, Name: name, NS: nw.prefix + name, ifs: map[*Switch]string{}, port: map[*Switch]string{}}
	if err := nw.addNS(h.NS); err != nil {
		return nil, err
	}
	if _, err := run("ip", "-n", h.NS, "link", "set", "lo", "up"); err != nil {
		return nil, err
	}
	nw.hosts[name] = h
	return h, nil
}

// Attach connects h to switch s with a veth pair and gives h address
// number n on the switch's subnet, which it returns.
func (h *Host) Attach(s *Switch, n int) (string, error) {
	if n < 1 || n >= s.hosts() {
		return "", fmt.Errorf("attach %s: host number %d: want 1..%d on %s", h.Name, n, s.hosts()-1, s.Subnet)
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.ifs[s]; ok {
		return "", fmt.Errorf("%s is already on switch %d", h.Name, s.N)
	}
	s.nw.mu.Lock()
	s.ports++
	port := "p" + strconv.Itoa(s.ports)
	s.nw.mu.Unlock()
	dev := "eth" + strconv.Itoa(len(h.ifs))
	addr := s.Addr(n)
	steps := [][]string{
		{"ip", "-n", h.NS, "link", "add", dev, "type", "veth", "peer", "name", port, "netns", s.NS},
		{"ip", "-n", s.NS, "link", "set", port, "master", "br0", "up"},
		{"ip", "-n", h.NS, "addr", "add", addr + "/" + strconv.Itoa(s.Subnet.Bits()), "dev", dev},
		{"ip", "-n", h.NS, "link", "set", dev, "up"},
	}
	if err := runAll(steps); err != nil {
		return "", fmt.Errorf("attach %s to switch %d: %w", h.Name, s.N, err)
	}
	h.ifs[s], h.port[s] = dev, port
	return addr, nil
}

// Interface is h's interface on switch s ("" if not attached).
func (h *Host) Interface(s *Switch) string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.ifs[s]
}

// Route adds a route in h to dst (a CIDR or an address) via gateway.
func (h *Host) Route(dst, via string) error {
	_, err := run("ip", "-n", h.NS, "route", "add", dst, "via", via)
	return err
}

// Forward lets h route packets between its interfaces (a router or NAT
// box between two switches).
func (h *Host) Forward() error {
	_, err := run("ip", "netns", "exec", h.NS, "sysctl", "-qw", "net.ipv4.ip_forward=1")
	return err
}

// SetLink takes h's link to switch s down (up=false: h is cut off from
// that switch, a partition) or brings it back up. The switch's end is
// toggled, so h sees no change of its own interface and keeps its
// addresses and routes: the link is cut on the wire.
func (h *Host) SetLink(s *Switch, up bool) error {
	h.mu.Lock()
	port := h.port[s]
	h.mu.Unlock()
	if port == "" {
		return fmt.Errorf("%s is not on switch %d", h.Name, s.N)
	}
	state := "down"
	if up {
		state = "up"
	}
	_, err := run("ip", "-n", s.NS, "link", "set", port, state)
	return err
}

// Limit shapes what h sends on its interface to switch s, and what the
// switch sends to h, to bitsPerSecond with a token bucket filter (tc
// tbf), both ways. Zero removes the limit.
func (h *Host) Limit(s *Switch, bitsPerSecond int64) error {
	h.mu.Lock()
	dev, port := h.ifs[s], h.port[s]
	h.mu.Unlock()
	if dev == "" {
		return fmt.Errorf("%s is not on switch %d", h.Name, s.N)
	}
	for _, end := range []struct{ ns, dev string }{{h.NS, dev}, {s.NS, port}} {
		if bitsPerSecond == 0 {
			run("tc", "-n", end.ns, "qdisc", "del", "dev", end.dev, "root")
			continue
		}
		// A burst of 1 ms of traffic at least (and one 64 KiB GSO segment):
		// a smaller bucket cannot pass a full segment and cuts the rate.
		burst := max(bitsPerSecond/8/1000, 64<<10)
		if _, err := run("tc", "-n", end.ns, "qdisc", "replace", "dev", end.dev, "root", "tbf",
			"rate", strconv.FormatInt(bitsPerSecond, 10)+"bit", "burst", strconv.FormatInt(burst, 10), "latency", "50ms"); err != nil {
			return err
		}
	}
	return nil
}

// Command returns a command that runs name inside h (ip netns exec), not
// yet started; its stdout and stderr go to logPath (appended), which
// outlives the process for the test's failure messages. Start it with
// Network.Start so Close stops it.
func (h *Host) Command(logPath string, name string, args ...string) (*exec.Cmd, error) {
	logf, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return nil, err
	}
	c := exec.Command("ip", append([]string{"netns", "exec", h.NS, name}, args...)...)
	c.Stdout, c.Stderr = logf, logf
	// Killed with the test process, even on a crash.
	c.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL, Setpgid: true}
	return c, nil
}

// Process is a command started in a host.
type Process struct {
	Cmd  *exec.Cmd
	Log  string
	done chan struct{}
	err  error
}

// Done is closed once the process exited; Err then says how.
func (p *Process) Done() <-chan struct{} { return p.done }

// Err is the process's exit error, after Done.
func (p *Process) Err() error { return p.err }

// Stop sends SIGTERM, then SIGKILL after grace, and waits for the exit.
func (p *Process) Stop(grace time.Duration) {
	select {
	case <-p.done:
		return
	default:
	}
	syscall.Kill(-p.Cmd.Process.Pid, syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(grace):
		syscall.Kill(-p.Cmd.Process.Pid, syscall.SIGKILL)
		<-p.done
	}
}

// Start runs name in h with output appended to logPath; Close stops it.
func (h *Host) Start(logPath string, name string, args ...string) (*Process, error) {
	c, err := h.Command(logPath, name, args...)
	if err != nil {
		return nil, err
	}
	err = c.Start()
	c.Stdout.(*os.File).Close() // the child holds its own copy
	if err != nil {
		return nil, fmt.Errorf("start %s in %s: %w", name, h.Name, err)
	}
	p := &Process{Cmd: c, Log: logPath, done: make(chan struct{})}
	go func() {
		p.err = c.Wait()
		close(p.done)
	}()
	h.nw.mu.Lock()
	h.nw.procs = append(h.nw.procs, p)
	h.nw.mu.Unlock()
	return p, nil
}

// Close stops every process started in the network (SIGTERM, SIGKILL
// after 10s) and deletes every namespace, bridges and veths with them.
func (nw *Network) Close() error {
	nw.mu.Lock()
	procs, names := nw.procs, nw.names
	nw.procs, nw.names = nil, nil
	nw.mu.Unlock()
	var wg sync.WaitGroup
	for _, p := range procs {
		wg.Go(func() { p.Stop(10 * time.Second) })
	}
	wg.Wait()
	var errs []error
	for i := len(names) - 1; i >= 0; i-- {
		killAll(names[i])
		if _, err := run("ip", "netns", "del", names[i]); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func (nw *Network) addNS(name string) error {
	if _, err := run("ip", "netns", "add", name); err != nil {
		return err
	}
	nw.names = append(nw.names, name)
	return nil
}

func runAll(steps [][]string) error {
	for _, s := range steps {
		if _, err := run(s[0], s[1:]...); err != nil {
			return err
		}
	}
	return nil
}

// run runs a command to completion (bounded: ip and tc answer at once).
func run(name string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var out, errb bytes.Buffer
	c := exec.CommandContext(ctx, name, args...)
	c.Stdout, c.Stderr = &out, &errb
	if err := c.Run(); err != nil {
		return out.String(), fmt.Errorf("%s %s: %w: %s", name, strings.Join(args, " "), err, strings.TrimSpace(errb.String()))
	}
	return out.String(), nil
}
