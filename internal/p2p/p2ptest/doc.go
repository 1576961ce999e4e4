// Package p2ptest gives tests a bare Deco peer: a real libp2p host on
// loopback with a peer key, an EVM key and the binding between them,
// which seals, opens and sends messages the way a node does but decides
// nothing. Tests use it to play a consumer, a stranger or an attacker
// against a real provider or consumer.
//
//	p := p2ptest.NewPeer(t)
//	p.Connect(t, prov.Host.Addrs()[0])
//	bid := p.RequestBid(t, prov.ID(), req)
//	res := p.Assign(t, prov.ID(), wire.Assign{Spec: spec, Consumer: p.Address(), Binding: p.Binding})
//
// Everything is bounded by deadlines; failures end the test.
package p2ptest
