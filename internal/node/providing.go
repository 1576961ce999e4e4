package node

import (
	"context"

	"github.com/deco-network/deco/internal/p2p"
	"github.com/deco-network/deco/internal/providing"
)

// startProviding wires the provider role (internal/providing) and, on a
// provider, starts it. Every node answers bid requests and task
// sessions; one that does not provide refuses them.
func (n *Node) startProviding(ctx context.Context) error {
	c := providing.Config{
		Settings: n.opts.Config.Provider, Home: n.opts.Home, Binding: n.binding, Key: n.id.EVMKey, Domain: n.domain,
		Seal: n.seal, Open: n.open, Gossip: n.host, Blobs: n.blobs, Fetcher: n.sessions, Access: n.access,
		Clock: n.clk, Logger: n.log, OfferInterval: n.opts.OfferInterval, Executor: n.opts.Executor,
		Attester: n.opts.Attester, WrapExecutor: n.opts.WrapExecutor, EditReceipt: n.opts.EditReceipt, Malice: n.opts.Malice,
		EditBeat: n.opts.EditBeat, Debtors: providing.DebtorBook{DB: n.db}, Runs: providing.RunBook{DB: n.db},
	}
	// Nil pointers would make non-nil ports.
	if n.pay.provider != nil {
		c.Payments = n.pay.provider
	}
	if n.pay.proofs != nil {
		c.Proofs = n.pay.proofs
	}
	n.prov = providing.New(c)
	n.host.HandleRequest(p2p.ProtoBid, 1<<20, n.prov.HandleBid)
	n.host.Handle(p2p.ProtoTask, n.prov.HandleTask)
	if !n.opts.Config.Provider.Enabled {
		return nil
	}
	return n.prov.Start(ctx)
}
