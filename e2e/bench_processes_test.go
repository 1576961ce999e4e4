package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"os/exec"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/cli"
)

// TestBenchEscrowProcesses runs `deco bench overhead --escrow-only
// --processes` small: two devnets of processes, `deco run --wait` on each,
// and the figures it reports are real measurements (positive, and the
// ratios the quotients of the times).
func TestBenchEscrowProcesses(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 8*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, "bench", "overhead", "--escrow-only", "--processes",
		"--escrow-module", "minimal", "--escrow-runs", "2", "--parallel", "3", "--rounds", "1", "-o", "json")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("deco bench overhead --processes: %v\n%s", err, stderr.String())
	}
	var r cli.OverheadReport
	if err := json.Unmarshal(stdout.Bytes(), &r); err != nil {
		t.Fatalf("output: %v\n%s", err, stdout.String())
	}
	p := r.Escrow.Processes
	if p == nil {
		t.Fatalf("no process figures in %s", stdout.String())
	}
	for name, v := range map[string]float64{"no chain one": p.NoChainOneMs, "paid one": p.PaidOneMs, "no chain parallel": p.NoChainParallelMs,
		"paid parallel": p.PaidParallelMs, "floor one": p.FloorOneMs, "floor parallel": p.FloorParallelMs} {
		if v <= 0 {
			t.Errorf("%s: %vms, want a measured time", name, v)
		}
	}
	if d := p.OneRatio - p.PaidOneMs/p.NoChainOneMs; d > 1e-9 || d < -1e-9 {
		t.Errorf("one-job ratio %v is not paid/no chain (%v/%v)", p.OneRatio, p.PaidOneMs, p.NoChainOneMs)
	}
	if p.Runs != 2 || p.Parallel != 3 || p.Rounds != 1 {
		t.Errorf("report says runs %d, parallel %d, rounds %d; asked 2, 3, 1", p.Runs, p.Parallel, p.Rounds)
	}
}
