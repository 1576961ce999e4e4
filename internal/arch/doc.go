// Package arch holds tests that keep Deco's shape: the pure core packages
// (wire, spec, market, sched, verify, pricing, clock) import no network,
// file system, process, wasm runtime, libp2p or chain-client package, and
// never read the wall clock. Like Tailscale's deptest, the build of the
// test suite fails when someone adds such an import.
package arch
