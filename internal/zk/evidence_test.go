package zk

import (
	"context"
	"errors"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

func TestFilesRoundTrip(t *testing.T) {
	c := lookup(t, "cubic")
	keys := testKeys(t, c)
	p, err := Prove(context.Background(), c, keys.Proving, c.Example(), payee)
	if err != nil {
		t.Fatal(err)
	}
	circuit, proof, public, err := p.Files()
	if err != nil {
		t.Fatal(err)
	}
	q, err := ParseFiles(string(circuit), proof, public)
	if err != nil {
		t.Fatal(err)
	}
	if err := Verify(keys.Verifying, q); err != nil {
		t.Fatalf("the proof read back does not verify: %v", err)
	}
	for name, bad := range map[string]func() error{
		"short public": func() error { _, err := ParseFiles(c.ID(), proof, public[1:]); return err },
		"input ≥ modulus": func() error {
			pub := append([]byte(nil), public...)
			copy(pub[:wordSize], field.FillBytes(make([]byte, wordSize)))
			_, err := ParseFiles(c.ID(), proof, pub)
			return err
		},
		"garbage proof": func() error { _, err := ParseFiles(c.ID(), []byte("garbage"), public); return err },
	} {
		if err := bad(); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := ParseFiles("nope", proof, public); !errors.Is(err, ErrUnknownCircuit) {
		t.Errorf("unknown circuit: %v", err)
	}
}

// A provider that signs a receipt for a proof that fails is caught by
// anyone holding the verifying key; an honest proof is never evidence.
func TestFailedProofIsEvidence(t *testing.T) {
	c := lookup(t, "cubic")
	keys := testKeys(t, c)
	key, _ := crypto.GenerateKey()
	provider := crypto.PubkeyToAddress(key.PublicKey)
	p, err := Prove(context.Background(), c, keys.Proving, c.Example(), provider)
	if err != nil {
		t.Fatal(err)
	}
	d := verify.Domain{ChainID: 1337}
	evidence := func(p *Proof) verify.Evidence {
		t.Helper()
		circuit, proof, public, err := p.Files()
		if err != nil {
			t.Fatal(err)
		}
		out := wire.Manifest{Kind: "outputs"}
		for path, body := range map[string][]byte{verify.CircuitFile: circuit, verify.ProofFile: proof, verify.PublicFile: public} {
			out.Entries = append(out.Entries, wire.Entry{Path: path, Size: int64(len(body)), CID: wire.CIDOf(body)})
		}
		if err := out.Normalize(); err != nil {
			t.Fatal(err)
		}
		r := wire.Receipt{Job: wire.NewJobID([16]byte{7}), Index: 1, Program: wire.CIDOf(circuit), InputRoot: wire.CIDOf([]byte("inputs")),
			SpecHash: verify.HashHex([32]byte{1}), OutputRoot: out.Root(), Provider: provider.Hex(), Attestation: "software"}
		verify.Fill(d, &r)
		sig, err := verify.Sign(key, d, r)
		if err != nil {
			t.Fatal(err)
		}
		return verify.BadProof(r, sig, out, string(circuit), proof, public)
	}
	v := NewVerifiers(keys.Verifying)
	if _, err := evidence(p).Check(d, v); !errors.Is(err, verify.ErrNotEvidence) {
		t.Fatalf("an honest proof counted as fraud: %v", err)
	}
	lie := *p
	lie.PublicInputs = append([]*big.Int(nil), p.PublicInputs...)
	lie.PublicInputs[0] = new(big.Int).Add(lie.PublicInputs[0], big.NewInt(1)) // claims another y
	who, err := evidence(&lie).Check(d, v)
	if err != nil || who != provider {
		t.Fatalf("a failing proof is not proven fraud: %v (%s)", err, who.Hex())
	}
	if err := v.VerifyProof(lie.Circuit, lie.Bytes, mustPublic(t, &lie)); !errors.Is(err, verify.ErrProofFails) || !errors.Is(err, ErrInvalidProof) {
		t.Fatalf("VerifyProof: %v", err)
	}
	// Without the key there is no verdict, so no fraud.
	if _, err := evidence(&lie).Check(d, NewVerifiers()); err == nil || !errors.Is(err, ErrUnknownCircuit) {
		t.Fatalf("checked without a key: %v", err)
	}
}

func mustPublic(t *testing.T, p *Proof) []byte {
	t.Helper()
	_, _, public, err := p.Files()
	if err != nil {
		t.Fatal(err)
	}
	return public
}
