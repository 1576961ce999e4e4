package e2e

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/cli"
)

// TestDemoInstalledAnywhere: the built binary, alone in an empty
// directory, with a PATH that holds no tool at all (no node, no solc, no
// go) and its homes in empty directories, runs `deco demo` whole: the
// render, and the zk job proved, verified on chain by the verifier
// contract compiled into the binary, and paid per task on its proof.
func TestDemoInstalledAnywhere(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin", "deco")
	work, home, path := filepath.Join(dir, "work"), filepath.Join(dir, "home"), filepath.Join(dir, "empty-path")
	for _, d := range []string{filepath.Dir(bin), work, home, path} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(binary)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, b, 0o755); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "demo", "--providers", "2", "--tiles", "2", "--width", "64", "--height", "48")
	cmd.Dir = work // nothing above it holds Deco's sources either
	cmd.Env = []string{"PATH=" + path, "HOME=" + home, "DECO_HOME=" + filepath.Join(home, ".deco")}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("deco demo: %v\n%s", err, out)
	}
	text := string(out)
	if strings.Contains(text, "skipped") {
		t.Fatalf("the demo skipped its zk job:\n%s", text)
	}
	if !strings.Contains(text, "3 of 3 settled on chain") || !strings.Contains(text, "the escrow verified every proof") {
		t.Fatalf("the demo's output does not show the zk job verified and settled on chain:\n%s", text)
	}

	// The summary says the same in figures (the demo writes it under
	// ./deco-demo, in the empty working directory).
	sb, err := os.ReadFile(filepath.Join(work, "deco-demo", "summary.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s cli.DemoSummary
	if err := json.Unmarshal(sb, &s); err != nil {
		t.Fatalf("summary.json: %v\n%s", err, sb)
	}
	z := s.ZK
	if s.State != string(api.JobCompleted) || z == nil || z.Skipped != "" || z.State != string(api.JobCompleted) || z.Tasks != 3 || z.Settled != 3 {
		t.Fatalf("summary: render %s, zk %+v\n%s", s.State, z, text)
	}
	if z.Payment == nil || z.Payment.PerTask == 0 || z.Payment.Redeemed != 3*z.Payment.PerTask {
		t.Fatalf("zk payment %+v: want 3 tasks paid on proof", z.Payment)
	}
	t.Logf("deco demo from an empty directory, no tools on PATH:\n%s", text)
}
