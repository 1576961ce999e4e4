package zk

import (
	"errors"
	"fmt"
	"math/big"
	"sort"
	"strconv"
	"strings"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/frontend"
)

// Sentinel errors.
var (
	// ErrUnknownCircuit: no built-in circuit has that name (see Names).
	ErrUnknownCircuit = errors.New("zk: unknown circuit")
	// ErrBadParams: the task parameters do not fit the circuit: a missing,
	// unknown or malformed input, or one out of range.
	ErrBadParams = errors.New("zk: bad circuit parameters")
	// ErrNoSolution: the prover cannot find a witness for these inputs
	// (cubic: y is not x³ + 5x + 9 of a non-negative integer x).
	ErrNoSolution = errors.New("zk: no witness for these inputs")
	// ErrWrongCircuit: a key or proof belongs to another circuit than the
	// one it is used with.
	ErrWrongCircuit = errors.New("zk: key or proof is for another circuit")
	// ErrMalformed: bytes that should hold a key or proof do not decode.
	ErrMalformed = errors.New("zk: malformed key or proof")
	// ErrInvalidProof: the proof does not verify for its public inputs
	// (tampered proof, tampered input, or another payee).
	ErrInvalidProof = errors.New("zk: proof does not verify")
	// ErrInputMismatch: a valid proof is about other fixed inputs or
	// another payee than the task it is presented for.
	ErrInputMismatch = errors.New("zk: proof is for other task inputs")
)

// field is BN254's scalar field: every public input is below it.
var field = ecc.BN254.ScalarField()

// kind is one family of circuits; sized kinds are compiled per size.
type kind struct {
	name        string
	doc         string
	fixed       []string // public inputs the consumer chooses, in order
	outputs     []string // public inputs the provider computes, in order
	defaultSize int      // 0: the kind has no size
	maxSize     int
	example     map[string]string
	blank       func(size int) frontend.Circuit
	// assign computes the full assignment (the provider's work) for
	// fixed inputs already checked to be field elements, and the
	// statement it proves (fixed inputs, outputs, payee).
	assign func(size int, fixed []*big.Int, payee *big.Int) (frontend.Circuit, []*big.Int, error)
}

// Circuit is one provable statement at one size. Its statement's public
// values are, in order: Fixed (chosen by the consumer), Outputs (computed
// by the provider), and the payee (the EVM address the proof pays, so a
// copied proof is worth nothing to anyone else). The proof itself has one
// public input, their StatementDigest.
type Circuit struct {
	k    *kind
	size int
}

// Names are the built-in circuit kinds, sorted.
func Names() []string {
	out := make([]string, 0, len(kinds))
	for _, k := range kinds {
		out = append(out, k.name)
	}
	sort.Strings(out)
	return out
}

// Lookup returns the circuit called name: a kind ("mimc-chain", at its
// default size) or a kind and a size ("mimc-chain/1000", "sumsq/50").
// The size is the compile-time bound of sized kinds (most MiMC steps,
// largest n); the cubic circuit has none.
func Lookup(name string) (*Circuit, error) {
	base, sizeStr, sized := strings.Cut(name, "/")
	var k *kind
	for _, x := range kinds {
		if x.name == base {
			k = x
		}
	}
	if k == nil {
		return nil, fmt.Errorf("%w %q: known circuits are %s", ErrUnknownCircuit, name, strings.Join(Names(), ", "))
	}
	size := k.defaultSize
	if sized {
		if k.defaultSize == 0 {
			return nil, fmt.Errorf("%w %q: %s takes no size", ErrUnknownCircuit, name, k.name)
		}
		n, err := strconv.Atoi(sizeStr)
		if err != nil || n < 1 || n > k.maxSize || strconv.Itoa(n) != sizeStr {
			return nil, fmt.Errorf("%w %q: the size must be an integer from 1 to %d", ErrUnknownCircuit, name, k.maxSize)
		}
		size = n
	}
	return &Circuit{k: k, size: size}, nil
}

// ID is the circuit's canonical name: "cubic", "sumsq/1000", "mimc-chain/275".
// Lookup(c.ID()) returns the same circuit.
func (c *Circuit) ID() string {
	if c.size == 0 {
		return c.k.name
	}
	return c.k.name + "/" + strconv.Itoa(c.size)
}

// String implements fmt.Stringer.
func (c *Circuit) String() string { return c.ID() }

// Kind is the circuit's kind ("mimc-chain").
func (c *Circuit) Kind() string { return c.k.name }

// Size is the compile-time bound (0 for the cubic circuit).
func (c *Circuit) Size() int { return c.size }

// Doc is a one-line description of what a proof shows.
func (c *Circuit) Doc() string { return c.k.doc }

// Fixed are the names of the public inputs the consumer chooses, in the
// order they lead Proof.PublicInputs.
func (c *Circuit) Fixed() []string { return append([]string(nil), c.k.fixed...) }

// Outputs are the names of the public inputs the provider computes; they
// follow the fixed inputs in Proof.PublicInputs.
func (c *Circuit) Outputs() []string { return append([]string(nil), c.k.outputs...) }

// NumPublic is the number of public values in the statement: fixed,
// outputs and the payee (the proof's one public input is their digest).
func (c *Circuit) NumPublic() int { return len(c.k.fixed) + len(c.k.outputs) + 1 }

// Example are parameters that give a small, valid task (n at most 10).
func (c *Circuit) Example() map[string]string {
	out := make(map[string]string, len(c.k.example))
	for k, v := range c.k.example {
		out[k] = v
	}
	if _, ok := out["n"]; ok && c.size < 10 {
		out["n"] = strconv.Itoa(c.size)
	}
	return out
}

// Public parses and checks the consumer's task parameters: exactly the
// Fixed names, each an integer (decimal or 0x-hex) below the BN254 scalar
// field modulus and within the circuit's bounds. It returns their values
// in Fixed order.
func (c *Circuit) Public(params map[string]string) ([]*big.Int, error) {
	for name := range params {
		if !contains(c.k.fixed, name) {
			return nil, fmt.Errorf("%w: %s takes %s, not %q", ErrBadParams, c.ID(), strings.Join(c.k.fixed, ", "), name)
		}
	}
	out := make([]*big.Int, len(c.k.fixed))
	for i, name := range c.k.fixed {
		s, ok := params[name]
		if !ok {
			return nil, fmt.Errorf("%w: %s needs %s", ErrBadParams, c.ID(), name)
		}
		v, err := parseElement(s)
		if err != nil {
			return nil, fmt.Errorf("%w: %s: %s", ErrBadParams, name, err)
		}
		out[i] = v
	}
	if c.size > 0 {
		n := out[len(out)-1] // the sized kinds take n last
		if _, err := count(n, c.size, "n"); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// parseElement reads a decimal or 0x-hex integer in [0, field modulus).
func parseElement(s string) (*big.Int, error) {
	digits, base := s, 10
	if h, ok := strings.CutPrefix(s, "0x"); ok {
		digits, base = h, 16
	}
	v, ok := new(big.Int).SetString(digits, base)
	if !ok {
		return nil, fmt.Errorf("%q is not an integer (decimal or 0x-hex)", s)
	}
	if v.Sign() < 0 || v.Cmp(field) >= 0 {
		return nil, fmt.Errorf("%s is outside the field [0, %s)", s, field)
	}
	return v, nil
}

// inField reports whether v is a canonical field element.
func inField(v *big.Int) bool { return v != nil && v.Sign() >= 0 && v.Cmp(field) < 0 }
