package providing

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/deco-network/deco/internal/attest"
	"github.com/deco-network/deco/internal/clock"
	"github.com/deco-network/deco/internal/config"
	"github.com/deco-network/deco/internal/exec"
	"github.com/deco-network/deco/internal/exec/wasm"
	"github.com/deco-network/deco/internal/exec/zkexec"
	"github.com/deco-network/deco/internal/p2p"
	"github.com/deco-network/deco/internal/pricing"
	provcore "github.com/deco-network/deco/internal/provider"
	"github.com/deco-network/deco/internal/runner"
	"github.com/deco-network/deco/internal/session"
	"github.com/deco-network/deco/internal/store"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

// RuntimeName is the sandbox named in offers and receipts.
const RuntimeName = "wazero/v1.12.0"

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

// Config wires a Provider to its node. Seal, Open, Binding, Clock and
// Logger are required; the rest only once the role starts (Start).
type Config struct {
	Settings config.Provider // slots, memory cap, labels, prices
	Home     config.Home     // the work directory and the wasm cache; its disk is measured
	// Binding binds this node's EVM address to its peer; offers and bids
	// carry it. Key is that EVM key: it signs receipts and zk claims.
	Binding wire.Binding
	Key     *ecdsa.PrivateKey
	Domain  verify.Domain // receipts are signed under it
	// Seal wraps body in an envelope signed by the node, valid for ttl;
	// Open checks one from peer from (signature, expiry, replay, type).
	Seal func(typ string, body any, ttl time.Duration) ([]byte, error)
	Open func(raw []byte, from peer.ID, typ string, v any) error
	// Gossip publishes the offers.
	Gossip Gossip
	// Blobs and Fetcher stage a task's program and inputs.
	Blobs   *store.Blobs
	Fetcher runner.Fetcher
	// Access lets the assigning consumer read a result's blobs.
	Access runner.Access
	// Payments is nil when payments are off; Proofs nil when the chain
	// cannot settle proofs.
	Payments Payments
	Proofs   ProofSettler
	// Debtors keeps the consumers that did not pay across restarts; nil
	// keeps them in memory only.
	Debtors Debtors
	// Runs keeps the attempts running for a second or more, so a restart
	// reports what it lost (LostInRestart); nil keeps no record.
	Runs   Runs
	Clock  clock.Clock
	Logger *slog.Logger
	// OfferInterval is how often the offer is republished.
	OfferInterval time.Duration
	// Executor runs WebAssembly tasks; nil: wazero with the compilation
	// cache in Home.
	Executor exec.Executor
	Attester attest.Attester
	// WrapExecutor, EditReceipt and Malice are a devnet's cheating hooks
	// (see node.Options); nil does nothing.
	WrapExecutor func(kind string, e exec.Executor) exec.Executor
	EditReceipt  func(t wire.TaskSpec, rec *wire.Receipt)
	Malice       func(res *wire.Result)
	// EditBeat, when set, sees each heartbeat before it is sent and may
	// change it or drop it (false): a test's provider that hangs while
	// connected. nil sends every beat as is.
	EditBeat func(b *wire.Beat) bool
}

// Provider is the provider role's adapters: it publishes offers, answers
// bid requests (HandleBid) and serves task sessions (HandleTask). What it
// decides (bids, slots, escrow reservations, redemptions) is its
// provider.Machine's, stepped by one loop; its runner carries out each
// assignment. Until Start it refuses every bid and assignment as "not a
// provider", which is what a node that does not provide answers.
type Provider struct {
	cfg   Config
	log   *slog.Logger
	run   *runner.Runner
	res   wire.Resources
	slots int
	bench float64
	// active is the loop once Start has made this node a provider
	// (handlers may already be serving when it does).
	active atomic.Pointer[loop]
	seq    atomic.Uint64
	wg     sync.WaitGroup
	// withheld: results whose outputs wait for their voucher.
	withheld withheldSet
	// lives: the live output of running attempts, for heartbeats.
	lives lives
	// lost: the attempts an earlier run of this node was running when it
	// stopped (Start reads them from Runs).
	lost []RunRecord
}

// LostInRestart lists the attempts this node was running when it last
// stopped without finishing them: work lost, which their consumers run
// again elsewhere.
func (p *Provider) LostInRestart() []RunRecord { return p.lost }

