package node

import (
	"context"
	"crypto/rand"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/deco-network/deco/internal/access"
	"github.com/deco-network/deco/internal/anchor"
	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/attest"
	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/clock"
	"github.com/deco-network/deco/internal/config"
	"github.com/deco-network/deco/internal/exec"
	"github.com/deco-network/deco/internal/fraud"
	"github.com/deco-network/deco/internal/jobdb"
	"github.com/deco-network/deco/internal/localcheck"
	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/metrics"
	"github.com/deco-network/deco/internal/p2p"
	"github.com/deco-network/deco/internal/pay"
	"github.com/deco-network/deco/internal/providing"
	"github.com/deco-network/deco/internal/runner"
	"github.com/deco-network/deco/internal/sched"
	"github.com/deco-network/deco/internal/session"
	"github.com/deco-network/deco/internal/store"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/web"
	"github.com/deco-network/deco/internal/wire"
	"github.com/deco-network/deco/internal/zkjob"
)

// Version is the node software version.
const Version = "0.1.0"

// RuntimeName is the sandbox named in offers and receipts.
const RuntimeName = providing.RuntimeName

// Options configure a node. Home, Config and Identity are required.
type Options struct {
	Home     config.Home
	Config   config.Config
	Identity config.Identity
	Logger   *slog.Logger // default: discard
	Clock    clock.Clock  // default: clock.Real
	Market   market.Config
	// Executor runs tasks on a provider; default: wazero with the
	// compilation cache in the home.
	Executor exec.Executor
	// Tick is the driver loop's tick period (default 25ms).
	Tick time.Duration
	// OfferInterval is how often a provider republishes its offer (default 2s).
	OfferInterval time.Duration
	// Malice, when set on a provider, rewrites each result before it is
	// sent: tests use it to play a cheating provider and check that the
	// consumer catches it.
	Malice func(res *wire.Result)
	// EditBeat, when set on a provider, may change or drop (false) each
	// heartbeat: tests play a provider that hangs while connected.
	EditBeat func(b *wire.Beat) bool
	// Attester backs a provider's receipts (default attest.Software: the
	// receipt signature alone, no hardware claim).
	Attester attest.Attester
	// Attestation verifies receipts' attestation evidence on a consumer
	// (default: a registry with attest.Software).
	Attestation *attest.Registry
	// WrapExecutor, when set on a provider, wraps its executor of each
	// task kind (wire.KindWasm, wire.KindZK) once at start, and
	// EditReceipt may change each receipt before it is signed. Only a
	// devnet's cheating providers set them (internal/cheat: deco devnet
	// --malicious, deco node --malice) to show verification at work;
	// production leaves them nil.
	WrapExecutor func(kind string, e exec.Executor) exec.Executor
	EditReceipt  func(t wire.TaskSpec, rec *wire.Receipt)
	// Chain, when set, settles payments there (in-process tests and the
	// demo pass a simulated chain); otherwise Config.Chain.RPC is dialed
	// if set, and without either the node runs without payments.
	Chain chain.Chain
	// WithholdVoucher, when set on a consumer and true for a Pay, signs no
	// voucher for it: tests play a consumer that stops paying.
	WithholdVoucher func(e market.Pay) bool
	// Redeem tunes when a provider redeems its vouchers.
	Redeem pay.ProviderOptions
	// EscrowWindow overrides how long a job's escrow stays open (its
	// deadline on chain); default max(15m, 4 × the task timeout).
	EscrowWindow time.Duration
	// ZKKeys is the directory of zk keys (zk.Cache): a consumer sets up a
	// circuit once and finds its keys there; default <home>/zk. A devnet
	// shares one directory between its nodes.
	ZKKeys string
}

