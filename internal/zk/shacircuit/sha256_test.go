package shacircuit

import (
	"crypto/sha256"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/backend/groth16"
	"github.com/consensys/gnark/constraint"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
)

var field = ecc.BN254.ScalarField()

// hashCircuit proves Digest = SHA-256(prefix ‖ Msg): prefix is baked into
// the circuit as constant bits, Msg is a witness of bits.
type hashCircuit struct {
	prefix []byte
	Msg    []frontend.Variable
	Digest [256]frontend.Variable `gnark:",public"`
}

func (c *hashCircuit) Define(api frontend.API) error {
	msg := bitsOf(c.prefix)
	for _, b := range c.Msg {
		api.AssertIsBoolean(b)
		msg = append(msg, b)
	}
	out := Sum(api, msg)
	for i := range out {
		api.AssertIsEqual(out[i], c.Digest[i])
	}
	return nil
}

// circuits returns the circuit (blank witness) and a valid assignment for
// SHA-256 of msg, whose first nConst bytes are constants.
func circuits(msg []byte, nConst int) (blank, assignment *hashCircuit) {
	blank = &hashCircuit{prefix: msg[:nConst], Msg: make([]frontend.Variable, 8*(len(msg)-nConst))}
	assignment = &hashCircuit{Msg: bitsOf(msg[nConst:])}
	d := sha256.Sum256(msg)
	copy(assignment.Digest[:], bitsOf(d[:]))
	return blank, assignment
}

// bitsOf is the bits of bs, most significant bit of each byte first.
func bitsOf(bs []byte) []frontend.Variable {
	out := make([]frontend.Variable, 0, 8*len(bs))
	for _, b := range bs {
		for i := 7; i >= 0; i-- {
			out = append(out, int(b>>i&1))
		}
	}
	return out
}

func randomBytes(rng *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	return b
}

func compile(t *testing.T, c frontend.Circuit) constraint.ConstraintSystem {
	t.Helper()
	ccs, err := frontend.Compile(field, r1cs.NewBuilder, c)
	if err != nil {
		t.Fatalf("compile: %v", err)
	}
	if n := len(ccs.GetCommitments().CommitmentIndexes()); n != 0 {
		t.Fatalf("constraint system has %d commitments, want none", n)
	}
	return ccs
}

// solve compiles blank and runs gnark's R1CS solver, the one the prover
// uses, on assignment.
func solve(t *testing.T, blank, assignment frontend.Circuit) error {
	t.Helper()
	return solveR1CS(compile(t, blank), assignment)
}

func solveR1CS(ccs constraint.ConstraintSystem, assignment frontend.Circuit) error {
	w, err := frontend.NewWitness(assignment, field)
	if err != nil {
		return err
	}
	return ccs.IsSolved(w)
}

// lengths cross the padding boundaries: 55 bytes is the most one block
// holds, 56 to 63 spill the length into a second block, 119 and 120 the
// same for two blocks.
var lengths = []int{0, 1, 3, 32, 52, 55, 56, 63, 64, 84, 116, 119, 120}

// The test engine (github.com/consensys/gnark/test) would be quicker, but
// it needs testify in go.mod; gnark's own solver on the compiled R1CS is
// the one proofs depend on anyway.
func TestSumMatchesSHA256(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range lengths {
		blank, assignment := circuits(randomBytes(rng, n), 0)
		if err := solve(t, blank, assignment); err != nil {
			t.Errorf("%d bytes: %v", n, err)
		}
	}
	// All ones makes every addition's carry as large as it gets.
	blank, assignment := circuits([]byte(strings.Repeat("\xff", 64)), 0)
	if err := solve(t, blank, assignment); err != nil {
		t.Errorf("64 bytes 0xff: %v", err)
	}
}

// TestSumConstantPrefix makes part of the message constant, so the folded
// paths of every operation run next to the constrained ones.
func TestSumConstantPrefix(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, tc := range []struct{ n, nConst int }{
		{3, 1}, {55, 54}, {64, 32}, {84, 64}, {120, 119}, {120, 120},
	} {
		blank, assignment := circuits(randomBytes(rng, tc.n), tc.nConst)
		if err := solve(t, blank, assignment); err != nil {
			t.Errorf("%d bytes, %d constant: %v", tc.n, tc.nConst, err)
		}
	}
}

func TestWrongDigestFails(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{0, 56, 64} {
		blank, assignment := circuits(randomBytes(rng, n), 0)
		bit := rng.IntN(256)
		assignment.Digest[bit] = 1 - assignment.Digest[bit].(int)
		if err := solve(t, blank, assignment); err == nil {
			t.Errorf("%d bytes, digest bit %d flipped: solved", n, bit)
		}
	}
}

