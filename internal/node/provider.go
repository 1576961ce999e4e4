package node

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/exec"
	"github.com/deco-network/deco/internal/exec/wasm"
	"github.com/deco-network/deco/internal/exec/zkexec"
	"github.com/deco-network/deco/internal/p2p"
	"github.com/deco-network/deco/internal/pricing"
	provcore "github.com/deco-network/deco/internal/provider"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

// benchmarkScore is measured once per process: in-process clusters start
// many providers on one machine and would otherwise disagree by noise.
var benchmarkScore = sync.OnceValues(func() (float64, error) {
	ctx := context.Background()
	e, err := wasm.New(ctx)
	if err != nil {
		return 0, err
	}
	defer e.Close(ctx)
	return wasm.Benchmark(ctx, e)
})

// runningAfter is how long a task runs before the provider reports it running.
const runningAfter = 100 * time.Millisecond

// RuntimeName is the sandbox named in offers and receipts.
const RuntimeName = "wazero/v1.12.0"

// provider is the provider role's adapters. What it decides (bids, slots,
// escrow reservations) is its provider.Machine's, stepped by loop.
type provider struct {
	kinds    map[string]executor // by task kind (wire.TaskSpec.Kind)
	res      wire.Resources
	slots    int
	bench    float64
	loop     *provLoop
	seq      atomic.Uint64
	modMu    sync.Mutex
	modules  map[wire.CID][]byte // recently run modules, so a job's tasks don't re-read them
	modBytes int
}

// executor is a provider's executor of one task kind and what it signs as.
type executor struct {
	exec.Executor
	runtime  string // named in the receipt's environment
	running  string // status message once a task has run a while
	maxInput int64  // bytes fetched per input
	own      bool   // started by the node, closed with it
}

// module returns the program bytes, from memory when a recent task used it.
func (p *provider) module(n *Node, c wire.CID) ([]byte, error) {
	p.modMu.Lock()
	defer p.modMu.Unlock()
	if b, ok := p.modules[c]; ok {
		return b, nil
	}
	b, err := n.blobs.Get(c, 1<<30)
	if err != nil {
		return nil, err
	}
	if p.modules == nil || p.modBytes+len(b) > 256<<20 {
		p.modules, p.modBytes = map[wire.CID][]byte{}, 0
	}
	p.modules[c] = b
	p.modBytes += len(b)
	return b, nil
}

func (p *provider) close() {
	for _, e := range p.kinds {
		if e.own {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			e.Close(ctx)
			cancel()
		}
	}
}

func (n *Node) startProvider(ctx context.Context) error {
	cfg := n.opts.Config.Provider
	p := &provider{slots: cfg.Slots}
	if p.slots == 0 {
		p.slots = 1
	}
	for i := 0; i < p.slots; i++ {
		// Reusable per-slot sandboxes: creating and removing a directory
		// per task was the largest per-task cost after the network.
		dir := n.slotDir(i)
		os.RemoveAll(dir) // leftovers of a crash
		for _, sub := range []string{"inputs", "outputs"} {
			if err := os.MkdirAll(filepath.Join(dir, sub), 0o700); err != nil {
				return fmt.Errorf("provider sandbox: %w", err)
			}
		}
	}
	kinds, err := n.executors(ctx)
	if err != nil {
		return err
	}
	p.kinds = kinds
	p.res = measure(n.opts.Home.Path())
	if cfg.MaxMemory != 0 && cfg.MaxMemory < p.res.Memory {
		p.res.Memory = cfg.MaxMemory
	}
	score, err := benchmarkScore()
	if err != nil {
		return fmt.Errorf("benchmark: %w", err)
	}
	p.bench = score
	mc := provcore.Config{
		EVM: n.id.EVM, Resources: p.res, Labels: cfg.Labels, Slots: p.slots,
		// Assignments beyond the free slots wait for one, as many as come:
		// the consumer only sends what this provider bid for.
		Queue:   math.MaxInt32,
		Pricing: pricing.Params{Base: cfg.Ask, Floor: cfg.Floor, Ceiling: cfg.Ceiling},
	}
	if pp := n.pay.provider; pp != nil {
		o := pp.Options()
		mc.RedeemThreshold, mc.RedeemAge, mc.RetryMin = o.RedeemThreshold, o.RedeemAge, o.Interval
	}
	if err := mc.Validate(); err != nil {
		return err
	}
	p.loop = newProvLoop(n, provcore.New(mc))
	n.prov = p
	n.wg.Add(2)
	go func() { defer n.wg.Done(); p.loop.run(ctx) }()
	go func() { defer n.wg.Done(); n.publishOffers(ctx) }()
	if pp := n.pay.provider; pp != nil {
		// Vouchers of earlier runs join the redemption schedule.
		for _, h := range pp.Held() {
			if _, err := p.loop.step(ctx, provcore.VoucherHeld{Held: h}); err != nil {
				return err
			}
		}
	}
	n.log.Info("provider ready", "slots", p.slots, "cores", p.res.Cores, "memory", humanBytes(p.res.Memory), "benchmark", fmt.Sprintf("%.1f", p.bench))
	return nil
}

