package chain

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	neturl "net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
)

// retryWatcher is a slog handler that signals each "retrying" warning.
type retryWatcher struct {
	retries chan struct{}
}

func newRetryWatcher() *retryWatcher { return &retryWatcher{retries: make(chan struct{}, 1024)} }

func (w *retryWatcher) Enabled(context.Context, slog.Level) bool { return true }
func (w *retryWatcher) Handle(_ context.Context, r slog.Record) error {
	if strings.Contains(r.Message, "retrying") {
		select {
		case w.retries <- struct{}{}:
		default:
		}
	}
	return nil
}
func (w *retryWatcher) WithAttrs([]slog.Attr) slog.Handler { return w }
func (w *retryWatcher) WithGroup(string) slog.Handler      { return w }

// waitRetry blocks until the client has retried at least once.
func (w *retryWatcher) waitRetry(t *testing.T) {
	t.Helper()
	select {
	case <-w.retries:
	case <-time.After(30 * time.Second):
		t.Fatal("client never retried")
	}
}

// proxy forwards TCP connections to a target and can be taken down and
// brought back on the same address, like a chain node restarting.
type proxy struct {
	t      *testing.T
	addr   string
	target string
	mu     sync.Mutex
	ln     net.Listener
	conns  []net.Conn
}

func newProxy(t *testing.T, target string) *proxy {
	p := &proxy{t: t, target: target}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	p.addr = ln.Addr().String()
	p.serve(ln)
	t.Cleanup(p.down)
	return p
}

func (p *proxy) serve(ln net.Listener) {
	p.mu.Lock()
	p.ln = ln
	p.mu.Unlock()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			b, err := net.Dial("tcp", p.target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, b)
			p.mu.Unlock()
			go func() { _, _ = io.Copy(b, c); b.Close() }()
			go func() { _, _ = io.Copy(c, b); c.Close() }()
		}
	}()
}

func (p *proxy) down() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ln != nil {
		p.ln.Close()
		p.ln = nil
	}
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

func (p *proxy) up() {
	ln, err := net.Listen("tcp", p.addr)
	must(p.t, err)
	p.serve(ln)
}

func httpSim(t *testing.T) (*testEnv, string) {
	e := newTestEnv(t, WithHTTP("127.0.0.1", 0))
	url := e.sim.RPCURL()
	if !strings.HasPrefix(url, "http://127.0.0.1:") {
		t.Fatalf("RPC URL %q", url)
	}
	return e, url
}

// The JSON-RPC client against the simulated chain served over HTTP, as
// another process would use it: deposit, voucher, redeem.
func TestDialOverHTTP(t *testing.T) {
	e, url := httpSim(t)
	ctx := e.ctx
	addrs := e.sim.Contracts()
	consumer, err := Dial(ctx, url, e.key(e.consumer), addrs, WithChainID(big.NewInt(SimulatedChainID)), WithPollInterval(20*time.Millisecond))
	must(t, err)
	defer consumer.Close()
	provider, err := Dial(ctx, url, e.key(e.provider), addrs, WithPollInterval(20*time.Millisecond))
	must(t, err)
	defer provider.Close()
	if consumer.RefundGrace() != time.Hour {
		t.Fatalf("refund grace %v", consumer.RefundGrace())
	}

	e.bond(e.provider)
	job := jobIDOf(consumer.Address(), "rpc")
	must(t, consumer.OpenJob(ctx, job, DECO(10), e.now().Add(time.Hour)))
	// Several transactions in a row from one account: nonces are managed locally.
	for i := int64(1); i <= 3; i++ {
		must(t, consumer.TopUp(ctx, job, DECO(i)))
	}
	sig, err := consumer.SignVoucher(job, provider.Address(), DECO(4))
	must(t, err)
	must(t, provider.Redeem(ctx, job, provider.Address(), DECO(4), sig))
	wantRevert(t, provider.Redeem(ctx, job, provider.Address(), DECO(4), sig), ErrNothingToRedeem)
	info, err := provider.Job(ctx, job)
	must(t, err)
	eq(t, "deposited", info.Deposited, DECO(16))
	eq(t, "redeemed", info.Redeemed, DECO(4))

	// Concurrent senders of one account do not collide on nonces.
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- consumer.Transfer(ctx, e.stranger.Address(), big.NewInt(int64(i+1)))
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		must(t, err)
	}

	_, err = Dial(ctx, url, e.key(e.consumer), addrs, WithChainID(big.NewInt(1)))
	if !errors.Is(err, ErrWrongChain) {
		t.Fatalf("want ErrWrongChain, got %v", err)
	}
}

