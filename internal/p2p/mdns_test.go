package p2p

import (
	"context"
	"testing"
	"time"
)

func TestMDNSDiscovery(t *testing.T) {
	start := func() *Host {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		h, err := New(ctx, Config{MDNS: true, Logger: quiet})
		if err != nil {
			t.Skipf("mDNS unavailable on this machine: %v", err)
		}
		t.Cleanup(func() { _ = h.Close() })
		return h
	}
	a, b := start(), start()
	waitFor(t, "LAN peers to find each other", func() bool { return a.Connected(b.ID()) })
}
