package zk

import (
	"context"
	"encoding/json"
	"errors"
	"math/big"
	"sync"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"pgregory.net/rapid"
)

// Small sizes keep setup quick; the default sizes are for real use.
var testCircuits = []string{"cubic", "sumsq/16", "mimc-chain/4"}

var (
	keysMu    sync.Mutex
	keysCache = map[string]*Keys{}
)

// testKeys runs one setup per circuit per test binary.
func testKeys(t testing.TB, c *Circuit) *Keys {
	t.Helper()
	keysMu.Lock()
	defer keysMu.Unlock()
	if k, ok := keysCache[c.ID()]; ok {
		return k
	}
	k, err := Setup(context.Background(), c)
	if err != nil {
		t.Fatalf("setup %s: %v", c, err)
	}
	keysCache[c.ID()] = k
	return k
}

func lookup(t testing.TB, name string) *Circuit {
	t.Helper()
	c, err := Lookup(name)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

var payee = common.HexToAddress("0x00000000000000000000000000000000deadbeef")

func TestLookup(t *testing.T) {
	tests := []struct {
		name, id string
		size     int
		err      error
	}{
		{"cubic", "cubic", 0, nil},
		{"sumsq", "sumsq/1000", 1000, nil},
		{"sumsq/50", "sumsq/50", 50, nil},
		{"mimc-chain", "mimc-chain/275", 275, nil},
		{"mimc-chain/1000", "mimc-chain/1000", 1000, nil},
		{"mimc-chain/0", "", 0, ErrUnknownCircuit},
		{"mimc-chain/007", "", 0, ErrUnknownCircuit},
		{"mimc-chain/4097", "", 0, ErrUnknownCircuit},
		{"mimc-chain/x", "", 0, ErrUnknownCircuit},
		{"cubic/3", "", 0, ErrUnknownCircuit},
		{"sha256", "", 0, ErrUnknownCircuit},
		{"", "", 0, ErrUnknownCircuit},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Lookup(tc.name)
			if !errors.Is(err, tc.err) {
				t.Fatalf("Lookup(%q) error %v, want %v", tc.name, err, tc.err)
			}
			if err != nil {
				return
			}
			if c.ID() != tc.id || c.Size() != tc.size {
				t.Fatalf("Lookup(%q) = %s size %d, want %s size %d", tc.name, c.ID(), c.Size(), tc.id, tc.size)
			}
			again, err := Lookup(c.ID())
			if err != nil || again.ID() != c.ID() {
				t.Fatalf("Lookup(ID()) = %v, %v", again, err)
			}
		})
	}
	if got := Names(); len(got) != 3 || got[0] != "cubic" || got[1] != "mimc-chain" || got[2] != "sumsq" {
		t.Fatalf("Names() = %v", got)
	}
}

