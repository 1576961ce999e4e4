// Package clock gives adapters an injectable notion of time. The pure core
// never reads a clock: it receives `now` as a value. Adapters (the node's
// driver loop, the API) take a Clock so tests can use Fake and advance time
// by hand, the way etcd raft is driven by Tick().
//
//	c := clock.NewFake(time.Unix(0, 0))
//	c.Advance(time.Second)
package clock
