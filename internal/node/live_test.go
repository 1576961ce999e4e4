package node

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
)

// waitUntil polls cond every 10ms until it holds or d passes.
func waitUntil(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("after %s: %s", d, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// submit starts j and returns its id.
func submit(t *testing.T, c *api.Client, j spec.Job) string {
	t.Helper()
	j.Defaults()
	v, err := c.Submit(context.Background(), j)
	if err != nil {
		t.Fatalf("submit: %v", err)
	}
	return string(v.ID)
}

// longChatty is a job whose one task prints a line now and then for far
// longer than a test waits.
func longChatty(t *testing.T, c *api.Client) spec.Job {
	return spec.Job{Program: spec.Program{CID: upload(t, c, buildHostile(t, "chatty"))},
		Tasks: spec.Tasks{Args: []string{"--lines", "1000", "--work", "20"}}, Verification: spec.VerifyReceipt,
		Timeout: spec.Duration(3 * time.Minute)}
}

// A provider that hangs while connected (its heartbeats stop; its
// connection and the task stay up) loses the task within the lease: the
// attempt is declared dead with the reason, and the task runs elsewhere.
func TestHungProviderLosesItsLease(t *testing.T) {
	var hung atomic.Int32 // index of the provider that hangs, 0: none
	c := startCluster(t, ClusterOptions{Providers: 2, Configure: func(i int, o *Options) {
		o.EditBeat = func(*wire.Beat) bool { return hung.Load() != int32(i) }
	}})
	id := submit(t, c.Client, longChatty(t, c.Client))
	ctx := context.Background()
	defer c.Client.Cancel(ctx, id)
	var job *api.JobView
	poll := func() *api.JobView {
		v, err := c.Client.Job(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		job = v
		return v
	}
	waitUntil(t, time.Minute, "the task never ran", func() bool {
		as := poll().Tasks[0].Attempts
		return len(as) == 1 && as[0].State == "running"
	})
	first := job.Tasks[0].Attempts[0]
	for i, p := range c.Providers {
		if p.PeerID().String() == first.Provider {
			hung.Store(int32(i + 1))
		}
	}
	hungAt := time.Now()
	waitUntil(t, 30*time.Second, "the task did not move from the hung provider", func() bool {
		as := poll().Tasks[0].Attempts
		return len(as) == 2 && as[1].State == "running"
	})
	moved := time.Since(hungAt)
	a1, a2 := job.Tasks[0].Attempts[0], job.Tasks[0].Attempts[1]
	if !strings.Contains(a1.Reason, "no heartbeat for 2s") || a1.State == "running" {
		t.Fatalf("hung attempt: %s: %q (want the lease's reason)", a1.State, a1.Reason)
	}
	if a2.Provider == a1.Provider {
		t.Fatalf("the task went back to the hung provider")
	}
	// The lease is 2s from the last beat heard; the beat before the hang
	// was at most 500ms earlier, then an auction places the task.
	if moved > 10*time.Second {
		t.Fatalf("the task ran elsewhere %s after its provider hung; the lease is 2s", moved)
	}
	t.Logf("hung provider's task running elsewhere after %s: %s", moved.Round(time.Millisecond), a1.Reason)
}

// A running task's output reaches the consumer's log while it runs, and
// stays there after the job is cancelled.
func TestLogsArriveWhileTaskRuns(t *testing.T) {
	c := startCluster(t, ClusterOptions{Providers: 1})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	id := submit(t, c.Client, longChatty(t, c.Client))
	seen := make(chan api.LogLine, 1)
	go c.Client.Follow(ctx, id, func(l api.LogLine) error {
		if l.Stream == "stdout" && strings.Contains(l.Text, "chatty line 1\n") {
			select {
			case seen <- l:
			default:
			}
		}
		return nil
	})
	select {
	case l := <-seen:
		j, err := c.Client.Job(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if j.State.Terminal() || j.Tasks[0].Attempts[0].State != "running" {
			t.Fatalf("the line came only when the task was %s", j.Tasks[0].Attempts[0].State)
		}
		if l.Index != 0 || l.Attempt != 1 {
			t.Fatalf("line of task %d attempt %d, want task 0 attempt 1", l.Index, l.Attempt)
		}
	case <-ctx.Done():
		t.Fatal("no output arrived while the task ran")
	}
	if _, err := c.Client.Cancel(ctx, id); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, time.Minute, "the job did not end", func() bool {
		j, err := c.Client.Job(ctx, id)
		return err == nil && j.State.Terminal()
	})
	lines, err := c.Client.Logs(ctx, id, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out, errs strings.Builder
	for _, l := range lines {
		switch l.Stream {
		case "stdout":
			out.WriteString(l.Text)
		case "stderr":
			errs.WriteString(l.Text)
		}
	}
	if !strings.HasPrefix(out.String(), "chatty line 0\nchatty line 1\n") || !strings.HasPrefix(errs.String(), "chatty progress 0/1000\n") {
		t.Fatalf("logs after the cancel: stdout %q, stderr %q", out.String(), errs.String())
	}
}
