// Package e2e holds end-to-end tests: they build the real `deco` binary,
// start a devnet of separate OS processes on loopback and drive it with the
// CLI, the way a user would (as Tailscale's tstest/integration does).
//
// They wait on conditions with generous, bounded deadlines and never on
// sleeps, so they pass on a loaded 2-core machine.
package e2e
