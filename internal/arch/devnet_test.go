package arch

import "testing"

// Development setups stay apart from the production node: the node never
// reaches internal/devnet (a devnet is not production wiring), and devnet
// itself does not import the node, so the node's own tests can build
// clusters with it (devnet/inproc is the one place that binds the two).
func TestDevnetApartFromNode(t *testing.T) {
	const (
		node   = "github.com/deco-network/deco/internal/node"
		devnet = "github.com/deco-network/deco/internal/devnet"
	)
	for _, dep := range list(t, node).Deps {
		if matches(dep, devnet) { // devnet and its subpackages
			t.Errorf("internal/node depends on %s: development setups are not production wiring", dep)
		}
	}
	for _, dep := range list(t, devnet).Deps {
		if dep == node {
			t.Errorf("internal/devnet depends on %s: bind devnet to the node in devnet/inproc, so the node's tests can use devnet", dep)
		}
	}
}
