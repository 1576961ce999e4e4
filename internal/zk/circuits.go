package zk

import (
	"fmt"
	"math/big"

	"github.com/consensys/gnark-crypto/ecc/bn254/fr"
	mimcref "github.com/consensys/gnark-crypto/ecc/bn254/fr/mimc"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/std/hash/mimc"
)

// The built-in circuits. Each has one public input, Digest, the
// StatementDigest of its statement: the consumer's fixed inputs, then the
// outputs, then the payee (Proof.PublicInputs), which are secret inputs
// of the circuit bound through bindStatement.
var kinds = []*kind{
	{
		name:    "cubic",
		doc:     "knows x with x³ + 5x + 9 = y (public y), without revealing x",
		fixed:   []string{"y"},
		example: map[string]string{"y": "51"}, // x = 3
		blank:   func(int) frontend.Circuit { return &cubicCircuit{} },
		assign:  assignCubic,
	},
	{
		name:        "sumsq",
		doc:         "y = 1² + 2² + … + n² (public n ≤ size, public y)",
		fixed:       []string{"n"},
		outputs:     []string{"y"},
		defaultSize: 1000,
		maxSize:     1 << 20,
		example:     map[string]string{"n": "10"},
		blank: func(size int) frontend.Circuit {
			return &sumsqCircuit{Bits: make([]frontend.Variable, size)}
		},
		assign: assignSumsq,
	},
	{
		name:        "mimc-chain",
		doc:         "out = MiMC applied n times to seed (BN254 MiMC; public seed, n ≤ size, out)",
		fixed:       []string{"seed", "n"},
		outputs:     []string{"out"},
		defaultSize: 275, // 128,828 constraints, statement hash included: just under 2^17, the FFT domain the hash already needs
		maxSize:     4096,
		example:     map[string]string{"seed": "1", "n": "10"},
		blank: func(size int) frontend.Circuit {
			return &mimcChainCircuit{Bits: make([]frontend.Variable, size)}
		},
		assign: assignMimcChain,
	},
}

// withDigest completes an assignment: the statement's words and, set
// through digest, their StatementDigest.
func withDigest(c frontend.Circuit, digest *frontend.Variable, fixed, outputs []*big.Int, payee *big.Int) (frontend.Circuit, []*big.Int, error) {
	words := statementOf(fixed, outputs, payee)
	d, err := StatementDigest(words)
	if err != nil {
		return nil, nil, err
	}
	*digest = d
	return c, words, nil
}

// prefix constrains bits to be booleans of the form 1…10…0 whose sum is n:
// bit i is set exactly when i < n. Selection bits instead of a range check
// keep the circuit free of commitments (gnark's lookup-based range checks
// add a Pedersen commitment, which the Solidity verifier would have to
// check too).
func prefix(api frontend.API, bits []frontend.Variable, n frontend.Variable) {
	var count frontend.Variable = 0
	for i, b := range bits {
		api.AssertIsBoolean(b)
		if i > 0 {
			// b may be set only if the previous bit is: b·(1 − prev) = 0.
			api.AssertIsEqual(api.Mul(b, api.Sub(1, bits[i-1])), 0)
		}
		count = api.Add(count, b)
	}
	api.AssertIsEqual(count, n)
}

// prefixBits is the witness for prefix: n ones then zeros.
func prefixBits(size int, n int) []frontend.Variable {
	bits := make([]frontend.Variable, size)
	for i := range bits {
		if i < n {
			bits[i] = 1
		} else {
			bits[i] = 0
		}
	}
	return bits
}

// ---- cubic ----

type cubicCircuit struct {
	Digest frontend.Variable `gnark:",public"`
	Y      frontend.Variable
	Payee  frontend.Variable
	X      frontend.Variable
}

func (c *cubicCircuit) Define(api frontend.API) error {
	x3 := api.Mul(c.X, c.X, c.X)
	api.AssertIsEqual(api.Add(x3, api.Mul(5, c.X), 9), c.Y)
	bindStatement(api, c.Digest, []frontend.Variable{c.Y}, c.Payee)
	return nil
}

// cubicF is x³ + 5x + 9 over the integers.
func cubicF(x *big.Int) *big.Int {
	f := new(big.Int).Mul(x, x)
	f.Mul(f, x)
	f.Add(f, new(big.Int).Mul(big.NewInt(5), x))
	return f.Add(f, big.NewInt(9))
}

// solveCubic finds the integer x ≥ 0 with x³ + 5x + 9 = y. The polynomial is
// strictly increasing on the non-negative integers, so a binary search
// over [0, 2^85) finds it or proves there is none (f(2^85) exceeds the
// field, so every y below the modulus is covered).
func solveCubic(y *big.Int) (*big.Int, bool) {
	lo, hi := new(big.Int), new(big.Int).Lsh(big.NewInt(1), 85)
	for lo.Cmp(hi) < 0 {
		mid := new(big.Int).Add(lo, hi)
		mid.Rsh(mid, 1)
		switch cubicF(mid).Cmp(y) {
		case 0:
			return mid, true
		case -1:
			lo = mid.Add(mid, big.NewInt(1))
		default:
			hi = mid
		}
	}
	return nil, false
}

