// Package e2e holds end-to-end tests: they build the real `deco` binary,
// start a devnet of separate OS processes on loopback and drive it with the
// CLI, the way a user would (as Tailscale's tstest/integration does).
//
// The TestNetns* tests (netns_test.go) run each node in a network
// namespace of its own (internal/netns): bootstrap-only discovery, a
// provider reachable only through a relay, a partition and a bandwidth
// limit. They need root: without it they skip, and under CI=true they
// fail. BenchmarkNetns and BenchmarkNetnsRelay compare a job across
// namespaces with loopback, and relayed with direct transfers.
//
// They wait on conditions with generous, bounded deadlines and never on
// sleeps, so they pass on a loaded 2-core machine.
package e2e
