package zk

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/consensys/gnark-crypto/ecc"
	"github.com/consensys/gnark/backend/groth16"
	groth16bn254 "github.com/consensys/gnark/backend/groth16/bn254"
	"github.com/consensys/gnark/constraint"
	"github.com/consensys/gnark/frontend"
	"github.com/consensys/gnark/frontend/cs/r1cs"
	"github.com/consensys/gnark/logger"

	"github.com/deco-network/deco/internal/wire"
)

// compiled caches constraint systems per circuit ID for the life of the
// process: compiling is deterministic, and costs about as much as a proof.
var compiled sync.Map // circuit ID -> *compileOnce

type compileOnce struct {
	once sync.Once
	cs   constraint.ConstraintSystem
	err  error

	hashOnce sync.Once // Circuit.Hash
	hash     [32]byte
	hashErr  error
}

// quietOnce silences gnark's global logger, which writes to stdout.
var quietOnce sync.Once

// constraintSystem compiles c (once per process) into a BN254 R1CS.
func (c *Circuit) constraintSystem() (constraint.ConstraintSystem, error) {
	quietOnce.Do(logger.Disable)
	v, _ := compiled.LoadOrStore(c.ID(), &compileOnce{})
	o := v.(*compileOnce)
	o.once.Do(func() {
		o.cs, o.err = frontend.Compile(field, r1cs.NewBuilder, c.k.blank(c.size))
		if o.err != nil {
			o.err = fmt.Errorf("zk: compile %s: %w", c.ID(), o.err)
		}
	})
	return o.cs, o.err
}

// Constraints is the number of R1CS constraints of c (compiling it if needed).
func (c *Circuit) Constraints() (int, error) {
	cs, err := c.constraintSystem()
	if err != nil {
		return 0, err
	}
	return cs.GetNbConstraints(), nil
}

// Keys are the Groth16 keys of one circuit from one setup.
type Keys struct {
	Proving   *ProvingKey
	Verifying *VerifyingKey
}

// Setup runs a fresh Groth16 setup for c with randomness from crypto/rand.
// The toxic waste (the setup's secret scalars) lives only inside gnark's
// Setup call and is discarded when it returns: whoever ran Setup could
// have forged proofs only while it ran. Production deployments should use
// keys from a multi-party ceremony (gnark's mpcsetup), where one honest
// participant suffices; Deco never derives keys from a seed, since known
// toxic waste would let anyone forge proofs.
//
// gnark's setup cannot be interrupted: ctx is checked before it starts.
func Setup(ctx context.Context, c *Circuit) (*Keys, error) {
	cs, err := c.constraintSystem()
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("zk: setup %s: %w", c.ID(), err)
	}
	pk, vk, err := groth16.Setup(cs)
	if err != nil {
		return nil, fmt.Errorf("zk: setup %s: %w", c.ID(), err)
	}
	return &Keys{
		Proving:   &ProvingKey{circuit: c.ID(), pk: pk},
		Verifying: &VerifyingKey{circuit: c.ID(), vk: vk},
	}, nil
}

// ProvingKeyBytes serialises the proving key (see ProvingKey.Bytes).
func (k *Keys) ProvingKeyBytes() ([]byte, error) { return k.Proving.Bytes() }

// Key headers: a key names its circuit, so it cannot be used with another.
const (
	pkMagic = "deco/zk/groth16-bn254-pk/1 "
	vkMagic = "deco/zk/groth16-bn254-vk/1 "
)

// ProvingKey is what a provider needs to prove one circuit. It is large
// (about 1 KB per constraint, raw points) and shared by content address:
// the consumer publishes Bytes, providers fetch them by CID.
type ProvingKey struct {
	circuit string
	pk      groth16.ProvingKey

	mu sync.Mutex // guards b
	b  []byte
}

// Circuit is the ID of the circuit the key proves.
func (k *ProvingKey) Circuit() string { return k.circuit }

// Bytes is the key's serialisation: a header naming the circuit, then
// gnark's raw (uncompressed) encoding, which loads fast. Computed once.
func (k *ProvingKey) Bytes() ([]byte, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.b == nil {
		var buf bytes.Buffer
		buf.WriteString(pkMagic + k.circuit + "\n")
		if _, err := k.pk.WriteRawTo(&buf); err != nil {
			return nil, fmt.Errorf("zk: encode proving key of %s: %w", k.circuit, err)
		}
		k.b = buf.Bytes()
	}
	return k.b, nil
}

// CID is the content address of Bytes.
func (k *ProvingKey) CID() (wire.CID, error) {
	b, err := k.Bytes()
	if err != nil {
		return "", err
	}
	return wire.CIDOf(b), nil
}

// LoadProvingKey decodes Bytes, which may come from the network: the
// encoding's lengths are checked before anything is allocated, every point
// is checked to be on the curve and in its subgroup, and the key's sizes
// are checked against the circuit it names (compiled if it was not yet).
// Decoding a large key takes seconds: keep the result.
func LoadProvingKey(b []byte) (*ProvingKey, error) {
	id, body, err := splitHeader(b, pkMagic)
	if err != nil {
		return nil, err
	}
	if err := checkProvingKey(body); err != nil {
		return nil, fmt.Errorf("%w: proving key of %s: %v", ErrMalformed, id, err)
	}
	pk := groth16.NewProvingKey(ecc.BN254)
	if err := readAll(pk, body); err != nil {
		return nil, fmt.Errorf("%w: proving key of %s: %v", ErrMalformed, id, err)
	}
	c, _ := Lookup(id) // splitHeader checked the name
	cs, err := c.constraintSystem()
	if err != nil {
		return nil, err
	}
	if err := fits(pk.(*groth16bn254.ProvingKey), cs); err != nil {
		return nil, fmt.Errorf("%w: proving key of %s: %v", ErrMalformed, id, err)
	}
	return &ProvingKey{circuit: id, pk: pk, b: b}, nil
}

