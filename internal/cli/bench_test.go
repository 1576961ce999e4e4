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
