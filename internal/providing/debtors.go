package providing

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/deco-network/deco/internal/wire"

	provcore "github.com/deco-network/deco/internal/provider"
	"github.com/deco-network/deco/internal/store"
)

// DebtorBucket is the database bucket of consumers recorded as not paying
// (provider.Debtor), keyed by lower-case consumer address.
const DebtorBucket = "provider.debtors"

// DebtorBook keeps the provider machine's debtors in the node's database,
// so a restart does not forgive them.
type DebtorBook struct{ DB *store.DB }

// Put stores d, or deletes its record when d.Cleared.
func (b DebtorBook) Put(d provcore.Debtor) error {
	k := strings.ToLower(d.Consumer)
	if d.Cleared {
		return b.DB.Delete(DebtorBucket, k)
	}
	return b.DB.Put(DebtorBucket, k, d)
}

// All lists the stored debtors.
func (b DebtorBook) All() ([]provcore.Debtor, error) {
	var out []provcore.Debtor
	err := b.DB.List(DebtorBucket, func(_ string, raw []byte) error {
		var d provcore.Debtor
		if err := json.Unmarshal(raw, &d); err != nil {
			return err
		}
		out = append(out, d)
		return nil
	})
	return out, err
}

// RunBucket is the database bucket of running attempts (RunRecord), keyed
// by task and attempt.
const RunBucket = "provider.runs"

// RunRecord is an attempt this provider was running.
type RunRecord struct {
	Task     wire.TaskID `json:"task"`
	Attempt  int         `json:"attempt"`
	Consumer string      `json:"consumer"` // peer ID
	Started  time.Time   `json:"started"`
}

// RunBook keeps the running attempts in the node's database.
type RunBook struct{ DB *store.DB }

func runKey(k provcore.Key) string { return fmt.Sprintf("%s/%d", k.Task, k.Attempt) }

// Put records r.
func (b RunBook) Put(r RunRecord) error {
	return b.DB.Put(RunBucket, runKey(provcore.Key{Task: r.Task, Attempt: r.Attempt}), r)
}

// Delete forgets the run of k.
func (b RunBook) Delete(k provcore.Key) error { return b.DB.Delete(RunBucket, runKey(k)) }

// All lists the recorded runs.
func (b RunBook) All() ([]RunRecord, error) {
	var out []RunRecord
	err := b.DB.List(RunBucket, func(_ string, raw []byte) error {
		var r RunRecord
		if err := json.Unmarshal(raw, &r); err != nil {
			return err
		}
		out = append(out, r)
		return nil
	})
	return out, err
}
