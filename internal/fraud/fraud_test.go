package fraud

import (
	"context"
	"encoding/hex"
	"sync"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

// recorder is a hand-written chain and gossip: it records what it is given.
type recorder struct {
	mu         sync.Mutex
	gossiped   int
	equivocals []common.Address
	badProofs  []common.Address
}

func (r *recorder) ReportBadProof(_ context.Context, _ verify.Evidence, offender common.Address) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.badProofs = append(r.badProofs, offender)
}

func (r *recorder) gossip(context.Context, verify.Evidence) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.gossiped++
	return nil
}

func (r *recorder) ReportEquivocation(_ context.Context, a chain.Receipt, _ []byte, _ chain.Receipt, _ []byte) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.equivocals = append(r.equivocals, a.Provider)
	return nil
}

type noProofs struct{}

func (noProofs) VerifyProof(string, []byte, []byte) error { return verify.ErrProofFails }

func TestReportChecksBeforeItActs(t *testing.T) {
	d := verify.Domain{ChainID: 1337}
	key, _ := crypto.GenerateKey()
	other, _ := crypto.GenerateKey()
	addr := crypto.PubkeyToAddress(key.PublicKey)
	prog := wire.CIDOf([]byte("\x00asm module"))
	pd, _ := prog.Digest()
	job := wire.NewJobID([16]byte{7})
	r := wire.Receipt{Job: job, Index: 1, Program: prog, InputRoot: wire.CIDOf([]byte("in")), SpecHash: verify.HashHex([32]byte{1}), OutputRoot: wire.CIDOf([]byte("out a")),
		Environment: wire.Environment{Runtime: "wazero/v1.12.0", ModuleHash: hex.EncodeToString(pd[:]), MemoryLimit: 1 << 20, TimeoutMs: 1000},
		Provider:    addr.Hex()}
	verify.Fill(d, &r)
	b := r
	b.OutputRoot = wire.CIDOf([]byte("out b"))
	sigA, err := verify.Sign(key, d, r)
	if err != nil {
		t.Fatal(err)
	}
	sigB, err := verify.Sign(key, d, b)
	if err != nil {
		t.Fatal(err)
	}
	forgedB, err := verify.Sign(other, d, b)
	if err != nil {
		t.Fatal(err)
	}
	rec := &recorder{}
	rep := New(Config{Domain: d, Proofs: noProofs{}, Gossip: rec.gossip, Chain: rec})
	ctx := context.Background()
	task := wire.TaskID{Job: job, Index: 1}

	// A second receipt signed by someone else proves nothing against the
	// provider: neither gossiped nor reported.
	rep.Report(ctx, market.Fraud{Peer: "p", Task: task, Evidence: verify.Equivocation(r, sigA, b, forgedB)})
	if rec.gossiped != 0 || len(rec.equivocals) != 0 {
		t.Fatalf("forged evidence acted on: gossiped %d, reported %v", rec.gossiped, rec.equivocals)
	}
	if _, err := rep.Check(verify.Equivocation(r, sigA, b, forgedB)); err == nil {
		t.Fatal("Check accepted forged evidence")
	}

	rep.Report(ctx, market.Fraud{Peer: "p", Task: task, Evidence: verify.Equivocation(r, sigA, b, sigB)})
	if rec.gossiped != 1 || len(rec.equivocals) != 1 || rec.equivocals[0] != addr {
		t.Fatalf("real equivocation: gossiped %d, reported %v; want once, against %s", rec.gossiped, rec.equivocals, addr.Hex())
	}
	offender, err := rep.Check(verify.Equivocation(r, sigA, b, sigB))
	if err != nil || offender != addr {
		t.Fatalf("Check: %s %v, want %s", offender.Hex(), err, addr.Hex())
	}

	// Without a chain the evidence is still gossiped.
	gossipOnly := New(Config{Domain: d, Proofs: noProofs{}, Gossip: rec.gossip})
	gossipOnly.Report(ctx, market.Fraud{Peer: "p", Task: task, Evidence: verify.Equivocation(r, sigA, b, sigB)})
	if rec.gossiped != 2 || len(rec.equivocals) != 1 {
		t.Fatalf("no chain: gossiped %d, reported %d", rec.gossiped, len(rec.equivocals))
	}
}
