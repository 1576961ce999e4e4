package runner

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/deco-network/deco/internal/access"
	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/clock"
	"github.com/deco-network/deco/internal/exec"
	"github.com/deco-network/deco/internal/exec/zkexec"
	"github.com/deco-network/deco/internal/store"
	"github.com/deco-network/deco/internal/wire"
)

// RunningAfter is how long a task runs before Run reports it running.
const RunningAfter = 100 * time.Millisecond

// maxProgram bounds a program fetched or read from the store.
const maxProgram = 1 << 30

// moduleCacheBytes bounds the programs kept in memory between tasks.
const moduleCacheBytes = 256 << 20

// Fetcher stores blobs a consumer holds.
type Fetcher interface {
	// Fetch stores blob c in the local blob store unless it is there:
	// from inline if it holds c (hash checked), else from peer from by
	// content address, at most max bytes. The stored blob hashes to c.
	Fetch(ctx context.Context, from peer.ID, c wire.CID, inline map[wire.CID][]byte, max int64) error
}

// FetchFunc adapts a function to a Fetcher.
type FetchFunc func(ctx context.Context, from peer.ID, c wire.CID, inline map[wire.CID][]byte, max int64) error

// Fetch calls f.
func (f FetchFunc) Fetch(ctx context.Context, from peer.ID, c wire.CID, inline map[wire.CID][]byte, max int64) error {
	return f(ctx, from, c, inline, max)
}

// Access records which peers may read which of this node's blobs
// (*access.Registry).
type Access interface {
	// GrantFor lets p read cids for d.
	GrantFor(p peer.ID, d time.Duration, cids ...wire.CID)
}

// Executor is a provider's executor of one task kind and what it signs as.
type Executor struct {
	exec.Executor
	Runtime  string // named in the receipt's environment
	Running  string // status message once a task has run RunningAfter
	MaxInput int64  // bytes fetched per input
	Own      bool   // the Runner closes it (Close)
}

// Config is what a Runner is built from. Every field but Logger is required.
type Config struct {
	Blobs     *store.Blobs
	Fetcher   Fetcher
	Executors map[string]Executor // by task kind (wire.TaskSpec.Kind)
	Signer    Signer
	Clock     clock.Clock
	Logger    *slog.Logger // default: discard
	// WorkDir holds the slot sandboxes, slot-0 … slot-<Slots-1>.
	WorkDir string
	Slots   int
	// InlineLimit is the largest blob a task message carries inline; logs
	// and outputs up to a quarter of it travel in the result.
	InlineLimit int
	// Claims: return a zk task's settlement claim from Run (payments on).
	Claims bool
	// Access lets the consumer that assigned a task read its result's
	// outputs and logs from this node (access.OutputGrant), and no one
	// else.
	Access Access
	// Withhold (payments on): a successful result's outputs and logs are
	// stored but neither sent inline nor granted; the provider releases
	// them when the consumer's voucher for the attempt arrives (fair
	// exchange, docs/economics.md). A zk task is paid on its proof and a
	// failed run by no voucher, so theirs are not withheld.
	Withhold bool
}

// Validate reports the first missing or wrong field.
func (c Config) Validate() error {
	switch {
	case c.Blobs == nil:
		return errors.New("runner: no blob store")
	case c.Fetcher == nil:
		return errors.New("runner: no fetcher")
	case len(c.Executors) == 0:
		return errors.New("runner: no executors")
	case c.Clock == nil:
		return errors.New("runner: no clock")
	case c.Access == nil:
		return errors.New("runner: no access registry (the consumer could not fetch the outputs)")
	case c.WorkDir == "":
		return errors.New("runner: no work directory")
	case c.Slots < 1:
		return fmt.Errorf("runner: %d slots, want at least 1", c.Slots)
	case c.InlineLimit < 0:
		return fmt.Errorf("runner: negative inline limit %d", c.InlineLimit)
	}
	return c.Signer.validate()
}

// Runner runs assignments in slot sandboxes. Run is safe for concurrent
// use, one call per slot at a time.
type Runner struct {
	cfg Config
	log *slog.Logger

	modMu    sync.Mutex
	modules  map[wire.CID]module // recently run modules, so a job's tasks don't re-read or re-hash them
	modBytes int
}

// New validates cfg and prepares an empty sandbox per slot, removing
// what a crashed run left there.
func New(cfg Config) (*Runner, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	r := &Runner{cfg: cfg, log: cfg.Logger}
	if r.log == nil {
		r.log = slog.New(slog.DiscardHandler)
	}
	for i := 0; i < cfg.Slots; i++ {
		if err := prepare(r.slotDir(i)); err != nil {
			return nil, fmt.Errorf("provider sandbox: %w", err)
		}
	}
	return r, nil
}

// Close closes the executors marked Own, waiting at most 5 s for each.
func (r *Runner) Close() {
	for _, e := range r.cfg.Executors {
		if e.Own {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			e.Close(ctx)
			cancel()
		}
	}
}

