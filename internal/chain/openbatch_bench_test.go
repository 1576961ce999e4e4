package chain

import (
	"context"
	"fmt"
	"math/big"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
)

// BenchmarkOpenings times 20 escrow openings made at once by one
// account, through the JSON-RPC path a node uses (Dial on the dev
// chain's http URL), against the same 20 made one after another in the
// same run:
//
//	go test ./internal/chain -run '^$' -bench Openings -benchtime 5x
func BenchmarkOpenings(b *testing.B) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	key, err := crypto.GenerateKey()
	if err != nil {
		b.Fatal(err)
	}
	sim, err := NewSimulated(ctx, WithHTTP("127.0.0.1", 0), WithAccounts(key))
	if err != nil {
		b.Fatal(err)
	}
	defer sim.Close()
	c, err := Dial(ctx, sim.RPCURL(), key, sim.Contracts(), WithChainID(big.NewInt(SimulatedChainID)))
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	deadline := time.Now().Add(time.Hour)
	const n = 20
	open := func(name string) {
		if err := c.OpenJob(ctx, jobIDOf(c.Address(), name), big.NewInt(1e15), deadline); err != nil {
			b.Fatal(err)
		}
	}
	open("warm-up") // approves the allowance
	var together, alone time.Duration
	for i := range b.N {
		s := time.Now()
		var wg sync.WaitGroup
		for k := range n {
			wg.Go(func() { open(fmt.Sprint("together-", i, "-", k)) })
		}
		wg.Wait()
		together += time.Since(s)
		s = time.Now()
		for k := range n {
			open(fmt.Sprint("alone-", i, "-", k))
		}
		alone += time.Since(s)
	}
	b.ReportMetric(float64(together.Milliseconds())/float64(b.N), "ms/20-at-once")
	b.ReportMetric(float64(alone.Milliseconds())/float64(b.N), "ms/20-one-by-one")
	b.ReportMetric(float64(together)/float64(alone), "at-once/one-by-one")
}
