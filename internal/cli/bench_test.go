package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
)

// `deco bench verify` prints the simulator's verification table, or its
// results as JSON with -o json, one row per policy asked for.
func TestBenchVerify(t *testing.T) {
	run := func(args ...string) string {
		t.Helper()
		var out bytes.Buffer
		g := &globals{stdout: &out, stderr: &out}
		cmd := newBenchVerifyCmd(g)
		cmd.SetOut(&out)
		cmd.SetErr(&out)
		cmd.SilenceUsage, cmd.SilenceErrors = true, true
		cmd.SetArgs(args)
		if err := cmd.ExecuteContext(context.Background()); err != nil {
			t.Fatalf("bench verify %v: %v\n%s", args, err, out.String())
		}
		return out.String()
	}
	small := []string{"--tasks", "300", "--providers", "20", "--policy", "adaptive,replicate:2"}
	table := run(small...)
	lines := strings.Split(strings.TrimSpace(table), "\n")
	if len(lines) != 3 || !strings.Contains(lines[0], "wrong accepted") || !strings.Contains(lines[0], "replicas/task") ||
		!strings.HasPrefix(strings.TrimSpace(lines[1]), "adaptive ") || !strings.HasPrefix(strings.TrimSpace(lines[2]), "replicate:2 ") {
		t.Fatalf("table:\n%s", table)
	}
	var rs []struct {
		Policy     string                    `json:"policy"`
		Tasks      int                       `json:"tasks"`
		Replicas   float64                   `json:"replicas_per_task"`
		ByStrategy map[string]map[string]int `json:"by_strategy"`
	}
	if err := json.Unmarshal([]byte(run(append(small, "-o", "json")...)), &rs); err != nil {
		t.Fatal(err)
	}
	if len(rs) != 2 || rs[0].Policy != "adaptive" || rs[1].Tasks != 300 || rs[1].Replicas < 1.99 || rs[0].ByStrategy["always-wrong"]["providers"] == 0 {
		t.Fatalf("json: %+v", rs)
	}
	// --seeds sweeps and prints each policy's worst run for lone cheaters,
	// related colluders and colluding Sybils.
	sweep := run("--seeds", "0-1", "--sizes", "200/20,300/20", "--policy", "adaptive")
	if strings.Count(sweep, "worst wrong accepted") != 3 || !strings.Contains(sweep, "colluding unrelated Sybils") || len(regexp.MustCompile(`adaptive\s+4\s`).FindAllString(sweep, -1)) != 3 {
		t.Fatalf("sweep:\n%s", sweep)
	}
	for _, bad := range [][]string{{"--seeds", "3-1"}, {"--seeds", "0-1", "--sizes", "200"}} {
		var out bytes.Buffer
		cmd := newBenchVerifyCmd(&globals{stdout: &out, stderr: &out})
		cmd.SetOut(&out)
		cmd.SetErr(&out)
		cmd.SilenceUsage, cmd.SilenceErrors = true, true
		cmd.SetArgs(bad)
		if err := cmd.ExecuteContext(context.Background()); err == nil {
			t.Fatalf("bench verify %v accepted", bad)
		}
	}
}

// `deco bench overhead --escrow-only -o json` runs jobs on a network that
// pays on a dev chain over JSON-RPC and on one with no chain, and reports
// both sides and their ratios. Figures are not asserted (they are timings).
func TestBenchEscrow(t *testing.T) {
	if testing.Short() {
		t.Skip("starts two networks and a dev chain")
	}
	var out, errs bytes.Buffer
	g := &globals{stdout: &out, stderr: &errs}
	cmd := newBenchOverheadCmd(g)
	cmd.SetOut(&out)
	cmd.SetErr(&errs)
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	cmd.SetArgs([]string{"--escrow-only", "--escrow-module", "minimal", "--escrow-runs", "1", "--parallel", "3", "--rounds", "1", "-o", "json"})
	if err := cmd.ExecuteContext(context.Background()); err != nil {
		t.Fatalf("bench overhead --escrow-only: %v\n%s", err, errs.String())
	}
	var r OverheadReport
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	e := r.Escrow
	if e == nil || e.Runs != 1 || e.Parallel != 3 || e.Rounds != 1 {
		t.Fatalf("escrow report %+v", e)
	}
	for name, v := range map[string]float64{"no chain one": e.NoChainOneMs, "paid one": e.PaidOneMs,
		"paid submit": e.PaidSubmitMs, "paid parallel": e.PaidParallelMs, "no chain parallel": e.NoChainParallelMs,
		"one ratio": e.OneRatio, "parallel ratio": e.ParallelRatio} {
		if !(v > 0) {
			t.Errorf("%s = %v, want a measured figure", name, v)
		}
	}
	if r.Runs != 0 {
		t.Errorf("--escrow-only ran the other benchmarks too: %+v", r)
	}
}
