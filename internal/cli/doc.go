// Package cli implements the `deco` command line with cobra: flags become
// config, client commands talk to a node over its HTTP API (internal/api),
// and the devnet/demo/bench commands start whole networks through
// internal/devnet (the CLI parses, calls and prints; it composes nothing).
//
// A client command finds its node in this order: --api/--token; env
// DECO_API/DECO_TOKEN; env DECO_DEVNET=DIR (the consumer listed in
// DIR/devnet.json); the node running in the home (--home, DECO_HOME, ~/.deco).
//
//	os.Exit(cli.Main(os.Args[1:]))
package cli
