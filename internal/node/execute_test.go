package node

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/deco-network/deco/internal/exec"
	"github.com/deco-network/deco/internal/exec/zkexec"
	"github.com/deco-network/deco/internal/wire"
)

// A task of a kind the provider has no executor for fails at once, saying
// which kinds it runs; nothing is fetched or run.
func TestExecuteRefusesUnknownKind(t *testing.T) {
	n := &Node{prov: &provider{kinds: map[string]executor{wire.KindWasm: {}, wire.KindZK: {}}}}
	res, claim := n.execute(context.Background(), "", wire.Assign{Spec: wire.TaskSpec{Kind: "he", Attempt: 1}}, t.TempDir(), func(string, string) {
		t.Fatal("a status for a refused task")
	})
	if res.Failure != wire.FailBadModule || claim != nil || !strings.Contains(res.Message, `task kind "he"`) || !strings.Contains(res.Message, "wasm, zk") {
		t.Fatalf("result %+v, claim %v", res, claim)
	}
}

func TestFailureKind(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string
	}{
		{exec.ErrTimeLimit, wire.FailTimeLimit},
		{exec.ErrMemoryLimit, wire.FailMemoryLimit},
		{exec.ErrBadModule, wire.FailBadModule},
		{exec.ErrMissingInput, wire.FailMissingInput},
		{exec.ErrOutputTooLarge, wire.FailOutputTooLarge},
		{zkexec.ErrUncommitted, wire.FailNoEscrow},
		{context.Canceled, wire.FailProvider},
	} {
		if got := failureKind(fmt.Errorf("detail: %w", tc.err)); got != tc.want {
			t.Errorf("%v: %s, want %s", tc.err, got, tc.want)
		}
	}
}
