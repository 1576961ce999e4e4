package spec

import "github.com/deco-network/deco/internal/wire"

// The check policy: a job whose results are cheap to verify but costly to
// produce (a proof-of-work nonce, a solution of a puzzle, a factorisation)
// names a checker program instead of replicating its tasks:
//
//	verification: check
//	checker:
//	  wasm: check/check.wasm   # or cid: once uploaded
//
// The consumer runs the checker once per result, in its own sandbox, with
// the task's args and env, the task's inputs at /inputs and the provider's
// outputs at /outputs (a copy). Exit 0 accepts the result; any other exit,
// or the checker stopped at the job's time, memory or output limit,
// rejects it, and its stderr is the reason.

// validateChecker checks the checker section against the policy (known:
// the policy parsed).
func (j Job) validateChecker(policy Verification, known bool, add func(p, f string, a ...any)) {
	check := known && policy.Policy == VerifyCheck
	c := j.Checker
	switch {
	case check && c == nil:
		add("checker", "verification check needs a checker program, e.g. checker: {wasm: check.wasm}")
		return
	case c == nil:
		return
	case known && !check:
		add("checker", "a checker judges results only with verification: check (got %s)", policy)
	}
	if c.WASM == "" && c.CID == "" {
		add("checker", "set checker.wasm (a .wasm file) or checker.cid")
	}
	if c.CID != "" {
		if _, err := wire.ParseCID(string(c.CID)); err != nil {
			add("checker.cid", "%v", err)
		}
	}
	if c.Size < 0 {
		add("checker.size", "must not be negative, got %d", c.Size)
	}
	if check && j.Checks != nil && (j.Checks.Local != nil || j.Checks.Known != nil) {
		add("checks", "the checker judges every result of a check job; remove checks")
	}
}
