package node

import (
	"context"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/deco-network/deco/examples"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/config"
	"github.com/deco-network/deco/internal/exec/wasm"
	"github.com/deco-network/deco/internal/spec"
)

// Jobs, tasks, attempts, receipts, logs and what the scheduler learned
// survive a restart of the consumer node.
func TestConsumerStateSurvivesRestart(t *testing.T) {
	c := startCluster(t, ClusterOptions{Providers: 1})
	prog := upload(t, c.Client, wasm.MinimalModule())
	j := runJob(t, c.Client, spec.Job{Program: spec.Program{CID: prog}, Tasks: spec.Tasks{Count: 3}})
	if j.State != api.JobCompleted {
		t.Fatalf("job %s: %s", j.State, j.Reason)
	}
	learned := func(n *Node) map[string]int {
		seen := map[string]int{}
		if err := n.call(context.Background(), func() {
			for _, v := range n.sched.Providers() {
				seen[v.Peer] = v.Observed
			}
		}); err != nil {
			t.Fatal(err)
		}
		return seen
	}
	before := learned(c.Consumer)
	if before[c.Providers[0].PeerID().String()] == 0 {
		t.Fatalf("the scheduler learned nothing from 3 tasks: %v", before)
	}
	home := c.Consumer.opts.Home
	cfg := c.Consumer.opts.Config
	addrs := c.Consumer.Addrs()
	c.Consumer.Close()

	id, err := config.Home(home).Identity()
	if err != nil {
		t.Fatal(err)
	}
	n, err := New(Options{Home: home, Config: cfg, Identity: id})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := n.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer n.Close()
	// Issue 16: a restarted consumer listened on new ports and its
	// providers kept dialling the old ones. It keeps its addresses now.
	got := n.Addrs()
	slices.Sort(got)
	slices.Sort(addrs)
	if !slices.Equal(got, addrs) {
		t.Errorf("restarted node listens on %v, before it was %v", got, addrs)
	}
	cl := &api.Client{Base: n.APIURL(), Token: n.Token()}
	js, err := cl.Jobs(ctx)
	if err != nil || len(js) != 1 || js[0].ID != j.ID || js[0].State != api.JobCompleted || js[0].Verified != 3 {
		t.Fatalf("after restart: %v %+v", err, js)
	}
	v, err := cl.Job(ctx, string(j.ID))
	if err != nil {
		t.Fatal(err)
	}
	for i, tk := range v.Tasks {
		if tk.Receipt == nil || tk.OutputRoot != j.Tasks[i].OutputRoot || len(tk.Attempts) != 1 {
			t.Fatalf("task %d after restart: %+v", i, tk)
		}
	}
	// The learned scheduler's model survives too.
	if after := learned(n); after[c.Providers[0].PeerID().String()] != before[c.Providers[0].PeerID().String()] {
		t.Fatalf("scheduler model after restart %v, before %v", after, before)
	}
	logs, err := cl.Logs(ctx, string(j.ID), 0)
	if err != nil || len(logs) == 0 {
		t.Fatalf("logs after restart: %v %d", err, len(logs))
	}
}

