package verify

import (
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"fmt"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/deco-network/deco/internal/wire"
)

// fakeProofs is a hand-written ProofVerifier: a proof is valid when it
// equals "ok"; it holds keys for "mimc" and "cubic" only.
type fakeProofs struct{}

func (fakeProofs) VerifyProof(circuit string, proof, public []byte) error {
	switch {
	case circuit != "mimc" && circuit != "cubic":
		return errors.New("no verifying key for " + circuit)
	case string(proof) == "ok":
		return nil
	}
	return fmt.Errorf("%w: pairing check failed", ErrProofFails)
}

// zkOutputs is the output manifest of a zk task that proved circuit.
func zkOutputs(t testing.TB, circuit string, proof, public []byte) wire.Manifest {
	t.Helper()
	m := wire.Manifest{Kind: "outputs", Entries: []wire.Entry{
		{Path: CircuitFile, Size: int64(len(circuit)), CID: wire.CIDOf([]byte(circuit))},
		{Path: ProofFile, Size: int64(len(proof)), CID: wire.CIDOf(proof)},
		{Path: PublicFile, Size: int64(len(public)), CID: wire.CIDOf(public)},
	}}
	if err := m.Normalize(); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestEquivocationEvidence(t *testing.T) {
	key, _ := crypto.GenerateKey()
	other, _ := crypto.GenerateKey()
	addr := crypto.PubkeyToAddress(key.PublicKey)
	d := Domain{ChainID: 1337}
	_, r, _ := fixture(t)
	r.Provider = addr.Hex()
	Fill(d, &r)
	a, b := r, r
	b.OutputRoot = wire.CIDOf([]byte("forged"))
	sign := func(k any, r wire.Receipt) []byte {
		sig, err := Sign(key, d, r)
		if k != nil {
			sig, err = Sign(other, d, r)
		}
		if err != nil {
			t.Fatal(err)
		}
		return sig
	}
	sa, sb := sign(nil, a), sign(nil, b)
	good := Equivocation(a, sa, b, sb)
	// The evidence travels as JSON and is checked from scratch.
	raw, _ := json.Marshal(good)
	var ev Evidence
	if err := json.Unmarshal(raw, &ev); err != nil {
		t.Fatal(err)
	}
	who, err := ev.Check(d, nil)
	if err != nil || who != addr {
		t.Fatalf("valid evidence rejected: %v (%s)", err, who.Hex())
	}
	if ev.Offender() != addr.Hex() {
		t.Fatalf("offender %s", ev.Offender())
	}
	otherTask := b
	otherTask.Index++
	tests := []struct {
		name string
		ev   Evidence
	}{
		{"same output", Equivocation(a, sa, a, sa)},
		{"other task", Equivocation(a, sa, otherTask, sign(nil, otherTask))},
		{"second signed by someone else", Equivocation(a, sa, b, sign(1, b))},
		{"forged second receipt", Equivocation(a, sa, b, sa)},
		{"garbage signature", Equivocation(a, []byte{1, 2, 3}, b, sb)},
		{"one receipt", Evidence{Kind: KindEquivocation, A: &a, SigA: sa}},
		{"other domain", Equivocation(a, sa, b, sb)}, // checked under chain 5 below
		{"unknown kind", Evidence{Kind: "gossip", A: &a, SigA: sa}},
		{"empty", Evidence{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dd := d
			if tt.name == "other domain" {
				dd = Domain{ChainID: 5}
			}
			if _, err := tt.ev.Check(dd, nil); !errors.Is(err, ErrNotEvidence) {
				t.Fatalf("accepted or wrong error: %v", err)
			}
		})
	}
}

func TestBadProofEvidence(t *testing.T) {
	key, _ := crypto.GenerateKey()
	addr := crypto.PubkeyToAddress(key.PublicKey)
	d := Domain{ChainID: 1337}
	_, r, _ := fixture(t)
	r.Provider = addr.Hex()
	proof, public := []byte("bogus"), []byte("x=3")
	out := zkOutputs(t, "mimc", proof, public)
	r.OutputRoot = out.Root()
	Fill(d, &r)
	sig, _ := Sign(key, d, r)
	ev := BadProof(r, sig, out, "mimc", proof, public)
	if _, err := ev.Check(d, nil); !errors.Is(err, ErrNoProofVerifier) {
		t.Fatalf("no verifier: %v", err)
	}
	who, err := ev.Check(d, fakeProofs{})
	if err != nil || who != addr {
		t.Fatalf("failing proof not proven: %v", err)
	}
	// A valid proof is no fraud; a proof the provider never committed to
	// proves nothing about it.
	okProof := []byte("ok")
	out2 := zkOutputs(t, "mimc", okProof, public)
	r2 := r
	r2.OutputRoot = out2.Root()
	sig2, _ := Sign(key, d, r2)
	// A proof of a circuit the checker has no key for is not judged.
	out3 := zkOutputs(t, "sumsq", proof, public)
	r3 := r
	r3.OutputRoot = out3.Root()
	sig3, _ := Sign(key, d, r3)
	if _, err := BadProof(r3, sig3, out3, "sumsq", proof, public).Check(d, fakeProofs{}); err == nil || errors.Is(err, ErrProofFails) {
		t.Fatalf("a proof the verifier cannot judge counted as fraud: %v", err)
	}
	tests := []struct {
		name string
		ev   Evidence
	}{
		{"proof verifies", BadProof(r2, sig2, out2, "mimc", okProof, public)},
		{"proof not committed", BadProof(r, sig, out, "mimc", []byte("other"), public)},
		{"public not committed", BadProof(r, sig, out, "mimc", proof, []byte("x=4"))},
		// The reporter cannot make an honest proof fail by naming another
		// circuit than the one the provider signed for.
		{"circuit not committed", BadProof(r2, sig2, out2, "cubic", okProof, public)},
		{"outputs not the receipt's", BadProof(r, sig, out2, "mimc", okProof, public)},
		{"unsigned", BadProof(r, sig2, out, "mimc", proof, public)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := tt.ev.Check(d, fakeProofs{}); !errors.Is(err, ErrNotEvidence) {
				t.Fatalf("accepted or wrong error: %v", err)
			}
		})
	}
}