func TestPublic(t *testing.T) {
	mod := field.String()
	below := new(big.Int).Sub(field, big.NewInt(1)).String()
	tests := []struct {
		circuit string
		params  map[string]string
		want    []int64 // nil: error
	}{
		{"cubic", map[string]string{"y": "51"}, []int64{51}},
		{"cubic", map[string]string{"y": "0x33"}, []int64{51}},
		{"cubic", map[string]string{}, nil},
		{"cubic", map[string]string{"y": "51", "x": "3"}, nil},
		{"cubic", map[string]string{"y": "-1"}, nil},
		{"cubic", map[string]string{"y": mod}, nil},
		{"cubic", map[string]string{"y": "5.1"}, nil},
		{"cubic", map[string]string{"y": "0x"}, nil},
		{"sumsq/16", map[string]string{"n": "16"}, []int64{16}},
		{"sumsq/16", map[string]string{"n": "0"}, []int64{0}},
		{"sumsq/16", map[string]string{"n": "17"}, nil},
		{"mimc-chain/4", map[string]string{"seed": "7", "n": "4"}, []int64{7, 4}},
		{"mimc-chain/4", map[string]string{"seed": "7"}, nil},
		{"mimc-chain/4", map[string]string{"seed": "7", "n": "5"}, nil},
		{"mimc-chain/4", map[string]string{"seed": mod, "n": "1"}, nil},
	}
	for _, tc := range tests {
		c := lookup(t, tc.circuit)
		got, err := c.Public(tc.params)
		if tc.want == nil {
			if !errors.Is(err, ErrBadParams) {
				t.Errorf("%s.Public(%v) error %v, want ErrBadParams", tc.circuit, tc.params, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s.Public(%v): %v", tc.circuit, tc.params, err)
			continue
		}
		for i, w := range tc.want {
			if got[i].Int64() != w {
				t.Errorf("%s.Public(%v)[%d] = %s, want %d", tc.circuit, tc.params, i, got[i], w)
			}
		}
	}
	big1, err := lookup(t, "cubic").Public(map[string]string{"y": below})
	if err != nil || big1[0].String() != below {
		t.Fatalf("largest field element: %v %v", big1, err)
	}
}

// Every circuit proves its example and the reference outputs, verifies
// off-chain, and rejects every kind of tampering with a clear error.
func TestProveVerify(t *testing.T) {
	ctx := context.Background()
	for _, name := range testCircuits {
		t.Run(name, func(t *testing.T) {
			c := lookup(t, name)
			keys := testKeys(t, c)
			params := c.Example()
			p, err := Prove(ctx, c, keys.Proving, params, payee)
			if err != nil {
				t.Fatal(err)
			}
			if len(p.PublicInputs) != c.NumPublic() || keys.Verifying.NumPublic() != 1 {
				t.Fatalf("%d public values, circuit says %d; the key takes %d public inputs, not the one digest", len(p.PublicInputs), c.NumPublic(), keys.Verifying.NumPublic())
			}
			if err := Verify(keys.Verifying, p); err != nil {
				t.Fatalf("valid proof rejected: %v", err)
			}
			if err := c.CheckTask(p, params, payee); err != nil {
				t.Fatalf("CheckTask: %v", err)
			}
			if p.Payee() != payee {
				t.Fatalf("payee %s", p.Payee().Hex())
			}
			checkOutputs(t, c, p, params)

			tamper := func(f func(q *Proof)) *Proof {
				q := *p
				q.PublicInputs = append([]*big.Int(nil), p.PublicInputs...)
				q.Bytes = append([]byte(nil), p.Bytes...)
				f(&q)
				return &q
			}
			plusOne := func(i int) func(q *Proof) {
				return func(q *Proof) { q.PublicInputs[i] = new(big.Int).Add(q.PublicInputs[i], big.NewInt(1)) }
			}
			other, err := Setup(ctx, c) // same circuit, another setup
			if err != nil {
				t.Fatal(err)
			}
			bad := []struct {
				name  string
				proof *Proof
				vk    *VerifyingKey
				want  error
			}{
				{"first fixed input changed", tamper(plusOne(0)), keys.Verifying, ErrInvalidProof},
				{"payee changed", tamper(plusOne(c.NumPublic() - 1)), keys.Verifying, ErrInvalidProof},
				{"input reduced plus modulus", tamper(func(q *Proof) { q.PublicInputs[0] = new(big.Int).Add(q.PublicInputs[0], field) }), keys.Verifying, ErrMalformed},
				{"input missing", tamper(func(q *Proof) { q.PublicInputs = q.PublicInputs[1:] }), keys.Verifying, ErrMalformed},
				{"proof bytes truncated", tamper(func(q *Proof) { q.Bytes = q.Bytes[:64] }), keys.Verifying, ErrMalformed},
				{"solidity words changed", tamper(func(q *Proof) {
					q.SolidityProof[7] = new(big.Int).Add(q.SolidityProof[7], big.NewInt(1))
				}), keys.Verifying, ErrInvalidProof},
				{"key from another setup", p, other.Verifying, ErrInvalidProof},
				{"A negated (Negated, the badproof cheat)", negated(t, p, c, params), keys.Verifying, ErrInvalidProof},
				{"proof for another circuit", tamper(func(q *Proof) { q.Circuit = "mimc-chain/5" }), keys.Verifying, ErrWrongCircuit},
			}
			if len(c.Outputs()) > 0 {
				bad = append(bad, struct {
					name  string
					proof *Proof
					vk    *VerifyingKey
					want  error
				}{"output changed", tamper(plusOne(len(c.Fixed()))), keys.Verifying, ErrInvalidProof})
			}
			for _, tc := range bad {
				if err := Verify(tc.vk, tc.proof); !errors.Is(err, tc.want) {
					t.Errorf("%s: Verify error %v, want %v", tc.name, err, tc.want)
				}
			}
			// A flipped bit in the proof: not a point, or the wrong point.
			flipped := tamper(func(q *Proof) { q.Bytes[40] ^= 1; q.SolidityProof = [8]*big.Int{} })
			if err := Verify(keys.Verifying, flipped); !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrInvalidProof) {
				t.Errorf("flipped proof bit: Verify error %v", err)
			}
			if err := c.CheckTask(p, params, common.Address{1}); !errors.Is(err, ErrInputMismatch) {
				t.Errorf("CheckTask with another payee: %v", err)
			}
		})
	}
}

func checkOutputs(t *testing.T, c *Circuit, p *Proof, params map[string]string) {
	t.Helper()
	fixed, err := c.Public(params)
	if err != nil {
		t.Fatal(err)
	}
	var want []*big.Int
	switch c.Kind() {
	case "sumsq":
		want = []*big.Int{SumOfSquares(fixed[0].Uint64())}
	case "mimc-chain":
		want = []*big.Int{MimcChain(fixed[0], int(fixed[1].Int64()))}
	}
	got := p.Outputs(c)
	if len(got) != len(want) {
		t.Fatalf("outputs %v, want %v", got, want)
	}
	for i := range want {
		if got[i].Cmp(want[i]) != 0 {
			t.Fatalf("output %d = %s, want %s", i, got[i], want[i])
		}
	}
	for i, v := range p.Fixed(c) {
		if v.Cmp(fixed[i]) != 0 {
			t.Fatalf("fixed %d = %s, want %s", i, v, fixed[i])
		}
	}
}

func TestProveRejects(t *testing.T) {
	ctx := context.Background()
	cubic := lookup(t, "cubic")
	sumsq := lookup(t, "sumsq/16")
	keys := testKeys(t, cubic)
	if _, err := Prove(ctx, cubic, keys.Proving, map[string]string{"y": "52"}, payee); !errors.Is(err, ErrNoSolution) {
		t.Errorf("cubic y=52: %v, want ErrNoSolution", err)
	}
	if _, err := Prove(ctx, sumsq, keys.Proving, map[string]string{"n": "3"}, payee); !errors.Is(err, ErrWrongCircuit) {
		t.Errorf("cubic key for sumsq: %v, want ErrWrongCircuit", err)
	}
	canceled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := Prove(canceled, cubic, keys.Proving, cubic.Example(), payee); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled: %v", err)
	}
}

