package shacircuit

import (
	"fmt"
	"math/big"

	"github.com/consensys/gnark/constraint/solver"
	"github.com/consensys/gnark/frontend"
)

func init() {
	// The prover looks hints up by name; registering here means callers
	// never have to.
	solver.RegisterHint(sumBits)
}

// word is a 32-bit word as bits, least significant first. Each entry is a
// variable constrained to 0 or 1 or the constant 0 or 1.
type word [32]frontend.Variable

func constWord(x uint32) word {
	var w word
	for i := range w {
		w[i] = int(x >> i & 1)
	}
	return w
}

// rotr rotates right by n: free, it only renames bits.
func (w word) rotr(n int) word {
	var r word
	for i := range r {
		r[i] = w[(i+n)%32]
	}
	return r
}

// shr shifts right by n, shifting in constant zeros.
func (w word) shr(n int) word {
	var r word
	for i := range r {
		if i+n < 32 {
			r[i] = w[i+n]
		} else {
			r[i] = 0
		}
	}
	return r
}

// ops builds the bit and word operations of SHA-256. Every operation folds
// constant operands, so padding, the initial hash value and the round
// constants add no constraints.
type ops struct {
	api frontend.API
}

// split separates the constant operands from the others and counts the
// constant ones.
func (o ops) split(bs ...frontend.Variable) (vars []frontend.Variable, ones int) {
	for _, b := range bs {
		c, ok := o.api.Compiler().ConstantValue(b)
		if !ok {
			vars = append(vars, b)
			continue
		}
		if !c.IsUint64() || c.Uint64() > 1 {
			panic(fmt.Sprintf("shacircuit: constant bit %s is not 0 or 1", c))
		}
		ones += int(c.Uint64())
	}
	return vars, ones
}

// quotient returns q = s/(2s−3) for s = a+b+c, at the cost of the one
// constraint q·(2s−3) = s. On s = 0, 1, 2, 3 it is 0, −1, 2, 1, so
// (s−q)/2 is a⊕b⊕c and (s+q)/4 is the majority of a, b, c, and 2s−3 is
// never 0: three-way xor and majority cost one constraint each instead of
// the two of two chained products.
func (o ops) quotient(a, b, c frontend.Variable) (s, q frontend.Variable) {
	s = o.api.Add(a, b, c)
	return s, o.api.DivUnchecked(s, o.api.Sub(o.api.Mul(2, s), 3))
}

// flip returns b⊕k for a constant k.
func (o ops) flip(b frontend.Variable, k int) frontend.Variable {
	if k%2 == 0 {
		return b
	}
	return o.api.Sub(1, b)
}

// xor3 returns a⊕b⊕c: one constraint, none if two operands are constant.
func (o ops) xor3(a, b, c frontend.Variable) frontend.Variable {
	vars, ones := o.split(a, b, c)
	switch len(vars) {
	case 0:
		return ones % 2
	case 1:
		return o.flip(vars[0], ones)
	case 2:
		x, y := vars[0], vars[1]
		// x⊕y = x + y − 2xy
		return o.flip(o.api.Sub(o.api.Add(x, y), o.api.Mul(2, x, y)), ones)
	}
	s, q := o.quotient(a, b, c)
	return o.api.Div(o.api.Sub(s, q), 2)
}

// maj returns the majority of a, b, c: one constraint, none if two
// operands are constant.
func (o ops) maj(a, b, c frontend.Variable) frontend.Variable {
	vars, ones := o.split(a, b, c)
	switch len(vars) {
	case 0:
		return ones / 2
	case 1:
		if ones == 1 {
			return vars[0]
		}
		return ones / 2
	case 2:
		x, y := vars[0], vars[1]
		if ones == 0 {
			return o.api.Mul(x, y)
		}
		// x ∨ y = x + y − xy
		return o.api.Sub(o.api.Add(x, y), o.api.Mul(x, y))
	}
	s, q := o.quotient(a, b, c)
	return o.api.Div(o.api.Add(s, q), 4)
}

// ch returns e ? f : g, that is g + e·(f−g): one constraint, none if e is
// constant or f and g both are.
func (o ops) ch(e, f, g frontend.Variable) frontend.Variable {
	return o.api.Add(g, o.api.Mul(e, o.api.Sub(f, g)))
}

func (o ops) xor3Word(x, y, z word) word {
	var r word
	for i := range r {
		r[i] = o.xor3(x[i], y[i], z[i])
	}
	return r
}

func (o ops) majWord(x, y, z word) word {
	var r word
	for i := range r {
		r[i] = o.maj(x[i], y[i], z[i])
	}
	return r
}

func (o ops) chWord(e, f, g word) word {
	var r word
	for i := range r {
		r[i] = o.ch(e[i], f[i], g[i])
	}
	return r
}

// add returns k + Σ ws mod 2^32. The sum is a linear combination of the
// bits (free); a hint splits it into its low 32 bits and the carry bits,
// each constrained boolean, and one equality checks the split. The carry
// gets just enough bits for the largest possible sum, which stays far
// below the field modulus, so the split is unique.
func (o ops) add(k uint32, ws ...word) word {
	// Two halves, each under gnark's default compress threshold of 300
	// terms, which would otherwise cost an extra constraint per sum.
	half := len(ws) / 2
	maxSum := new(big.Int).SetUint64(uint64(k))
	left := o.linear(k, ws[:half], maxSum)
	right := o.linear(0, ws[half:], maxSum)

	l, lConst := o.api.Compiler().ConstantValue(left)
	r, rConst := o.api.Compiler().ConstantValue(right)
	if lConst && rConst {
		return constWord(uint32(new(big.Int).Add(l, r).Uint64()))
	}

	n := max(32, maxSum.BitLen())
	bs, err := o.api.Compiler().NewHint(sumBits, n, left, right)
	if err != nil {
		panic(fmt.Sprintf("shacircuit: hint: %v", err))
	}
	recomposed := make([]frontend.Variable, n)
	for i, b := range bs {
		o.api.AssertIsBoolean(b)
		recomposed[i] = o.api.Mul(b, new(big.Int).Lsh(big.NewInt(1), uint(i)))
	}
	o.api.AssertIsEqual(left, o.api.Sub(o.api.Add(recomposed[0], recomposed[1], recomposed[2:]...), right))

	var out word
	copy(out[:], bs[:32])
	return out
}

// linear returns k + Σ ws as one linear combination of the bits and adds
// the largest value the bits can take to maxSum.
func (o ops) linear(k uint32, ws []word, maxSum *big.Int) frontend.Variable {
	terms := []frontend.Variable{0, uint64(k)}
	for _, w := range ws {
		for i, b := range w {
			weight := new(big.Int).Lsh(big.NewInt(1), uint(i))
			if vars, ones := o.split(b); len(vars) == 1 || ones == 1 {
				// a variable bit (at most 1) or the constant 1
				maxSum.Add(maxSum, weight)
			}
			terms = append(terms, o.api.Mul(b, weight))
		}
	}
	return o.api.Add(terms[0], terms[1], terms[2:]...)
}

// sumBits is the hint behind add: the low len(out) bits of the sum of its
// inputs.
func sumBits(field *big.Int, in, out []*big.Int) error {
	s := new(big.Int)
	for _, v := range in {
		s.Add(s, v)
	}
	s.Mod(s, field)
	for i := range out {
		out[i].SetUint64(uint64(s.Bit(i)))
	}
	return nil
}
