package access

import (
	"fmt"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/deco-network/deco/internal/clock"
	"github.com/deco-network/deco/internal/wire"
)

func TestLeases(t *testing.T) {
	r := New(clock.NewFake(time.Unix(0, 0)))
	prog, in := wire.CIDOf([]byte("program")), wire.CIDOf([]byte("input"))
	prov, stranger := peer.ID("provider"), peer.ID("stranger")
	if r.Allowed(prov, prog) {
		t.Fatal("a blob is readable before any grant")
	}
	if !r.Allowed(stranger, wire.CIDOf(nil)) {
		t.Fatal("the empty blob is refused")
	}
	task0 := r.Grant(prov, prog, in)
	task1 := r.Grant(prov, prog) // a second task of the job, same program
	if !r.Allowed(prov, prog) || !r.Allowed(prov, in) {
		t.Fatal("granted blobs are refused")
	}
	if r.Allowed(stranger, prog) {
		t.Fatal("a grant to one peer lets another read")
	}
	task0.Release()
	task0.Release() // twice: must not take task1's lease with it
	if !r.Allowed(prov, prog) {
		t.Fatal("releasing one task's lease revoked the program another task still holds")
	}
	if r.Allowed(prov, in) {
		t.Fatal("a released input is still readable")
	}
	task1.Release()
	if r.Allowed(prov, prog) || r.Len() != 0 {
		t.Fatalf("after every release: allowed %v, %d grants held", r.Allowed(prov, prog), r.Len())
	}
}

func TestTimedGrants(t *testing.T) {
	clk := clock.NewFake(time.Unix(0, 0))
	r := New(clk)
	out := wire.CIDOf([]byte("output"))
	cons := peer.ID("consumer")
	r.GrantFor(cons, time.Minute, out)
	lease := r.Grant(cons, out)
	clk.Advance(2 * time.Minute)
	if !r.Allowed(cons, out) {
		t.Fatal("an expired timed grant took a live lease with it")
	}
	lease.Release()
	if r.Allowed(cons, out) || r.Len() != 0 {
		t.Fatal("expired and released, the blob is still readable")
	}
	r.GrantFor(cons, time.Minute, out)
	r.GrantFor(cons, time.Second, out) // a shorter grant does not cut a longer one
	clk.Advance(30 * time.Second)
	if !r.Allowed(cons, out) {
		t.Fatal("a shorter grant cut a longer one")
	}
	clk.Advance(31 * time.Second)
	if r.Allowed(cons, out) {
		t.Fatal("a timed grant outlived its end")
	}
}

// Expired timed grants do not pile up: a provider that serves results for
// a long time holds only the grants of the last OutputGrant.
func TestTimedGrantsAreSwept(t *testing.T) {
	clk := clock.NewFake(time.Unix(0, 0))
	r := New(clk)
	for i := range 100_000 {
		r.GrantFor(peer.ID("consumer"), time.Minute, wire.CIDOf(fmt.Appendf(nil, "output %d", i)))
		clk.Advance(time.Second)
	}
	if n := r.Len(); n > 4*60+128 {
		t.Fatalf("%d grants held, want about the last minute's 60 (plus one sweep's slack)", n)
	}
}
