package node

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/exec"
	"github.com/deco-network/deco/internal/exec/wasm"
	"github.com/deco-network/deco/internal/spec"
)

// A database written by an earlier version must open and its jobs resume.
// A fixture in fixtureDir is a consumer's state.db written by the code of
// that version; TestWriteFixture is how it was made. Run it only to add a
// fixture for a new record version (never to overwrite an old one, which
// would stop testing the migration it stands for):
//
//	go test ./internal/node -run TestWriteFixture -write-fixture=v1 -count=1
var writeFixture = flag.String("write-fixture", "", "write "+fixtureDir+"/state-<name>.db and its summary from a fresh cluster (see fixture_gen_test.go)")

// fixtureDir holds the fixtures: the job database's format is internal/jobdb's,
// whose tests open them directly too.
const fixtureDir = "../jobdb/testdata"

// fixtureSummary is what a fixture's test expects to find after opening
// it: written beside the database by the generator, from the API of the
// version that wrote it. Only fields every version shows are kept.
type fixtureSummary struct {
	Finished   fixtureJob `json:"finished"`   // completed before the node stopped
	Unfinished fixtureJob `json:"unfinished"` // stopped with a task in flight and tasks pending
}

type fixtureJob struct {
	ID     string        `json:"id"`
	State  string        `json:"state"`
	Reason string        `json:"reason"`
	Logs   int           `json:"logs"`
	Tasks  []fixtureTask `json:"tasks"`
}

type fixtureTask struct {
	Index      int    `json:"index"`
	State      string `json:"state"`
	Provider   string `json:"provider,omitempty"`
	OutputRoot string `json:"output_root,omitempty"`
	Receipt    bool   `json:"receipt"`
	Attempts   int    `json:"attempts"`
}

// fixtureStall is the argument with which the generator's provider holds
// a task until the node stops (stallExecutor), so the consumer stops with
// a task in flight. The minimal module ignores its arguments: any other
// provider runs the task at once.
const fixtureStall = "fixture-stall"

// stallExecutor holds tasks given fixtureStall until their context ends
// and runs the others.
type stallExecutor struct{ exec.Executor }

func (e stallExecutor) Run(ctx context.Context, s exec.Spec) (exec.Result, error) {
	if slices.Contains(s.Args, fixtureStall) {
		<-ctx.Done()
		return exec.Result{}, ctx.Err()
	}
	return e.Executor.Run(ctx, s)
}

// fixtureOf reads a job back through the API as plain JSON, so the
// generator compiles whatever the view types become.
func fixtureOf(t *testing.T, c *api.Client, id string) fixtureJob {
	t.Helper()
	v, err := c.Job(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var raw struct {
		ID     string `json:"id"`
		State  string `json:"state"`
		Reason string `json:"reason"`
		Tasks  []struct {
			Index      int             `json:"index"`
			State      string          `json:"state"`
			Provider   string          `json:"provider"`
			OutputRoot string          `json:"output_root"`
			Receipt    json.RawMessage `json:"receipt"`
			Attempts   []struct{}      `json:"attempts"`
		} `json:"tasks"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		t.Fatal(err)
	}
	logs, err := c.Logs(context.Background(), id, 0)
	if err != nil {
		t.Fatal(err)
	}
	out := fixtureJob{ID: raw.ID, State: raw.State, Reason: raw.Reason, Logs: len(logs)}
	for _, tk := range raw.Tasks {
		out.Tasks = append(out.Tasks, fixtureTask{Index: tk.Index, State: tk.State, Provider: tk.Provider, OutputRoot: tk.OutputRoot,
			Receipt: len(tk.Receipt) > 0 && string(tk.Receipt) != "null", Attempts: len(tk.Attempts)})
	}
	return out
}

func TestWriteFixture(t *testing.T) {
	if *writeFixture == "" {
		t.Skip("writes a fixture; run with -write-fixture=<name>")
	}
	ctx := context.Background()
	c := startCluster(t, ClusterOptions{Providers: 1, Slots: 1, Configure: func(i int, o *Options) {
		if i == 1 {
			e, err := wasm.New(ctx)
			if err != nil {
				t.Fatal(err)
			}
			o.Executor = stallExecutor{e}
		}
	}})

	done := runJob(t, c.Client, spec.Job{Name: "fixture-finished", Program: spec.Program{CID: upload(t, c.Client, wasm.MinimalModule())}, Tasks: spec.Tasks{Count: 2}})
	if done.State != "completed" {
		t.Fatalf("finished job: %s %s", done.State, done.Reason)
	}

	// One provider slot and three tasks it holds: when the first runs, the
	// others wait.
	prog := upload(t, c.Client, wasm.MinimalModule())
	s := spec.Job{Name: "fixture-unfinished", Program: spec.Program{CID: prog}, Tasks: spec.Tasks{Count: 3, Args: []string{fixtureStall}}, Timeout: spec.Duration(5 * time.Minute)}
	s.Defaults()
	sub, err := c.Client.Submit(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	var unfinished fixtureJob
	deadline := time.Now().Add(2 * time.Minute)
	for {
		unfinished = fixtureOf(t, c.Client, string(sub.ID))
		running, waiting := 0, 0
		for _, tk := range unfinished.Tasks {
			switch tk.State {
			case "running":
				running++
			case "pending", "bidding", "retrying":
				waiting++
			}
		}
		if running == 1 && waiting == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("no task running: %+v", unfinished)
		}
		time.Sleep(20 * time.Millisecond)
	}
	sum := fixtureSummary{Finished: fixtureOf(t, c.Client, string(done.ID)), Unfinished: unfinished}
	home := c.Consumer.opts.Home
	c.Consumer.Close()

	db, err := os.ReadFile(home.Path("state.db"))
	if err != nil {
		t.Fatal(err)
	}
	js, _ := json.MarshalIndent(sum, "", "  ")
	base := filepath.Join(fixtureDir, "state-"+*writeFixture)
	if err := os.MkdirAll(fixtureDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(base+".db", db, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(base+".json", append(js, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s.db (%d bytes) and %s.json", base, len(db), base)
}
