// Package verify decides whether a task result can be trusted. It is part
// of the pure core: no I/O, no clock.
//
// This file set holds the receipt rules of Proof-of-Execution: the EIP-712
// digest a provider signs with its EVM key (the same digest the JobEscrow
// contract recomputes, so a receipt is evidence on chain), signing and
// recovery, and Check, which a consumer runs before it accepts a task:
//
//	d := verify.Domain{ChainID: 1337}
//	sig, _ := verify.Sign(key, d, r)          // provider
//	err := verify.Check(d, r, sig, verify.Expect{Spec: spec, Outputs: m}) // consumer
//
// Attestation "software" means the receipt is signed by the provider's key
// and nothing more: no hardware claim is made.
package verify
