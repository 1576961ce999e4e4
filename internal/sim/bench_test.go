package sim

import (
	"context"
	"fmt"
	"os"
	"testing"
)

// BenchmarkRun reports the wall time of whole simulations (wall-s, and
// simulated tasks per wall second), up to the scale, 10,000
// providers × 100,000 tasks (target: ≤ 60 s on 2 cores):
//
//	go test ./internal/sim -run XXX -bench 'Run/providers=10000/tasks=100000' -benchtime 1x
//
// SIM_BENCH_POLICY picks the policy (learned).
func BenchmarkRun(b *testing.B) {
	policy := os.Getenv("SIM_BENCH_POLICY")
	if policy == "" {
		policy = "learned"
	}
	for _, size := range []struct{ providers, tasks int }{{1000, 10000}, {10000, 10000}, {10000, 100000}} {
		b.Run(fmt.Sprintf("providers=%d/tasks=%d", size.providers, size.tasks), func(b *testing.B) {
			sc, _ := Preset("scale")
			sc.Policy, sc.Providers.Count, sc.Workload.Tasks = policy, size.providers, size.tasks
			// Arrivals keep the load near the scale preset's for any size.
			sc.Workload.Arrival *= float64(size.providers) / 10000
			sc.Defaults()
			var r Report
			for i := 0; i < b.N; i++ {
				var err error
				if r, err = Run(context.Background(), sc); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(r.Timing.Wall, "wall-s")
			b.ReportMetric(float64(r.Events)/r.Timing.Wall, "events/s")
			b.ReportMetric(float64(r.Tasks)/r.Timing.Wall, "tasks/s")
			b.ReportMetric(r.Timing.DecisionMicros, "µs/decision")
			b.ReportMetric(r.Ratio, "makespan/bound")
		})
	}
}