// Dial waits for a node that is not up yet.
func TestDialWaitsForNode(t *testing.T) {
	port, err := freePort("127.0.0.1")
	must(t, err)
	w := newRetryWatcher()
	key, err := crypto.GenerateKey()
	must(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	type result struct {
		c   *Client
		err error
	}
	done := make(chan result, 1)
	go func() {
		c, err := Dial(ctx, "http://127.0.0.1:"+itoa(port), key, Addresses{}, WithLogger(slog.New(w)), WithBackoff(10*time.Millisecond, 100*time.Millisecond))
		done <- result{c, err}
	}()
	w.waitRetry(t)
	sim, err := NewSimulated(ctx, WithHTTP("127.0.0.1", port), WithAccounts(key))
	must(t, err)
	defer sim.Close()
	r := <-done
	must(t, r.err)
	defer r.c.Close()
	c, err := r.c.At(ctx, sim.Contracts())
	must(t, err)
	bal, err := c.Balance(ctx, c.Address())
	must(t, err)
	eq(t, "balance", bal, DECO(1_000_000))
}

// A client whose node goes away keeps retrying and carries on when it is back.
func TestClientSurvivesNodeOutage(t *testing.T) {
	e, url := httpSim(t)
	p := newProxy(t, strings.TrimPrefix(url, "http://"))
	w := newRetryWatcher()
	c, err := Dial(e.ctx, "http://"+p.addr, e.key(e.consumer), e.sim.Contracts(),
		WithLogger(slog.New(w)), WithBackoff(10*time.Millisecond, 100*time.Millisecond), WithPollInterval(20*time.Millisecond))
	must(t, err)
	defer c.Close()
	job := jobIDOf(c.Address(), "outage")
	must(t, c.OpenJob(e.ctx, job, DECO(5), e.now().Add(time.Hour)))

	p.down()
	done := make(chan error, 1)
	go func() { done <- c.TopUp(e.ctx, job, DECO(2)) }()
	w.waitRetry(t)
	p.up()
	must(t, <-done)
	info, err := c.Job(e.ctx, job)
	must(t, err)
	eq(t, "deposited after the outage", info.Deposited, DECO(7))
}

func TestDialGivesUpWithContext(t *testing.T) {
	port, err := freePort("127.0.0.1")
	must(t, err)
	key, _ := crypto.GenerateKey()
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	_, err = Dial(ctx, "http://127.0.0.1:"+itoa(port), key, Addresses{}, WithBackoff(10*time.Millisecond, 50*time.Millisecond))
	if err == nil || !strings.Contains(err.Error(), "unreachable") {
		t.Fatalf("want an unreachable error, got %v", err)
	}
}

func itoa(n int) string { return big.NewInt(int64(n)).String() }

// TestDialPrefersWebSocketTwin: given the http URL of a node that also
// serves WebSocket on the same address, Dial talks to it over WebSocket,
// so a transaction's wait is woken by the new head; a node that refuses
// the upgrade is used over HTTP, as given.
func TestDialPrefersWebSocketTwin(t *testing.T) {
	e, url := httpSim(t)
	ctx := e.ctx
	heads := func(c *Client) error {
		ch := make(chan *types.Header, 1)
		sub, err := c.be.(headSubscriber).SubscribeNewHead(ctx, ch)
		if err == nil {
			sub.Unsubscribe()
		}
		return err
	}
	c, err := Dial(ctx, url, e.key(e.consumer), e.sim.Contracts())
	must(t, err)
	defer c.Close()
	if err := heads(c); err != nil {
		t.Fatalf("dialled %s: cannot subscribe to new heads (%v), so the WebSocket twin was not used", url, err)
	}
	must(t, c.OpenJob(ctx, jobIDOf(c.Address(), "over-ws"), DECO(1), e.now().Add(time.Hour)))

	target, err := neturl.Parse(url)
	must(t, err)
	proxy := httputil.NewSingleHostReverseProxy(target)
	httpOnly := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Upgrade") != "" {
			http.Error(w, "no WebSocket here", http.StatusBadRequest)
			return
		}
		proxy.ServeHTTP(w, r)
	}))
	defer httpOnly.Close()
	h, err := Dial(ctx, httpOnly.URL, e.key(e.provider), e.sim.Contracts(), WithPollInterval(20*time.Millisecond))
	must(t, err)
	defer h.Close()
	if heads(h) == nil {
		t.Fatal("subscribed to new heads through an HTTP-only endpoint")
	}
	must(t, h.Approve(ctx, h.Contracts().Escrow, DECO(1))) // sent and awaited by polling
}
