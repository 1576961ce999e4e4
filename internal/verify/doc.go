// Package verify decides whether a task result can be trusted. It is part
// of the pure core: no I/O, no clock (time is an argument).
//
// Receipts: the EIP-712 digest a provider signs with its EVM key (the same
// digest the JobEscrow contract recomputes, so a receipt is evidence on
// chain), signing and recovery, and Check, which a consumer runs before it
// counts a result:
//
//	d := verify.Domain{ChainID: 1337}
//	sig, _ := verify.Sign(key, d, r)          // provider
//	err := verify.Check(d, r, sig, verify.Expect{Spec: spec, Outputs: m}) // consumer
//
// Attestation "software" means the receipt is signed by the provider's key
// and nothing more: no hardware claim is made.
//
// Replication: Quorum accepts an output root only when a strict majority
// of distinct voters holds it (two votes sharing a peer id, an EVM address
// or a network, see Subnet, are one voter), and says how many replicas a
// split needs:
//
//	d := verify.Quorum(votes, 3) // d.Accepted, d.Root, d.Winners, d.Losers, d.Want
//
// Reputation and trust: Reputation counts each provider's validated,
// unchecked, invalid and faulty results with exponential decay (an
// invalid result weighs ten valid ones: slow to earn, fast to lose) and
// keeps a Trust per (provider, program), the unit of BOINC-style adaptive
// replication. AdaptiveConfig turns a Trust into the chance of replicating
// the next result, drawn deterministically from a secret seed. Reputation
// marshals to JSON for the node to persist.
//
// Fraud: Evidence is a self-contained proof that a provider cheated — two
// receipts it signed for one task and one spec (SpecHash: everything that
// determines the output) with different output roots
// (equivocation, what JobEscrow.reportEquivocation checks), or a zk proof
// it committed to that fails — which Evidence.Check verifies without
// trusting whoever reported it. A bad proof is checked against the circuit
// named in the signed outputs (CircuitFile), and only a ProofVerifier
// verdict wrapping ErrProofFails proves fraud: a checker that cannot judge
// proves nothing.
//
// The simulator's verification mode (sim.RunVerification, `deco bench
// verify`) measures the policies by driving the real market.
package verify