// Node is a running Deco node.
type Node struct {
	opts   Options
	log    *slog.Logger
	clk    clock.Clock
	id     config.Identity
	did    string
	host   *p2p.Host
	blobs  *store.Blobs
	access *access.Registry // who may read which blob over the network
	db     *store.DB
	api    *api.Server
	apiURL string
	domain verify.Domain

	// consumer
	market   *market.Market
	metrics  *metrics.Market // observes what the market steps, for /metrics
	sched    *sched.Learned
	events   chan input
	calls    chan func()
	sessions *session.Manager
	anchor   *anchor.Batcher // nil without a chain that anchors checkpoints
	subsMu   sync.Mutex
	subs     map[wire.JobID][]chan api.LogLine
	jobs     *jobdb.DB           // the market's jobs, tasks and logs, in db
	check    *localcheck.Checker // carries out the market's CheckLocal

	// provider role; every node answers bids and task sessions, a node
	// that does not provide refuses them
	prov *providing.Provider
	// binding binds the node's EVM address to its peer (wire.Binding)
	binding wire.Binding

	pay    payments
	settle *session.Settler
	fraud  *fraud.Reporter
	// zk is the consumer's side of zk jobs; it also checks zk proofs in
	// fraud evidence.
	zk *zkjob.Jobs

	nonce   atomic.Uint64
	guardMu sync.Mutex
	guard   *wire.ReplayGuard
	started time.Time

	cancel context.CancelFunc
	wg     sync.WaitGroup
	closed atomic.Bool
}

// New builds a node; Start brings it up.
func New(o Options) (*Node, error) {
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Clock == nil {
		o.Clock = clock.Real{}
	}
	if o.Attester == nil {
		o.Attester = attest.Software{}
	}
	if o.Attestation == nil {
		o.Attestation = attest.NewRegistry(attest.Software{})
	}
	if o.WrapExecutor == nil {
		o.WrapExecutor = func(_ string, e exec.Executor) exec.Executor { return e }
	}
	if o.EditReceipt == nil {
		o.EditReceipt = func(wire.TaskSpec, *wire.Receipt) {}
	}
	if o.Tick == 0 {
		o.Tick = 25 * time.Millisecond
	}
	if o.OfferInterval == 0 {
		o.OfferInterval = 2 * time.Second
	}
	if err := o.Config.Validate(); err != nil {
		return nil, err
	}
	if err := o.Market.Validate(); err != nil {
		return nil, err
	}
	if err := config.CheckToken(o.Identity.Token); err != nil {
		return nil, fmt.Errorf("refusing to start with an unauthenticated API: %w; run `deco init` to create a strong api.token", err)
	}
	n := &Node{
		opts: o, log: o.Logger, clk: o.Clock, id: o.Identity,
		events: make(chan input, 4096), calls: make(chan func(), 64),
		subs:   map[wire.JobID][]chan api.LogLine{},
		guard:  wire.NewReplayGuard(1<<16, 1<<20),
		domain: verify.Domain{ChainID: o.Config.ChainID},
	}
	var b [8]byte
	rand.Read(b[:])
	n.nonce.Store(binary.BigEndian.Uint64(b[:]) >> 1)
	return n, nil
}

// SetDomain changes the EIP-712 domain receipts are signed under (the
// payment layer sets the escrow contract). Call before Start.
func (n *Node) SetDomain(d verify.Domain) { n.domain = d }