// Run executes assignment a, sent by peer from, in slot's sandbox and
// returns the signed result. A zk task also returns the claim that
// settles it on chain (nil unless Config.Claims). status reports
// progress ("fetching", "running"); it may be called after Run returns
// (a notice in flight), and the consumer ignores progress of an ended
// attempt.
func (r *Runner) Run(ctx context.Context, from peer.ID, a wire.Assign, slot int, status func(state, msg string)) (wire.Result, *chain.ProofClaim) {
	return r.RunHooks(ctx, from, a, slot, Hooks{Status: status})
}

// RunHooks is Run reporting what the guest says while it runs through h
// (see Hooks); h.Status is Run's status.
func (r *Runner) RunHooks(ctx context.Context, from peer.ID, a wire.Assign, slot int, h Hooks) (wire.Result, *chain.ProofClaim) {
	status := h.Status
	if status == nil {
		status = func(string, string) {}
	}
	live := h.Live
	spec := a.Spec
	res := wire.Result{Task: spec.Task, Attempt: spec.Attempt}
	fail := func(kind string, err error) wire.Result {
		res.Failure, res.Message = kind, err.Error()
		return res
	}
	ex, ok := r.cfg.Executors[spec.Kind]
	if !ok {
		return fail(wire.FailBadModule, fmt.Errorf("task kind %q is not one this provider runs (it runs %s); the consumer may need a newer deco", spec.Kind, kindNames(r.cfg.Executors))), nil
	}
	blobs := r.cfg.Blobs
	missing := !blobs.Has(spec.Program) && a.Inline[spec.Program] == nil
	for _, in := range spec.Inputs {
		missing = missing || (!blobs.Has(in.CID) && a.Inline[in.CID] == nil)
	}
	if missing {
		status("fetching", "program and inputs from the consumer")
	}
	if err := r.cfg.Fetcher.Fetch(ctx, from, spec.Program, a.Inline, maxProgram); err != nil {
		return fail(wire.FailProvider, fmt.Errorf("fetch program %s: %w", spec.Program.Short(), err)), nil
	}
	mod, err := r.module(spec.Program)
	if err != nil {
		return fail(wire.FailProvider, err), nil
	}
	dir := r.slotDir(slot)
	inDir, outDir := filepath.Join(dir, "inputs"), filepath.Join(dir, "outputs")
	defer clean(inDir)
	defer clean(outDir)
	if len(spec.Inputs) == 0 {
		inDir = ""
	}
	for _, in := range spec.Inputs {
		if err := wire.CheckPath(in.Name); err != nil || filepath.Base(in.Name) != in.Name {
			return fail(wire.FailMissingInput, fmt.Errorf("input name %q is not a plain file name", in.Name)), nil
		}
		if in.From != "" {
			if err := r.fetchShared(ctx, in, a.Holders[in.From], ex.MaxInput); err != nil {
				return fail(wire.FailMissingInput, err), nil
			}
		} else if err := r.cfg.Fetcher.Fetch(ctx, from, in.CID, a.Inline, ex.MaxInput); err != nil {
			return fail(wire.FailMissingInput, fmt.Errorf("input %s (%s) could not be fetched from the consumer: %v", in.Name, in.CID.Short(), err)), nil
		}
		if err := r.stage(in.CID, filepath.Join(inDir, in.Name)); err != nil {
			return fail(wire.FailProvider, err), nil
		}
	}
	ck := r.checkpoints(from, spec, h)
	defer ck.drop()
	restore, err := r.restore(ctx, from, a)
	if err != nil {
		return fail(wire.FailProvider, err), nil
	}
	// Say "running" only for tasks that take a while: for short ones the
	// result is the news, and a message less per task is throughput.
	running := r.cfg.Clock.AfterFunc(RunningAfter, func() { status("running", ex.Running) })
	sum := mod.sum
	es := exec.Spec{
		Module: mod.bytes, ModuleID: string(spec.Program), Args: spec.Args, Env: spec.Env,
		InputDir: inDir, OutputDir: outDir, MemoryLimit: spec.MemoryLimit,
		Timeout: time.Duration(spec.TimeoutMs) * time.Millisecond, Seed: spec.Task.Seed(),
		MaxOutputBytes: spec.MaxOutput, Task: spec.Task, Count: spec.Count, Attempt: spec.Attempt,
		Restore: restore, CheckpointEvery: checkpointEvery(spec), CheckpointMax: checkpointMax(spec),
		OnCheckpoint: ck.ship, OnProgress: ck.progress,
	}
	if live != nil {
		es.LiveStdout, es.LiveStderr = live.Stdout(), live.Stderr()
	}
	out, err := ex.Run(ctx, es)
	// A status still in flight may land after the result; the consumer
	// ignores progress for an attempt that has ended.
	running.Stop()
	ck.stop()
	res.DurationMs, res.ExitCode, res.Compiled = out.Duration.Milliseconds(), int64(out.ExitCode), out.Compiled
	res.Inline = map[wire.CID][]byte{}
	if len(out.Stdout) > 0 || len(out.Stderr) > 0 || err == nil {
		stdout, stderr := markCut(out.Stdout, out.StdoutTruncated, "stdout"), markCut(out.Stderr, out.StderrTruncated, "stderr")
		res.Stdout = r.keepLog(res.Inline, stdout)
		res.Stderr = r.keepLog(res.Inline, stderr)
		res.StdoutSize, res.StderrSize, res.Truncated = int64(len(stdout)), int64(len(stderr)), out.StdoutTruncated || out.StderrTruncated
	}
	if err != nil {
		return fail(failureKind(err), err), nil
	}
	m, err := r.collect(outDir, spec.MaxOutput, res.Inline)
	if err != nil {
		if errors.Is(err, exec.ErrOutputTooLarge) {
			return fail(wire.FailOutputTooLarge, err), nil
		}
		if errors.Is(err, errBadOutput) {
			return fail(wire.FailBadOutput, err), nil
		}
		return fail(wire.FailProvider, err), nil
	}
	res.Outputs = m
	res = r.cfg.Signer.sign(ex.Runtime, spec, res, hex.EncodeToString(sum[:]))
	if r.cfg.Withhold && spec.Kind != wire.KindZK && res.Receipt != nil && res.ExitCode == 0 {
		if err := r.withhold(&res); err != nil {
			return fail(wire.FailProvider, err), nil
		}
		return res, nil
	}
	r.cfg.Access.GrantFor(from, access.OutputGrant, fetchable(res)...)
	if claim, ok := zkexec.ClaimOf(out); ok && res.Receipt != nil && r.cfg.Claims {
		return res, claim
	}
	return res, nil
}