// Proving with n = 0 and n = size exercises both ends of the selection bits.
func TestBoundaryCounts(t *testing.T) {
	ctx := context.Background()
	for _, name := range []string{"sumsq/16", "mimc-chain/4"} {
		c := lookup(t, name)
		keys := testKeys(t, c)
		for _, n := range []string{"0", "1", itoa(c.Size())} {
			params := c.Example()
			params["n"] = n
			p, err := Prove(ctx, c, keys.Proving, params, payee)
			if err != nil {
				t.Fatalf("%s n=%s: %v", name, n, err)
			}
			if err := Verify(keys.Verifying, p); err != nil {
				t.Fatalf("%s n=%s: %v", name, n, err)
			}
			checkOutputs(t, c, p, params)
		}
	}
}

func itoa(n int) string { return big.NewInt(int64(n)).String() }

func TestKeysRoundTrip(t *testing.T) {
	ctx := context.Background()
	c := lookup(t, "mimc-chain/4")
	keys := testKeys(t, c)
	b, err := keys.ProvingKeyBytes()
	if err != nil {
		t.Fatal(err)
	}
	pk, err := LoadProvingKey(b)
	if err != nil {
		t.Fatal(err)
	}
	cid1, _ := keys.Proving.CID()
	cid2, _ := pk.CID()
	if cid1 != cid2 || pk.Circuit() != c.ID() {
		t.Fatalf("CID %s vs %s, circuit %s", cid1, cid2, pk.Circuit())
	}
	vb, err := keys.Verifying.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	vk, err := LoadVerifyingKey(vb)
	if err != nil {
		t.Fatal(err)
	}
	d1, _ := keys.Verifying.Digest()
	d2, _ := vk.Digest()
	if d1 != d2 {
		t.Fatal("verifying key digest changed in a round trip")
	}
	p, err := Prove(ctx, c, pk, c.Example(), payee)
	if err != nil {
		t.Fatal(err)
	}
	if err := Verify(vk, p); err != nil {
		t.Fatal(err)
	}
	// Keys do not load as each other, nor truncated.
	for _, tc := range []struct {
		name string
		load func() error
	}{
		{"verifying key as proving key", func() error { _, err := LoadProvingKey(vb); return err }},
		{"proving key as verifying key", func() error { _, err := LoadVerifyingKey(b); return err }},
		{"truncated proving key", func() error { _, err := LoadProvingKey(b[:len(b)/2]); return err }},
		{"proving key with a trailing byte", func() error { _, err := LoadProvingKey(append(append([]byte(nil), b...), 0)); return err }},
		{"unknown circuit", func() error { _, err := LoadVerifyingKey([]byte(vkMagic + "sha256\n")); return err }},
		{"proving key relabelled for a larger circuit", func() error {
			_, err := LoadProvingKey(append([]byte(pkMagic+"mimc-chain/5\n"), b[len(pkMagic+"mimc-chain/4\n"):]...))
			return err
		}},
	} {
		if err := tc.load(); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: %v, want ErrMalformed", tc.name, err)
		}
	}
}

