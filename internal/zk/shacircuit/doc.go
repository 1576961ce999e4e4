// Package shacircuit is SHA-256 (FIPS 180-4) as a gnark circuit gadget:
// Sum constrains the digest of a message given as bits.
//
// It compiles to plain R1CS: products, one division-style constraint and
// hinted bit splits, with no lookup tables, range-check gadgets or
// commitments. gnark's own std/hash/sha2 and std/math/uints range-check
// through logderivlookup, which calls api.Compiler().Commit and so puts a
// Pedersen commitment in the Groth16 proof; Deco's Solidity verifier takes
// keys and proofs without commitments only (see internal/zk).
//
// Cost, measured by TestConstraintsPerBlock on BN254: 17,824 constraints
// per 64-byte block (17,497 for the first, where the constant initial hash
// value folds away). Per round: 32 each for Σ0, Σ1, Ch and Maj, and two
// 35-bit splits with their equality for the new a and e (200); per block
// also 48 schedule words at 99 (σ0, σ1, a 34-bit split) and the final 8
// additions at 34.
//
// The saving over the usual bit circuit (about 29,000 a block) is that a
// three-way xor or majority of bits a, b, c costs one constraint, not two:
// with s = a+b+c, the constraint q·(2s−3) = s fixes q (2s−3 is never 0 for
// s in 0…3), and q is 0, −1, 2, 1 there, so (s−q)/2 is a⊕b⊕c and (s+q)/4
// is the majority, both linear in q. Additions of k words form one linear
// sum (free) and split it once into 32 + ⌈log₂ k⌉ boolean bits.
//
// Invariants: every input bit must already be constrained to 0 or 1 (or be
// the constant 0 or 1); every output bit is then constrained to 0 or 1 too,
// or is a constant. Constant bits (padding, the initial hash value, round
// constants, or constant message bytes) are folded and add no constraints:
// the hash of a constant message costs none.
//
// Example, proving knowledge of a preimage of a public digest:
//
//	func (c *Preimage) Define(api frontend.API) error {
//		for _, b := range c.Msg { // secret, 8 bits a byte, top bit first
//			api.AssertIsBoolean(b)
//		}
//		digest := shacircuit.Sum(api, c.Msg)
//		for i := range digest {
//			api.AssertIsEqual(digest[i], c.Digest[i]) // public
//		}
//		return nil
//	}
package shacircuit