// CubicY is x³ + 5x + 9: the y a consumer asks for when it wants the
// cubic circuit's provider to find x.
func CubicY(x uint64) *big.Int { return cubicF(new(big.Int).SetUint64(x)) }

func assignCubic(_ int, fixed []*big.Int, payee *big.Int) (frontend.Circuit, []*big.Int, error) {
	x, ok := solveCubic(fixed[0])
	if !ok {
		return nil, nil, fmt.Errorf("%w: y = %s is not x³ + 5x + 9 for any integer x ≥ 0; pick y = CubicY(x)", ErrNoSolution, fixed[0])
	}
	c := &cubicCircuit{Y: fixed[0], Payee: payee, X: x}
	return withDigest(c, &c.Digest, fixed, nil, payee)
}

// ---- sumsq ----

type sumsqCircuit struct {
	Digest frontend.Variable `gnark:",public"`
	N      frontend.Variable
	Y      frontend.Variable
	Payee  frontend.Variable
	Bits   []frontend.Variable
}

func (c *sumsqCircuit) Define(api frontend.API) error {
	prefix(api, c.Bits, c.N)
	var sum frontend.Variable = 0
	for i, b := range c.Bits {
		k := int64(i + 1)
		sum = api.Add(sum, api.Mul(b, k*k)) // linear: no constraint
	}
	api.AssertIsEqual(sum, c.Y)
	bindStatement(api, c.Digest, []frontend.Variable{c.N, c.Y}, c.Payee)
	return nil
}

// SumOfSquares is 1² + 2² + … + n² = n(n+1)(2n+1)/6.
func SumOfSquares(n uint64) *big.Int {
	nn := new(big.Int).SetUint64(n)
	s := new(big.Int).Mul(nn, new(big.Int).Add(nn, big.NewInt(1)))
	s.Mul(s, new(big.Int).Add(new(big.Int).Lsh(nn, 1), big.NewInt(1)))
	return s.Quo(s, big.NewInt(6))
}

func assignSumsq(size int, fixed []*big.Int, payee *big.Int) (frontend.Circuit, []*big.Int, error) {
	n, err := count(fixed[0], size, "n")
	if err != nil {
		return nil, nil, err
	}
	y := SumOfSquares(uint64(n))
	c := &sumsqCircuit{N: fixed[0], Y: y, Payee: payee, Bits: prefixBits(size, n)}
	return withDigest(c, &c.Digest, fixed, []*big.Int{y}, payee)
}

// ---- mimc-chain ----

type mimcChainCircuit struct {
	Digest frontend.Variable `gnark:",public"`
	Seed   frontend.Variable
	N      frontend.Variable
	Out    frontend.Variable
	Payee  frontend.Variable
	Bits   []frontend.Variable
}

func (c *mimcChainCircuit) Define(api frontend.API) error {
	prefix(api, c.Bits, c.N)
	h, err := mimc.NewMiMC(api)
	if err != nil {
		return err
	}
	cur := c.Seed
	for _, b := range c.Bits {
		h.Reset()
		h.Write(cur)
		// Step i hashes only while i < n; afterwards cur is carried along.
		cur = api.Select(b, h.Sum(), cur)
	}
	api.AssertIsEqual(cur, c.Out)
	bindStatement(api, c.Digest, []frontend.Variable{c.Seed, c.N, c.Out}, c.Payee)
	return nil
}

// MimcChain is seed hashed n times with BN254 MiMC (each step hashes one
// field element from an empty state), as the mimc-chain circuit proves.
// seed must be below the field modulus.
func MimcChain(seed *big.Int, n int) *big.Int {
	var e fr.Element
	e.SetBigInt(seed)
	b := e.Bytes()
	cur := b[:]
	for range n {
		h := mimcref.NewMiMC()
		_, _ = h.Write(cur) // one canonical element: cannot fail
		cur = h.Sum(nil)
	}
	return new(big.Int).SetBytes(cur)
}

func assignMimcChain(size int, fixed []*big.Int, payee *big.Int) (frontend.Circuit, []*big.Int, error) {
	n, err := count(fixed[1], size, "n")
	if err != nil {
		return nil, nil, err
	}
	out := MimcChain(fixed[0], n)
	c := &mimcChainCircuit{Seed: fixed[0], N: fixed[1], Out: out, Payee: payee, Bits: prefixBits(size, n)}
	return withDigest(c, &c.Digest, fixed, []*big.Int{out}, payee)
}

// count checks that v is an integer in [0, size].
func count(v *big.Int, size int, name string) (int, error) {
	if !v.IsInt64() || v.Int64() > int64(size) {
		return 0, fmt.Errorf("%w: %s = %s exceeds this circuit's size %d; use a larger size (name/size)", ErrBadParams, name, v, size)
	}
	return int(v.Int64()), nil
}
