// Package localcheck runs a task on the consumer's own machine, so the
// consumer's market can compare an accepted output root with its own
// (market.CheckLocal, answered by market.Checked).
//
// A consumer that runs a random sample of the results it accepts makes
// every lie a gamble for the provider that tells it, colluding or not: a
// result that differs from the consumer's own run is a proven lie, and the
// market convicts its provider. The check runs in the same sandbox as a
// provider's task (internal/runner, wazero), from the program and inputs
// the consumer already holds, one task at a time, so it costs the consumer
// about one task's run per checked result.
//
// It also runs the check policy's checker (market.RunChecker, answered by
// market.Judged, judge.go): the job's checker program, in the same sandbox,
// on a result's outputs the consumer stored after paying for them.
//
// Invariants: a check fetches nothing from the network (a blob missing from
// the consumer's store fails the check, which then concludes nothing),
// every CheckLocal gets exactly one Checked and every RunChecker exactly
// one Judged (Answer dispatches both).
//
// Example:
//
//	c, err := localcheck.New(localcheck.Config{Blobs: blobs, Signer: signer, Clock: clk, WorkDir: home.Path("checks")})
//	checked := c.Check(ctx, action) // step it into the market
package localcheck