func TestRandomMessages(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	for range 6 {
		msg := randomBytes(rng, rng.IntN(200))
		blank, assignment := circuits(msg, rng.IntN(len(msg)+1))
		if err := solve(t, blank, assignment); err != nil {
			t.Errorf("%d bytes (%x): %v", len(msg), msg, err)
		}
	}
}

// gateCircuit checks Out = op(In) where operand i is the constant
// consts[i] when that is set and the witness In[i] otherwise.
type gateCircuit struct {
	op     func(o ops, a, b, c frontend.Variable) frontend.Variable
	consts [3]frontend.Variable `gnark:"-"`
	In     [3]frontend.Variable
	Out    frontend.Variable
}

func (c *gateCircuit) Define(api frontend.API) error {
	in := c.In
	for i := range in {
		api.AssertIsBoolean(in[i])
		if c.consts[i] != nil {
			in[i] = c.consts[i]
		}
	}
	api.AssertIsEqual(c.op(ops{api: api}, in[0], in[1], in[2]), c.Out)
	return nil
}

// TestGates checks that each gate's constraints admit its right output
// and only that, on every input, with every subset of operands constant.
func TestGates(t *testing.T) {
	gates := []struct {
		name string
		op   func(o ops, a, b, c frontend.Variable) frontend.Variable
		want func(a, b, c int) int
	}{
		{"xor3", ops.xor3, func(a, b, c int) int { return a ^ b ^ c }},
		{"maj", ops.maj, func(a, b, c int) int { return (a&b | a&c | b&c) }},
		{"ch", ops.ch, func(a, b, c int) int { return (a&b | (1-a)&c) }},
	}
	for _, g := range gates {
		for constMask := range 8 {
			for in := range 8 {
				v := [3]int{in >> 2 & 1, in >> 1 & 1, in & 1}
				blank := &gateCircuit{op: g.op}
				for i := range blank.consts {
					if constMask>>i&1 == 1 {
						blank.consts[i] = v[i]
					}
				}
				ccs := compile(t, blank)
				want := g.want(v[0], v[1], v[2])
				for _, out := range []int{want, 1 - want} {
					err := solveR1CS(ccs, &gateCircuit{In: [3]frontend.Variable{v[0], v[1], v[2]}, Out: out})
					if (err == nil) != (out == want) {
						t.Errorf("%s%v, constants %03b: output %d solved=%v, want %d", g.name, v, constMask, out, err == nil, want)
					}
				}
			}
		}
	}
}

// TestConstraintsPerBlock measures Sum alone: the circuit's boolean checks
// of the message and digest equalities are subtracted.
func TestConstraintsPerBlock(t *testing.T) {
	const limit = 27000
	prev := 0
	for blocks := 1; blocks <= 3; blocks++ {
		n := 64*blocks - 9 // the longest message that fits, padding included
		blank, _ := circuits(make([]byte, n), 0)
		cost := compile(t, blank).GetNbConstraints() - 8*n - 256
		t.Logf("%d block(s), %d-byte message: %d constraints, %d for the last block", blocks, n, cost, cost-prev)
		if cost-prev > limit {
			t.Errorf("block %d costs %d constraints, want at most %d", blocks, cost-prev, limit)
		}
		prev = cost
	}
}

func TestConstantMessageCostsNothing(t *testing.T) {
	blank, assignment := circuits([]byte("abc"), 3)
	ccs := compile(t, blank)
	if got := ccs.GetNbConstraints(); got != 256 {
		t.Errorf("constant message: %d constraints, want 256 (the digest equalities only)", got)
	}
	if err := solveR1CS(ccs, assignment); err != nil {
		t.Error(err)
	}
}

func TestGroth16(t *testing.T) {
	blank, assignment := circuits([]byte("abc"), 0)
	ccs := compile(t, blank)
	pk, vk, err := groth16.Setup(ccs)
	if err != nil {
		t.Fatal(err)
	}
	w, err := frontend.NewWitness(assignment, field)
	if err != nil {
		t.Fatal(err)
	}
	proof, err := groth16.Prove(ccs, pk, w)
	if err != nil {
		t.Fatal(err)
	}
	public, err := w.Public()
	if err != nil {
		t.Fatal(err)
	}
	if err := groth16.Verify(proof, vk, public); err != nil {
		t.Fatal(err)
	}
}

func TestSumRejectsPartialByte(t *testing.T) {
	// frontend.Compile turns Sum's panic into an error.
	_, err := frontend.Compile(field, r1cs.NewBuilder, &hashCircuit{Msg: make([]frontend.Variable, 7)})
	if err == nil || !strings.Contains(err.Error(), "not a whole number of bytes") {
		t.Errorf("Sum of 7 bits: err = %v, want a panic about whole bytes", err)
	}
}
