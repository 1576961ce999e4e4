package pay

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/store"
	"github.com/deco-network/deco/internal/wire"
)

// FuzzAcceptVoucher feeds a provider vouchers as they arrive in a session
// frame body, for a job escrowed on the simulated chain: whatever it
// accepts was signed by the job's consumer, for this provider and for the
// amount it now holds.
func FuzzAcceptVoucher(f *testing.F) {
	ctx, cancel := context.WithCancel(context.Background())
	f.Cleanup(cancel)
	// Keys, and so the contracts' addresses and the vouchers' domain, are
	// the same in every process: the fuzz coordinator makes the seeds and
	// its workers check them.
	keys := make([]*ecdsa.PrivateKey, 3)
	for i := range keys {
		keys[i], _ = crypto.ToECDSA(bytes.Repeat([]byte{byte(i + 1)}, 32))
	}
	sim, err := chain.NewSimulated(ctx, chain.WithDeployer(keys[2]), chain.WithAccounts(keys[:2]...), chain.WithGrant(chain.Ether(10), chain.DECO(1000)))
	if err != nil {
		f.Fatalf("NewSimulated: %v", err)
	}
	f.Cleanup(func() { _ = sim.Close() })
	consumerChain, err := sim.Client(keys[0])
	if err != nil {
		f.Fatal(err)
	}
	providerChain, err := sim.Client(keys[1])
	if err != nil {
		f.Fatal(err)
	}
	now, err := consumerChain.ChainTime(ctx)
	if err != nil {
		f.Fatal(err)
	}
	// A fixed clock keeps the provider's read of the escrow cached, so
	// each execution costs a decode and a signature check.
	clk := nowClock{now: func() time.Time { return now }}
	db := func(name string) *store.DB {
		db, err := store.OpenDB(filepath.Join(f.TempDir(), name))
		if err != nil {
			f.Fatal(err)
		}
		f.Cleanup(func() { _ = db.Close() })
		return db
	}
	quiet := slog.New(slog.DiscardHandler)
	cons := NewConsumer(consumerChain, db("consumer.db"), quiet, clk)
	prov := NewProvider(providerChain, db("provider.db"), quiet, clk, ProviderOptions{})
	job := chain.NewJobID(consumerChain.Address(), [6]byte{7})
	if err := cons.Open(ctx, job, deco, now.Add(time.Hour)); err != nil {
		f.Fatal(err)
	}
	for _, amount := range []wire.Amount{300 * milli, 400 * milli} {
		v, err := cons.Voucher(ctx, job, providerChain.Address(), amount)
		if err != nil {
			f.Fatal(err)
		}
		raw, _ := json.Marshal(v)
		f.Add(raw)
	}
	f.Add([]byte(`{"job":"` + string(job) + `","provider":"` + providerChain.Address().Hex() + `","cumulative":"1","signature":"AAAA"}`))
	consumer := consumerChain.Address()
	f.Fuzz(func(t *testing.T, raw []byte) {
		var v wire.Voucher
		if json.Unmarshal(raw, &v) != nil {
			return
		}
		if prov.Accept(ctx, v) != nil {
			return
		}
		digest := chain.VoucherDigest(providerChain.Domain(), v.Job.Bytes32(), providerChain.Address(), v.Cumulative.Wei())
		signer, err := chain.Recover(digest, v.Signature)
		if err != nil || signer != consumer || !common.IsHexAddress(v.Provider) || common.HexToAddress(v.Provider) != providerChain.Address() {
			t.Fatalf("accepted a voucher the consumer did not sign for this provider: %s", raw)
		}
		if held := prov.Holding(v.Job); held.Pending < v.Cumulative {
			t.Fatalf("accepted %s but holds %s", v.Cumulative, held.Pending)
		}
	})
}
