package node

import (
	"bytes"
	"context"
	"os"
	"sync/atomic"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
)

// BenchmarkFailover measures, on loopback with the default heartbeat
// (500ms, 4 missed beats: a 2s lease), how long a task takes to run
// elsewhere after its provider dies (its node closes: connections reset,
// as when the process is killed) and after it hangs while connected (its
// beats stop), against the 2s target; and what heartbeats cost per
// running task: bytes on the session per second (beat and ack frames, as
// framed before Noise and yamux) and the CPU of encoding and decoding
// them, as a share of one core. Run with -benchtime=1x.
func BenchmarkFailover(b *testing.B) {
	ctx := context.Background()
	var hung atomic.Int32
	var beatBytes, taskBeats atomic.Int64
	co := ClusterOptions{Providers: 4, Slots: 2}
	if os.Getenv("DECO_TEST_LOG") != "" {
		co.Log = os.Stderr
	}
	co.Configure = func(i int, o *Options) {
		o.EditBeat = func(bt *wire.Beat) bool {
			if hung.Load() == int32(i) {
				return false
			}
			raw, _ := wire.EncodeFrame(wire.TypeBeat, bt)
			ack, _ := wire.EncodeFrame(wire.TypeBeatAck, wire.BeatAck{Seq: bt.Seq})
			beatBytes.Add(int64(len(raw) + len(ack)))
			taskBeats.Add(int64(len(bt.Tasks)))
			return true
		}
	}
	c, err := launchCluster(ctx, co)
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	prog, err := c.Client.PutBlob(ctx, bytes.NewReader(buildHostile(b, "chatty")))
	if err != nil {
		b.Fatal(err)
	}
	job := func(tasks int) spec.Job {
		j := spec.Job{Program: spec.Program{CID: prog.CID}, Tasks: spec.Tasks{Count: tasks, Args: []string{"--lines", "1000", "--work", "20"}},
			Verification: spec.VerifyReceipt, Timeout: spec.Duration(3 * time.Minute)}
		j.Defaults()
		return j
	}
	running := func(id string, n int) *api.JobView {
		deadline := time.Now().Add(time.Minute)
		for time.Now().Before(deadline) {
			v, err := c.Client.Job(ctx, id)
			if err != nil {
				b.Fatal(err)
			}
			if as := v.Tasks[0].Attempts; len(as) == n && as[n-1].State == "running" {
				return v
			}
			time.Sleep(5 * time.Millisecond)
		}
		b.Fatalf("job %s: attempt %d never ran", id, n)
		return nil
	}
	// trial runs a one-task job, does fail to its provider once it runs,
	// and returns how long the task took to run elsewhere.
	trial := func(fail func(provider int)) time.Duration {
		v, err := c.Client.Submit(ctx, job(1))
		if err != nil {
			b.Fatal(err)
		}
		id := string(v.ID)
		defer c.Client.Cancel(ctx, id)
		first := running(id, 1).Tasks[0].Attempts[0]
		at := time.Now()
		for i, p := range c.Providers {
			if p.PeerID().String() == first.Provider {
				fail(i + 1)
			}
		}
		running(id, 2)
		took := time.Since(at)
		if took > 2*time.Second && testing.Verbose() {
			ls, _ := c.Client.Logs(ctx, id, 0)
			for _, l := range ls {
				b.Logf("%s %d %s", l.At.Format("15:04:05.000"), l.Index, l.Text)
			}
		}
		return took
	}
	b.ResetTimer()
	var died, hang time.Duration
	for i := 0; i < b.N; i++ {
		hang += trial(func(p int) { hung.Store(int32(p)) })
		hung.Store(0)
		// Close returns once the node's executions end (a compile cannot
		// be stopped); the network side is gone at once, like a killed
		// process's.
		died += trial(func(p int) { go c.Providers[p-1].Close() })
	}
	b.StopTimer()
	target := 2 * time.Second
	b.ReportMetric(float64(died.Milliseconds())/float64(b.N), "ms-death-to-running")
	b.ReportMetric(float64(died)/float64(b.N)/float64(target), "death/target")
	b.ReportMetric(float64(hang.Milliseconds())/float64(b.N), "ms-hang-to-running")
	b.ReportMetric(float64(hang)/float64(b.N)/float64(target), "hang/target")

	// Heartbeat cost: 4 tasks running on the providers left, 3s.
	v, err := c.Client.Submit(ctx, job(4))
	if err != nil {
		b.Fatal(err)
	}
	for i := range 4 {
		deadline := time.Now().Add(time.Minute)
		for {
			j, err := c.Client.Job(ctx, string(v.ID))
			if err != nil {
				b.Fatal(err)
			}
			if as := j.Tasks[i].Attempts; len(as) > 0 && as[len(as)-1].State == "running" {
				break
			}
			if time.Now().After(deadline) {
				b.Fatalf("task %d never ran", i)
			}
			time.Sleep(5 * time.Millisecond)
		}
	}
	beatBytes.Store(0)
	taskBeats.Store(0)
	window := 3 * time.Second
	time.Sleep(window)
	bytes, beats := beatBytes.Load(), taskBeats.Load()
	c.Client.Cancel(ctx, string(v.ID))
	taskSeconds := 4 * window.Seconds()
	b.ReportMetric(float64(bytes)/taskSeconds, "beat-bytes/task/s")
	b.ReportMetric(float64(beats)/taskSeconds, "beats/task/s")

	// CPU per task-beat: what both sides do with one (encode, decode,
	// acknowledge), for a beat naming one task with a line of output,
	// timed here (testing.Benchmark cannot run inside a benchmark).
	bt := wire.Beat{Seq: 1, Tasks: []wire.TaskBeat{{Task: wire.TaskID{Job: "0123456789abcdef0123456789abcdef", Index: 7}, Attempt: 1, Running: true, Permille: 420, Stdout: []byte("chatty line 12\n")}}}
	const rounds = 20000
	t0 := time.Now()
	for i := 0; i < rounds; i++ {
		raw, _ := wire.EncodeFrame(wire.TypeBeat, bt)
		f, err := wire.DecodeFrame(raw)
		if err != nil {
			b.Fatal(err)
		}
		var got wire.Beat
		if err := f.Open(wire.TypeBeat, &got); err != nil {
			b.Fatal(err)
		}
		ack, _ := wire.EncodeFrame(wire.TypeBeatAck, wire.BeatAck{Seq: got.Seq})
		af, _ := wire.DecodeFrame(ack)
		var a wire.BeatAck
		af.Open(wire.TypeBeatAck, &a)
	}
	nsPerBeat := float64(time.Since(t0).Nanoseconds()) / rounds
	b.ReportMetric(nsPerBeat, "ns/task-beat")
	b.ReportMetric(nsPerBeat*float64(beats)/taskSeconds/1e9*1e6, "core-ppm/task")
}
