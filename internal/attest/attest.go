package attest

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// KindSoftware is the attestation kind of a receipt backed only by the
// provider's signature.
const KindSoftware = "software"

// Errors of Verify.
var (
	// ErrUnknownKind: no verifier is registered for the evidence's kind.
	ErrUnknownKind = errors.New("attestation kind not supported")
	// ErrBadEvidence: the evidence does not verify or is not bound to the
	// receipt.
	ErrBadEvidence = errors.New("attestation evidence rejected")
)

// Evidence is what a provider attaches to a receipt.
type Evidence struct {
	Kind  string `json:"kind"`
	Quote []byte `json:"quote,omitempty"` // hardware quote; empty for software
}

// Claims is what a verifier established from evidence.
type Claims struct {
	Kind string `json:"kind"`
	// Hardware is true only when a hardware root of trust vouched for the
	// code that ran (never for software).
	Hardware    bool   `json:"hardware"`
	Measurement string `json:"measurement,omitempty"`
	Detail      string `json:"detail,omitempty"`
}

// Attester produces evidence on a provider. reportData is the receipt's
// digest; hardware evidence must commit to it.
type Attester interface {
	Kind() string
	Attest(ctx context.Context, reportData [32]byte) (Evidence, error)
}

// QuoteVerifier checks evidence of one kind on a consumer.
type QuoteVerifier interface {
	Kind() string
	Verify(ctx context.Context, ev Evidence, reportData [32]byte) (Claims, error)
}

// Software is the "software" attestation: the receipt signature alone.
type Software struct{}

// Kind implements Attester and QuoteVerifier.
func (Software) Kind() string { return KindSoftware }

// Attest returns software evidence: no quote.
func (Software) Attest(context.Context, [32]byte) (Evidence, error) {
	return Evidence{Kind: KindSoftware}, nil
}

// Verify accepts software evidence without a quote and claims no hardware.
func (Software) Verify(_ context.Context, ev Evidence, _ [32]byte) (Claims, error) {
	if ev.Kind != KindSoftware {
		return Claims{}, fmt.Errorf("%w: %q is not software evidence", ErrBadEvidence, ev.Kind)
	}
	if len(ev.Quote) != 0 {
		return Claims{}, fmt.Errorf("%w: software evidence carries a quote", ErrBadEvidence)
	}
	return Claims{Kind: KindSoftware, Detail: "signed by the provider's key; no hardware claim"}, nil
}

// Registry maps kinds to verifiers.
type Registry struct{ v map[string]QuoteVerifier }

// NewRegistry registers vs (a later verifier of the same kind wins).
func NewRegistry(vs ...QuoteVerifier) *Registry {
	r := &Registry{v: map[string]QuoteVerifier{}}
	for _, v := range vs {
		r.v[v.Kind()] = v
	}
	return r
}

// Kinds lists the registered kinds, sorted.
func (r *Registry) Kinds() []string {
	ks := make([]string, 0, len(r.v))
	for k := range r.v {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// Verify checks ev with the verifier of its kind.
func (r *Registry) Verify(ctx context.Context, ev Evidence, reportData [32]byte) (Claims, error) {
	v := r.v[ev.Kind]
	if v == nil {
		return Claims{}, fmt.Errorf("%w: %q (this node verifies: %s)", ErrUnknownKind, ev.Kind, strings.Join(r.Kinds(), ", "))
	}
	c, err := v.Verify(ctx, ev, reportData)
	if err != nil {
		return Claims{}, err
	}
	c.Kind = ev.Kind
	return c, nil
}
