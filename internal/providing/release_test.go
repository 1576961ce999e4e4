package providing

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/libp2p/go-libp2p/core/peer"

	provcore "github.com/deco-network/deco/internal/provider"
	"github.com/deco-network/deco/internal/store"
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
		{"a voucher raised by less than the price", consumer, 600},
		{"another peer's voucher", stranger, 1000},
	} {
		if cids := w.release(k, tc.from, tc.added); len(cids) > 0 {
			t.Fatalf("%s released %v", tc.name, cids)
		}
	}
	// The 600 paid stays credited: 400 more pays the price.
	if cids := w.release(k, consumer, 400); len(cids) != 1 || cids[0] != out[0] {
		t.Fatalf("the voucher completing the price released %v", cids)
	}
	if cids := w.release(k, consumer, 1000); len(cids) > 0 {
		t.Fatal("released twice")
	}
}

// A voucher lost on the way (a consumer crash between signing and
// sending) is covered by the next: vouchers are cumulative, and the
// surplus releases the lost voucher's attempt too, never more than paid.
func TestLostVoucherCoveredByTheNext(t *testing.T) {
	var w withheldSet
	consumer := peer.ID("consumer")
	keys := make([]provcore.Key, 3)
	for i := range keys {
		keys[i] = provcore.Key{Task: wire.TaskID{Job: "job-a", Index: i}, Attempt: 1}
		w.hold(keys[i], consumer, 1000, []wire.CID{wire.CIDOf([]byte{byte(i)})}, time.Unix(0, 0))
	}
	// The voucher for task 0 was lost; task 2's raises the total by 2000.
	if cids := w.release(keys[2], consumer, 2000); len(cids) != 2 || cids[0] != wire.CIDOf([]byte{2}) || cids[1] != wire.CIDOf([]byte{0}) {
		t.Fatalf("released %v, want task 2's then task 0's outputs", cids)
	}
	if cids := w.release(keys[1], consumer, 999); len(cids) > 0 {
		t.Fatalf("task 1 released unpaid: %v", cids)
	}
	// A voucher sent again after a restart names task 2, released long
	// ago; the 1 it adds completes task 1's price.
	if cids := w.release(keys[2], consumer, 1); len(cids) != 1 || cids[0] != wire.CIDOf([]byte{1}) {
		t.Fatalf("released %v, want task 1's outputs", cids)
	}
	// A voucher for a failure (no outputs held) pays for work, not bytes.
	k := provcore.Key{Task: wire.TaskID{Job: "job-a", Index: 9}, Attempt: 1}
	w.hold(k, consumer, 1000, []wire.CID{wire.CIDOf([]byte{9})}, time.Unix(0, 0))
	fail := provcore.Key{Task: wire.TaskID{Job: "job-a", Index: 8}, Attempt: 1}
	if cids := w.release(fail, consumer, 1000); len(cids) > 0 {
		t.Fatalf("a failure's voucher released %v", cids)
	}
}

// The record of consumers that did not pay outlives the process: a
// provider restarted on the same database refuses them still.
func TestDebtorsPersist(t *testing.T) {
	db, err := store.OpenDB(filepath.Join(t.TempDir(), "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	book := DebtorBook{DB: db}
	d := provcore.Debtor{Consumer: "0xAbC", Peer: "p", Owed: provcore.Key{Task: wire.TaskID{Job: "job-a", Index: 3}, Attempt: 1}, Price: 1000, Since: time.Unix(100, 0).UTC(), Reason: "no voucher 30s after delivery"}
	if err := book.Put(d); err != nil {
		t.Fatal(err)
	}
	got, err := book.All()
	if err != nil || len(got) != 1 || got[0] != d {
		t.Fatalf("stored %+v, read back %+v (%v)", d, got, err)
	}
	d.Cleared = true
	if err := book.Put(d); err != nil {
		t.Fatal(err)
	}
	if got, err := book.All(); err != nil || len(got) != 0 {
		t.Fatalf("a cleared debtor is still stored: %+v (%v)", got, err)
	}
}
