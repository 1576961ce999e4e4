package node

import (
	"context"
	"testing"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/config"
	"github.com/deco-network/deco/internal/exec/wasm"
	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/spec"
)

// Jobs, tasks, attempts, receipts and logs survive a restart of the
// consumer node.
func TestConsumerStateSurvivesRestart(t *testing.T) {
	c := startCluster(t, ClusterOptions{Providers: 1})
	prog := upload(t, c.Client, wasm.MinimalModule())
	j := runJob(t, c.Client, spec.Job{Program: spec.Program{CID: prog}, Tasks: spec.Tasks{Count: 3}})
	if j.State != market.JobCompleted {
		t.Fatalf("job %s: %s", j.State, j.Reason)
	}
	home := c.Consumer.opts.Home
	cfg := c.Consumer.opts.Config
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
	cl := &api.Client{Base: n.APIURL(), Token: n.Token()}
	js, err := cl.Jobs(ctx)
	if err != nil || len(js) != 1 || js[0].ID != j.ID || js[0].State != market.JobCompleted || js[0].Verified != 3 {
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
	logs, err := cl.Logs(ctx, string(j.ID), 0)
	if err != nil || len(logs) == 0 {
		t.Fatalf("logs after restart: %v %d", err, len(logs))
	}
}
