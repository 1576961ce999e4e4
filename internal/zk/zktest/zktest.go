package zktest

import (
	"os"
	"testing"

	"github.com/deco-network/deco/internal/zk"
)

// RequireCompiler skips t (what names it in the message) when
// zk.CompileVerifier cannot run here, except under CI, where a missing
// compiler fails the test: CI installs it (make prereqs).
func RequireCompiler(t testing.TB, what string) {
	t.Helper()
	why := zk.CompilerMissing()
	if why == "" {
		return
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s: CI needs Node.js and the contracts' npm packages to compile zk verifiers", why)
	}
	t.Skipf("%s: skipping %s", why, what)
}