// New returns a Provider that refuses work until Start.
func New(cfg Config) *Provider { return &Provider{cfg: cfg, log: cfg.Logger} }

// Serving reports whether Start has made this node a provider.
func (p *Provider) Serving() bool { return p.active.Load() != nil }

// Slots is the number of concurrent tasks offered; Busy the slots in use.
func (p *Provider) Slots() int { return p.slots }

// Busy is the number of slots in use.
func (p *Provider) Busy() (n int) {
	if l := p.active.Load(); l != nil {
		l.read(func(m *provcore.Machine) { n = m.Busy() })
	}
	return n
}

// Start measures the machine, starts the executors, the provider loop and
// the offers, until ctx ends. Close waits for them.
func (p *Provider) Start(ctx context.Context) error {
	cfg := p.cfg
	p.slots = max(cfg.Settings.Slots, 1)
	kinds, err := p.executors(ctx)
	if err != nil {
		return err
	}
	p.run, err = runner.New(runner.Config{
		Blobs: cfg.Blobs, Fetcher: cfg.Fetcher, Executors: kinds, Clock: cfg.Clock,
		Logger: p.log, WorkDir: cfg.Home.Path("work"), Slots: p.slots, InlineLimit: session.InlineLimit,
		Claims: cfg.Payments != nil, Access: cfg.Access, Withhold: cfg.Payments != nil,
		Signer: runner.Signer{EVM: cfg.Binding.EVM, Key: cfg.Key, Domain: cfg.Domain, Attester: cfg.Attester, Edit: cfg.EditReceipt},
	})
	if err != nil {
		for _, e := range kinds {
			if e.Own {
				e.Close(ctx)
			}
		}
		return err
	}
	p.res = runner.Measure(cfg.Home.Path())
	if m := cfg.Settings.MaxMemory; m != 0 && m < p.res.Memory {
		p.res.Memory = m
	}
	if p.bench, err = benchmarkScore(); err != nil {
		return fmt.Errorf("benchmark: %w", err)
	}
	mc := provcore.Config{
		EVM: cfg.Binding.EVM, Resources: p.res, Labels: cfg.Settings.Labels, Slots: p.slots,
		// Assignments beyond the free slots wait for one, as many as come:
		// the consumer only sends what this provider bid for.
		Queue:   math.MaxInt32,
		Pricing: pricing.Params{Base: cfg.Settings.Ask, Floor: cfg.Settings.Floor, Ceiling: cfg.Settings.Ceiling},
	}
	if pp := cfg.Payments; pp != nil {
		o := pp.Options()
		mc.RedeemThreshold, mc.RedeemAge, mc.RetryMin, mc.PayGrace = o.RedeemThreshold, o.RedeemAge, o.Interval, o.PayGrace
	}
	if err := mc.Validate(); err != nil {
		return err
	}
	if err := p.reportLost(); err != nil {
		return err
	}
	l := newLoop(p, provcore.New(mc))
	p.active.Store(l)
	p.wg.Add(2)
	go func() { defer p.wg.Done(); l.run(ctx) }()
	go func() { defer p.wg.Done(); p.publishOffers(ctx) }()
	if pp := cfg.Payments; pp != nil {
		// Consumers that did not pay before stay refused.
		if b := cfg.Debtors; b != nil {
			ds, err := b.All()
			if err != nil {
				return fmt.Errorf("load the record of consumers that did not pay: %w", err)
			}
			for _, d := range ds {
				if _, err := l.step(ctx, provcore.DebtorKnown{Debtor: d}); err != nil {
					return err
				}
			}
		}
		// Vouchers of earlier runs join the redemption schedule.
		for _, h := range pp.Held() {
			if _, err := l.step(ctx, provcore.VoucherHeld{Held: h}); err != nil {
				return err
			}
		}
	}
	p.log.Info("provider ready", "slots", p.slots, "cores", p.res.Cores, "memory", session.HumanBytes(p.res.Memory), "benchmark", fmt.Sprintf("%.1f", p.bench))
	return nil
}

