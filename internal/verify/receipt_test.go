package verify

import (
	"bytes"
	"crypto/ecdsa"
	"encoding/hex"
	"encoding/json"
	"errors"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/deco-network/deco/internal/wire"
)

func fixture(t testing.TB) (wire.TaskSpec, wire.Receipt, wire.Manifest) {
	t.Helper()
	prog := wire.CIDOf([]byte("\x00asm module"))
	spec := wire.TaskSpec{
		Task: wire.TaskID{Job: wire.NewJobID([16]byte{9}), Index: 2}, Count: 4, Program: prog,
		Inputs:      []wire.Input{{Name: "scene.txt", CID: wire.CIDOf([]byte("scene")), Size: 5}},
		MemoryLimit: 64 << 20, TimeoutMs: 1000,
	}
	out := wire.Manifest{Kind: "outputs", Entries: []wire.Entry{{Path: "tile.png", Size: 3, CID: wire.CIDOf([]byte("png"))}}}
	if err := out.Normalize(); err != nil {
		t.Fatal(err)
	}
	in := spec.InputManifest()
	in.Normalize()
	pd, _ := prog.Digest()
	r := wire.Receipt{Job: spec.Task.Job, Index: 2, Program: prog, InputRoot: in.Root(), OutputRoot: out.Root(),
		Environment: wire.Environment{Runtime: "wazero/v1.12.0", ModuleHash: hex.EncodeToString(pd[:]), MemoryLimit: 64 << 20, TimeoutMs: 1000}}
	return spec, r, out
}

func TestCheck(t *testing.T) {
	key, _ := crypto.GenerateKey()
	other, _ := crypto.GenerateKey()
	addr := crypto.PubkeyToAddress(key.PublicKey).Hex()
	d := Domain{ChainID: 1337}
	spec, r, out := fixture(t)
	r.Provider = addr
	Fill(d, &r)
	sig, err := Sign(key, d, r)
	if err != nil {
		t.Fatal(err)
	}
	want := Expect{Spec: spec, Provider: addr, Outputs: &out}
	if err := Check(d, r, sig, want); err != nil {
		t.Fatalf("honest receipt rejected: %v", err)
	}
	badSig, _ := Sign(other, d, r)
	wrongOut := wire.Manifest{Kind: "outputs"}
	tests := []struct {
		name   string
		mutate func(r *wire.Receipt, sig *[]byte, e *Expect)
		want   error
	}{
		{"other signer", func(r *wire.Receipt, s *[]byte, e *Expect) { *s = badSig }, ErrWrongSigner},
		{"garbage sig", func(r *wire.Receipt, s *[]byte, e *Expect) { *s = []byte{1, 2} }, ErrBadSignature},
		{"outputs differ", func(r *wire.Receipt, s *[]byte, e *Expect) { e.Outputs = &wrongOut }, ErrOutputMismatch},
		{"output root edited", func(r *wire.Receipt, s *[]byte, e *Expect) { r.OutputRoot = wire.CIDOf([]byte("x")) }, ErrWrongSigner},
		{"other task", func(r *wire.Receipt, s *[]byte, e *Expect) { r.Index = 3 }, ErrMismatch},
		{"other program", func(r *wire.Receipt, s *[]byte, e *Expect) { r.Program = wire.CIDOf([]byte("y")) }, ErrMismatch},
		{"other provider", func(r *wire.Receipt, s *[]byte, e *Expect) { e.Provider = "0x0000000000000000000000000000000000000001" }, ErrMismatch},
		{"other limits", func(r *wire.Receipt, s *[]byte, e *Expect) { r.Environment.MemoryLimit = 1 }, ErrMismatch},
		{"other domain", func(r *wire.Receipt, s *[]byte, e *Expect) { r.ChainID = 5 }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r2, s2, e2 := r, append([]byte(nil), sig...), want
			tt.mutate(&r2, &s2, &e2)
			err := Check(d, r2, s2, e2)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("unexpected %v", err)
				}
				return
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
		})
	}
	// A receipt signed for another chain does not verify under ours.
	sig5, _ := Sign(key, Domain{ChainID: 5}, r)
	if err := Check(d, r, sig5, want); !errors.Is(err, ErrWrongSigner) {
		t.Fatalf("cross-domain signature accepted: %v", err)
	}
}

func TestInt64Word(t *testing.T) {
	if hex.EncodeToString(int64Word(-1)) != "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff" {
		t.Fatal("negative encoding")
	}
	if int64Word(1)[31] != 1 {
		t.Fatal("positive encoding")
	}
}

// FuzzReceiptCheck decodes a provider's receipt and signature as they
// arrive in a Result and checks them against the assigned task: whatever
// passes must be the receipt the provider signed, field for field that
// the digest covers, for the task assigned.
func FuzzReceiptCheck(f *testing.F) {
	key := fixedKey(f, 1)
	addr := crypto.PubkeyToAddress(key.PublicKey).Hex()
	d := Domain{ChainID: 1337}
	spec, r, out := fixture(f)
	r.Provider = addr
	Fill(d, &r)
	sig, err := Sign(key, d, r)
	if err != nil {
		f.Fatal(err)
	}
	signed, _ := Digest(d, r)
	want := Expect{Spec: spec, Provider: addr, Outputs: &out}
	raw, _ := json.Marshal(r)
	f.Add(raw, sig)
	f.Add([]byte(`{"provider":"0x01"}`), sig[:64])
	f.Fuzz(func(t *testing.T, b, sig []byte) {
		var got wire.Receipt
		if json.Unmarshal(b, &got) != nil {
			return
		}
		if Check(d, got, sig, want) != nil {
			return
		}
		h, err := Digest(d, got)
		if err != nil || h != signed || got.Job != spec.Task.Job || got.Index != spec.Task.Index {
			t.Fatalf("accepted a receipt the provider did not sign: %s (%v)", b, err)
		}
	})
}

// fixedKey is a secp256k1 key that is the same in every process: the fuzz
// coordinator makes the seeds and its workers check them, so a random key
// would leave the workers unable to recognise the seeds' signatures.
func fixedKey(t testing.TB, b byte) *ecdsa.PrivateKey {
	t.Helper()
	key, err := crypto.ToECDSA(bytes.Repeat([]byte{b}, 32))
	if err != nil {
		t.Fatal(err)
	}
	return key
}
