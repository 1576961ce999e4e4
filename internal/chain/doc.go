// Package chain is Deco's adapter to an EVM chain: the one place that moves
// money. Money moves only through the Solidity contracts in contracts/
// (DecoToken, ProviderRegistry, JobEscrow), executed by go-ethereum's EVM,
// so every figure a user sees can be reconciled from the chain alone.
//
// The node uses the Chain interface. Two implementations share one Client:
//
//   - NewSimulated: go-ethereum's simulated backend in-process (a real EVM
//     and state database; chain id 1337), with the contracts deployed and
//     accounts funded. Transactions are mined as they are sent. WithHTTP
//     also serves JSON-RPC on loopback for other processes and mines what
//     they send. It runs Osaka, the rules Ethereum mainnet runs, unless
//     WithAllForks asks for every fork go-ethereum knows (as `geth --dev`).
//   - Dial: a JSON-RPC client for any EVM node: the chain id is checked,
//     fees are EIP-1559, nonces are managed locally (use one Dial per key;
//     a Simulated's clients of one key share theirs), receipts are waited for, and
//     every call retries with backoff while the node is unreachable, so a
//     Deco node keeps running through a chain outage and carries on after.
//
// Deploy deploys and wires the three contracts on any chain.
//
// Stake (stake.go): Standing reads what the escrow judges a payee by (plus
// the peer binding to verify off-chain), and RegistryChangesSince names
// the providers the registry's events touched after a block, so a reader
// (internal/stake) can cache standings and refresh them on events.
//
// Proof jobs (ProofEscrow, the zk policy): the escrow's owner deploys
// Deco's one Groth16 verifier contract with a circuit's verifying key
// (DeployGroth16Verifier; the key from internal/zk's EVMKey; no Solidity
// compiler at run time) and registers it under a circuit id (SetCircuit; the id is the verifying key's
// digest). A consumer opens a job with OpenProofJob: a circuit, a price
// per task and the root of a TaskTree whose leaves bind each task id and
// index to the inputs the consumer fixes. A provider proves a task with
// its own address as the proof's payee and calls SettleWithProof (or
// SettleWithProofs for several tasks in one transaction): the escrow
// checks the leaf, the payee, that the task is unpaid and that the
// deposit covers the price, has the verifier check the proof, and pays
// the caller. Proof payments count in Redeemed, so a cumulative voucher
// pays only what exceeds everything the provider received; a task is paid
// once; a rejected claim reverts and pays nothing.
//
// Invariants the contracts enforce and the tests check after randomized
// sequences: the token supply is conserved (no burn; slashed stake goes to
// the reporter and the treasury); the escrow holds exactly deposits −
// redeemed − refunded; no provider is paid more than its latest voucher
// plus its proof-settled tasks (vouchers are cumulative; the contract pays
// the difference to what it already paid, never beyond the deposit, never
// twice); each equivocation is punished once; stake moves only on evidence
// the contract verified; a job id opens only for the consumer it names
// (NewJobID), so nobody can take a consumer's id by opening it first; no
// job's refund time lies beyond the registry's unbonding delay from its
// opening (ErrDeadlineBeyondUnbonding), so stake outlasts every job it is
// paid from; and only staked, peer-bound providers are paid, by voucher or
// proof (ErrPayeeNotStaked, ErrPayeeNotBound). The randomized
// sequences cover vouchers, stakes and evidence: the proof-job rules (each committed task paid at
// most once, only to the payee its proof names) are checked by the
// table-driven proof tests.
//
// Signatures: vouchers and receipts are EIP-712 typed data under the domain
// {name "Deco", version "1", chainId, verifyingContract = JobEscrow}, with
// the types ReceiptType and VoucherType. SignVoucher, ReceiptDigest and
// VoucherDigest match the contract exactly; receipts signed by the core's
// internal/verify convert with ReceiptFromWire and carry over unchanged.
//
// Errors: a contract revert is a *RevertError with its decoded Solidity
// error; match it with errors.Is against ErrUnknownJob, ErrNothingToRedeem
// and the other ErrX revert values. ErrInsufficientFunds is reported before
// anything is sent when the wallet is short.
//
// Example:
//
//	sim, _ := chain.NewSimulated(ctx, chain.WithAccounts(consumerKey, providerKey))
//	defer sim.Close()
//	consumer, _ := sim.Client(consumerKey)
//	provider, _ := sim.Client(providerKey)
//	jobID := chain.NewJobID(consumer.Address(), entropy).Bytes32() // only consumer can open it
//	_ = consumer.OpenJob(ctx, jobID, chain.DECO(10), deadline)
//	sig, _ := consumer.SignVoucher(jobID, provider.Address(), chain.DECO(3)) // after 3 tasks at 1 DECO
//	err := provider.Redeem(ctx, jobID, provider.Address(), chain.DECO(3), sig)
//	if errors.Is(err, chain.ErrNothingToRedeem) { ... }
//
//	// Proof jobs (see internal/zk):
//	tree, _ := chain.NewTaskTree(jobID, []chain.ProofTask{{ID: taskID, Fixed: fixed}})
//	_ = consumer.OpenProofJob(ctx, jobID, chain.DECO(10), deadline,
//		chain.ProofJob{Circuit: circuitID, Price: chain.DECO(1), TaskRoot: tree.Root(), Tasks: tree.Len()})
//	path, _ := tree.Path(0)
//	err = provider.SettleWithProof(ctx, jobID, chain.ProofClaim{TaskID: taskID, Index: 0, Path: path,
//		Proof: proof.SolidityProof, PublicInputs: proof.PublicInputs})
//	if errors.Is(err, chain.ErrProofRejected) { ... }
//
//	// Against any node:
//	c, _ := chain.Dial(ctx, "http://127.0.0.1:8545", key, addrs, chain.WithChainID(big.NewInt(1337)))
//
// The contracts and bindings are built by contracts/build.sh;
// TestGeneratedUpToDate fails when the committed output is stale.
package chain
