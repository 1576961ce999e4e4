package sim

import (
	"context"
	"os"
	"strconv"
	"strings"
	"testing"
)

func TestManual(t *testing.T) {
	preset := os.Getenv("SIM_PRESET")
	if preset == "" {
		t.Skip("set SIM_PRESET")
	}
	sc, err := Preset(preset)
	if err != nil {
		t.Fatal(err)
	}
	if v := os.Getenv("SIM_PROVIDERS"); v != "" {
		sc.Providers.Count, _ = strconv.Atoi(v)
	}
	if v := os.Getenv("SIM_TASKS"); v != "" {
		sc.Workload.Tasks, _ = strconv.Atoi(v)
	}
	if v := os.Getenv("SIM_PREF"); v != "" {
		sc.Workload.Preferences = map[string]int{v: 1}
	}
	sc.Defaults()
	pols := ComparePolicies()
	if v := os.Getenv("SIM_POLICIES"); v != "" {
		pols = strings.Split(v, ",")
	}
	var rs []Report
	for _, p := range pols {
		r, err := Compare(context.Background(), sc, p)
		if err != nil {
			t.Fatal(err)
		}
		WriteTable(os.Stdout, r)
		rs = append(rs, r...)
	}
	WriteTable(os.Stdout, rs)
	for _, r := range rs {
		t.Logf("%s: events %d wall %.2fs overcommits %d unfinished %d attempts %d", r.Policy, r.Events, r.Timing.Wall, r.Overcommits, r.Unfinished, r.Attempts)
	}
	if d := os.Getenv("SIM_OUT"); d != "" {
		os.MkdirAll(d, 0o755)
		if err := WritePlots(d, rs); err != nil {
			t.Fatal(err)
		}
	}
}