// Start opens the stores, the libp2p host and the API, and starts the loops.
func (n *Node) Start(ctx context.Context) (err error) {
	ctx, n.cancel = context.WithCancel(context.WithoutCancel(ctx))
	defer func() {
		if err != nil {
			n.Close()
		}
	}()
	n.started = n.clk.Now()
	home := n.opts.Home
	if n.db, err = store.OpenDB(home.Path("state.db")); err != nil {
		return err
	}
	if n.jobs, err = jobdb.Open(n.db); err != nil { // migrates old records first
		return err
	}
	if n.blobs, err = store.OpenBlobs(home.Path("blobs")); err != nil {
		return err
	}
	known, _ := n.jobs.Peers() // dialled like bootstrap peers: they may not know a new address (jobdb.SavePeers)
	n.host, err = p2p.New(ctx, p2p.Config{
		Key: n.id.PeerKey, ListenAddrs: n.opts.Config.Listen, Bootstrap: append(slices.Clip(n.opts.Config.Bootstrap), known...),
		MDNS: n.opts.Config.MDNS, DHT: n.opts.Config.DHT, Logger: n.log.With("component", "p2p"),
		PortFile: home.ListenState(), Announce: n.opts.Config.Announce,
		RelayService: n.opts.Config.Relay.Service, RelayPeers: n.opts.Config.Relay.Peers,
	})
	if err != nil {
		return fmt.Errorf("start libp2p host: %w", err)
	}
	if n.did, err = p2p.DIDKey(n.id.PeerKey.GetPublic()); err != nil {
		return err
	}
	if n.binding, err = verify.Bind(n.id.EVMKey, n.host.ID().String()); err != nil {
		return err
	}
	n.access = access.New(n.clk)
	n.host.ServeBlobs(n.blobs, n.access)

	if err := n.startPayments(ctx); err != nil {
		return err
	}
	n.startSessions()
	keys := n.opts.ZKKeys
	if keys == "" {
		keys = home.Path("zk")
	}
	n.zk = n.newZK(keys)
	if err := n.zk.Load(); err != nil {
		n.log.Warn("zk key cache unreadable", "dir", keys, "err", err)
	}
	n.startFraud()

	// consumer role: every node can submit jobs.
	// The learned scheduler (sched.Learned): its Thompson sampler needs a
	// seed providers cannot predict, and what it learned about providers
	// survives restarts in the database.
	var seed [8]byte
	rand.Read(seed[:])
	n.sched = sched.NewLearned(sched.LearnedConfig{Seed: binary.BigEndian.Uint64(seed[:])})
	var saved sched.LearnedState
	if ok, _ := n.db.Get("meta", schedKey, &saved); ok {
		if err := n.sched.Restore(saved); err != nil {
			n.log.Warn("saved scheduler model unreadable; learning afresh", "err", err)
		}
	}
	mc := n.opts.Market
	mc.Consumer = n.id.EVM
	if mc.Adaptive.Seed == 0 {
		// Spot-checks must be unpredictable to providers: a secret seed.
		var sb [8]byte
		rand.Read(sb[:])
		mc.Adaptive.Seed = binary.BigEndian.Uint64(sb[:])
	}
	if mc.LocalCheck == 0 {
		mc.LocalCheck = 0.02 // re-run 2% of accepted results here (n.check)
	}
	if n.check, err = localcheck.New(localcheck.Config{Blobs: n.blobs, Clock: n.clk, Logger: n.log, WorkDir: n.opts.Home.Path("checks"),
		CacheDir: n.opts.Home.Path("cache", "wasm"), Signer: runner.Signer{EVM: n.binding.EVM, Key: n.id.EVMKey, Attester: n.opts.Attester}}); err != nil {
		return err
	}
	n.market = market.New(mc, n.sched)
	n.metrics = metrics.NewMarket()
	var rep json.RawMessage
	if ok, _ := n.db.Get("meta", "reputation", &rep); ok {
		if err := n.market.Reputation().UnmarshalJSON(rep); err != nil {
			n.log.Warn("saved reputation unreadable; starting afresh", "err", err)
		}
	}
	restored, err := n.restoreJobs()
	if err != nil {
		return err
	}
	if err := n.startProviding(ctx); err != nil {
		return err
	}
	offers, err := n.host.Subscribe(ctx, p2p.TopicOffers)
	if err != nil {
		return fmt.Errorf("subscribe to offers: %w", err)
	}
	evidence, err := n.host.Subscribe(ctx, p2p.TopicEvidence)
	if err != nil {
		return fmt.Errorf("subscribe to fraud evidence: %w", err)
	}
	n.startSettlement(ctx)
	n.wg.Add(3)
	go func() { defer n.wg.Done(); n.consumeOffers(ctx, offers) }()
	go func() { defer n.wg.Done(); n.consumeEvidence(ctx, evidence) }()
	go func() { defer n.wg.Done(); n.loop(ctx, restored) }()

	n.api = api.NewServer(backend{n}, n.id.Token, n.log.With("component", "api"))
	n.api.Dashboard(web.Handler())
	if n.apiURL, err = n.api.ListenConfig(home, n.opts.Config.API, n.opts.Config.APITLS); err != nil {
		return err
	}
	n.wg.Add(1)
	go func() {
		defer n.wg.Done()
		if err := n.api.Serve(); err != nil {
			n.log.Error("API server stopped", "err", err)
		}
	}()
	rt := config.Runtime{PID: pid(), API: n.apiURL, APICert: n.api.CertFile(), PeerID: n.host.ID().String(), DID: n.did, EVM: n.id.EVM, Addrs: n.host.Addrs(), Provider: n.prov.Serving()}
	if err := home.WriteRuntime(rt); err != nil {
		return fmt.Errorf("write node.json: %w", err)
	}
	n.log.Info("node started", "peer", n.host.ID(), "did", n.did, "evm", n.id.EVM, "api", n.apiURL, "provider", n.prov.Serving(), "addrs", n.host.Addrs())
	return nil
}

