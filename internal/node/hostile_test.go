package node

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/deco-network/deco/examples"
	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/spec"
)

// buildHostile compiles examples/hostile/<name> for wasip1 (the Go build
// cache makes reruns fast).
func buildHostile(t testing.TB, name string) []byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), name+".wasm")
	cmd := exec.Command("go", "build", "-o", out, "github.com/deco-network/deco/examples/hostile/"+name)
	cmd.Env = append(os.Environ(), "GOOS=wasip1", "GOARCH=wasm")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build %s: %v\n%s", name, err, b)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Hostile programs fail with a reason a user understands; the network
// stays up and the next job runs normally.
func TestHostileProgramsFailClearly(t *testing.T) {
	c := startCluster(t, ClusterOptions{Providers: 2})
	tests := []struct {
		name   string
		job    spec.Job
		reason string
	}{
		{"loop", spec.Job{Timeout: spec.Duration(time.Second)}, "time limit"},
		{"membomb", spec.Job{Resources: spec.Resources{Memory: 48 << 20}}, "memory limit"},
		{"bigoutput", spec.Job{Tasks: spec.Tasks{Args: []string{"--mb", "8"}}, MaxOutput: 2 << 20}, "output limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.job.Program.CID = upload(t, c.Client, buildHostile(t, tt.name))
			tt.job.Verification = spec.VerifyReceipt // one attempt: no replicas
			j := runJob(t, c.Client, tt.job)
			if j.State != api.JobFailed || !strings.Contains(j.Reason, tt.reason) {
				t.Fatalf("job %s: %s (want a reason with %q)", j.State, j.Reason, tt.reason)
			}
			if len(j.Tasks[0].Attempts) != 1 {
				t.Fatalf("a program fault was retried: %+v", j.Tasks[0].Attempts)
			}
		})
	}
	t.Run("spam is capped", func(t *testing.T) {
		j := runJob(t, c.Client, spec.Job{Program: spec.Program{CID: upload(t, c.Client, buildHostile(t, "spam"))}})
		if j.State != api.JobCompleted {
			t.Fatalf("job %s: %s", j.State, j.Reason)
		}
	})
	t.Run("escape is contained", func(t *testing.T) {
		j := runJob(t, c.Client, spec.Job{Program: spec.Program{CID: upload(t, c.Client, buildHostile(t, "escape"))}})
		var out strings.Builder
		if err := c.Client.GetBlob(t.Context(), j.Tasks[0].Stdout, &out); err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(out.String(), "\n") {
			if strings.HasPrefix(line, "ALLOWED") && !strings.Contains(line, "/outputs") && !strings.Contains(line, "read /inputs") {
				t.Errorf("sandbox allowed: %s", line)
			}
		}
	})
	// The next ordinary job runs normally on the same providers.
	j := runJob(t, c.Client, spec.Job{Program: spec.Program{CID: upload(t, c.Client, examples.HelloWASM())}, Tasks: spec.Tasks{Count: 4}})
	if j.State != api.JobCompleted {
		t.Fatalf("next job %s: %s", j.State, j.Reason)
	}
}
