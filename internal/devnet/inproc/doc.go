// Package inproc runs development networks of real nodes inside one
// process: a consumer and providers on loopback, on an in-process
// simulated chain when payments are wanted. deco demo, deco bench and
// tests use it.
//
// It binds devnet's node-agnostic cluster (devnet.StartCluster) to
// *node.Node; the node package's own tests cannot import this package
// (it imports node), so they call devnet.StartCluster with their own
// Launch.
//
// Invariants: every node listens on 127.0.0.1 only, with the DHT off;
// Start returns only once the consumer has every provider's offer, and
// on error it has closed every node it started.
//
//	c, err := inproc.Start(ctx, inproc.Options{Providers: 3, Chain: true})
//	if err != nil {
//		return err
//	}
//	defer c.Close()
//	job, err := c.Client.Submit(ctx, j)
package inproc
