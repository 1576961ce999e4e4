// Package zktest holds what tests across Deco need around zk: a check that
// the Solidity verifier compiler (Node.js and the contracts' pinned npm
// packages) is installed, which skips a test locally and fails it in CI.
//
// Example:
//
//	func TestSettle(t *testing.T) {
//		zktest.RequireCompiler(t, "the on-chain zk verification test")
//		...
//	}
package zktest