// fits checks that a decoded proving key has the sizes the prover expects
// for cs, so that proving with a hostile key fails to verify instead of
// indexing out of range (inside gnark's goroutines, where a panic would
// take the whole process down).
func fits(pk *groth16bn254.ProvingKey, cs constraint.ConstraintSystem) error {
	nbWires := uint64(cs.GetNbInternalVariables() + cs.GetNbPublicVariables() + cs.GetNbSecretVariables())
	private := uint64(cs.GetNbInternalVariables() + cs.GetNbSecretVariables())
	card := ecc.NextPowerOfTwo(uint64(cs.GetNbConstraints()))
	infA, infB := uint64(0), uint64(0)
	for i := range pk.InfinityA {
		if pk.InfinityA[i] {
			infA++
		}
	}
	for i := range pk.InfinityB {
		if pk.InfinityB[i] {
			infB++
		}
	}
	switch {
	case pk.Domain.Cardinality != card:
		return fmt.Errorf("domain of %d, the circuit needs %d", pk.Domain.Cardinality, card)
	case uint64(len(pk.InfinityA)) != nbWires || uint64(len(pk.InfinityB)) != nbWires:
		return fmt.Errorf("%d/%d wires, the circuit has %d", len(pk.InfinityA), len(pk.InfinityB), nbWires)
	case infA != pk.NbInfinityA || infB != pk.NbInfinityB:
		return errors.New("inconsistent counts of points at infinity")
	case uint64(len(pk.G1.A)) != nbWires-infA || uint64(len(pk.G1.B)) != nbWires-infB || uint64(len(pk.G2.B)) != nbWires-infB:
		return errors.New("A or B does not match the wires")
	case uint64(len(pk.G1.K)) != private:
		return fmt.Errorf("%d private terms, the circuit has %d", len(pk.G1.K), private)
	case uint64(len(pk.G1.Z)) != card-1:
		return fmt.Errorf("%d Z terms for a domain of %d", len(pk.G1.Z), card)
	case len(pk.CommitmentKeys) != 0:
		return errors.New("commitment keys: Deco's circuits have none")
	}
	return nil
}

// VerifyingKey checks proofs of one circuit, off-chain (Verify) or
// on-chain (EVMKey gives it to the on-chain verifier).
type VerifyingKey struct {
	circuit string
	vk      groth16.VerifyingKey
}

// Circuit is the ID of the circuit the key verifies.
func (k *VerifyingKey) Circuit() string { return k.circuit }

// NumPublic is the number of public inputs a proof carries: 1, the
// statement's digest (see StatementDigest).
func (k *VerifyingKey) NumPublic() int { return k.vk.NbPublicWitness() }

// Bytes is the key's serialisation (header, then gnark's compressed encoding).
func (k *VerifyingKey) Bytes() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(vkMagic + k.circuit + "\n")
	if _, err := k.vk.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("zk: encode verifying key of %s: %w", k.circuit, err)
	}
	return buf.Bytes(), nil
}

// Digest is the SHA-256 of Bytes: a name for this exact key (and so for
// this circuit under this setup), e.g. as the on-chain circuit id.
func (k *VerifyingKey) Digest() ([32]byte, error) {
	b, err := k.Bytes()
	if err != nil {
		return [32]byte{}, err
	}
	return wire.CIDOf(b).Digest()
}

// LoadVerifyingKey decodes Bytes, checking the points.
func LoadVerifyingKey(b []byte) (*VerifyingKey, error) {
	id, body, err := splitHeader(b, vkMagic)
	if err != nil {
		return nil, err
	}
	if err := checkVerifyingKey(body); err != nil {
		return nil, fmt.Errorf("%w: verifying key of %s: %v", ErrMalformed, id, err)
	}
	vk := groth16.NewVerifyingKey(ecc.BN254)
	if err := readAll(vk, body); err != nil {
		return nil, fmt.Errorf("%w: verifying key of %s: %v", ErrMalformed, id, err)
	}
	return &VerifyingKey{circuit: id, vk: vk}, nil
}

func splitHeader(b []byte, magic string) (id string, body []byte, err error) {
	line, body, ok := bytes.Cut(b, []byte("\n"))
	if !ok || len(line) > 128 || !bytes.HasPrefix(line, []byte(magic)) {
		return "", nil, fmt.Errorf("%w: no %q header", ErrMalformed, strings.TrimSpace(magic))
	}
	id = string(line[len(magic):])
	if _, err := Lookup(id); err != nil {
		return "", nil, fmt.Errorf("%w: key for %v", ErrMalformed, err)
	}
	return id, body, nil
}

// readAll decodes body into v, insists every byte was used, and turns a
// decoder panic on hostile bytes into an error.
func readAll(v io.ReaderFrom, body []byte) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("decoder panicked: %v", r)
		}
	}()
	r := bytes.NewReader(body)
	if _, err := v.ReadFrom(r); err != nil {
		return err
	}
	if r.Len() != 0 {
		return fmt.Errorf("%d trailing bytes", r.Len())
	}
	return nil
}
