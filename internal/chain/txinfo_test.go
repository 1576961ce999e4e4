package chain

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// An observer hears of each transaction twice, sent then mined, with the
// job an escrow call is about; Transaction reads it back with the events
// the contracts emitted, and knows no made-up hash.
func TestObserveAndTransaction(t *testing.T) {
	e := newTestEnv(t)
	var (
		mu  sync.Mutex
		txs []Tx
	)
	e.consumer.Observe(func(tx Tx) {
		mu.Lock()
		defer mu.Unlock()
		txs = append(txs, tx)
	})
	job := jobIDOf(e.consumer.Address(), "observed")
	must(t, e.consumer.OpenJob(e.ctx, job, DECO(2), e.now().Add(time.Hour)))
	mu.Lock()
	var open []Tx
	for _, tx := range txs {
		if tx.Op == "escrow.openJob" {
			open = append(open, tx)
		}
	}
	mu.Unlock()
	if len(open) != 2 || !open[0].Pending || open[1].Pending || open[1].Failed || open[1].Block == 0 ||
		open[0].Hash != open[1].Hash || open[0].Job != job || open[1].Job != job {
		t.Fatalf("observed openJob %+v", open)
	}
	info, err := e.consumer.Transaction(e.ctx, open[1].Hash)
	must(t, err)
	if info.Op != "escrow.openJob" || info.Job != job || info.From != e.consumer.Address() || info.To != e.sim.Contracts().Escrow ||
		info.Block != open[1].Block || info.Pending || info.Failed || info.GasUsed == 0 {
		t.Fatalf("transaction %+v", info)
	}
	var opened *TxEvent
	for i, ev := range info.Events {
		if ev.Contract == "escrow" && ev.Name == "JobOpened" {
			opened = &info.Events[i]
		}
	}
	if opened == nil || opened.Args["amount"] != DECO(2).String() || opened.Args["consumer"] != e.consumer.Address().Hex() {
		t.Fatalf("events %+v", info.Events)
	}
	if _, err := e.consumer.Transaction(e.ctx, common.HexToHash("0xabcdef")); !errors.Is(err, ErrUnknownTx) {
		t.Fatalf("unknown hash: %v", err)
	}
}
