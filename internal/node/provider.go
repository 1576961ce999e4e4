package node

import (
	"context"
	"fmt"
	"math"
	"sync"
	"sync/atomic"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/deco-network/deco/internal/exec/wasm"
	"github.com/deco-network/deco/internal/exec/zkexec"
	"github.com/deco-network/deco/internal/p2p"
	"github.com/deco-network/deco/internal/pricing"
	provcore "github.com/deco-network/deco/internal/provider"
	"github.com/deco-network/deco/internal/runner"
	"github.com/deco-network/deco/internal/session"
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

// RuntimeName is the sandbox named in offers and receipts.
const RuntimeName = "wazero/v1.12.0"

// provider is the provider role's adapters. What it decides (bids, slots,
// escrow reservations) is its provider.Machine's, stepped by loop; its
// runner carries out each assignment.
type provider struct {
	run   *runner.Runner
	res   wire.Resources
	slots int
	bench float64
	loop  *provLoop
	seq   atomic.Uint64
}

func (p *provider) close() { p.run.Close() }

func (n *Node) startProvider(ctx context.Context) error {
	cfg := n.opts.Config.Provider
	p := &provider{slots: cfg.Slots}
	if p.slots == 0 {
		p.slots = 1
	}
	kinds, err := n.executors(ctx)
	if err != nil {
		return err
	}
	p.run, err = runner.New(runner.Config{
		Blobs: n.blobs, Fetcher: n.sessions, Executors: kinds, Clock: n.clk,
		Logger: n.log, WorkDir: n.opts.Home.Path("work"), Slots: p.slots, InlineLimit: session.InlineLimit,
		Claims: n.pay.chain != nil, Access: n.access,
		Signer: runner.Signer{EVM: n.id.EVM, Key: n.id.EVMKey, Domain: n.domain, Attester: n.opts.Attester, Edit: n.opts.EditReceipt},
	})
	if err != nil {
		for _, e := range kinds {
			if e.Own {
				e.Close(ctx)
			}
		}
		return err
	}
	p.res = runner.Measure(n.opts.Home.Path())
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
	n.log.Info("provider ready", "slots", p.slots, "cores", p.res.Cores, "memory", session.HumanBytes(p.res.Memory), "benchmark", fmt.Sprintf("%.1f", p.bench))
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
func (n *Node) executors(ctx context.Context) (map[string]runner.Executor, error) {
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
	kinds := map[string]runner.Executor{
		wire.KindWasm: {Executor: wasmExec, Runtime: RuntimeName, MaxInput: 1 << 34, Own: own},
		// A zk task's only input is its job's task commitment.
		wire.KindZK: {Executor: prover, Runtime: zkexec.Runtime, Running: "proving", MaxInput: 1 << 26, Own: true},
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
		return n.seal(wire.TypeBid, wire.Bid{Job: req.Job, Round: req.Round, EVM: n.id.EVM, Reason: "this node is not a provider"}, session.MsgTTL)
	}
	es := n.escrowFacts(ctx, req.Job, req.Consumer, true)
	answers, err := p.loop.step(ctx, provcore.BidRequested{Peer: from.String(), Req: req, Escrow: es})
	if err != nil {
		return nil, err
	}
	return n.seal(wire.TypeBid, answers[0].Bid, session.MsgTTL)
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
	res, claim := n.prov.run.Run(ctx, s.peer, r.Assign, r.Slot, func(state, msg string) {
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