// FuzzEvidenceJSON: evidence from anyone decodes without panics, and only
// what a provider signed can prove it cheated: seeded with real evidence
// against one key, no mutation may name another address.
func FuzzEvidenceJSON(f *testing.F) {
	key := fixedKey(f, 1)
	addr := crypto.PubkeyToAddress(key.PublicKey)
	d := Domain{ChainID: 1}
	_, r, _ := fixture(f)
	r.Provider = addr.Hex()
	Fill(d, &r)
	b := r
	b.OutputRoot = wire.CIDOf([]byte("forged"))
	sa, _ := Sign(key, d, r)
	sb, _ := Sign(key, d, b)
	equivocation, _ := json.Marshal(Equivocation(r, sa, b, sb))
	proof, public := []byte("bogus"), make([]byte, 64)
	out := zkOutputs(f, "mimc", proof, public)
	p := r
	p.OutputRoot = out.Root()
	sp, _ := Sign(key, d, p)
	badProof, _ := json.Marshal(BadProof(p, sp, out, "mimc", proof, public))
	f.Add(equivocation)
	f.Add(badProof)
	f.Add([]byte(`{"kind":"equivocation","a":{},"b":{}}`))
	f.Add([]byte(`{"kind":"bad-proof","a":{"provider":"0x01"},"outputs":{"kind":"outputs"}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var ev Evidence
		if json.Unmarshal(b, &ev) != nil {
			return
		}
		if who, err := ev.Check(d, fakeProofs{}); err == nil && who != addr {
			t.Fatalf("evidence proved fraud by %s, who signed nothing: %s", who.Hex(), b)
		}
	})
}

// A bad proof's claim must be signed by the receipt's provider over the
// claimed proof words and the committed public inputs, as the escrow checks.
func TestBadProofClaim(t *testing.T) {
	key, _ := crypto.GenerateKey()
	other, _ := crypto.GenerateKey()
	addr := crypto.PubkeyToAddress(key.PublicKey)
	d := Domain{ChainID: 1337}
	_, r, _ := fixture(t)
	r.Provider = addr.Hex()
	proof, public := []byte("bogus"), make([]byte, 64)
	out := zkOutputs(t, "mimc", proof, public)
	r.OutputRoot = out.Root()
	Fill(d, &r)
	sig, _ := Sign(key, d, r)
	words := make([]byte, ProofWordsSize)
	words[31] = 7
	claim, _ := SignDigest(key, ProofClaimDigest(d, r.Job, r.Index, words, public))
	forged, _ := SignDigest(other, ProofClaimDigest(d, r.Job, r.Index, words, public))
	otherTask, _ := SignDigest(key, ProofClaimDigest(d, r.Job, r.Index+1, words, public))
	ev := BadProof(r, sig, out, "mimc", proof, public)
	if ev.Claimed() {
		t.Fatal("evidence without a claim says it has one")
	}
	if who, err := ev.WithClaim(words, claim).Check(d, fakeProofs{}); err != nil || who != addr || !ev.WithClaim(words, claim).Claimed() {
		t.Fatalf("signed claim: %v %s", err, who.Hex())
	}
	for name, bad := range map[string]Evidence{
		"forged":       ev.WithClaim(words, forged),
		"other task":   ev.WithClaim(words, otherTask),
		"other words":  ev.WithClaim(make([]byte, ProofWordsSize), claim),
		"short words":  ev.WithClaim(words[:32], claim),
		"garbage":      ev.WithClaim(words, []byte("sig")),
		"other domain": ev.WithClaim(words, mustSign(t, key, ProofClaimDigest(Domain{ChainID: 5}, r.Job, r.Index, words, public))),
	} {
		if _, err := bad.Check(d, fakeProofs{}); !errors.Is(err, ErrNotEvidence) {
			t.Errorf("%s: accepted or wrong error: %v", name, err)
		}
		if err := bad.CheckClaim(d); !errors.Is(err, ErrNotEvidence) {
			t.Errorf("%s: CheckClaim accepted it: %v", name, err)
		}
	}
	if err := ev.WithClaim(words, claim).CheckClaim(d); err != nil {
		t.Fatalf("CheckClaim refused a good claim: %v", err)
	}
	if err := ev.CheckClaim(d); !errors.Is(err, ErrNotEvidence) {
		t.Fatalf("CheckClaim without a claim: %v", err)
	}
}

func mustSign(t *testing.T, key *ecdsa.PrivateKey, h [32]byte) []byte {
	t.Helper()
	sig, err := SignDigest(key, h)
	if err != nil {
		t.Fatal(err)
	}
	return sig
}
