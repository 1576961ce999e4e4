package p2p

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/peer"
)

func TestRequestResponse(t *testing.T) {
	hosts := cluster(t, 2, Config{})
	client, server := hosts[1], hosts[0]
	const maxReq = 1024
	server.HandleRequest(ProtoBid, maxReq, func(_ context.Context, from peer.ID, req []byte) ([]byte, error) {
		if from != client.ID() {
			return nil, fmt.Errorf("request from %s, want %s", from, client.ID())
		}
		if string(req) == "fail" {
			return nil, errors.New("handler refuses")
		}
		return bytes.Repeat(req, 2), nil // echo twice, so responses can exceed requests
	})

	tests := []struct {
		name    string
		req     []byte
		maxResp int
		wantErr error // nil: success; errAny: any error
	}{
		{"empty", []byte{}, 10, nil},
		{"small", []byte("hello"), 10, nil},
		{"request at limit", bytes.Repeat([]byte("x"), maxReq), 2 * maxReq, nil},
		{"request over limit is refused", bytes.Repeat([]byte("x"), maxReq+1), 4 * maxReq, errAny},
		{"response over limit", []byte("hello"), 9, ErrTooLarge},
		{"handler error resets", []byte("fail"), 100, errAny},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			resp, err := client.Request(testCtx(t), server.ID(), ProtoBid, tc.req, tc.maxResp)
			switch {
			case tc.wantErr == nil && err != nil:
				t.Fatalf("Request: %v", err)
			case tc.wantErr == nil:
				if want := bytes.Repeat(tc.req, 2); !bytes.Equal(resp, want) {
					t.Fatalf("response %q, want %q", resp, want)
				}
			case err == nil:
				t.Fatalf("Request succeeded, want error %v", tc.wantErr)
			case tc.wantErr != errAny && !errors.Is(err, tc.wantErr):
				t.Fatalf("error %v, want %v", err, tc.wantErr)
			}
		})
	}
}

var errAny = errors.New("any error")

func TestStreamMessages(t *testing.T) {
	hosts := cluster(t, 2, Config{})
	client, server := hosts[1], hosts[0]
	var serverSaw crypto.PubKey
	server.Handle(ProtoStatus, func(ctx context.Context, s *Stream) {
		serverSaw = s.RemotePubKey()
		for {
			m, err := s.ReadMsg(1 << 20)
			if err == io.EOF {
				_, _ = s.Write([]byte("raw tail")) // raw bytes may follow messages
				return
			}
			if err != nil {
				t.Errorf("server ReadMsg: %v", err)
				return
			}
			if err := s.WriteMsg([]byte(strings.ToUpper(string(m)))); err != nil {
				t.Errorf("server WriteMsg: %v", err)
				return
			}
		}
	})

	s, err := client.Open(testCtx(t), server.ID(), ProtoStatus)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	big := bytes.Repeat([]byte("b"), 200<<10) // larger than one write frame
	msgs := [][]byte{[]byte("one"), {}, big, []byte("three")}
	for _, m := range msgs {
		if err := s.WriteMsg(m); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.CloseWrite(); err != nil {
		t.Fatal(err)
	}
	for _, m := range msgs {
		got, err := s.ReadMsg(1 << 20)
		if err != nil {
			t.Fatal(err)
		}
		if want := bytes.ToUpper(m); !bytes.Equal(got, want) {
			t.Fatalf("got %d bytes %.10q, want %d bytes %.10q", len(got), got, len(want), want)
		}
	}
	tail, err := io.ReadAll(s)
	if err != nil || string(tail) != "raw tail" {
		t.Fatalf("raw tail %q, %v", tail, err)
	}
	if _, err := s.ReadMsg(10); err != io.EOF {
		t.Fatalf("after the end: %v, want io.EOF", err)
	}
	if s.Remote() != server.ID() {
		t.Fatalf("Remote %s, want %s", s.Remote(), server.ID())
	}
	if id, _ := peer.IDFromPublicKey(serverSaw); id != client.ID() {
		t.Fatalf("server saw key of %s, want %s", id, client.ID())
	}
}

// blockingHandler reads one message, answers "ready", then waits for the
// host to close; entered receives a value once the handler is running.
func blockingHandler(entered chan<- struct{}) func(ctx context.Context, s *Stream) {
	return func(ctx context.Context, s *Stream) {
		if _, err := s.ReadMsg(100); err != nil {
			return
		}
		_ = s.WriteMsg([]byte("ready"))
		entered <- struct{}{}
		_, _ = s.ReadMsg(100) // until the stream or the host goes away
	}
}

func TestStreamFollowsContext(t *testing.T) {
	hosts := cluster(t, 2, Config{})
	client, server := hosts[1], hosts[0]
	entered := make(chan struct{}, 2)
	server.Handle(ProtoStatus, blockingHandler(entered))

	tests := []struct {
		name string
		end  func(cancel context.CancelFunc) // ends the stream's context
		ctx  func() (context.Context, context.CancelFunc)
		want error
	}{
		{"cancel", func(cancel context.CancelFunc) { cancel() },
			func() (context.Context, context.CancelFunc) { return context.WithCancel(testCtx(t)) },
			context.Canceled},
		{"deadline", func(context.CancelFunc) {},
			func() (context.Context, context.CancelFunc) {
				return context.WithTimeout(testCtx(t), 300*time.Millisecond)
			},
			context.DeadlineExceeded},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ctx, cancel := tc.ctx()
			defer cancel()
			s, err := client.Open(ctx, server.ID(), ProtoStatus)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			if err := s.WriteMsg([]byte("hi")); err != nil {
				t.Fatal(err)
			}
			if m, err := s.ReadMsg(100); err != nil || string(m) != "ready" {
				t.Fatalf("ReadMsg: %q, %v", m, err)
			}
			<-entered
			tc.end(cancel)
			_, err = s.ReadMsg(100) // blocks until the context ends
			if !errors.Is(err, tc.want) {
				t.Fatalf("ReadMsg after the context ended: %v, want %v", err, tc.want)
			}
		})
	}
}

