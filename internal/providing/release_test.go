package providing

import (
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	provcore "github.com/deco-network/deco/internal/provider"
	"github.com/deco-network/deco/internal/wire"
)

// Withheld outputs go only to the consumer that assigned the attempt, and
// only on a voucher that added at least the attempt's price: a voucher
// sent again (adding nothing) or raised by less releases nothing.
func TestWithheldOutputsReleasedOnlyByAPayingVoucher(t *testing.T) {
	var w withheldSet
	k := provcore.Key{Task: wire.TaskID{Job: "job-a", Index: 0}, Attempt: 1}
	consumer, stranger := peer.ID("consumer"), peer.ID("stranger")
	out := []wire.CID{wire.CIDOf([]byte("out"))}
	w.hold(k, consumer, 1000, out, time.Unix(0, 0))
	for _, tc := range []struct {
		name  string
		from  peer.ID
		added wire.Amount
	}{
		{"a replayed voucher", consumer, 0},
		{"a voucher raised by less than the price", consumer, 999},
		{"another peer's voucher", stranger, 1000},
	} {
		if cids, ok := w.release(k, tc.from, tc.added); ok {
			t.Fatalf("%s released %v", tc.name, cids)
		}
	}
	if cids, ok := w.release(k, consumer, 1000); !ok || len(cids) != 1 || cids[0] != out[0] {
		t.Fatalf("the paying voucher released %v, %v", cids, ok)
	}
	if _, ok := w.release(k, consumer, 1000); ok {
		t.Fatal("released twice")
	}
}
