package node

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/spec"
)

// A program whose outputs no manifest can list (a control character in a
// file name; 20,000 files where a manifest holds 10,000) fails its task at
// once with the program's reason, on its first provider, and costs that
// provider no reputation. Before, the runner called it a provider error:
// every provider was blamed in turn and the job failed only when no
// provider would take the task any more.
func TestBadOutputsAreTheProgramsFault(t *testing.T) {
	c := startCluster(t, ClusterOptions{Providers: 2})
	prog := upload(t, c.Client, buildHostile(t, "badnames"))
	for _, tt := range []struct {
		name   string
		args   []string
		reason string
	}{
		{"control character", nil, "control character"},
		{"20000 files", []string{"--files", "20000"}, "more than 10000 files"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			j := runJob(t, c.Client, spec.Job{Program: spec.Program{CID: prog}, Tasks: spec.Tasks{Args: tt.args},
				Verification: spec.VerifyReceipt, Timeout: spec.Duration(time.Minute)})
			if j.State != api.JobFailed || !strings.Contains(j.Reason, "outputs break the manifest") || !strings.Contains(j.Reason, tt.reason) {
				t.Fatalf("job %s: %q (want the program's reason: outputs break the manifest, %s)", j.State, j.Reason, tt.reason)
			}
			if n := len(j.Tasks[0].Attempts); n != 1 {
				t.Fatalf("the program's fault was retried on %d providers: %+v", n, j.Tasks[0].Attempts)
			}
			t.Logf("failed in %s: %s", time.Since(start).Round(time.Millisecond), j.Reason)
		})
	}
	ps, err := c.Client.Providers(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if p.Reputation.Faults > 0 || p.Reputation.Invalid > 0 {
			t.Errorf("provider %s blamed for the program's outputs: %+v", p.Peer, p.Reputation)
		}
	}
}