// withhold stores what would have travelled inline in res and sends none
// of it: the consumer gets the manifest and the signed root, and the bytes
// once it has paid (Withheld).
func (r *Runner) withhold(res *wire.Result) error {
	for _, c := range Withheld(*res) {
		b, ok := res.Inline[c]
		if !ok {
			continue
		}
		if _, err := r.cfg.Blobs.PutBytes(b); err != nil {
			return fmt.Errorf("store output %s: %w", c.Short(), err)
		}
		delete(res.Inline, c)
	}
	return nil
}

// Withheld lists every output and log of a successful result: what the
// consumer fetches once it has paid.
func Withheld(res wire.Result) []wire.CID {
	var cids []wire.CID
	for _, e := range res.Outputs.Entries {
		cids = append(cids, e.CID)
	}
	for _, c := range []wire.CID{res.Stdout, res.Stderr} {
		if c != "" {
			cids = append(cids, c)
		}
	}
	return cids
}

// fetchable lists the outputs and logs of res the consumer fetches: those
// that did not travel inline.
func fetchable(res wire.Result) []wire.CID {
	var cids []wire.CID
	for _, e := range res.Outputs.Entries {
		cids = append(cids, e.CID)
	}
	cids = append(cids, res.Stdout, res.Stderr)
	kept := cids[:0]
	for _, c := range cids {
		if _, inline := res.Inline[c]; c != "" && !inline {
			kept = append(kept, c)
		}
	}
	return kept
}

// module returns the program bytes, from memory when a recent task used it.
func (r *Runner) module(c wire.CID) (module, error) {
	r.modMu.Lock()
	defer r.modMu.Unlock()
	if m, ok := r.modules[c]; ok {
		return m, nil
	}
	b, err := r.cfg.Blobs.Get(c, maxProgram)
	if err != nil {
		return module{}, err
	}
	if r.modules == nil || r.modBytes+len(b) > moduleCacheBytes {
		r.modules, r.modBytes = map[wire.CID]module{}, 0
	}
	// The receipt names the module's hash: taken once per load, not per
	// task (a 3 MB Go module cost 2 ms of every run).
	m := module{bytes: b, sum: sha256.Sum256(b)}
	r.modules[c] = m
	r.modBytes += len(b)
	return m, nil
}

// module is a program's bytes and their SHA-256, as the receipt names it.
type module struct {
	bytes []byte
	sum   [32]byte
}

// failureKind is the wire failure an executor's error reports.
func failureKind(err error) string {
	switch {
	case errors.Is(err, exec.ErrTimeLimit):
		return wire.FailTimeLimit
	case errors.Is(err, exec.ErrMemoryLimit):
		return wire.FailMemoryLimit
	case errors.Is(err, exec.ErrBadModule):
		return wire.FailBadModule
	case errors.Is(err, exec.ErrMissingInput):
		return wire.FailMissingInput
	case errors.Is(err, exec.ErrOutputTooLarge):
		return wire.FailOutputTooLarge
	case errors.Is(err, zkexec.ErrUncommitted):
		return wire.FailNoEscrow
	}
	return wire.FailProvider
}

// kindNames lists the task kinds a provider runs, for messages.
func kindNames(kinds map[string]Executor) string {
	names := make([]string, 0, len(kinds))
	for k := range kinds {
		if k == wire.KindWasm {
			k = "wasm"
		}
		names = append(names, k)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}
