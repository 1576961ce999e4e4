// Package wallet builds a node's wallet for the API: its account on chain
// (DECO, gas, stake and peer binding), the escrows it opened as a
// consumer, what its provider earns, and the transactions it sent, each of
// which can be read back from the chain with its events.
//
// It is an adapter between the node's payment parts (internal/pay), the
// chain client (internal/chain) and the API's views (internal/api). The
// transaction log (Log) hears of every transaction the node's chain client
// sends (chain.Client.Observe) and keeps the newest MaxEntries in memory
// and in the node's database, so the wallet's history survives a restart.
//
// Usage, in the node's wiring:
//
//	log, _ := wallet.OpenLog(db, clk)
//	client.Observe(log.Record)
//	w := wallet.Wallet{Chain: client, Consumer: cons, Provider: prov, Log: log, Peer: host.ID().String(), Names: names}
//	view, err := w.View(ctx)
package wallet
