// Package zk is Deco's zk-SNARK verification policy: a registry of gnark
// Groth16 circuits on BN254, their setup, proving and off-chain
// verification, and the export of a verifying key as the Solidity
// verifier the JobEscrow contract calls to pay a task against its proof.
//
// Circuits (Lookup by name, "kind" or "kind/size"; Names lists the kinds):
//
//   - cubic: knows x with x³ + 5x + 9 = y for public y, without revealing
//     x. The consumer fixes y (CubicY(x) of a small x); the provider finds
//     x itself: f is strictly increasing on the non-negative integers, so
//     a binary search finds the integer root or proves there is none
//     (ErrNoSolution). Nobody hands the provider x.
//   - sumsq/N (default N = 1000): y = 1² + … + n² for public n ≤ N.
//   - mimc-chain/N (default N = 275: 128,828 constraints, just under 2^17
//     with the statement hash, a proof in about 2.3 s on two cores): out =
//     MiMC applied n times to seed (gnark's BN254 MiMC, one field element
//     per step, 334 constraints), public seed, n ≤ N, out.
//
// Variable counts (n ≤ N) use selection bits 1…10…0 constrained to be
// boolean, monotone and to sum to n, not gnark's lookup range checks: a
// circuit with commitments would need a commitment check in the Solidity
// verifier too. Deco's keys and proofs never carry commitments.
//
// The statement, in the order of Proof.PublicInputs and of the words the
// escrow takes: the fixed inputs the consumer chooses (Circuit.Fixed;
// cubic [y], sumsq [n], mimc-chain [seed, n]), the outputs the provider
// computes (Circuit.Outputs; sumsq [y], mimc-chain [out]), and last the
// payee's EVM address. The Groth16 proof has one public input, the
// statement's digest (StatementDigest: the low 253 bits of sha256 over the
// words, the payee as 20 bytes); every circuit recomputes it from its own
// wires with a lookup-free SHA-256 (package shacircuit, ~25,000
// constraints per 64-byte block). One public input keeps the verifier's
// gas constant whatever the statement's length (one scalar multiplication,
// ~6,150 gas, instead of one per word) and the escrow pays ~100 gas for
// the EVM's sha256: proving time is traded for settlement gas. The payee
// is hashed in, so a proof verifies for one payee only: whoever copies a
// proof from the mempool cannot be paid with it.
//
// Invariants: constraint systems are compiled once per process and cached
// by circuit ID; keys and proofs name their circuit and are refused for
// another (ErrWrongCircuit); bytes from the network are checked for shape
// before gnark allocates anything and for curve and subgroup membership
// when decoded (ErrMalformed); statement words are canonical field
// elements (the circuit's bit decompositions prove it) and the payee an
// address; Verify rejects a tampered proof,
// input or payee with ErrInvalidProof.
//
// Trusted setup: Setup draws fresh randomness from crypto/rand and the
// toxic waste never leaves gnark's Setup call, so only the process that
// ran it could ever have forged proofs, and only while it ran. Keys are
// never derived from a seed (known toxic waste would let anyone forge).
// A production network should use keys from a multi-party ceremony
// (gnark's backend/groth16/bn254/mpcsetup), which is sound if one
// participant is honest.
//
// On chain: one verifier contract serves every circuit
// (contracts/src/Groth16Verifier.sol, compiled once and committed; its
// bytecode is in the binary through internal/chain's bindings). A circuit
// gets its own deployment, its verifying key as constructor arguments:
// VerifyingKey.EVMKey gives them (ErrNotOnChain for a key with other than
// one public input or with commitments), chain.Client.DeployGroth16Verifier
// deploys it, and the escrow registers it under VerifyingKey.Digest. No
// Solidity compiler runs at run time.
//
// Fraud: a provider writes a proof under /outputs as Proof.Files (the
// circuit ID, the proof, the public inputs as 32-byte words), so its
// signed output root commits to them. Verifiers, holding verifying keys,
// is the verify.ProofVerifier that turns a failing committed proof into
// verify.Evidence anyone with the key can check (ParseFiles reads the
// files back).
//
// Example:
//
//	c, _ := zk.Lookup("mimc-chain")
//	keys, _ := zk.Setup(ctx, c)                  // consumer, once per circuit
//	pkBytes, _ := keys.ProvingKeyBytes()         // shared by content address (wire.CIDOf)
//
//	pk, _ := zk.LoadProvingKey(pkBytes)          // provider
//	proof, _ := zk.Prove(ctx, c, pk, map[string]string{"seed": "7", "n": "100"}, providerAddr)
//
//	err := zk.Verify(keys.Verifying, proof)      // consumer, off-chain
//	err = c.CheckTask(proof, params, providerAddr) // and about the task it asked for
//
//	ev := verify.BadProof(receipt, sig, outputs, c.ID(), proofFile, publicFile)
//	who, err := ev.Check(domain, zk.NewVerifiers(keys.Verifying)) // fraud proven: err == nil
package zk