// busy is the number of slots in use.
func (p *provider) busy() (n int) {
	p.loop.read(func(m *provcore.Machine) { n = m.Busy() })
	return n
}

// executors is the provider's registry of executors by task kind:
// WebAssembly (Options.Executor, or wazero with the compilation cache in
// the home) and zk proving. Options.WrapExecutor wraps each once.
func (n *Node) executors(ctx context.Context) (map[string]executor, error) {
	wasmExec, own := n.opts.Executor, false
	if wasmExec == nil {
		e, err := wasm.New(ctx, wasm.WithCacheDir(n.opts.Home.Path("cache", "wasm")), wasm.WithLogger(n.log.With("component", "wasm")))
		if err != nil {
			return nil, fmt.Errorf("start the WebAssembly runtime: %w", err)
		}
		wasmExec, own = e, true
	}
	key := n.id.EVMKey
	prover := zkexec.New(zkexec.Options{Payee: n.EVM(), Domain: n.domain, Sign: func(d [32]byte) ([]byte, error) { return verify.SignDigest(key, d) }})
	kinds := map[string]executor{
		wire.KindWasm: {Executor: wasmExec, runtime: RuntimeName, maxInput: 1 << 34, own: own},
		// A zk task's only input is its job's task commitment.
		wire.KindZK: {Executor: prover, runtime: zkexec.Runtime, running: "proving", maxInput: 1 << 26, own: true},
	}
	for kind, e := range kinds {
		e.Executor = n.opts.WrapExecutor(kind, e.Executor)
		kinds[kind] = e
	}
	return kinds, nil
}

func (n *Node) offer() wire.Offer {
	p := n.prov
	var free int
	var ask wire.Amount
	p.loop.read(func(m *provcore.Machine) { free, ask = m.Free(), m.Ask(n.clk.Now()) })
	return wire.Offer{
		Peer: n.host.ID().String(), EVM: n.id.EVM, Resources: p.res, Slots: p.slots, FreeSlots: free,
		Benchmark: p.bench, Ask: ask, Labels: n.opts.Config.Provider.Labels, Runtime: RuntimeName,
		Seq: p.seq.Add(1), ExpiresMs: n.clk.Now().Add(15 * time.Second).UnixMilli(),
	}
}

// publishOffers gossips a fresh offer every OfferInterval (sooner at start,
// so a new network becomes usable within a second or two).
func (n *Node) publishOffers(ctx context.Context) {
	interval := 250 * time.Millisecond
	next := n.clk.NewTimer(interval)
	defer next.Stop()
	for i := 0; ; i++ {
		raw, err := n.seal(wire.TypeOffer, n.offer(), 15*time.Second)
		if err == nil {
			if err := n.host.Publish(ctx, p2p.TopicOffers, raw); err != nil && ctx.Err() == nil {
				n.log.Debug("publish offer", "err", err)
			}
		}
		if i > 20 {
			interval = n.opts.OfferInterval
		}
		next.Reset(interval)
		select {
		case <-ctx.Done():
			return
		case <-next.C():
		}
	}
}

// handleBid answers /deco/bid/1: one signed request, one signed bid. The
// provider machine decides; this looks up the escrow facts it needs.
func (n *Node) handleBid(ctx context.Context, from peer.ID, raw []byte) ([]byte, error) {
	var req wire.BidRequest
	if err := n.open(raw, from, wire.TypeBidRequest, &req); err != nil {
		return nil, fmt.Errorf("bad bid request from %s: %w", from, err)
	}
	p := n.prov
	if p == nil {
		return n.seal(wire.TypeBid, wire.Bid{Job: req.Job, Round: req.Round, EVM: n.id.EVM, Reason: "this node is not a provider"}, msgTTL)
	}
	es := n.escrowFacts(ctx, req.Job, req.Consumer, true)
	answers, err := p.loop.step(ctx, provcore.BidRequested{Peer: from.String(), Req: req, Escrow: es})
	if err != nil {
		return nil, err
	}
	return n.seal(wire.TypeBid, answers[0].Bid, msgTTL)
}

