package wallet

import (
	"math/big"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/clock"
	"github.com/deco-network/deco/internal/store"
	"github.com/deco-network/deco/internal/wire"
)

// The log keeps a transaction from sent to mined under one entry, keeps
// only the newest MaxEntries, and survives reopening the database (a
// node's restart).
func TestLogPersistsAndBounds(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.db")
	db, err := store.OpenDB(path)
	if err != nil {
		t.Fatal(err)
	}
	clk := clock.NewFake(time.Unix(1000, 0))
	l, err := OpenLog(db, clk)
	if err != nil {
		t.Fatal(err)
	}
	job := wire.JobID("00112233445566778899aabbccddeeff")
	open := common.HexToHash("0x01")
	l.Record(chain.Tx{Op: "escrow.openJob", Hash: open, Job: job.Bytes32(), Pending: true})
	clk.Advance(time.Second)
	l.Record(chain.Tx{Op: "escrow.openJob", Hash: open, Job: job.Bytes32(), Block: 7})
	l.Record(chain.Tx{Op: "escrow.refund", Hash: common.HexToHash("0x02"), Job: job.Bytes32(), Block: 9, Failed: true})
	got := l.Entries()
	if len(got) != 2 || got[0].Status != api.TxFailed || got[1].Status != api.TxOK || got[1].Block != 7 || got[1].Job != job ||
		!got[1].At.Equal(time.Unix(1000, 0)) || Kind(got[1].Op) != "open" || Kind(got[0].Op) != "refund" {
		t.Fatalf("entries %+v", got)
	}
	for i := range MaxEntries + 10 {
		l.Record(chain.Tx{Op: "token.approve", Hash: common.BigToHash(big.NewInt(int64(i + 100)))})
	}
	l.Flush() // written behind Record: what a node does before closing its database
	db.Close()
	if db, err = store.OpenDB(path); err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	l, err = OpenLog(db, clk)
	if err != nil {
		t.Fatal(err)
	}
	got = l.Entries()
	if len(got) != MaxEntries || got[0].Hash != common.BigToHash(big.NewInt(int64(MaxEntries+109))) || Kind(got[0].Op) != "approve" {
		t.Fatalf("after reopening: %d entries, newest %+v", len(got), got[0])
	}
}

// A grouped opening is one entry naming every job it opened.
func TestLogGroupedOpening(t *testing.T) {
	db, err := store.OpenDB(filepath.Join(t.TempDir(), "state.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	l, err := OpenLog(db, clock.NewFake(time.Unix(1000, 0)))
	if err != nil {
		t.Fatal(err)
	}
	a, b := wire.JobID("00112233445566778899aabbccddeeff"), wire.JobID("ffeeddccbbaa99887766554433221100")
	l.Record(chain.Tx{Op: "escrow.openJobs", Hash: common.HexToHash("0x03"), Jobs: [][32]byte{a.Bytes32(), b.Bytes32()}, Block: 4})
	got := l.Entries()
	if len(got) != 1 || Kind(got[0].Op) != "open" || got[0].Job != "" || len(got[0].Jobs) != 2 || got[0].Jobs[0] != a || got[0].Jobs[1] != b {
		t.Fatalf("entries %+v, want one open naming %s and %s", got, a, b)
	}
	l.Flush()
}
