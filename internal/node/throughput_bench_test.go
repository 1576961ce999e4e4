package node

import (
	"bytes"
	"context"
	"os"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/exec"
	"github.com/deco-network/deco/internal/exec/wasm"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
)

// BenchmarkThroughput runs a job of many minimal-module tasks through a
// consumer and 8 providers (16 slots each) on loopback and reports tasks/s,
// beside the rate of the same module run back to back in one local wazero
// (the baseline, measured in the same run).
func BenchmarkThroughput(b *testing.B) {
	ctx := context.Background()
	mod := wasm.MinimalModule()
	const tasks = 3000

	e, err := wasm.New(ctx)
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close(ctx)
	dir := b.TempDir()
	id := string(wire.CIDOf(mod))
	local := func() {
		out, _ := os.MkdirTemp(dir, "out-")
		defer os.RemoveAll(out)
		if _, err := e.Run(ctx, exec.Spec{Module: mod, ModuleID: id, OutputDir: out, Timeout: time.Minute}); err != nil {
			b.Fatal(err)
		}
	}
	local()
	t0 := time.Now()
	for i := 0; i < 500; i++ {
		local()
	}
	localRate := 500 / time.Since(t0).Seconds()

	c, err := launchCluster(ctx, ClusterOptions{Providers: 8, Slots: 16})
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	ref, err := c.Client.PutBlob(ctx, bytes.NewReader(mod))
	if err != nil {
		b.Fatal(err)
	}
	j := spec.Job{Name: "throughput", Program: spec.Program{CID: ref.CID}, Tasks: spec.Tasks{Count: tasks}, Timeout: spec.Duration(time.Minute), Verification: spec.VerifyReceipt}
	j.Defaults()
	b.ResetTimer()
	var total time.Duration
	for i := 0; i < b.N; i++ {
		t := time.Now()
		job, err := c.Client.Submit(ctx, j)
		if err != nil {
			b.Fatal(err)
		}
		if err := c.Client.Follow(ctx, string(job.ID), func(api.LogLine) error { return nil }); err != nil {
			b.Fatal(err)
		}
		total += time.Since(t)
		final, err := c.Client.Job(ctx, string(job.ID))
		if err != nil {
			b.Fatal(err)
		}
		if final.State != api.JobCompleted {
			b.Fatalf("job %s: %s", final.State, final.Reason)
		}
	}
	rate := float64(tasks*b.N) / total.Seconds()
	b.ReportMetric(rate, "tasks/s")
	b.ReportMetric(localRate, "local-tasks/s")
	b.ReportMetric(rate/localRate, "ratio-to-local")
}