func TestProofJSON(t *testing.T) {
	c := lookup(t, "sumsq/16")
	keys := testKeys(t, c)
	p, err := Prove(context.Background(), c, keys.Proving, c.Example(), payee)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(p)
	if err != nil {
		t.Fatal(err)
	}
	var q Proof
	if err := json.Unmarshal(b, &q); err != nil {
		t.Fatal(err)
	}
	if !sameWords(q.SolidityProof, p.SolidityProof) || q.Circuit != p.Circuit || len(q.PublicInputs) != len(p.PublicInputs) {
		t.Fatalf("round trip changed the proof: %+v", q)
	}
	if err := Verify(keys.Verifying, &q); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`{}`, `{"circuit":"sumsq/16","proof":"","public":["1","2","3"]}`, `[1]`} {
		if err := json.Unmarshal([]byte(s), &q); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: %v, want ErrMalformed", s, err)
		}
	}
}

// FuzzProofJSON: no input crashes decoding or verification.
func FuzzProofJSON(f *testing.F) {
	c := lookup(f, "cubic")
	keys := testKeys(f, c)
	p, err := Prove(context.Background(), c, keys.Proving, c.Example(), payee)
	if err != nil {
		f.Fatal(err)
	}
	good, _ := json.Marshal(p)
	f.Add(good)
	f.Add([]byte(`{"circuit":"cubic","proof":"AAAA","public":["1","2"]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var q Proof
		if err := json.Unmarshal(b, &q); err != nil {
			// Invalid JSON is refused by encoding/json before UnmarshalJSON runs.
			if json.Valid(b) && !errors.Is(err, ErrMalformed) {
				t.Fatalf("error %v is not ErrMalformed", err)
			}
			return
		}
		_ = Verify(keys.Verifying, &q)
	})
}

// FuzzLoadKeys: no input crashes the key decoders.
func FuzzLoadKeys(f *testing.F) {
	keys := testKeys(f, lookup(f, "cubic"))
	pb, _ := keys.ProvingKeyBytes()
	vb, _ := keys.Verifying.Bytes()
	f.Add(pb)
	f.Add(vb)
	f.Add([]byte(pkMagic + "cubic\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if _, err := LoadProvingKey(b); err != nil && !errors.Is(err, ErrMalformed) {
			t.Fatalf("proving key: %v", err)
		}
		if _, err := LoadVerifyingKey(b); err != nil && !errors.Is(err, ErrMalformed) {
			t.Fatalf("verifying key: %v", err)
		}
	})
}

// FuzzParseFiles reads a proof as bad-proof evidence carries it (the
// circuit ID, proof and public files a provider's outputs commit to): no
// input panics, and what parses writes back the same files, so evidence
// checks the bytes the provider signed for.
func FuzzParseFiles(f *testing.F) {
	c := lookup(f, "cubic")
	keys := testKeys(f, c)
	p, err := Prove(context.Background(), c, keys.Proving, c.Example(), payee)
	if err != nil {
		f.Fatal(err)
	}
	circuit, proof, public, err := p.Files()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(string(circuit), proof, public)
	f.Add("mimc", proof, public[:32])
	f.Fuzz(func(t *testing.T, circuit string, proof, public []byte) {
		p, err := ParseFiles(circuit, proof, public)
		if err != nil {
			if !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrUnknownCircuit) {
				t.Fatalf("error %v is neither ErrMalformed nor ErrUnknownCircuit", err)
			}
			return
		}
		c2, proof2, public2, err := p.Files()
		if err != nil || string(c2) != circuit || string(proof2) != string(proof) || string(public2) != string(public) {
			t.Fatalf("files changed through ParseFiles (%v)", err)
		}
	})
}

// The cubic solver inverts x³ + 5x + 9 on every non-negative integer and
// finds nothing between two consecutive values.
func TestSolveCubicProperty(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		x := new(big.Int).SetUint64(rapid.Uint64().Draw(t, "x"))
		x.Lsh(x, uint(rapid.IntRange(0, 20).Draw(t, "shift")))
		y := cubicF(x)
		got, ok := solveCubic(y)
		if !ok || got.Cmp(x) != 0 {
			t.Fatalf("solveCubic(f(%s)) = %v, %v", x, got, ok)
		}
		if _, ok := solveCubic(new(big.Int).Add(y, big.NewInt(1))); ok {
			t.Fatalf("solveCubic(f(%s)+1) found a solution", x)
		}
	})
}

// negated is p.Negated, checked to be still about the same task: the
// statement is unchanged and the bytes decode, only verification fails.
func negated(t *testing.T, p *Proof, c *Circuit, params map[string]string) *Proof {
	t.Helper()
	q, err := p.Negated()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.CheckTask(q, params, payee); err != nil {
		t.Fatalf("a negated proof is no longer about its task: %v", err)
	}
	if _, err := decodeProof(q.Bytes); err != nil {
		t.Fatalf("a negated proof does not decode: %v", err)
	}
	if sameWords(q.SolidityProof, p.SolidityProof) {
		t.Fatal("Negated changed nothing")
	}
	return q
}
