package providing

import (
	"encoding/json"
	"strings"

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
