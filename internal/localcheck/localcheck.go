package localcheck

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/deco-network/deco/internal/clock"
	"github.com/deco-network/deco/internal/exec"
	"github.com/deco-network/deco/internal/exec/wasm"
	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/runner"
	"github.com/deco-network/deco/internal/store"
	"github.com/deco-network/deco/internal/wire"
)

// Runtime names the sandbox in a local run's receipt, which nobody else
// sees: a check compares output roots only.
const Runtime = "wazero/v1.12.0"

// Config is what a Checker is built from. Blobs, Signer, Clock and WorkDir
// are required.
type Config struct {
	Blobs    *store.Blobs
	Signer   runner.Signer // signs the local run's receipt (the runner always signs)
	Clock    clock.Clock
	WorkDir  string        // the check's sandbox
	CacheDir string        // compiled modules ("" = none)
	Executor exec.Executor // default: a wazero executor the Checker owns
	Logger   *slog.Logger
}

// Checker runs CheckLocal actions one at a time. It is safe for
// concurrent use. It starts its executor at the first check, so a node
// that never checks pays nothing for it.
type Checker struct {
	cfg  Config
	mu   sync.Mutex
	run  *runner.Runner
	exec exec.Executor // the runner's, which judge runs checkers on
	own  bool          // exec was started here: Close stops it
}

// New checks cfg; the executor starts at the first Check.
func New(cfg Config) (*Checker, error) {
	if cfg.Blobs == nil || cfg.Clock == nil || cfg.WorkDir == "" {
		return nil, errors.New("localcheck: blobs, clock and work directory are required")
	}
	return &Checker{cfg: cfg}, nil
}

// start builds the runner; c.mu is held.
func (c *Checker) start(ctx context.Context) error {
	cfg := c.cfg
	e, own := cfg.Executor, false
	if e == nil {
		var opts []wasm.Option
		if cfg.CacheDir != "" {
			opts = append(opts, wasm.WithCacheDir(cfg.CacheDir))
		}
		w, err := wasm.New(ctx, opts...)
		if err != nil {
			return fmt.Errorf("start the WebAssembly runtime: %w", err)
		}
		e, own = w, true
	}
	blobs := cfg.Blobs
	r, err := runner.New(runner.Config{
		Blobs: blobs, Clock: cfg.Clock, Logger: cfg.Logger, WorkDir: cfg.WorkDir, Slots: 1, Signer: cfg.Signer,
		Executors: map[string]runner.Executor{wire.KindWasm: {Executor: e, Runtime: Runtime, MaxInput: 1 << 34}},
		// The consumer holds the program and inputs of its own jobs.
		Fetcher: runner.FetchFunc(func(_ context.Context, _ peer.ID, c wire.CID, _ map[wire.CID][]byte, _ int64) error {
			if blobs.Has(c) {
				return nil
			}
			return fmt.Errorf("%s is not in the consumer's store", c.Short())
		}),
		Access: noGrants{},
	})
	if err != nil {
		if own {
			e.Close(ctx)
		}
		return err
	}
	c.run, c.exec, c.own = r, e, own
	return nil
}

// Check runs x's task and returns the Checked to step into the market.
func (c *Checker) Check(ctx context.Context, x market.CheckLocal) market.Checked {
	out := market.Checked{Task: x.Spec.Task, Claimed: x.Root}
	if x.Spec.Kind != "" && x.Spec.Kind != wire.KindWasm {
		out.Err = "the consumer runs only WebAssembly tasks"
		return out
	}
	for _, in := range x.Spec.Inputs {
		if in.From != "" {
			// A later stage's inputs stay with the providers that made them.
			out.Err = "the task's inputs are an earlier stage's outputs, which this node does not hold"
			return out
		}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.run == nil {
		if err := c.start(ctx); err != nil {
			out.Err = err.Error()
			return out
		}
	}
	res, _ := c.run.Run(ctx, "", wire.Assign{Spec: x.Spec}, 0, func(string, string) {})
	if res.Failure != "" {
		out.Err = fmt.Sprintf("%s: %s", res.Failure, res.Message)
		return out
	}
	out.Root = res.Outputs.Root()
	return out
}

// Close stops the executor it owns, if it started one.
func (c *Checker) Close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.run != nil {
		c.run.Close()
	}
	if c.own {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		c.exec.Close(ctx)
	}
}

// noGrants: nobody fetches a local run's outputs.
type noGrants struct{}

func (noGrants) GrantFor(peer.ID, time.Duration, ...wire.CID) {}
