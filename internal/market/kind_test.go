package market

import (
	"testing"

	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
)

// A task declares the executor kind its job needs: a provider picks its
// executor by it, never by the program's bytes.
func TestAssignDeclaresTaskKind(t *testing.T) {
	for _, tc := range []struct {
		policy, want string
	}{
		{spec.VerifyReceipt, wire.KindWasm},
		{spec.VerifyAdaptive, wire.KindWasm},
		{spec.VerifyZK, wire.KindZK},
	} {
		h := newHarness(t, Config{})
		h.offer("pA", 2, 100)
		assigns := of[Assign](h.bidAll(h.step(Submit{Job: policyJob(1, 2, tc.policy)}), 50, 2))
		if len(assigns) == 0 {
			t.Fatalf("%s: no assignment", tc.policy)
		}
		for _, a := range assigns {
			if a.Msg.Spec.Kind != tc.want {
				t.Errorf("%s job: task kind %q, want %q", tc.policy, a.Msg.Spec.Kind, tc.want)
			}
		}
	}
}
