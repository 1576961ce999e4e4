// Package clock gives adapters an injectable notion of time. The pure core
// never reads a clock: it receives `now` as a value. Adapters (the node's
// driver loops, payments, the API) take a Clock and get their timers and
// tickers from it, so tests use Fake and advance time by hand, the way
// etcd raft is driven by Tick(). Fake fires timers only inside Advance or
// Set, in deadline order; a ticker's channel holds one tick, as time's does.
//
//	c := clock.NewFake(time.Unix(0, 0))
//	t := c.NewTicker(time.Second)
//	c.Advance(time.Second) // t.C() now holds the tick at 1s
package clock
