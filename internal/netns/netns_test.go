package netns

import (
	"context"
	"errors"
	"io"
	"net"
	"os"
	"testing"
	"time"
)

// network builds a Network for t, or skips (fails under CI=true) without
// the rights; it cleans up stale namespaces first and its own after.
func network(t *testing.T) *Network {
	t.Helper()
	if err := Available(); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("CI must run the network namespace tests: %v", err)
		}
		t.Skipf("needs root for network namespaces: run as root, e.g. sudo -E go test ./internal/netns/ (%v)", err)
	}
	if gone, err := CleanStale(); err != nil {
		t.Logf("cleaning stale namespaces: %v", err)
	} else if len(gone) > 0 {
		t.Logf("removed stale namespaces of crashed runs: %v", gone)
	}
	nw, err := New()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := nw.Close(); err != nil {
			t.Errorf("teardown: %v", err)
		}
	})
	return nw
}

// serve accepts on l and answers every connection with n bytes.
func serve(l net.Listener, n int64) {
	for {
		c, err := l.Accept()
		if err != nil {
			return
		}
		go func() {
			defer c.Close()
			io.CopyN(c, zeros{}, n)
		}()
	}
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) { clear(p); return len(p), nil }

// fetch dials addr from h and reads to the end; how many bytes came.
func fetch(ctx context.Context, h *Host, addr string) (int64, error) {
	c, err := h.DialContext(ctx, "tcp", addr)
	if err != nil {
		return 0, err
	}
	defer c.Close()
	if d, ok := ctx.Deadline(); ok {
		c.SetDeadline(d)
	}
	return io.Copy(io.Discard, c)
}

func TestReachPartitionLimit(t *testing.T) {
	nw := network(t)
	s1, err := nw.Switch(1)
	if err != nil {
		t.Fatal(err)
	}
	s2, err := nw.Switch(2)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := nw.Host("a")
	b, _ := nw.Host("b")
	c, _ := nw.Host("c")
	if _, err := a.Attach(s1, 1); err != nil {
		t.Fatal(err)
	}
	bAddr, err := b.Attach(s1, 2)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Attach(s2, 1); err != nil {
		t.Fatal(err)
	}
	const size = 4 << 20
	l, err := b.Listen("tcp", net.JoinHostPort(bAddr, "0"))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go serve(l, size)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()

	if n, err := fetch(ctx, a, l.Addr().String()); err != nil || n != size {
		t.Fatalf("a on the same switch: %d bytes, %v", n, err)
	}
	// c is on another switch with no router: no route at all.
	if _, err := fetch(ctx, c, l.Addr().String()); err == nil {
		t.Fatal("c reached b across switches without a router")
	}

	// Partition: b's link down, a's dial times out; healed, it works.
	if err := b.SetLink(s1, false); err != nil {
		t.Fatal(err)
	}
	short, cancelShort := context.WithTimeout(ctx, time.Second)
	_, err = fetch(short, a, l.Addr().String())
	cancelShort()
	if !errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("dial across a downed link: %v, want a timeout", err)
	}
	if err := b.SetLink(s1, true); err != nil {
		t.Fatal(err)
	}
	if n, err := fetch(ctx, a, l.Addr().String()); err != nil || n != size {
		t.Fatalf("after the heal: %d bytes, %v", n, err)
	}

	// 40 Mbit/s: 4 MiB take about 0.84 s.
	const rate = 40_000_000
	if err := b.Limit(s1, rate); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if n, err := fetch(ctx, a, l.Addr().String()); err != nil || n != size {
		t.Fatalf("limited: %d bytes, %v", n, err)
	}
	took, ideal := time.Since(start), time.Duration(float64(size*8)/rate*float64(time.Second))
	t.Logf("%d bytes at %d bit/s: %s (ideal %s, %.2fx)", size, rate, took, ideal, took.Seconds()/ideal.Seconds())
	if took < ideal*8/10 || took > ideal*2 {
		t.Fatalf("limited transfer took %s, want about %s", took, ideal)
	}
}

// TestDelay: a Delay relay in host a's path to an echo server in host b
// adds 2×delay to a round trip.
func TestDelay(t *testing.T) {
	nw := network(t)
	sw, err := nw.Switch(1)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := nw.Host("a")
	b, _ := nw.Host("b")
	if _, err := a.Attach(sw, 1); err != nil {
		t.Fatal(err)
	}
	bAddr, err := b.Attach(sw, 2)
	if err != nil {
		t.Fatal(err)
	}
	echo, err := b.Listen("tcp", net.JoinHostPort(bAddr, "0"))
	if err != nil {
		t.Fatal(err)
	}
	defer echo.Close()
	go func() {
		for {
			c, err := echo.Accept()
			if err != nil {
				return
			}
			go func() { defer c.Close(); io.Copy(c, c) }()
		}
	}()
	proxy, err := a.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer proxy.Close()
	const delay = 50 * time.Millisecond
	go Delay(proxy, a.DialContext, echo.Addr().String(), delay)

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	c, err := a.DialContext(ctx, "tcp", proxy.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	buf := make([]byte, 1)
	var best time.Duration
	for i := range 5 {
		start := time.Now()
		if _, err := c.Write([]byte{byte(i)}); err != nil {
			t.Fatal(err)
		}
		if _, err := io.ReadFull(c, buf); err != nil || buf[0] != byte(i) {
			t.Fatalf("echo %d: %v %v", i, buf, err)
		}
		if rtt := time.Since(start); best == 0 || rtt < best {
			best = rtt
		}
	}
	t.Logf("round trip through a %s Delay relay: %s", delay, best)
	if best < 2*delay || best > 2*delay+250*time.Millisecond {
		t.Fatalf("round trip %s, want about %s", best, 2*delay)
	}
}
