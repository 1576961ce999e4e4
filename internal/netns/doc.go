// Package netns builds small networks of Linux network namespaces for
// multi-host tests: one namespace per host, joined by bridges (each
// bridge in a namespace of its own), with IPv4 addresses, routes,
// token-bucket bandwidth limits (tc tbf), links taken down and up for
// partitions, and processes run inside a host with their output kept in
// a log file. It is an adapter: it runs `ip` and `tc` and needs root.
//
// Layout. A Switch is a bridge in namespace "deco-<pid>-<seq>-sw<N>" on
// a subnet: 10.77.<S>.0/24 (Switch; S differs between networks alive at
// once) or any IPv4 prefix (SwitchOn; libp2p's AutoNAT ignores private
// addresses, so NAT tests use public-looking ones). The root namespace
// joins every switch at the subnet's last host address (Switch.Gateway),
// so a service the test process serves there (a dev chain's JSON-RPC) is
// reachable from the switch's hosts; the root namespace forwards nothing
// between switches. A Host is a namespace "deco-<pid>-<seq>-<name>" with
// loopback up; Attach gives it an interface on a switch. A host has
// routes only to the subnets it is on, plus those added with Route: two
// hosts on different switches cannot reach each other unless a host on
// both forwards (Forward) and routes say so. netem is not assumed (many
// kernels lack it): Delay is a TCP relay that adds latency where a test
// puts it in a path.
//
// Partitions: SetLink takes a host's port on a switch down on the
// switch's side, so the host keeps its addresses and routes and its
// connections see silence, not an error, as on a cut cable.
//
// Cleanup: names carry the creating process's PID (Prefix), so
// CleanStale removes what a crashed run left behind without touching a
// live run's network. Network.Close kills the processes it started and
// deletes every namespace (their interfaces go with them).
//
// Host.Do runs a function inside a host; DialContext, Listen and
// HTTPClient build on it, so a test reaches a node's API, which only
// listens on the node's own loopback.
//
//	nw, err := netns.New()
//	if err != nil {
//		return err // ErrNotRoot without the rights
//	}
//	defer nw.Close()
//	sw, _ := nw.Switch(1)
//	a, _ := nw.Host("a")
//	ip, _ := a.Attach(sw, 2) // 10.77.<S>.2
//	p, _ := a.Start(logPath, "/path/to/deco", "node", "--home", home)
//	_ = a.SetLink(sw, false) // partition a
package netns
