package pay

import (
	"context"
	"crypto/ecdsa"
	"crypto/rand"
	"errors"
	"log/slog"
	"path/filepath"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	lcrypto "github.com/libp2p/go-libp2p/core/crypto"

	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/clock"
	"github.com/deco-network/deco/internal/provider"
	"github.com/deco-network/deco/internal/store"
	"github.com/deco-network/deco/internal/wire"
)

// DECO amounts in wire units.
const (
	milli = wire.Amount(1_000)
	deco  = wire.Amount(wire.MicroPerDECO)
)

// testGrace is the escrow's refund grace on the test chain.
const testGrace = 20 * time.Second

// env is a simulated chain with a consumer, two providers and a stranger,
// each with its own database.
type env struct {
	t   *testing.T
	ctx context.Context
	sim *chain.Simulated

	consumer, provA, provB, stranger *chain.Client
}

func newEnv(t *testing.T) *env {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	keys := make([]*ecdsa.PrivateKey, 4)
	for i := range keys {
		keys[i] = newKey(t)
	}
	p := chain.DefaultParams()
	p.RefundGrace = testGrace
	sim, err := chain.NewSimulated(ctx, chain.WithAccounts(keys...), chain.WithParams(p),
		chain.WithGrant(chain.Ether(10), chain.DECO(1000)))
	if err != nil {
		t.Fatalf("NewSimulated: %v", err)
	}
	t.Cleanup(func() { _ = sim.Close() })
	e := &env{t: t, ctx: ctx, sim: sim}
	cs := make([]*chain.Client, len(keys))
	for i, k := range keys {
		if cs[i], err = sim.Client(k); err != nil {
			t.Fatal(err)
		}
	}
	e.consumer, e.provA, e.provB, e.stranger = cs[0], cs[1], cs[2], cs[3]
	// The escrow pays only staked providers bound to a peer.
	for _, c := range []*chain.Client{e.provA, e.provB} {
		if err := c.Stake(ctx, p.MinStake); err != nil {
			t.Fatal(err)
		}
		if err := c.BindPeer(ctx, "12D3KooWGzxzKZYveHXtpG6AsrUJBcWxHBFS2HsEoGTxrMLvKXtf", make([]byte, 64)); err != nil {
			t.Fatal(err)
		}
	}
	return e
}

func newKey(t *testing.T) *ecdsa.PrivateKey {
	t.Helper()
	k, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// now is the chain's clock, which deadlines are checked against.
func (e *env) now() time.Time {
	n, err := e.consumer.ChainTime(e.ctx)
	if err != nil {
		e.t.Errorf("chain time: %v", err)
	}
	return n
}

// chainClock is the system clock's timers with the chain's time: what the
// node gives pay when its clock follows the chain.
type chainClock struct {
	clock.Real
	e *env
}

func (c chainClock) Now() time.Time { return c.e.now() }

// nowClock is the system clock's timers with now's time.
type nowClock struct {
	clock.Real
	now func() time.Time
}

func (c nowClock) Now() time.Time { return c.now() }

func (e *env) advance(d time.Duration) {
	e.t.Helper()
	if err := e.sim.AdjustTime(d); err != nil {
		e.t.Fatal(err)
	}
}

func (e *env) balance(a common.Address) wire.Amount {
	e.t.Helper()
	b, err := e.consumer.Balance(e.ctx, a)
	if err != nil {
		e.t.Fatal(err)
	}
	return amountOf(b)
}

func (e *env) redeemed(job wire.JobID, p common.Address) wire.Amount {
	e.t.Helper()
	r, err := e.consumer.Redeemed(e.ctx, job.Bytes32(), p)
	if err != nil {
		e.t.Fatal(err)
	}
	return amountOf(r)
}

// db opens a fresh database in the test's temp dir and returns its path.
func openDB(t *testing.T, path string) *store.DB {
	t.Helper()
	if path == "" {
		path = filepath.Join(t.TempDir(), "state.db")
	}
	db, err := store.OpenDB(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

func testLog(t *testing.T) *slog.Logger {
	return slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(b []byte) (int, error) {
	w.t.Log(string(b))
	return len(b), nil
}

func (e *env) newConsumer(c chain.Chain, db *store.DB) *Consumer {
	if db == nil {
		db = openDB(e.t, "")
	}
	return NewConsumer(c, db, testLog(e.t), chainClock{e: e}, WithRefundInterval(10*time.Millisecond))
}

func (e *env) newProvider(c chain.Chain, db *store.DB, opt ProviderOptions) *Provider {
	if db == nil {
		db = openDB(e.t, "")
	}
	if opt.Interval == 0 {
		opt.Interval = 10 * time.Millisecond
	}
	return NewProvider(c, db, testLog(e.t), chainClock{e: e}, opt)
}

// run starts loop in the background and stops it when the test ends.
func run(t *testing.T, loop func(context.Context)) context.CancelFunc {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); loop(ctx) }()
	t.Cleanup(func() { cancel(); <-done })
	return cancel
}

// eventually waits, up to a generous bound, for cond to hold.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// newJob is a fresh job id the consumer may open (chain.NewJobID).
func (e *env) newJob() wire.JobID {
	var b [6]byte
	if _, err := rand.Read(b[:]); err != nil {
		e.t.Fatal(err)
	}
	return chain.NewJobID(e.consumer.Address(), b)
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func wantErr(t *testing.T, err, want error) {
	t.Helper()
	if !errors.Is(err, want) {
		t.Fatalf("got error %v, want %v", err, want)
	}
}

func eqAmount(t *testing.T, what string, got, want wire.Amount) {
	t.Helper()
	if got != want {
		t.Fatalf("%s = %s DECO, want %s DECO", what, got, want)
	}
}

// countingChain counts escrow reads, to check caching.
type countingChain struct {
	chain.Chain
	jobs atomic.Int64
}

func (c *countingChain) Job(ctx context.Context, id [32]byte) (chain.JobInfo, error) {
	c.jobs.Add(1)
	return c.Chain.Job(ctx, id)
}

func addrOf(k *ecdsa.PrivateKey) common.Address { return crypto.PubkeyToAddress(k.PublicKey) }

func peerKey(t *testing.T) lcrypto.PrivKey {
	t.Helper()
	k, _, err := lcrypto.GenerateEd25519Key(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// redeemer drives p's redemption schedule as the node's provider loop
// does: a provider.Machine told of the vouchers p holds, ticked every few
// milliseconds, its Redeems carried out by p and reported back.
func redeemer(p *Provider) func(context.Context) {
	return func(ctx context.Context) {
		o := p.Options()
		m := provider.New(provider.Config{RedeemThreshold: o.RedeemThreshold, RedeemAge: o.RedeemAge, RetryMin: o.Interval})
		for {
			now := p.clk.Now()
			for _, h := range p.Held() {
				m.Step(now, provider.VoucherHeld{Held: h})
			}
			due := slices.Clone(m.Tick(now).Redeems)
			for _, r := range due {
				m.Step(p.clk.Now(), p.Redeem(ctx, r.Job))
			}
			select {
			case <-ctx.Done():
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}
}
