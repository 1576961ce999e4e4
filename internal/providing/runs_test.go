package providing

import (
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/deco-network/deco/examples"
	"github.com/deco-network/deco/internal/exec/wasm"
	provcore "github.com/deco-network/deco/internal/provider"
	"github.com/deco-network/deco/internal/store"
	"github.com/deco-network/deco/internal/wire"
)

// countedRuns is a RunBook that counts what the provider recorded.
type countedRuns struct {
	RunBook
	puts, deletes atomic.Int32
}

func (c *countedRuns) Put(r RunRecord) error { c.puts.Add(1); return c.RunBook.Put(r) }
func (c *countedRuns) Delete(k provcore.Key) error {
	c.deletes.Add(1)
	return c.RunBook.Delete(k)
}

// A provider records each attempt it runs (for a second or more) until it
// ends, so that after a crash the next start finds the attempts it was
// running, says that their work was lost, and clears them; an attempt that
// ended leaves no record.
func TestRestartReportsLostWork(t *testing.T) {
	db, err := store.OpenDB(filepath.Join(t.TempDir(), "node.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	runs := &countedRuns{RunBook: RunBook{DB: db}}

	// Record at once (an attempt is recorded only after recordAfter, and
	// hello takes milliseconds).
	defer func(d time.Duration) { recordAfter = d }(recordAfter)
	recordAfter = 0
	prov, cons := newPeer(t), newPeer(t)
	prov.serveWith(t, func(c *Config) { c.Runs = runs })
	cons.connect(t, prov)
	job := newJob(t)
	if bid := cons.requestBid(t, prov, bidRequest(job, cons)); !bid.Accept {
		t.Fatalf("bid refused: %s", bid.Reason)
	}
	hello := examples.HelloWASM()
	program := wire.CIDOf(hello)
	res := cons.assign(t, prov, wire.Assign{
		Spec: wire.TaskSpec{Task: wire.TaskID{Job: job, Index: 0}, Count: 1, Program: program, ProgramSize: int64(len(hello)),
			MemoryLimit: 64 << 20, TimeoutMs: 10_000, MaxOutput: 1 << 20},
		Price: 1000, Consumer: cons.Address(), Inline: map[wire.CID][]byte{program: hello}, Binding: cons.Binding,
	})
	if res.Failure != "" || res.ExitCode != 0 {
		t.Fatalf("hello failed: %+v", res)
	}
	deadline := time.Now().Add(10 * time.Second)
	for runs.deletes.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond) // the record is cleared just after the result
	}
	if runs.puts.Load() != 1 || runs.deletes.Load() != 1 {
		t.Fatalf("the run was recorded %d times and cleared %d times, want 1 and 1", runs.puts.Load(), runs.deletes.Load())
	}
	if left, err := runs.All(); err != nil || len(left) != 0 {
		t.Fatalf("records after the attempt ended: %v, %v", left, err)
	}

	// A crash leaves a record behind; the next start reports and clears it.
	lost := RunRecord{Task: wire.TaskID{Job: job, Index: 3}, Attempt: 2, Consumer: cons.ID().String(), Started: time.Now().Add(-time.Minute)}
	if err := runs.RunBook.Put(lost); err != nil {
		t.Fatal(err)
	}
	again := newPeer(t).serveWith(t, func(c *Config) { c.Runs = RunBook{DB: db} })
	got := again.LostInRestart()
	if len(got) != 1 || got[0].Task != lost.Task || got[0].Attempt != 2 || got[0].Consumer != lost.Consumer {
		t.Fatalf("lost in restart: %+v, want the recorded attempt", got)
	}
	if left, err := runs.All(); err != nil || len(left) != 0 {
		t.Fatalf("records after the restart reported them: %v, %v", left, err)
	}
}

// A short attempt costs no database write: it ends before it would be
// recorded.
func TestShortRunNotRecorded(t *testing.T) {
	db, err := store.OpenDB(filepath.Join(t.TempDir(), "node.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	runs := &countedRuns{RunBook: RunBook{DB: db}}
	prov, cons := newPeer(t), newPeer(t)
	prov.serveWith(t, func(c *Config) { c.Runs = runs })
	cons.connect(t, prov)
	job := newJob(t)
	if bid := cons.requestBid(t, prov, bidRequest(job, cons)); !bid.Accept {
		t.Fatalf("bid refused: %s", bid.Reason)
	}
	// The minimal module compiles and runs in milliseconds; a minute
	// between recording and the end keeps a loaded machine from mattering.
	defer func(d time.Duration) { recordAfter = d }(recordAfter)
	recordAfter = time.Minute
	mod := wasm.MinimalModule()
	program := wire.CIDOf(mod)
	res := cons.assign(t, prov, wire.Assign{
		Spec: wire.TaskSpec{Task: wire.TaskID{Job: job, Index: 0}, Count: 1, Program: program, ProgramSize: int64(len(mod)),
			MemoryLimit: 64 << 20, TimeoutMs: 10_000, MaxOutput: 1 << 20},
		Price: 1000, Consumer: cons.Address(), Inline: map[wire.CID][]byte{program: mod}, Binding: cons.Binding,
	})
	if res.Failure != "" || res.ExitCode != 0 {
		t.Fatalf("the minimal module failed: %+v", res)
	}
	if n := runs.puts.Load(); n != 0 {
		t.Fatalf("a %d ms attempt was recorded %d times", res.DurationMs, n)
	}
}
