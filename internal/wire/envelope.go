package wire

import (
	"container/list"
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

// MaxTTL is the longest lifetime a message may have. A receiver remembers
// every message until it expires to refuse replays, so an unbounded expiry
// would let a sender pin that memory forever. Gossiped fraud evidence has
// the longest lifetime (a day).
const MaxTTL = 24 * time.Hour

// MaxClockSkew is how far ahead of the receiver's clock a sender's may run
// before its messages are refused as expiring too far out.
const MaxClockSkew = time.Minute

// Envelope errors.
var (
	ErrTooLarge     = errors.New("message too large")
	ErrBadEnvelope  = errors.New("malformed message")
	ErrBadSignature = errors.New("message signature does not verify")
	ErrExpired      = errors.New("message expired")
	ErrWrongType    = errors.New("unexpected message type")
	ErrReplay       = errors.New("message replayed")
	// ErrTooFarAhead reports an expiry beyond MaxTTL (plus MaxClockSkew)
	// from now: the sender's clock is wrong or it tries to pin the
	// receiver's replay memory.
	ErrTooFarAhead = errors.New("message expires too far in the future")
	// ErrTooMany reports a sender with more unexpired messages than the
	// receiver remembers per sender; only that sender's messages are
	// refused, until some of them expire.
	ErrTooMany = errors.New("too many unexpired messages from this sender")
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
// ttl must be positive and at most MaxTTL; nonce must not repeat for this
// key within ttl.
func Seal(key ed25519.PrivateKey, typ string, body any, now time.Time, ttl time.Duration, nonce uint64) (Envelope, error) {
	if ttl <= 0 || ttl > MaxTTL {
		return Envelope{}, fmt.Errorf("seal %s: lifetime %v out of range: want more than 0 and at most %v", typ, ttl, MaxTTL)
	}
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

// Verify checks the signature and that the envelope has not expired at now
// and does not expire more than MaxTTL (plus MaxClockSkew) after now.
func (e Envelope) Verify(now time.Time) error {
	if len(e.PubKey) != ed25519.PublicKeySize || !ed25519.Verify(ed25519.PublicKey(e.PubKey), e.signed(), e.Sig) {
		return ErrBadSignature
	}
	if now.UnixMilli() > e.ExpiresMs {
		return fmt.Errorf("%w at %d (now %d)", ErrExpired, e.ExpiresMs, now.UnixMilli())
	}
	if limit := now.Add(MaxTTL + MaxClockSkew).UnixMilli(); e.ExpiresMs > limit {
		return fmt.Errorf("%w: %s expires at %d ms, more than %v after now (%d ms); refused (is the sender's clock wrong?)",
			ErrTooFarAhead, e.Type, e.ExpiresMs, MaxTTL, now.UnixMilli())
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

// ReplayGuard remembers (signer, nonce) pairs until they expire so a
// message is accepted once. Memory is kept per signer and bounded twice: a
// signer has at most perSigner unexpired entries (beyond that only its own
// messages are refused, ErrTooMany), and all signers together at most total;
// past that the least recently active signers are forgotten. Forgetting a
// signer could let its old messages be accepted again, so callers bind the
// signer to the authenticated sender first: then only the signer itself
// could replay them, or, for gossip, a relay within the message's lifetime
// after gossipsub's own duplicate filter has let it go.
//
// Check only the envelopes that passed Verify and whose type and body the
// caller accepts: anything recorded costs its signer a place in its window.
// A ReplayGuard is not safe for concurrent use.
type ReplayGuard struct {
	perSigner, total int
	size             int                      // entries over all windows
	windows          map[string]*list.Element // signer key -> element holding *replayWindow
	recent           *list.List               // windows, most recently used first
}

// replayWindow is one signer's unexpired nonces.
type replayWindow struct {
	signer string
	seen   map[uint64]int64 // nonce -> expiry (unix ms)
	// prunable is the earliest expiry in seen (0 until the first prune):
	// pruning earlier frees nothing, so a full window of far-expiring
	// messages costs one scan, not one per message.
	prunable int64
}

// NewReplayGuard remembers up to perSigner unexpired messages per signer
// and up to total over all signers (total is raised to perSigner if lower).
func NewReplayGuard(perSigner, total int) *ReplayGuard {
	perSigner = max(perSigner, 1)
	return &ReplayGuard{perSigner: perSigner, total: max(total, perSigner), windows: map[string]*list.Element{}, recent: list.New()}
}

// Check records e and returns ErrReplay if it was seen before, ErrExpired
// if it expired before now, or ErrTooMany if its signer's window is full of
// unexpired messages.
func (g *ReplayGuard) Check(e Envelope, now time.Time) error {
	nowMs := now.UnixMilli()
	if e.ExpiresMs < nowMs {
		return fmt.Errorf("%w at %d (now %d)", ErrExpired, e.ExpiresMs, nowMs)
	}
	w := g.window(string(e.PubKey))
	if _, ok := w.seen[e.Nonce]; ok {
		return ErrReplay
	}
	if len(w.seen) >= g.perSigner && nowMs >= w.prunable {
		g.size -= w.prune(nowMs)
	}
	if len(w.seen) >= g.perSigner {
		return fmt.Errorf("%w: %d live messages, the most remembered per sender; the sender must wait for them to expire", ErrTooMany, len(w.seen))
	}
	w.seen[e.Nonce] = e.ExpiresMs
	w.prunable = min(w.prunable, e.ExpiresMs)
	g.size++
	for g.size > g.total {
		g.evictOldest(nowMs)
	}
	return nil
}

// window returns signer's window, creating it, and marks it most recent.
func (g *ReplayGuard) window(signer string) *replayWindow {
	if el, ok := g.windows[signer]; ok {
		g.recent.MoveToFront(el)
		return el.Value.(*replayWindow)
	}
	w := &replayWindow{signer: signer, seen: map[uint64]int64{}}
	g.windows[signer] = g.recent.PushFront(w)
	return w
}

// evictOldest frees the least recently active window: its expired entries,
// or all of it when none have expired.
func (g *ReplayGuard) evictOldest(nowMs int64) {
	el := g.recent.Back()
	w := el.Value.(*replayWindow)
	if freed := w.prune(nowMs); freed > 0 {
		g.size -= freed
		if len(w.seen) > 0 {
			return
		}
	}
	g.size -= len(w.seen)
	g.recent.Remove(el)
	delete(g.windows, w.signer)
}

// prune deletes expired entries, notes the earliest remaining expiry, and
// returns how many it deleted.
func (w *replayWindow) prune(nowMs int64) int {
	n := 0
	w.prunable = int64(^uint64(0) >> 1)
	for nonce, exp := range w.seen {
		if exp < nowMs {
			delete(w.seen, nonce)
			n++
		} else if exp < w.prunable {
			w.prunable = exp
		}
	}
	return n
}