// reportLost says which attempts an earlier run left unfinished (it was
// killed, or the machine went down) and clears their records: the work is
// lost, and its consumers, which saw the session end, run it elsewhere.
func (p *Provider) reportLost() error {
	b := p.cfg.Runs
	if b == nil {
		return nil
	}
	rs, err := b.All()
	if err != nil {
		return fmt.Errorf("read the record of running attempts: %w", err)
	}
	now := p.cfg.Clock.Now()
	for _, r := range rs {
		p.log.Warn("work lost in a restart: this node stopped while running the attempt; its consumer runs it again elsewhere",
			"task", r.Task, "attempt", r.Attempt, "consumer", r.Consumer, "started", r.Started.Format(time.RFC3339), "ago", now.Sub(r.Started).Round(time.Second))
		if err := b.Delete(provcore.Key{Task: r.Task, Attempt: r.Attempt}); err != nil {
			return fmt.Errorf("clear the record of a lost attempt: %w", err)
		}
	}
	if len(rs) > 0 {
		p.log.Warn("restarted with work lost", "attempts", len(rs))
	}
	p.lost = rs
	return nil
}

// Close waits for the provider's goroutines (cancel Start's ctx first)
// and closes its executors.
func (p *Provider) Close() {
	p.wg.Wait()
	if p.run != nil {
		p.run.Close()
	}
}

// executors is the provider's registry of executors by task kind:
// WebAssembly (Config.Executor, or wazero with the compilation cache in
// the home) and zk proving. Config.WrapExecutor wraps each once.
func (p *Provider) executors(ctx context.Context) (map[string]runner.Executor, error) {
	cfg := p.cfg
	wasmExec, own := cfg.Executor, false
	if wasmExec == nil {
		e, err := wasm.New(ctx, wasm.WithCacheDir(cfg.Home.Path("cache", "wasm")), wasm.WithLogger(p.log.With("component", "wasm")))
		if err != nil {
			return nil, fmt.Errorf("start the WebAssembly runtime: %w", err)
		}
		wasmExec, own = e, true
	}
	key := cfg.Key
	prover := zkexec.New(zkexec.Options{Payee: common.HexToAddress(cfg.Binding.EVM), Domain: cfg.Domain, Sign: func(d [32]byte) ([]byte, error) { return verify.SignDigest(key, d) }})
	kinds := map[string]runner.Executor{
		wire.KindWasm: {Executor: wasmExec, Runtime: RuntimeName, MaxInput: 1 << 34, Own: own},
		// A zk task's only input is its job's task commitment.
		wire.KindZK: {Executor: prover, Runtime: zkexec.Runtime, Running: "proving", MaxInput: 1 << 26, Own: true},
	}
	for kind, e := range kinds {
		if cfg.WrapExecutor != nil {
			e.Executor = cfg.WrapExecutor(kind, e.Executor)
		}
		kinds[kind] = e
	}
	return kinds, nil
}

func (p *Provider) offer() wire.Offer {
	var free int
	var ask wire.Amount
	now := p.cfg.Clock.Now()
	p.active.Load().read(func(m *provcore.Machine) { free, ask = m.Free(), m.Ask(now) })
	return wire.Offer{
		Peer: p.cfg.Binding.Peer, EVM: p.cfg.Binding.EVM, Resources: p.res, Slots: p.slots, FreeSlots: free,
		Benchmark: p.bench, Ask: ask, Labels: p.cfg.Settings.Labels, Runtime: RuntimeName,
		Seq: p.seq.Add(1), ExpiresMs: now.Add(15 * time.Second).UnixMilli(), Binding: p.cfg.Binding,
	}
}

// publishOffers gossips a fresh offer every OfferInterval (sooner at start,
// so a new network becomes usable within a second or two).
func (p *Provider) publishOffers(ctx context.Context) {
	interval := 250 * time.Millisecond
	next := p.cfg.Clock.NewTimer(interval)
	defer next.Stop()
	for i := 0; ; i++ {
		raw, err := p.cfg.Seal(wire.TypeOffer, p.offer(), 15*time.Second)
		if err == nil {
			if err := p.cfg.Gossip.Publish(ctx, p2p.TopicOffers, raw); err != nil && ctx.Err() == nil {
				p.log.Debug("publish offer", "err", err)
			}
		}
		if i > 20 {
			interval = p.cfg.OfferInterval
		}
		next.Reset(interval)
		select {
		case <-ctx.Done():
			return
		case <-next.C():
		}
	}
}

// errStopped: the provider loop has stopped (the node is closing).
var errStopped = errors.New("the provider is shutting down")
