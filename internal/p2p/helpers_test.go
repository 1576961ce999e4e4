package p2p

import (
	"context"
	"crypto/ed25519"
	"io"
	"log/slog"
	"slices"
	"sync/atomic"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"

	"github.com/deco-network/deco/internal/wire"
)

// quiet discards host logs: background goroutines may log
// after a test ends, when t.Log is no longer allowed.
var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// newHost starts a host for one test and closes it when the test ends.
func newHost(t testing.TB, cfg Config) *Host {
	t.Helper()
	if cfg.Logger == nil {
		cfg.Logger = quiet
	}
	if cfg.ListenAddrs == nil {
		cfg.ListenAddrs = LoopbackListenAddrs
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	h, err := New(ctx, cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() { _ = h.Close() })
	return h
}

// cluster starts n hosts; every host after the first bootstraps from the
// first. It waits until each is connected to the first.
func cluster(t testing.TB, n int, cfg Config) []*Host {
	t.Helper()
	first := newHost(t, cfg)
	hosts := []*Host{first}
	for i := 1; i < n; i++ {
		c := cfg
		c.Bootstrap = first.Addrs()
		h := newHost(t, c)
		waitFor(t, "host connected to bootstrap peer", func() bool { return h.Connected(first.ID()) })
		hosts = append(hosts, h)
	}
	return hosts
}

// waitFor polls cond until it holds, failing the test after a generous bound
// (the machine is small and shared; the bound only catches hangs).
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond) // polling interval, not synchronisation
	}
}

func hasPeer(ps []peer.ID, p peer.ID) bool { return slices.Contains(ps, p) }

// testCtx is a context bounded well beyond what any step needs; reaching it
// means a hang.
func testCtx(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// recv waits for the next message on ch or fails after the test bound.
func recv(t *testing.T, ch <-chan Message, what string) Message {
	t.Helper()
	select {
	case m, ok := <-ch:
		if !ok {
			t.Fatalf("%s: subscription closed", what)
		}
		return m
	case <-time.After(20 * time.Second):
		t.Fatalf("timed out waiting for %s", what)
	}
	return Message{}
}

// streamCount counts the host's open streams of protocol p.
func (d *Host) streamCount(p protocol.ID) int {
	n := 0
	for _, c := range d.h.Network().Conns() {
		for _, s := range c.GetStreams() {
			if s.Protocol() == p {
				n++
			}
		}
	}
	return n
}

// waitClosed drains ch until it closes, failing the test if it stays open.
func waitClosed(t *testing.T, ch <-chan Message, what string) {
	t.Helper()
	timeout := time.After(20 * time.Second)
	for {
		select {
		case _, ok := <-ch:
			if !ok {
				return
			}
		case <-timeout:
			t.Fatalf("%s: subscription still open", what)
		}
	}
}

var testNonce atomic.Uint64

// edKey is h's identity as an ed25519 key for signing envelopes.
func edKey(t testing.TB, h *Host) ed25519.PrivateKey {
	t.Helper()
	raw, err := h.h.Peerstore().PrivKey(h.ID()).Raw()
	if err != nil {
		t.Fatal(err)
	}
	return ed25519.PrivateKey(raw)
}

// sealed is body in an envelope of type typ signed by h, valid a minute.
func sealed(t testing.TB, h *Host, typ string, body any) []byte {
	t.Helper()
	env, err := wire.Seal(edKey(t, h), typ, body, time.Now(), time.Minute, testNonce.Add(1))
	if err != nil {
		t.Fatal(err)
	}
	b, err := env.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	return b
}
