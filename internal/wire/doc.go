// Package wire defines Deco's versioned network messages, their codecs and
// the identifiers every other package shares: job and task ids, content
// addresses (CIDs), amounts, and the canonical manifests whose content
// addresses become a task's input root and output root.
//
// The package is part of the pure core: it does no I/O and reads no clock.
// Every decoder of untrusted bytes (Decode, DecodeEnvelope, ParseManifest)
// enforces a size bound and is covered by a fuzz target.
//
// A message travels inside a signed Envelope:
//
//	env, _ := wire.Seal(key, wire.TypeBid, bid, now, time.Minute, nonce)
//	raw, _ := env.Marshal()
//	// ... on the other side
//	env, err := wire.DecodeEnvelope(raw)
//	err = env.Verify(now)          // signature; expiry past now, at most MaxTTL ahead
//	var b wire.Bid
//	err = env.Open(wire.TypeBid, &b)
//	err = guard.Check(env, now)    // last: record only accepted messages
//
// A ReplayGuard remembers each signer's unexpired nonces in its own bounded
// window, so a sender that floods fills only its own window (ErrTooMany).
package wire