// handleTask serves one consumer's task session (/deco/task/2): its
// assignments, cancellations and vouchers go to the provider machine,
// which runs, stops and answers them; status and results are written back
// on the same stream. When the consumer goes away every task of the
// session stops.
func (n *Node) handleTask(ctx context.Context, s *p2p.Stream) {
	from := s.Remote()
	defer s.Close()
	var wmu sync.Mutex
	write := func(typ string, v any) error {
		b, err := wire.EncodeFrame(typ, v)
		if err != nil {
			return err
		}
		wmu.Lock()
		defer wmu.Unlock()
		return s.WriteMsg(b)
	}
	p := n.prov
	var session uint64
	if p != nil {
		id, err := p.loop.open(ctx, from, write)
		if err != nil {
			return
		}
		session = id
		defer p.loop.end(session)
	}
	for {
		raw, err := s.ReadMsg(wire.MaxMessage)
		if err != nil {
			return // closed or reset by the consumer, or it died
		}
		f, err := wire.DecodeFrame(raw)
		if err != nil {
			n.log.Debug("malformed task-session message", "from", from, "err", err)
			return
		}
		switch f.Type {
		case wire.TypeAssign:
			var a wire.Assign
			if err := f.Open(wire.TypeAssign, &a); err != nil {
				n.log.Debug("bad assignment", "from", from, "err", err)
				return
			}
			if p == nil {
				write(wire.TypeResult, wire.Result{Task: a.Spec.Task, Attempt: a.Spec.Attempt, Failure: wire.FailProvider, Message: "this node is not a provider"})
				continue
			}
			es := n.escrowFacts(ctx, a.Spec.Task.Job, a.Consumer, false)
			if _, err := p.loop.step(ctx, provcore.TaskAssigned{Session: session, Peer: from.String(), Assign: a, Escrow: es}); err != nil {
				return
			}
		case wire.TypeCancel:
			var c wire.Cancel
			if err := f.Open(wire.TypeCancel, &c); err != nil {
				n.log.Debug("bad cancel", "from", from, "err", err)
				return
			}
			if p != nil {
				p.loop.step(ctx, provcore.Cancelled{Key: provcore.Key{Task: c.Task, Attempt: c.Attempt}})
			}
		case wire.TypeVoucher:
			var v wire.Voucher
			if err := f.Open(wire.TypeVoucher, &v); err != nil {
				n.log.Debug("bad voucher", "from", from, "err", err)
				return
			}
			if n.pay.provider == nil || p == nil {
				continue
			}
			if err := n.pay.provider.Accept(ctx, v); err != nil {
				n.log.Warn("voucher refused", "task", v.Task, "err", err)
				continue
			}
			p.loop.step(ctx, provcore.VoucherAccepted{Key: provcore.Key{Task: v.Task, Attempt: v.Attempt}, Held: n.pay.provider.Holding(v.Job)})
		default:
			n.log.Debug("unexpected task-session message", "from", from, "type", f.Type)
			return
		}
	}
}

// serveTask runs one attempt the machine started in slot r.Slot and
// reports its end. A proof task is then settled on chain: the escrow
// checks the proof and pays us, no voucher comes.
func (n *Node) serveTask(ctx context.Context, cancel context.CancelFunc, r provcore.Run, s *servedSession) {
	defer n.wg.Done()
	defer cancel()
	spec := r.Assign.Spec
	res, claim := n.execute(ctx, s.peer, r.Assign, n.slotDir(r.Slot), func(state, msg string) {
		s.write(wire.TypeStatus, wire.Status{Task: spec.Task, Attempt: spec.Attempt, State: state, Message: msg})
	})
	stopped := ctx.Err() != nil
	if n.opts.Malice != nil && !stopped {
		n.opts.Malice(&res)
	}
	// The slot is free once the sandbox is clean; the result's blobs are
	// stored or inline. The machine sends the result unless it stopped it.
	n.prov.loop.finished(r.Key, res)
	if claim == nil || stopped || n.pay.provider == nil {
		return
	}
	// The session may end meanwhile; the claim stands.
	sctx, scancel := context.WithTimeout(context.WithoutCancel(ctx), 3*time.Minute)
	defer scancel()
	if err := n.settleProof(sctx, spec.Task.Job, *claim); err != nil {
		n.log.Warn("settle zk task on chain", "task", spec.Task, "err", err)
	} else {
		n.log.Info("zk task paid on proof", "task", spec.Task)
	}
	n.prov.loop.step(sctx, provcore.Settled{Key: r.Key})
}

