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
// loopback in one namespace: the end-to-end latency of a one-task job
// (median of 5) and the throughput of a 40-task job. It reports both and
// their ratios (netns/loopback). Run it as root:
//
//	go test -run '^$' -bench BenchmarkNetns -benchtime 1x ./e2e/
func BenchmarkNetns(b *testing.B) {
	type figures struct{ latency, throughput float64 }
	measure := func(b *testing.B, loopback bool) figures {
		n := newNSNet(b)
		_, c, _ := n.starOn(4, loopback)
		// One job first: the providers compile the program once.
		warm, _ := renderJob(b, c, 4, "--verify", "receipt")
		c.waitJob(b, warm, 2*time.Minute)
		var lat []float64
		for range 5 {
			id, _ := renderJob(b, c, 1, "--verify", "receipt")
			j := c.waitJob(b, id, time.Minute)
			lat = append(lat, j.EndedAt.Sub(j.CreatedAt).Seconds())
		}
		slices.Sort(lat)
		id, _ := renderJob(b, c, 40, "--verify", "receipt")
		j := c.waitJob(b, id, 3*time.Minute)
		return figures{latency: lat[len(lat)/2], throughput: 40 / j.EndedAt.Sub(j.CreatedAt).Seconds()}
	}
	for range b.N {
		ns := measure(b, false)
		lo := measure(b, true)
		b.ReportMetric(ns.latency*1000, "netns-latency-ms")
		b.ReportMetric(lo.latency*1000, "loopback-latency-ms")
		b.ReportMetric(ns.latency/lo.latency, "latency-ratio")
		b.ReportMetric(ns.throughput, "netns-tasks/s")
		b.ReportMetric(lo.throughput, "loopback-tasks/s")
		b.ReportMetric(ns.throughput/lo.throughput, "throughput-ratio")
	}
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
