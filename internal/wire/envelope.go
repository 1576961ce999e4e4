package wire

import (
	"crypto/ed25519"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Version is the envelope format version this code speaks.
const Version = 1

// MaxMessage bounds any encoded envelope a node accepts.
const MaxMessage = 8 << 20

// Envelope errors.
var (
	ErrTooLarge     = errors.New("message too large")
	ErrBadEnvelope  = errors.New("malformed message")
	ErrBadSignature = errors.New("message signature does not verify")
	ErrExpired      = errors.New("message expired")
	ErrWrongType    = errors.New("unexpected message type")
	ErrReplay       = errors.New("message replayed")
)

// Envelope carries one message, signed by the sender's ed25519 peer key,
// with an expiry and a nonce so replays can be refused.
type Envelope struct {
	V         int             `json:"v"`
	Type      string          `json:"type"`
	PubKey    []byte          `json:"pk"`
	Nonce     uint64          `json:"nonce"`
	ExpiresMs int64           `json:"exp"`
	Body      json.RawMessage `json:"body"`
	Sig       []byte          `json:"sig"`
}

// Seal encodes body and signs it with key. now and ttl set the expiry;
// nonce must not repeat for this key within ttl.
func Seal(key ed25519.PrivateKey, typ string, body any, now time.Time, ttl time.Duration, nonce uint64) (Envelope, error) {
	b, err := json.Marshal(body)
	if err != nil {
		return Envelope{}, fmt.Errorf("encode %s: %w", typ, err)
	}
	e := Envelope{V: Version, Type: typ, PubKey: key.Public().(ed25519.PublicKey), Nonce: nonce, ExpiresMs: now.Add(ttl).UnixMilli(), Body: b}
	e.Sig = ed25519.Sign(key, e.signed())
	return e, nil
}

func (e Envelope) signed() []byte {
	b := make([]byte, 0, 64+len(e.Type)+len(e.Body))
	b = append(b, "deco/envelope/1\x00"...)
	b = append(b, e.Type...)
	b = append(b, 0)
	b = append(b, e.PubKey...)
	b = binary.BigEndian.AppendUint64(b, e.Nonce)
	b = binary.BigEndian.AppendUint64(b, uint64(e.ExpiresMs))
	return append(b, e.Body...)
}

// Marshal encodes the envelope.
func (e Envelope) Marshal() ([]byte, error) { return json.Marshal(e) }

// DecodeEnvelope parses untrusted bytes. It checks shape only; call Verify.
func DecodeEnvelope(b []byte) (Envelope, error) {
	if len(b) > MaxMessage {
		return Envelope{}, ErrTooLarge
	}
	var e Envelope
	if err := json.Unmarshal(b, &e); err != nil {
		return Envelope{}, fmt.Errorf("%w: %v", ErrBadEnvelope, err)
	}
	if e.V != Version {
		return Envelope{}, fmt.Errorf("%w: version %d (this node speaks %d)", ErrBadEnvelope, e.V, Version)
	}
	if len(e.PubKey) != ed25519.PublicKeySize || len(e.Sig) != ed25519.SignatureSize || e.Type == "" {
		return Envelope{}, fmt.Errorf("%w: missing key, signature or type", ErrBadEnvelope)
	}
	// Seal always writes a body; without one the envelope would re-encode
	// with body null, which its signature does not cover.
	if len(e.Body) == 0 {
		return Envelope{}, fmt.Errorf("%w: missing body", ErrBadEnvelope)
	}
	return e, nil
}

// Verify checks the signature and that the envelope has not expired at now.
func (e Envelope) Verify(now time.Time) error {
	if len(e.PubKey) != ed25519.PublicKeySize || !ed25519.Verify(ed25519.PublicKey(e.PubKey), e.signed(), e.Sig) {
		return ErrBadSignature
	}
	if now.UnixMilli() > e.ExpiresMs {
		return fmt.Errorf("%w at %d (now %d)", ErrExpired, e.ExpiresMs, now.UnixMilli())
	}
	return nil
}

// Open decodes the body into v after checking the type.
func (e Envelope) Open(typ string, v any) error {
	if e.Type != typ {
		return fmt.Errorf("%w: got %q, want %q", ErrWrongType, e.Type, typ)
	}
	if err := json.Unmarshal(e.Body, v); err != nil {
		return fmt.Errorf("%w: %s body: %v", ErrBadEnvelope, typ, err)
	}
	return nil
}

// ReplayGuard remembers (key, nonce) pairs until they expire so a message
// is accepted once. It is not safe for concurrent use.
type ReplayGuard struct {
	seen map[string]int64
	max  int
}

// NewReplayGuard remembers up to max live messages; older entries are
// pruned as they expire.
func NewReplayGuard(max int) *ReplayGuard { return &ReplayGuard{seen: map[string]int64{}, max: max} }

// Check records e and returns ErrReplay if it was seen before.
func (g *ReplayGuard) Check(e Envelope, now time.Time) error {
	k := string(e.PubKey) + string(binary.BigEndian.AppendUint64(nil, e.Nonce))
	if _, ok := g.seen[k]; ok {
		return ErrReplay
	}
	if len(g.seen) >= g.max {
		nowMs := now.UnixMilli()
		for key, exp := range g.seen {
			if exp < nowMs {
				delete(g.seen, key)
			}
		}
		if len(g.seen) >= g.max {
			return fmt.Errorf("%w: replay window full", ErrReplay)
		}
	}
	g.seen[k] = e.ExpiresMs
	return nil
}
