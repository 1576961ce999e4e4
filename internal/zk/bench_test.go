package zk

import (
	"bytes"
	"context"
	"math/big"
	"os"
	"testing"
	"time"

	"github.com/consensys/gnark/backend/groth16"
	groth16bn254 "github.com/consensys/gnark/backend/groth16/bn254"
	"github.com/consensys/gnark/frontend"
)

// BenchmarkProveOverhead compares, on one circuit and one set of keys,
// Deco's Prove (parameters, the provider's computation, witness, proof,
// encodings) with gnark's bare groth16.Prove on a ready witness. The two
// alternate within each iteration, so machine noise hits both alike; the
// "deco/raw" metric is their ratio (target ≤ 1.05). The reported ns/op
// covers both proofs; "ms-extra/op" times Deco's own work around the
// prover alone, which bounds the true overhead when machine noise makes
// the ratio swing either way.
//
//	go test ./internal/zk -run '^$' -bench ProveOverhead -benchtime 5x
//
// The circuit is mimc-chain at its default size (setup takes about a
// minute on two cores); DECO_ZK_BENCH_CIRCUIT picks another, e.g.
// mimc-chain/1000.
func BenchmarkProveOverhead(b *testing.B) {
	name := os.Getenv("DECO_ZK_BENCH_CIRCUIT")
	if name == "" {
		name = "mimc-chain"
	}
	ctx := context.Background()
	c := lookup(b, name)
	nc, err := c.Constraints()
	if err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	keys := testKeys(b, c) // the benchmark function runs more than once; setup once
	b.Logf("%s: %d constraints, setup %v", c, nc, time.Since(start).Round(time.Millisecond))

	params := map[string]string{"seed": "12345", "n": itoa(c.Size())}
	if c.Kind() != "mimc-chain" {
		params = c.Example()
	}
	fixed, err := c.Public(params)
	if err != nil {
		b.Fatal(err)
	}
	cs, _ := c.constraintSystem()
	assignment, _, err := c.k.assign(c.size, fixed, new(big.Int).SetBytes(payee[:]))
	if err != nil {
		b.Fatal(err)
	}
	w, err := frontend.NewWitness(assignment, field)
	if err != nil {
		b.Fatal(err)
	}
	// Warm both paths once (allocator, caches).
	if _, err := Prove(ctx, c, keys.Proving, params, payee); err != nil {
		b.Fatal(err)
	}
	if _, err := groth16.Prove(cs, keys.Proving.pk, w); err != nil {
		b.Fatal(err)
	}

	var deco, raw time.Duration
	b.ResetTimer()
	decoProve := func() {
		t := time.Now()
		if _, err := Prove(ctx, c, keys.Proving, params, payee); err != nil {
			b.Fatal(err)
		}
		deco += time.Since(t)
	}
	rawProve := func() {
		t := time.Now()
		if _, err := groth16.Prove(cs, keys.Proving.pk, w); err != nil {
			b.Fatal(err)
		}
		raw += time.Since(t)
	}
	for i := 0; i < b.N; i++ {
		// Alternate the order too, so neither pays for the other's garbage.
		if i%2 == 0 {
			decoProve()
			rawProve()
		} else {
			rawProve()
			decoProve()
		}
	}
	b.StopTimer()
	// What Deco adds around the prover, measured alone: parsing, the
	// provider's computation, the witness and the encodings of one proof.
	proof, err := groth16.Prove(cs, keys.Proving.pk, w)
	if err != nil {
		b.Fatal(err)
	}
	const reps = 5
	t0 := time.Now()
	for range reps {
		fixed, _ := c.Public(params)
		a, _, _ := c.k.assign(c.size, fixed, new(big.Int).SetBytes(payee[:]))
		_, _ = frontend.NewWitness(a, field)
		var buf bytes.Buffer
		_, _ = proof.WriteTo(&buf)
		_ = solidityWords(proof.(*groth16bn254.Proof))
	}
	b.ReportMetric(float64(time.Since(t0).Microseconds())/1000/reps, "ms-extra/op")
	b.ReportMetric(float64(deco.Milliseconds())/float64(b.N), "ms-deco/op")
	b.ReportMetric(float64(raw.Milliseconds())/float64(b.N), "ms-raw/op")
	b.ReportMetric(float64(deco)/float64(raw), "deco/raw")
}
