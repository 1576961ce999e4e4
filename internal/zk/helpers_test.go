package zk

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// requireSolc skips the test when Node.js or the pinned npm packages are
// missing, except in CI, where they must be installed.
func requireSolc(t *testing.T) {
	t.Helper()
	why := ""
	if _, err := exec.LookPath("node"); err != nil {
		why = "node not found"
	} else if dir, err := ContractsDir(); err != nil {
		why = err.Error()
	} else if _, err := os.Stat(filepath.Join(dir, "node_modules", "solc")); err != nil {
		why = "contracts/node_modules is missing (run `make prereqs` or `npm ci` in contracts/)"
	}
	if why == "" {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s: CI needs Node.js and the contracts' npm packages to compile zk verifiers", why)
	}
	t.Skipf("%s: skipping the Solidity verifier test", why)
}
