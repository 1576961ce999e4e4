// Package devnet holds the development setups of a Deco network: what a
// developer needs to run one on a laptop, kept out of the node (which
// builds adapters and runs loops) and out of the CLI (which parses flags,
// calls and prints).
//
//   - Chain, StartChain, SetupAccounts, StakeAndBind: a dev chain (embedded
//     go-ethereum or an external `geth --dev`) with the contracts deployed
//     and every node funded, every provider staked and bound (Params: short
//     refund and unbonding delays).
//   - Circuits, SetupCircuits, EnsureKeys: zk circuits set up once per key
//     cache, their verifiers deployed and registered in the escrow.
//   - Start, Network: `deco devnet`, a consumer and providers as separate
//     `deco node` processes, supervised, described in DIR/devnet.json
//     (File, ReadFile) for client commands.
//   - StartCluster, Cluster: in-process networks on loopback over any node
//     type (Member); package inproc binds it to *node.Node for `deco demo`
//     and `deco bench`, and the node package's tests bind it themselves.
//
// Invariants: devnet does not import internal/node (so the node's tests
// can use it); every node of a devnet listens on 127.0.0.1 only; a devnet
// chain's accounts are funded before any node starts, so a provider can
// bid from its first offer. Nothing here runs in production wiring.
//
//	dc, stop, err := devnet.StartChain(ctx, "", nodes, nil, os.Stderr)
//	if err != nil {
//		return err
//	}
//	defer stop()
//	cfg.Chain, cfg.ChainID = dc.Config(), dc.ChainID
package devnet