// execute fetches the program and inputs, runs the task with the
// executor of its declared kind and builds the signed result. A zk task
// also returns the claim that settles it on chain (nil without payments).
func (n *Node) execute(ctx context.Context, from peer.ID, a wire.Assign, dir string, status func(state, msg string)) (wire.Result, *chain.ProofClaim) {
	spec := a.Spec
	res := wire.Result{Task: spec.Task, Attempt: spec.Attempt}
	fail := func(kind string, err error) wire.Result {
		res.Failure, res.Message = kind, err.Error()
		return res
	}
	ex, ok := n.prov.kinds[spec.Kind]
	if !ok {
		return fail(wire.FailBadModule, fmt.Errorf("task kind %q is not one this provider runs (it runs %s); the consumer may need a newer deco", spec.Kind, kindNames(n.prov.kinds))), nil
	}
	missing := !n.blobs.Has(spec.Program) && a.Inline[spec.Program] == nil
	for _, in := range spec.Inputs {
		missing = missing || (!n.blobs.Has(in.CID) && a.Inline[in.CID] == nil)
	}
	if missing {
		status("fetching", "program and inputs from the consumer")
	}
	if err := n.fetchChecked(ctx, from, spec.Program, a.Inline, 1<<30); err != nil {
		return fail(wire.FailProvider, fmt.Errorf("fetch program %s: %w", spec.Program.Short(), err)), nil
	}
	module, err := n.prov.module(n, spec.Program)
	if err != nil {
		return fail(wire.FailProvider, err), nil
	}
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
		if err := n.fetchChecked(ctx, from, in.CID, a.Inline, ex.maxInput); err != nil {
			return fail(wire.FailMissingInput, fmt.Errorf("input %s (%s) could not be fetched from the consumer: %v", in.Name, in.CID.Short(), err)), nil
		}
		if err := n.stage(in.CID, filepath.Join(inDir, in.Name)); err != nil {
			return fail(wire.FailProvider, err), nil
		}
	}
	// Say "running" only for tasks that take a while: for short ones the
	// result is the news, and a message less per task is throughput.
	running := n.clk.AfterFunc(runningAfter, func() { status("running", ex.running) })
	sum := sha256.Sum256(module)
	r, err := ex.Run(ctx, exec.Spec{
		Module: module, ModuleID: string(spec.Program), Args: spec.Args, Env: spec.Env,
		InputDir: inDir, OutputDir: outDir, MemoryLimit: spec.MemoryLimit,
		Timeout: time.Duration(spec.TimeoutMs) * time.Millisecond, Seed: spec.Task.Seed(),
		MaxOutputBytes: spec.MaxOutput, Task: spec.Task, Count: spec.Count, Attempt: spec.Attempt,
	})
	// A status still in flight may land after the result; the consumer
	// ignores progress for an attempt that has ended.
	running.Stop()
	res.DurationMs, res.ExitCode, res.Compiled = r.Duration.Milliseconds(), int64(r.ExitCode), r.Compiled
	res.Inline = map[wire.CID][]byte{}
	if len(r.Stdout) > 0 || len(r.Stderr) > 0 || err == nil {
		res.Stdout = n.keepLog(res.Inline, r.Stdout)
		res.Stderr = n.keepLog(res.Inline, r.Stderr)
		res.StdoutSize, res.StderrSize, res.Truncated = int64(len(r.Stdout)), int64(len(r.Stderr)), r.StdoutTruncated || r.StderrTruncated
	}
	if err != nil {
		return fail(failureKind(err), err), nil
	}
	m, err := n.collect(outDir, spec.MaxOutput, res.Inline)
	if err != nil {
		if errors.Is(err, exec.ErrOutputTooLarge) {
			return fail(wire.FailOutputTooLarge, err), nil
		}
		return fail(wire.FailProvider, err), nil
	}
	res.Outputs = m
	res = n.signResultAs(ex.runtime, spec, res, hex.EncodeToString(sum[:]))
	if claim, ok := zkexec.ClaimOf(r); ok && res.Receipt != nil && n.pay.chain != nil {
		return res, claim
	}
	return res, nil
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
func kindNames(kinds map[string]executor) string {
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

// signResultAs attaches the signed receipt for res's outputs, naming
// runtime (Options.EditReceipt may change it first: a devnet's cheater).
func (n *Node) signResultAs(runtime string, spec wire.TaskSpec, res wire.Result, moduleHash string) wire.Result {
	in := spec.InputManifest()
	in.Normalize()
	rec := wire.Receipt{
		Job: spec.Task.Job, Index: spec.Task.Index, Program: spec.Program, InputRoot: in.Root(), OutputRoot: res.Outputs.Root(),
		Environment: wire.Environment{Runtime: runtime, ModuleHash: moduleHash, MemoryLimit: spec.MemoryLimit, TimeoutMs: spec.TimeoutMs},
		ExitCode:    res.ExitCode, Provider: n.id.EVM, Attestation: n.opts.Attester.Kind(),
	}
	n.opts.EditReceipt(spec, &rec)
	verify.Fill(n.domain, &rec)
	failed := func(err error) wire.Result {
		res.Failure, res.Message = wire.FailProvider, err.Error()
		return res
	}
	digest, err := verify.Digest(n.domain, rec)
	if err != nil {
		return failed(err)
	}
	ev, err := n.opts.Attester.Attest(context.Background(), digest)
	if err != nil {
		return failed(fmt.Errorf("attestation (%s): %w", rec.Attestation, err))
	}
	sig, err := verify.SignDigest(n.id.EVMKey, digest)
	if err != nil {
		return failed(err)
	}
	res.Receipt, res.Signature, res.Quote = &rec, sig, ev.Quote
	return res
}

// keepLog returns the address of a captured log. Small logs travel inline
// in the result only; larger ones are stored for the consumer to fetch.
func (n *Node) keepLog(inline map[wire.CID][]byte, b []byte) wire.CID {
	if len(b) <= InlineLimit/4 {
		c := wire.CIDOf(b)
		inline[c] = b
		return c
	}
	c, err := n.blobs.PutBytes(b)
	if err != nil {
		n.log.Warn("store task log", "err", err)
		return ""
	}
	return c
}

// clean empties a sandbox directory for the slot's next task.
func clean(dir string) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	if len(ents) == 0 {
		return
	}
	for _, e := range ents {
		p := filepath.Join(dir, e.Name())
		os.Chmod(p, 0o700) // a task may have made its files read-only
		os.RemoveAll(p)
	}
	// Nothing of one task may reach the next: start over if anything is left.
	if left, err := os.ReadDir(dir); err != nil || len(left) > 0 {
		os.RemoveAll(dir)
		os.MkdirAll(dir, 0o700)
	}
}

