// Package pay is Deco's payment logic between the node and the chain
// adapter (internal/chain): the consumer side opens a job's escrow (for a
// zk job a proof escrow, which providers settle themselves with proofs),
// signs a cumulative EIP-712 voucher per verified task and refunds the
// rest; the
// provider side refuses work no escrow pays for ("no deposit, no work"),
// keeps the vouchers it receives and redeems them on chain.
//
// It is an adapter: it talks to the chain, keeps its state in the node's
// database (buckets ConsumerBucket and ProviderBucket) and runs background
// loops; time comes from an injected now function.
//
// Invariants:
//   - A consumer never signs vouchers for a job that add up to more than
//     its deposit (ErrOverDeposit), so every voucher is redeemable in full.
//   - A voucher's amount is stored before it is returned (consumer) or
//     acknowledged (provider), so a restart never forgets a promise or a
//     payment claim; cumulative amounts per (job, provider) only go up.
//   - A provider accepts only vouchers naming itself and signed by the
//     consumer recorded on chain for the job (ErrBadVoucher), never going
//     backwards (ErrStaleVoucher).
//   - Figures reconcile from the chain: per job, consumer spend = provider
//     redemptions + vouchers not yet redeemed, and refund = deposit − what
//     providers redeemed.
//
// Amounts are wire.Amount (micro-DECO); the chain counts in the token's
// 18-decimal base unit (Amount.Wei).
//
// Node wiring, consumer side:
//
//	cons := pay.NewConsumer(client, db, log, clk.Now)
//	go cons.Run(ctx)                                        // refunds due escrows
//	budget, err := pricing.Budget(n, 1, max, 0)             // checked: an overflow is an error
//	err = cons.Open(ctx, job, budget, deadline)             // on submit; refuse the job on error
//	err = cons.OpenProof(ctx, job, budget, deadline, terms)  // a zk job instead: paid on proof, no vouchers
//	v, err := cons.Voucher(ctx, job, providerAddr, price)   // after a task's receipt verified; send v
//	cons.Finish(job)                                        // when the job ends
//	e, err := cons.Status(ctx, job)                         // `deco job describe`
//
// Provider side:
//
//	prov := pay.NewProvider(client, db, log, clk.Now, pay.ProviderOptions{})
//	cover, err := prov.Cover(ctx, job, consumerAddr)        // an escrow fact for provider.Machine, which reserves
//	err = prov.Accept(ctx, voucher)                         // voucher received over the task stream
//	held := prov.Holding(job)                               // its facts for the machine's redemption schedule
//	r := prov.Redeem(ctx, job)                              // when the machine says Redeem; step r back
//	err = prov.RedeemAll(shutdownCtx)                       // on shutdown, with a deadline
//
// A zk task is paid on proof instead: the provider settles the claim its
// executor returned, batched with the job's other claims (Proofs):
//
//	proofs := pay.NewProofs(escrow, log, pay.ProofOptions{}) // escrow: a chain.ProofEscrow
//	err = proofs.Settle(ctx, job, claim)                     // returns when its transaction is mined or failed
package pay
