package verify

import (
	"bytes"
	"crypto/ecdsa"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
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
	r := wire.Receipt{Job: spec.Task.Job, Index: 2, Program: prog, InputRoot: in.Root(), SpecHash: HashHex(SpecHash(spec)), OutputRoot: out.Root(),
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
		{"other args assigned", func(r *wire.Receipt, s *[]byte, e *Expect) { e.Spec.Args = []string{"--other"} }, ErrMismatch},
		{"no spec hash", func(r *wire.Receipt, s *[]byte, e *Expect) { r.SpecHash = "" }, ErrMismatch},
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

// TestSpecHash: every field that determines a task's output moves the
// hash; the attempt, the program's size and the order of inputs and env do
// not, so a retry of the same assignment commits to the same spec.
func TestSpecHash(t *testing.T) {
	spec, _, _ := fixture(t)
	spec.Args, spec.Env, spec.MaxOutput = []string{"a", "b"}, map[string]string{"X": "1", "Y": "2"}, 1<<20
	spec.Inputs = append(spec.Inputs, wire.Input{Name: "b.txt", CID: wire.CIDOf([]byte("b")), Size: 1})
	h := SpecHash(spec)
	for _, tc := range []struct {
		name string
		edit func(s *wire.TaskSpec)
		same bool
	}{
		{"attempt", func(s *wire.TaskSpec) { s.Attempt = 7 }, true},
		{"program size", func(s *wire.TaskSpec) { s.ProgramSize = 99 }, true},
		{"input order", func(s *wire.TaskSpec) { s.Inputs = []wire.Input{s.Inputs[1], s.Inputs[0]} }, true},
		{"env rebuilt", func(s *wire.TaskSpec) { s.Env = map[string]string{"Y": "2", "X": "1"} }, true},
		{"job", func(s *wire.TaskSpec) { s.Task.Job = wire.NewJobID([16]byte{1}) }, false},
		{"index", func(s *wire.TaskSpec) { s.Task.Index++ }, false},
		{"count", func(s *wire.TaskSpec) { s.Count++ }, false},
		{"kind", func(s *wire.TaskSpec) { s.Kind = wire.KindZK }, false},
		{"program", func(s *wire.TaskSpec) { s.Program = wire.CIDOf([]byte("other")) }, false},
		{"input content", func(s *wire.TaskSpec) { s.Inputs = []wire.Input{s.Inputs[0]} }, false},
		{"args", func(s *wire.TaskSpec) { s.Args = []string{"a", "c"} }, false},
		{"args split differently", func(s *wire.TaskSpec) { s.Args = []string{"ab"} }, false},
		{"no args", func(s *wire.TaskSpec) { s.Args = nil }, false},
		{"env value", func(s *wire.TaskSpec) { s.Env = map[string]string{"X": "1", "Y": "3"} }, false},
		{"env key moved into value", func(s *wire.TaskSpec) { s.Env = map[string]string{"X": "1Y", "": "2"} }, false},
		{"memory", func(s *wire.TaskSpec) { s.MemoryLimit++ }, false},
		{"timeout", func(s *wire.TaskSpec) { s.TimeoutMs++ }, false},
		{"max output", func(s *wire.TaskSpec) { s.MaxOutput++ }, false},
	} {
		s := spec
		s.Inputs = append([]wire.Input(nil), spec.Inputs...)
		tc.edit(&s)
		if got := SpecHash(s) == h; got != tc.same {
			t.Errorf("%s: same hash %v, want %v", tc.name, got, tc.same)
		}
	}
	if p, err := ParseHash(HashHex(h)); err != nil || p != h {
		t.Fatalf("ParseHash(HashHex) = %x, %v", p, err)
	}
	for _, bad := range []string{"", "0x12", HashHex(h)[2:], "0x" + strings.Repeat("zz", 32)} {
		if _, err := ParseHash(bad); err == nil {
			t.Errorf("ParseHash(%q) accepted", bad)
		}
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
