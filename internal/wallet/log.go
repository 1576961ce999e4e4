package wallet

import (
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/clock"
	"github.com/deco-network/deco/internal/store"
	"github.com/deco-network/deco/internal/wire"
)

// Bucket is the database bucket of the transaction log.
const Bucket = "wallet"

const logKey = "transactions"

// MaxEntries bounds the transactions the log keeps (the oldest go first).
const MaxEntries = 256

// Observer is a chain connection that reports each transaction it sends
// (chain.Client).
type Observer interface {
	Observe(fn func(chain.Tx))
}

// Entry is a transaction the node sent.
type Entry struct {
	Hash   common.Hash  `json:"hash"`
	Op     string       `json:"op"` // chain.Tx.Op: "escrow.openJob"
	Job    wire.JobID   `json:"job,omitempty"`
	Jobs   []wire.JobID `json:"jobs,omitempty"` // chain.Tx.Jobs
	At     time.Time    `json:"at"`             // when it was sent
	Block  uint64       `json:"block,omitempty"`
	Status string       `json:"status"` // api.TxOK, TxFailed or TxPending
}

// Log is the node's transaction log, oldest first. Safe for concurrent use.
type Log struct {
	db  *store.DB
	clk clock.Clock
	mu  sync.Mutex
	txs []Entry
	// The log is written behind the transactions it records (Record runs
	// on the chain client's send path): saving is true while a goroutine
	// writes it, dirty when it changed since that write began; idle is
	// signalled when saving ends.
	saving, dirty bool
	idle          *sync.Cond
}

// OpenLog reads the log kept in db.
func OpenLog(db *store.DB, clk clock.Clock) (*Log, error) {
	l := &Log{db: db, clk: clk}
	l.idle = sync.NewCond(&l.mu)
	if _, err := db.Get(Bucket, logKey, &l.txs); err != nil {
		return nil, fmt.Errorf("read the wallet's transaction log: %w", err)
	}
	return l, nil
}

// Record notes a transaction sent (tx.Pending) or mined; it is
// chain.Client.Observe's callback.
func (l *Log) Record(tx chain.Tx) {
	e := Entry{Hash: tx.Hash, Op: tx.Op, Job: jobID(tx.Job), Block: tx.Block, Status: api.TxOK}
	for _, j := range tx.Jobs {
		e.Jobs = append(e.Jobs, jobID(j))
	}
	switch {
	case tx.Pending:
		e.Status = api.TxPending
	case tx.Failed:
		e.Status = api.TxFailed
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if i := slices.IndexFunc(l.txs, func(x Entry) bool { return x.Hash == tx.Hash }); i >= 0 {
		e.At = l.txs[i].At
		l.txs[i] = e
	} else {
		e.At = l.clk.Now()
		l.txs = append(l.txs, e)
		l.txs = slices.Delete(l.txs, 0, max(0, len(l.txs)-MaxEntries))
	}
	l.changed()
}

// changed has the log written soon; l.mu is held.
func (l *Log) changed() {
	l.dirty = true
	if !l.saving {
		l.saving = true
		go l.save()
	}
}

// save writes the log until it is written as it stands: writes made
// meanwhile are taken together by the next one. Losing a write loses only
// history: the chain still has it.
func (l *Log) save() {
	l.mu.Lock()
	defer l.mu.Unlock()
	for l.dirty {
		l.dirty = false
		snap := slices.Clone(l.txs)
		l.mu.Unlock()
		l.db.Put(Bucket, logKey, snap)
		l.mu.Lock()
	}
	l.saving = false
	l.idle.Broadcast()
}

// Flush waits until the log is written as it stands. Call it before the
// database closes.
func (l *Log) Flush() {
	l.mu.Lock()
	defer l.mu.Unlock()
	for l.saving {
		l.idle.Wait()
	}
}

// update replaces the entry of e.Hash (a pending one that was mined).
func (l *Log) update(e Entry) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if i := slices.IndexFunc(l.txs, func(x Entry) bool { return x.Hash == e.Hash }); i >= 0 {
		l.txs[i] = e
		l.changed()
	}
}

// Entries are the transactions kept, newest first.
func (l *Log) Entries() []Entry {
	l.mu.Lock()
	defer l.mu.Unlock()
	out := slices.Clone(l.txs)
	slices.Reverse(out)
	return out
}

// jobID is the wire form of an on-chain job id (zero: none).
func jobID(b [32]byte) wire.JobID {
	if b == ([32]byte{}) {
		return ""
	}
	return wire.JobID(hex.EncodeToString(b[:16]))
}

// kinds name what a call does, for people.
var kinds = map[string]string{
	"token.approve": "approve", "token.transfer": "transfer",
	"escrow.openJob": "open", "escrow.openJobs": "open", "escrow.openProofJob": "open", "escrow.topUp": "topup",
	"escrow.redeem": "redeem", "escrow.refund": "refund",
	"escrow.settleWithProof": "settle", "escrow.settleWithProofs": "settle",
	"escrow.anchorCheckpoints": "anchor", "escrow.reportEquivocation": "report", "escrow.reportBadProof": "report",
	"registry.stake": "stake", "registry.requestUnbond": "unbond", "registry.withdraw": "withdraw", "registry.bindPeer": "bind",
}

// Kind names what the call op ("contract.method") does: approve, open,
// redeem... or, for a call it has no name for, the method.
func Kind(op string) string {
	if k, ok := kinds[op]; ok {
		return k
	}
	if _, m, ok := strings.Cut(op, "."); ok {
		return m
	}
	return op
}
