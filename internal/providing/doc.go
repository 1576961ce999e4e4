// Package providing is the provider role's adapters around the pure
// provider.Machine: it publishes the provider's signed offers on gossip,
// answers bid requests (/deco/bid/1), serves consumers' task sessions
// (/deco/task/2), runs each assignment through internal/runner with the
// executors registered by task kind (WebAssembly, zk proving), settles
// proof tasks on chain and redeems vouchers on the machine's schedule.
//
// One loop owns the machine: handlers look up escrow facts (chain reads)
// on their own goroutine, post the event and wait for the loop to step it
// and perform the Ready (answers, runs, stops, result sends, redemptions);
// executions report back as events. Nothing else steps the machine.
//
// Who may ask for work: a bid request's and an assignment's consumer must
// carry a wire.Binding that names the peer that sent it (the consumer's
// EVM key signed that peer ID), so an EVM address, and the escrow it
// opened, is usable only by its own peer. The machine then runs only what
// it bid for, to that peer and that consumer, and only what the escrow
// covers. Offers and bids carry this provider's binding in turn.
//
// The node wires it through the ports defined here (Gossip, Payments,
// ProofSettler, and Seal/Open functions for envelopes); it does not
// import internal/node (internal/arch checks).
//
//	p := providing.New(providing.Config{Seal: seal, Open: open, Binding: b, ...})
//	host.HandleRequest(p2p.ProtoBid, 1<<20, p.HandleBid)
//	host.Handle(p2p.ProtoTask, p.HandleTask)
//	err := p.Start(ctx) // only on a provider; otherwise it refuses work
//	defer p.Close()     // after ctx ends
package providing
