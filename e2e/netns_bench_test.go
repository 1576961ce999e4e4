package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// BenchmarkNetns compares, in one run, the same jobs on a consumer and 4
// providers in 5 namespaces over a bridge against all 5 nodes on
// loopback in one namespace: the end-to-end latency of a one-task job and
// the throughput of a 40-task job, each the median of 3. Both networks
// are up at once and their jobs alternate, so a change of load on the
// machine weighs on both alike. It reports both and their ratios
// (netns/loopback). Run it as root:
//
//	go test -run '^$' -bench 'BenchmarkNetns$' -benchtime 1x ./e2e/
func BenchmarkNetns(b *testing.B) {
	const rounds, tasks = 3, 40
	for range b.N {
		consumers := map[bool]*nsNode{}
		for _, loopback := range []bool{false, true} {
			_, c, _ := newNSNet(b).starOn(4, loopback)
			// One job first: the providers compile the program once.
			warm, _ := renderJob(b, c, 4, "--verify", "receipt")
			c.waitJob(b, warm, 2*time.Minute)
			consumers[loopback] = c
		}
		latency, throughput := map[bool][]float64{}, map[bool][]float64{}
		for range rounds {
			for _, loopback := range []bool{false, true} {
				c := consumers[loopback]
				id, _ := renderJob(b, c, 1, "--verify", "receipt")
				j := c.waitJob(b, id, time.Minute)
				latency[loopback] = append(latency[loopback], j.EndedAt.Sub(j.CreatedAt).Seconds())
				id, _ = renderJob(b, c, tasks, "--verify", "receipt")
				j = c.waitJob(b, id, 3*time.Minute)
				throughput[loopback] = append(throughput[loopback], tasks/j.EndedAt.Sub(j.CreatedAt).Seconds())
			}
		}
		b.Logf("latency s (netns, loopback): %.3f %.3f; tasks/s: %.1f %.1f", latency[false], latency[true], throughput[false], throughput[true])
		nsLat, loLat := median(latency[false]), median(latency[true])
		nsTput, loTput := median(throughput[false]), median(throughput[true])
		b.ReportMetric(nsLat*1000, "netns-latency-ms")
		b.ReportMetric(loLat*1000, "loopback-latency-ms")
		b.ReportMetric(nsLat/loLat, "latency-ratio")
		b.ReportMetric(nsTput, "netns-tasks/s")
		b.ReportMetric(loTput, "loopback-tasks/s")
		b.ReportMetric(nsTput/loTput, "throughput-ratio")
	}
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[len(s)/2]
}

// writeInput writes a size-byte file of varied bytes for a job input.
func writeInput(tb testing.TB, size int) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), fmt.Sprintf("input-%d.bin", size))
	buf := make([]byte, size)
	for i := range buf {
		buf[i] = byte(i*7919 + i>>13)
	}
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

// BenchmarkNetnsRelay compares, in one run, how fast a 20 MiB input
// reaches a provider through a circuit relay and directly: the relay
// topology of TestNetnsRelay plus a second provider on the consumer's
// switch, each picked by a label; links unlimited (veth), so the figures
// are what the relay's extra hop and copy cost. Run it as root:
//
//	go test -run '^$' -bench BenchmarkNetnsRelay -benchtime 1x ./e2e/
func BenchmarkNetnsRelay(b *testing.B) {
	const size = 20 << 20
	for range b.N {
		n := newNSNet(b)
		a, c, _, _ := n.relayed("--label", "path=relayed")
		dh, daddr := n.host("direct", a, 3)
		direct := n.addNode("direct", dh, true)
		n.start(direct, tcpListen(daddr), c.p2pAddrs(), "--label", "path=direct")
		c.waitProviders(b, 2, 2*time.Minute)
		input := writeInput(b, size)
		rate := map[string]float64{}
		for _, path := range []string{"direct", "relayed"} {
			// The first job carries the program (and waits out the
			// relayed connection's wait for a direct one); the second
			// only the input.
			warm, _ := renderJob(b, c, 1, "--verify", "receipt", "--label", "path="+path)
			c.waitJob(b, warm, 2*time.Minute)
			id, _ := renderJob(b, c, 1, "--verify", "receipt", "--label", "path="+path, "--input", input)
			took := fetchTime(b, c.waitJob(b, id, 2*time.Minute))
			rate[path] = size / took.Seconds() / (1 << 20)
		}
		b.ReportMetric(rate["direct"], "direct-MiB/s")
		b.ReportMetric(rate["relayed"], "relayed-MiB/s")
		b.ReportMetric(rate["relayed"]/rate["direct"], "relayed/direct")
	}
}