// stage puts a stored blob at path for the sandbox (read-only mount).
func (n *Node) stage(c wire.CID, path string) error {
	if c == wire.CIDOf(nil) {
		return os.WriteFile(path, nil, 0o400)
	}
	src, err := n.blobs.Path(c)
	if err != nil {
		return err
	}
	if err := os.Link(src, path); err == nil {
		return nil
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_EXCL, 0o400)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// collect stores every regular file under dir and returns the manifest.
func (n *Node) collect(dir string, max int64, inline map[wire.CID][]byte) (wire.Manifest, error) {
	m := wire.Manifest{Kind: "outputs"}
	var total int64
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() {
			return nil // directories are implied by paths; links and devices are ignored
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if err := wire.CheckPath(rel); err != nil {
			return fmt.Errorf("output %q: %w", rel, err)
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		total += info.Size()
		if max > 0 && total > max {
			return fmt.Errorf("%w: outputs exceed %d bytes", exec.ErrOutputTooLarge, max)
		}
		var c wire.CID
		size := info.Size()
		if size <= InlineLimit/4 {
			// Small outputs travel inline in the result.
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			c, size = wire.CIDOf(b), int64(len(b))
			inline[c] = b
		} else if c, size, err = n.blobs.PutFile(path); err != nil {
			return err
		}
		m.Entries = append(m.Entries, wire.Entry{Path: rel, Size: size, CID: c})
		return nil
	})
	if err != nil {
		return m, err
	}
	return m, m.Normalize()
}
