package arch

import "testing"

// TestProvidingIsNotTheNode: the provider role's adapters
// (internal/providing) are wired by the node through ports they define;
// they never reach back into the composition root, which would put role
// logic and wiring in one knot again.
func TestProvidingIsNotTheNode(t *testing.T) {
	for _, dep := range list(t, "github.com/deco-network/deco/internal/providing").Deps {
		if dep == "github.com/deco-network/deco/internal/node" {
			t.Fatal("internal/providing depends on internal/node: define the port it needs in providing and let the node wire it")
		}
	}
}
