// Package stake is the consumer's view of providers' stake: a cache of
// each provider's standing in the registry contract (bonded stake,
// unbonding stake, the minimum, its peer binding), read through
// internal/chain, kept fresh by following the registry's events, and the
// one decision the node asks of it: may this peer, paid at this EVM
// address, be asked for bids?
//
// A provider is eligible when its bonded stake is non-zero and reaches the
// registry's minimum, and its EVM address recorded a peer binding whose
// signature verifies with the public key inside the peer ID and names the
// very peer that offers or bids. That is what the escrow checks before it
// pays (JobEscrow's PayeeNotStaked, PayeeNotBound) plus what only an
// off-chain reader can check (ed25519): a provider the cache refuses
// could not be paid, or could be paid as someone else.
//
// Bonded stake cannot leave before the window of any job it is paid from
// has closed: the escrow opens no job whose deadline plus refund grace
// lies beyond the registry's unbonding delay, and a request to unbond
// restarts that delay. So "not unbonding before the job's deadline plus
// grace" needs no check of its own here: only bonded stake counts.
//
// Invariants: Eligible never reports a provider eligible from a read
// older than the last registry event that named it (events invalidate
// entries; TTL bounds staleness when events cannot be read); a refused
// provider is logged once per reason.
//
//	c := stake.New(chainClient, stake.Options{Logger: log})
//	go c.Run(ctx)
//	if err := c.Eligible(ctx, peerID, evm); err != nil {
//		// drop the offer or bid; errors.Is(err, stake.ErrNoStake) ...
//	}
package stake
