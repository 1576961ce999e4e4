// Package metrics holds the node's Prometheus collectors and the small
// functions adapters call to feed them.
//
// The pure core (market, sched, verify, ...) never imports this package:
// the consumer's market is observed from outside, by a Market that the
// node's loop shows every stepped event and the Ready it returned (the
// same streams the loop persists and performs), and adapters report what
// only they see (bytes on the data protocol, chain transactions and their
// gas, checkpoint sizes) through the package-level functions.
//
// One registry serves the whole process (Registry), as one process is one
// node; nodes started in one process (tests, in-process clusters) share
// its counters. Label values are bounded: states and policies come from
// fixed sets and attempt reasons are classified (ReasonClass), the full
// reason stays in `deco job describe`.
//
// Example:
//
//	m := metrics.NewMarket()
//	rd := market.Step(now, ev)
//	m.Stepped(now, ev, rd)
//	metrics.ChainTx("openJob", receipt.GasUsed)
//	http.Handle("/metrics", metrics.Handler())
package metrics
