// Package netns builds small networks of Linux network namespaces for
// multi-host tests: one namespace per host, joined by bridges (each
// bridge in a namespace of its own), with addresses in 10.77.0.0/16,
// routes, token-bucket bandwidth limits (tc tbf), links taken down and up
// for partitions, and processes run inside a host with their output kept
// in a log file. It is an adapter: it runs `ip` and `tc` and needs root.
//
// Layout. A Switch is a bridge in namespace "deco-<pid>-<seq>-sw<N>" on subnet
// 10.77.<S>.0/24; the root namespace joins every switch at 10.77.<S>.254
// (Switch.Gateway), so a service the test process serves there (a dev
// chain's JSON-RPC) is reachable from every host attached to the switch,
// while the root namespace forwards nothing between switches. A Host is a
// namespace "deco-<pid>-<seq>-<name>" with loopback up; Attach gives it an
// interface on a switch. A host has routes only to the subnets it is on,
// plus those added with Route: two hosts on different switches cannot
// reach each other unless a host on both forwards (Forward) and routes
// say so.
//
// Names carry the creating process's PID (Prefix), so CleanStale removes
// what a crashed run left behind without touching a live run's network.
// Network.Close kills the processes it started and deletes every
// namespace (their interfaces go with them).
//
// Host.DialContext opens a TCP connection from inside a host (its
// loopback included): tests reach a node's API, which only listens on the
// node's loopback, through an http.Client using it.
//
//	nw, err := netns.New()
//	sw, _ := nw.Switch(1)
//	a, _ := nw.Host("a")
//	ip, _ := a.Attach(sw, 2) // 10.77.<S>.2
//	cmd := a.Command(ctx, "/path/to/deco", "node", "--home", home)
//	defer nw.Close()
package netns
