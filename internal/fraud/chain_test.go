package fraud

import (
	"context"
	"encoding/hex"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

// TestForgedEvidenceSlashesNobody runs the reporter against the simulated
// chain. Evidence naming an honest, staked provider (its receipt, next to
// a second one signed by someone else, or a valid proof of its own) is
// neither gossiped nor sent; sent straight to the escrow, the forged
// equivocation reverts. The provider keeps its stake and the reporter
// earns nothing. A real equivocation, as a control, is slashed.
func TestForgedEvidenceSlashesNobody(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	provKey, _ := crypto.GenerateKey()
	repKey, _ := crypto.GenerateKey()
	forger, _ := crypto.GenerateKey()
	sim, err := chain.NewSimulated(ctx, chain.WithAccounts(provKey, repKey), chain.WithGrant(chain.Ether(10), chain.DECO(1000)))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sim.Close() })
	prov, err := sim.Client(provKey)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := sim.Client(repKey)
	if err != nil {
		t.Fatal(err)
	}
	if err := prov.Stake(ctx, chain.DECO(100)); err != nil {
		t.Fatal(err)
	}
	stake := func() *big.Int {
		t.Helper()
		s, err := rep.StakeOf(ctx, prov.Address())
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	balance := func() *big.Int {
		t.Helper()
		b, err := rep.Balance(ctx, rep.Address())
		if err != nil {
			t.Fatal(err)
		}
		return b
	}

	d := rep.Domain().Verify()
	prog := wire.CIDOf([]byte("\x00asm module"))
	pd, _ := prog.Digest()
	a := wire.Receipt{Job: wire.NewJobID([16]byte{3}), Index: 0, Program: prog, InputRoot: wire.CIDOf([]byte("in")), SpecHash: verify.HashHex([32]byte{1}), OutputRoot: wire.CIDOf([]byte("honest")),
		Environment: wire.Environment{Runtime: "wazero/v1.12.0", ModuleHash: hex.EncodeToString(pd[:]), MemoryLimit: 1 << 20, TimeoutMs: 1000},
		Provider:    prov.Address().Hex()}
	verify.Fill(d, &a)
	b := a
	b.OutputRoot = wire.CIDOf([]byte("made up"))
	sigA, err := verify.Sign(provKey, d, a)
	if err != nil {
		t.Fatal(err)
	}
	forgedB, err := verify.Sign(forger, d, b)
	if err != nil {
		t.Fatal(err)
	}
	rec := &recorder{}
	r := New(Config{Domain: d, Proofs: validProofs{}, Gossip: rec.gossip, Chain: rep, BadProofs: rec})
	task := wire.TaskID{Job: a.Job, Index: 0}
	startStake, startBalance := stake(), balance()

	r.Report(ctx, market.Fraud{Peer: "p", Task: task, Evidence: verify.Equivocation(a, sigA, b, forgedB)})
	// A valid proof the provider signed: a bad-proof report against it.
	out := wire.Manifest{Kind: "outputs", Entries: []wire.Entry{
		{Path: verify.CircuitFile, Size: 4, CID: wire.CIDOf([]byte("mimc"))},
		{Path: verify.ProofFile, Size: 2, CID: wire.CIDOf([]byte("ok"))},
		{Path: verify.PublicFile, Size: 3, CID: wire.CIDOf([]byte("x=3"))},
	}}
	if err := out.Normalize(); err != nil {
		t.Fatal(err)
	}
	z := a
	z.OutputRoot = out.Root()
	sigZ, err := verify.Sign(provKey, d, z)
	if err != nil {
		t.Fatal(err)
	}
	r.Report(ctx, market.Fraud{Peer: "p", Task: task, Evidence: verify.BadProof(z, sigZ, out, "mimc", []byte("ok"), []byte("x=3"))})
	if rec.gossiped != 0 || len(rec.badProofs) != 0 {
		t.Fatalf("forged evidence acted on: gossiped %d, bad proofs reported %d", rec.gossiped, len(rec.badProofs))
	}

	// Straight to the escrow: the contract checks the signatures itself.
	ca, errA := chain.ReceiptFromWire(a)
	cb, errB := chain.ReceiptFromWire(b)
	if errA != nil || errB != nil {
		t.Fatal(errA, errB)
	}
	if err := rep.ReportEquivocation(ctx, ca, sigA, cb, forgedB); err == nil {
		t.Fatal("the escrow accepted an equivocation whose second receipt the provider never signed")
	}
	if s := stake(); s.Cmp(startStake) != 0 {
		t.Fatalf("honest provider's stake went from %s to %s", startStake, s)
	}
	if got := balance(); got.Cmp(startBalance) > 0 {
		t.Fatalf("the forger earned %s", new(big.Int).Sub(got, startBalance))
	}

	// Control: the provider really signing two outputs is slashed.
	sigB, err := verify.Sign(provKey, d, b)
	if err != nil {
		t.Fatal(err)
	}
	r.Report(ctx, market.Fraud{Peer: "p", Task: task, Evidence: verify.Equivocation(a, sigA, b, sigB)})
	if s := stake(); s.Cmp(startStake) >= 0 || rec.gossiped != 1 {
		t.Fatalf("a real equivocation: stake %s (was %s), gossiped %d", s, startStake, rec.gossiped)
	}
}

// validProofs judges every proof valid.
type validProofs struct{}

func (validProofs) VerifyProof(string, []byte, []byte) error { return nil }