// Close stops the node and releases its resources. It is safe to call twice.
func (n *Node) Close() error {
	if !n.closed.CompareAndSwap(false, true) {
		return nil
	}
	if n.api != nil {
		sctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		n.api.Shutdown(sctx)
		cancel()
	}
	if n.cancel != nil {
		n.cancel()
	}
	if n.sessions != nil {
		n.sessions.Close()
	}
	var errs []error
	if n.host != nil {
		errs = append(errs, n.host.Close())
	}
	n.wg.Wait()
	if n.sessions != nil {
		n.sessions.Wait()
	}
	if n.prov != nil {
		n.prov.Close()
	}
	if n.check != nil {
		n.check.Close()
	}
	if n.pay.provider != nil {
		// Redeem what we are owed before going away.
		rctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		if err := n.pay.provider.RedeemAll(rctx); err != nil {
			n.log.Warn("redeem vouchers on shutdown", "err", err)
		}
		cancel()
	}
	if n.db != nil {
		if n.pay.txs != nil {
			n.pay.txs.Flush()
		}
		if n.sched != nil {
			n.db.Put("meta", schedKey, n.sched.Snapshot())
		}
		if n.market != nil {
			n.saveReputation()
		}
		errs = append(errs, n.db.Close())
	}
	n.opts.Home.RemoveRuntime()
	return errors.Join(errs...)
}

// APIURL is the base URL of the node's HTTP API.
func (n *Node) APIURL() string { return n.apiURL }

// Token is the API bearer token.
func (n *Node) Token() string { return n.id.Token }

// PeerID is the node's libp2p identity.
func (n *Node) PeerID() peer.ID { return n.host.ID() }

// DID is the node's did:key.
func (n *Node) DID() string { return n.did }

// EVM is the node's EVM address.
func (n *Node) EVM() common.Address { return common.HexToAddress(n.id.EVM) }

// Addrs are the node's dialable multiaddrs.
func (n *Node) Addrs() []string { return n.host.Addrs() }

// Blobs is the node's blob store.
func (n *Node) Blobs() *store.Blobs { return n.blobs }

// Connect dials another node.
func (n *Node) Connect(ctx context.Context, addr string) error { return n.host.Connect(ctx, addr) }

func (n *Node) nextNonce() uint64 { return n.nonce.Add(1) }

// seal wraps body in an envelope signed by the node's peer key.
func (n *Node) seal(typ string, body any, ttl time.Duration) ([]byte, error) {
	env, err := wire.Seal(n.id.Ed25519(), typ, body, n.clk.Now(), ttl, n.nextNonce())
	if err != nil {
		return nil, err
	}
	return env.Marshal()
}

// open decodes and checks an envelope from peer p: signature, expiry,
// replay, type, and that it was signed by p's own key.
func (n *Node) open(raw []byte, from peer.ID, typ string, v any) error {
	env, err := wire.DecodeEnvelope(raw)
	if err != nil {
		return err
	}
	if err := env.Verify(n.clk.Now()); err != nil {
		return err
	}
	pub, err := from.ExtractPublicKey()
	if err != nil {
		return fmt.Errorf("peer %s: %w", from, err)
	}
	rawPub, _ := pub.Raw()
	if string(rawPub) != string(env.PubKey) {
		return fmt.Errorf("%w: signed by a key other than the sender %s", wire.ErrBadSignature, from)
	}
	// Record only what is accepted: a junk message must not cost a place
	// in the sender's replay window.
	if err := env.Open(typ, v); err != nil {
		return err
	}
	n.guardMu.Lock()
	defer n.guardMu.Unlock()
	return n.guard.Check(env, n.clk.Now())
}

var randReader = rand.Reader

func peerDecode(s string) (peer.ID, error) { return peer.Decode(s) }
