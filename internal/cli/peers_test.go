package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/deco-network/deco/internal/api"
)

// `deco peers` says how each peer is reached; -o json carries it too.
func TestPeersShowReach(t *testing.T) {
	c := cluster(t, 1)
	prov := c.Providers[0].PeerID().String()
	out, errs, code := deco(t, c, "peers")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "REACH") || !strings.Contains(out, prov) {
		t.Fatalf("peers table lacks the REACH column or the provider:\n%s", out)
	}
	out, errs, code = deco(t, c, "peers", "-o", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var peers []api.PeerView
	if err := json.Unmarshal([]byte(out), &peers); err != nil {
		t.Fatalf("peers -o json: %v\n%s", err, out)
	}
	for _, p := range peers {
		if p.Peer == prov {
			if p.Reach != "direct" {
				t.Fatalf("provider on loopback reached %q, want direct: %+v", p.Reach, p)
			}
			return
		}
	}
	t.Fatalf("provider %s not among the peers: %s", prov, out)
}