// A job still waiting when the consumer stops is restored by the new
// node's loop (persisted before anything else runs) and can be cancelled
// through the API, which goes through the same loop.
func TestUnfinishedJobRestoredThroughLoop(t *testing.T) {
	c := startCluster(t, ClusterOptions{Providers: 1})
	prog := upload(t, c.Client, wasm.MinimalModule())
	ctx := context.Background()
	s := spec.Job{Program: spec.Program{CID: prog}, Tasks: spec.Tasks{Count: 2}, Labels: map[string]string{"zone": "nowhere"}}
	s.Defaults()
	j, err := c.Client.Submit(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	if j.State != api.JobPending || len(j.Tasks) != 2 {
		t.Fatalf("submitted job %s with %d tasks, want pending with 2", j.State, len(j.Tasks))
	}
	n := restartNode(ctx, t, c.Consumer, false)
	defer n.Close()
	cl := &api.Client{Base: n.APIURL(), Token: n.Token()}
	if _, err := cl.Cancel(ctx, string(j.ID)); err != nil {
		t.Fatal(err)
	}
	v, err := cl.Job(ctx, string(j.ID))
	if err != nil {
		t.Fatal(err)
	}
	if v.State != api.JobCancelled {
		t.Fatalf("after cancel: %s (%s)", v.State, v.Reason)
	}
	logs, err := cl.Logs(ctx, string(j.ID), 0)
	if err != nil {
		t.Fatal(err)
	}
	var restored, cancelled bool
	for _, l := range logs {
		restored = restored || l.Text == "job restored after restart"
		cancelled = cancelled || strings.HasPrefix(l.Text, "job cancelled")
	}
	if !restored || !cancelled {
		t.Fatalf("log lacks the restore or the cancellation: %+v", logs)
	}
}

// The fault of issue 16: a consumer stopped mid-job comes back on a new
// port (its config listens on port 0) and nobody it worked with knows the
// new address: the providers only have it as a bootstrap peer at the old
// one. It must dial the peers it remembered (jobdb.SavePeers) itself and
// finish the job, without being started again on its old address.
func TestConsumerRestartedOnNewPortFinishesJob(t *testing.T) {
	c := startCluster(t, ClusterOptions{Providers: 2, Slots: 1})
	prog := upload(t, c.Client, examples.HelloWASM())
	ctx := context.Background()
	s := spec.Job{Program: spec.Program{CID: prog}, Tasks: spec.Tasks{Count: 40}, Verification: spec.VerifyReceipt}
	s.Defaults()
	j, err := c.Client.Submit(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(2 * time.Minute)
	for {
		v, err := c.Client.Job(ctx, string(j.ID))
		if err != nil {
			t.Fatal(err)
		}
		if v.State.Terminal() {
			t.Fatalf("job ended (%s) before the consumer could be stopped mid-job", v.State)
		}
		if verified(v) >= 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no task verified within 2m: %d of %d", verified(v), len(v.Tasks))
		}
		time.Sleep(20 * time.Millisecond) // polling, not synchronisation
	}
	old := c.Consumer.host.Addrs()
	n := restartNode(ctx, t, c.Consumer, true)
	defer n.Close()
	if now := n.host.Addrs(); slices.Equal(now, old) {
		t.Fatalf("the restarted consumer listens where it did (%v): the test needs a new address", now)
	}
	cl := &api.Client{Base: n.APIURL(), Token: n.Token()}
	fctx, cancel := context.WithTimeout(ctx, 3*time.Minute)
	defer cancel()
	if err := cl.Follow(fctx, string(j.ID), func(api.LogLine) error { return nil }); err != nil {
		v, _ := cl.Job(ctx, string(j.ID))
		t.Fatalf("the job did not end after the restart: %v (%d of %d verified)", err, verified(v), len(v.Tasks))
	}
	v, err := cl.Job(ctx, string(j.ID))
	if err != nil {
		t.Fatal(err)
	}
	if v.State != api.JobCompleted || verified(v) != len(v.Tasks) {
		t.Fatalf("job %s with %d of %d verified: %s", v.State, verified(v), len(v.Tasks), v.Reason)
	}
	for _, tk := range v.Tasks {
		for _, a := range tk.Attempts {
			if a.State != "verified" && a.Reason == "" {
				t.Errorf("task %d attempt %d ended %s with no reason: %+v (task %s: %s)", tk.Index, a.N, a.State, a, tk.State, tk.Reason)
			}
		}
	}
}

// verified counts j's verified tasks.
func verified(j *api.JobView) int {
	n := 0
	for _, tk := range j.Tasks {
		if tk.State == api.TaskVerified {
			n++
		}
	}
	return n
}

// restartNode closes old and starts a node from its home and config, as
// a restarted process would; newPorts forgets the ports it listened on
// (as when they were taken meanwhile), so it comes back elsewhere.
func restartNode(ctx context.Context, t *testing.T, old *Node, newPorts bool) *Node {
	t.Helper()
	home, cfg := old.opts.Home, old.opts.Config
	old.Close()
	if newPorts {
		if err := os.Remove(config.Home(home).ListenState()); err != nil {
			t.Fatal(err)
		}
	}
	id, err := config.Home(home).Identity()
	if err != nil {
		t.Fatal(err)
	}
	n, err := New(Options{Home: home, Config: cfg, Identity: id})
	if err != nil {
		t.Fatal(err)
	}
	if err := n.Start(ctx); err != nil {
		t.Fatal(err)
	}
	return n
}
