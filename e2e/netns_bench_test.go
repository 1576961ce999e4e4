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
