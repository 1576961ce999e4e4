package node

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/cheat"
	"github.com/deco-network/deco/internal/devnet"
	"github.com/deco-network/deco/internal/exec/wasm"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
)

// ClusterOptions configure startCluster: the cluster's shape, and each
// node's options.
type ClusterOptions struct {
	Providers int
	Slots     int
	Chain     bool
	Log       io.Writer
	// Configure, when set, adjusts each node's options before it starts;
	// index 0 is the consumer, 1..N the providers.
	Configure func(index int, o *Options)
}

// Cluster is an in-process network of this package's nodes.
type Cluster = devnet.Cluster[*Node]

func startCluster(t *testing.T, o ClusterOptions) *Cluster {
	t.Helper()
	if testing.Verbose() && o.Log == nil && os.Getenv("DECO_TEST_LOG") != "" {
		o.Log = os.Stderr
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	c, err := launchCluster(ctx, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c
}

// launchCluster starts nodes on devnet's loopback cluster. (Package
// devnet/inproc does the same for deco demo, but it imports this package,
// so the tests here bind the cluster to *Node themselves.)
func launchCluster(ctx context.Context, o ClusterOptions) (*Cluster, error) {
	co := devnet.ClusterOptions{Providers: o.Providers, Slots: o.Slots, Chain: o.Chain, Log: o.Log}
	return devnet.StartCluster(ctx, co, func(ctx context.Context, s devnet.Setup) (*Node, error) {
		opts := Options{Home: s.Home, Config: s.Config, Identity: s.Identity, Logger: s.Logger}
		if s.Chain != nil { // a nil *chain.Client would make a non-nil chain.Chain
			opts.Chain = s.Chain
		}
		if o.Configure != nil {
			o.Configure(s.Index, &opts)
		}
		n, err := New(opts)
		if err != nil {
			return nil, err
		}
		return n, n.Start(ctx) // Start closes n on error
	})
}

// runJob submits j and follows it to its end.
func runJob(t *testing.T, c *api.Client, j spec.Job) *api.JobView {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	j.Defaults()
	job, err := c.Submit(ctx, j)
	if err != nil {
		t.Fatalf("submit: %v", err)
	}
	if err := c.Follow(ctx, string(job.ID), func(api.LogLine) error { return nil }); err != nil {
		if cur, err2 := c.Job(context.Background(), string(job.ID)); err2 == nil {
			b, _ := json.MarshalIndent(cur, "", " ")
			t.Logf("job at the deadline: %s", b)
		}
		t.Fatalf("follow: %v", err)
	}
	final, err := c.Job(ctx, string(job.ID))
	if err != nil {
		t.Fatal(err)
	}
	return final
}

func upload(t *testing.T, c *api.Client, b []byte) wire.CID {
	t.Helper()
	ref, err := c.PutBlob(context.Background(), bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return ref.CID
}

func TestJobRunsAndVerifies(t *testing.T) {
	c := startCluster(t, ClusterOptions{Providers: 2})
	prog := upload(t, c.Client, wasm.MinimalModule())
	j := runJob(t, c.Client, spec.Job{Program: spec.Program{CID: prog}, Tasks: spec.Tasks{Count: 6}})
	if j.State != api.JobCompleted {
		t.Fatalf("job %s: %s", j.State, j.Reason)
	}
	used := map[string]bool{}
	for _, tk := range j.Tasks {
		if tk.State != api.TaskVerified || tk.Receipt == nil || tk.Receipt.Attestation != "software" || tk.OutputRoot == "" {
			t.Fatalf("task %+v", tk)
		}
		used[tk.Provider] = true
	}
	if len(used) != 2 {
		t.Fatalf("job not spread across providers: %v", used)
	}
	// The job survives a restart of the consumer's database view.
	js, err := c.Client.Jobs(context.Background())
	if err != nil || len(js) != 1 || js[0].Verified != 6 {
		t.Fatalf("list: %v %+v", err, js)
	}
	logs, err := c.Client.Logs(context.Background(), string(j.ID)[:8], 0)
	if err != nil || len(logs) == 0 {
		t.Fatalf("logs: %v %d", err, len(logs))
	}
}

func TestBadModuleFailsWithReason(t *testing.T) {
	c := startCluster(t, ClusterOptions{Providers: 1})
	prog := upload(t, c.Client, []byte("this is not webassembly"))
	j := runJob(t, c.Client, spec.Job{Program: spec.Program{CID: prog}})
	if j.State != api.JobFailed || !strings.Contains(j.Reason, "invalid WebAssembly module") {
		t.Fatalf("job %s: %s", j.State, j.Reason)
	}
	// The node stays up and the next job runs normally.
	good := upload(t, c.Client, wasm.MinimalModule())
	if j := runJob(t, c.Client, spec.Job{Program: spec.Program{CID: good}}); j.State != api.JobCompleted {
		t.Fatalf("next job %s: %s", j.State, j.Reason)
	}
}

// A provider whose outputs do not match its receipt is caught and the task
// completes on an honest provider.
func TestCheatingProviderCaught(t *testing.T) {
	var cheater string
	c := startCluster(t, ClusterOptions{Providers: 2, Configure: func(i int, o *Options) {
		if i == 1 {
			ch := cheat.New(cheat.Config{Mode: cheat.Forge}, o.Identity.EVM)
			o.WrapExecutor, o.EditReceipt = ch.Executor, ch.Receipt
		}
	}})
	cheater = c.Providers[0].PeerID().String()
	prog := upload(t, c.Client, wasm.MinimalModule())
	j := runJob(t, c.Client, spec.Job{Program: spec.Program{CID: prog}, Tasks: spec.Tasks{Count: 4}})
	if j.State != api.JobCompleted {
		t.Fatalf("job %s: %s", j.State, j.Reason)
	}
	caught := 0
	for _, tk := range j.Tasks {
		if tk.Provider == cheater {
			t.Fatalf("task %d accepted from the cheater", tk.Index)
		}
		for _, a := range tk.Attempts {
			if a.Provider == cheater {
				if a.State != "failed" || !strings.Contains(a.Reason, "rejected") {
					t.Fatalf("cheater attempt %+v", a)
				}
				caught++
			}
		}
	}
	if caught == 0 {
		t.Skip("the cheater won no auction; nothing to catch this run")
	}
}

func TestSubmitRejectsBadSpec(t *testing.T) {
	c := startCluster(t, ClusterOptions{Providers: 1})
	_, err := c.Client.Submit(context.Background(), spec.Job{Program: spec.Program{CID: wire.CIDOf([]byte("never uploaded"))}, Tasks: spec.Tasks{Count: 1}})
	if !errors.Is(err, spec.ErrInvalid) || !strings.Contains(err.Error(), "program.cid") {
		t.Fatalf("got %v", err)
	}
}