func TestPeerClosedMidRequest(t *testing.T) {
	hosts := cluster(t, 2, Config{})
	client, server := hosts[1], hosts[0]
	entered := make(chan struct{}, 1)
	server.Handle(ProtoTask, blockingHandler(entered))

	ctx := testCtx(t)
	s, err := client.Open(ctx, server.ID(), ProtoTask)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.WriteMsg([]byte("task")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ReadMsg(100); err != nil {
		t.Fatal(err)
	}
	<-entered
	done := make(chan error, 1)
	go func() {
		_, err := s.ReadMsg(100)
		done <- err
	}()
	if err := server.Close(); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err == nil || errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("ReadMsg after the peer closed: %v, want a stream error", err)
		}
	case <-ctx.Done():
		t.Fatal("ReadMsg still blocked after the peer closed")
	}
}

func TestPeersAndLatency(t *testing.T) {
	hosts := cluster(t, 2, Config{})
	a, b := hosts[0], hosts[1]
	b.HandleRequest(ProtoResult, 10, func(context.Context, peer.ID, []byte) ([]byte, error) { return nil, nil })

	var info PeerInfo
	waitFor(t, "b's latency and protocols known to a", func() bool {
		ps := a.Peers()
		if len(ps) != 1 {
			return false
		}
		info = ps[0]
		return info.Latency > 0 && slices.Contains(info.Protocols, string(ProtoResult))
	})
	if info.ID != b.ID() || len(info.Addrs) == 0 {
		t.Fatalf("peer info %+v, want b with its address", info)
	}
	if !strings.Contains(info.Addrs[0], "/tcp/") {
		t.Errorf("connection over %s, want TCP preferred", info.Addrs[0])
	}
	if a.Latency(b.ID()) != info.Latency {
		t.Errorf("Latency %v != PeerInfo.Latency %v", a.Latency(b.ID()), info.Latency)
	}
	for _, addr := range a.Addrs() {
		if !strings.HasSuffix(addr, "/p2p/"+a.ID().String()) {
			t.Errorf("address %s lacks /p2p/<id>", addr)
		}
	}
}

func TestConnect(t *testing.T) {
	a := newHost(t, Config{})
	b := newHost(t, Config{})
	ctx := testCtx(t)
	if err := a.Connect(ctx, "/ip4/127.0.0.1/tcp/1"); err == nil {
		t.Fatal("Connect accepted an address without /p2p/<id>")
	}
	for _, addr := range b.Addrs() { // every advertised address is dialable
		c := newHost(t, Config{})
		if err := c.Connect(ctx, addr); err != nil {
			t.Fatalf("Connect %s: %v", addr, err)
		}
		if !c.Connected(b.ID()) {
			t.Fatalf("not connected after Connect %s", addr)
		}
	}
}

func TestConfigValidate(t *testing.T) {
	ecdsa, _, err := crypto.GenerateECDSAKeyPair(nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		cfg  Config
		want string // substring of the error; "" means valid
	}{
		{"zero", Config{}, ""},
		{"non-ed25519 key", Config{Key: ecdsa}, "ed25519"},
		{"bad listen address", Config{ListenAddrs: []string{"127.0.0.1:4001"}}, "listen address"},
		{"bootstrap without peer id", Config{Bootstrap: []string{"/ip4/1.2.3.4/tcp/4001"}}, "bootstrap address"},
		{"watermarks", Config{ConnLow: 10, ConnHigh: 5}, "watermarks"},
		{"negative idle timeout", Config{IdleTimeout: -1}, "idle timeout"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.cfg.Validate()
			if tc.want == "" {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("Validate: %v, want an error about %q", err, tc.want)
			}
		})
	}
}

// TestManyConcurrentRequests sends bursts of requests from one peer, far
// beyond libp2p's default of 64 inbound streams per protocol per peer: the
// resource limits must admit them all.
func TestManyConcurrentRequests(t *testing.T) {
	hosts := cluster(t, 2, Config{})
	client, server := hosts[1], hosts[0]
	release := make(chan struct{})
	server.HandleRequest(ProtoBid, 100, func(_ context.Context, _ peer.ID, req []byte) ([]byte, error) {
		<-release // hold every stream open until all are in flight
		return req, nil
	})
	const n = 600
	ctx := testCtx(t)
	errs := make(chan error, n)
	started := time.Now()
	for i := range n {
		go func() {
			req := []byte(fmt.Sprint(i))
			resp, err := client.Request(ctx, server.ID(), ProtoBid, req, 100)
			if err == nil && !bytes.Equal(resp, req) {
				err = fmt.Errorf("response %q to %q", resp, req)
			}
			errs <- err
		}()
	}
	waitFor(t, "all requests to be in flight", func() bool {
		return server.streamCount(ProtoBid) == n
	})
	close(release)
	for range n {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%d concurrent requests in %v", n, time.Since(started))
}
