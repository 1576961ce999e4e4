package p2p

import (
	"bytes"
	"context"
	"io"
	"syscall"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/network"
)

const protoRaw = "/deco-bench/raw/1"

// BenchmarkFetchBlobVsStream moves the same 50 MiB over loopback TCP twice
// per iteration: once with FetchBlob (request, header, hash check) and once
// as a bare libp2p stream copy, and reports both throughputs and their
// ratio. Both receivers read with the same buffer size.
func BenchmarkFetchBlobVsStream(b *testing.B) {
	const size = 50 << 20
	cfg := Config{ListenAddrs: []string{"/ip4/127.0.0.1/tcp/0"}}
	hosts := cluster(b, 2, cfg)
	server, client := hosts[0], hosts[1]
	data := randomBytes(size, 9)
	src := newBlobs()
	c := src.add(data)
	server.ServeBlobs(src, everyone{})
	server.h.SetStreamHandler(protoRaw, func(s network.Stream) {
		defer s.Close()
		_, _ = io.Copy(s, bytes.NewReader(data))
	})
	buf := make([]byte, copyBufSize)
	ctx := context.Background()

	raw := func() {
		s, err := client.h.NewStream(ctx, server.ID(), protoRaw)
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		n := 0
		for {
			k, err := s.Read(buf)
			n += k
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
		}
		if n != size {
			b.Fatalf("raw copy moved %d bytes", n)
		}
	}
	fetch := func() {
		if _, err := client.FetchBlob(ctx, server.ID(), c, io.Discard, size); err != nil {
			b.Fatal(err)
		}
	}
	raw() // warm up: windows grow, buffers pool
	fetch()

	// Wall time says how fast; process CPU time (both hosts live in this
	// process) says how much work, which stays meaningful on a shared,
	// loaded machine where wall time mostly measures the neighbours.
	var rawDur, fetchDur, rawCPU, fetchCPU time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		first, second := raw, fetch
		d1, d2, c1, c2 := &rawDur, &fetchDur, &rawCPU, &fetchCPU
		if i%2 == 1 { // alternate so neither always runs on a warmer machine
			first, second = fetch, raw
			d1, d2, c1, c2 = &fetchDur, &rawDur, &fetchCPU, &rawCPU
		}
		t0, u0 := time.Now(), cpuTime()
		first()
		t1, u1 := time.Now(), cpuTime()
		second()
		*d1 += t1.Sub(t0)
		*c1 += u1 - u0
		*d2 += time.Since(t1)
		*c2 += cpuTime() - u1
	}
	b.StopTimer()
	total := float64(size) * float64(b.N)
	mbps := func(d time.Duration) float64 { return total / d.Seconds() / 1e6 }
	nsPerByte := func(d time.Duration) float64 { return float64(d.Nanoseconds()) / total }
	b.ReportMetric(mbps(rawDur), "raw-MB/s")
	b.ReportMetric(mbps(fetchDur), "fetch-MB/s")
	b.ReportMetric(mbps(fetchDur)/mbps(rawDur), "fetch/raw")
	b.ReportMetric(nsPerByte(rawCPU), "raw-cpu-ns/B")
	b.ReportMetric(nsPerByte(fetchCPU), "fetch-cpu-ns/B")
	b.ReportMetric(0, "ns/op")
}

// cpuTime is the CPU time this process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
