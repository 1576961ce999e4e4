package wire

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// maxFrameType bounds the type tag of a session frame.
const maxFrameType = 64

// EncodeFrame encodes one message for an authenticated point-to-point
// session: the type tag, a newline, then the JSON body. A frame carries no
// signature of its own because the session does that work: a libp2p stream
// runs inside a Noise channel that proves which peer is at the other end
// and protects the order and integrity of everything on it, so a replayed
// or forged frame cannot appear in it. What a third party must be able to
// check later (a receipt, a voucher) carries its own signature inside the
// body. Messages that travel further than one session (offers, evidence)
// use signed Envelopes.
func EncodeFrame(typ string, body any) ([]byte, error) {
	if typ == "" || len(typ) > maxFrameType {
		return nil, fmt.Errorf("%w: frame type %q", ErrBadEnvelope, typ)
	}
	var buf bytes.Buffer
	buf.Grow(len(typ) + 256)
	buf.WriteString(typ)
	buf.WriteByte('\n')
	if err := json.NewEncoder(&buf).Encode(body); err != nil {
		return nil, fmt.Errorf("encode %s: %w", typ, err)
	}
	return buf.Bytes(), nil
}

// Frame is a decoded session frame.
type Frame struct {
	Type string
	Body []byte
}

// DecodeFrame parses untrusted bytes into a frame; call Open for the body.
func DecodeFrame(b []byte) (Frame, error) {
	if len(b) > MaxMessage {
		return Frame{}, ErrTooLarge
	}
	i := bytes.IndexByte(b[:min(len(b), maxFrameType+1)], '\n')
	if i <= 0 {
		return Frame{}, fmt.Errorf("%w: frame without a type", ErrBadEnvelope)
	}
	return Frame{Type: string(b[:i]), Body: b[i+1:]}, nil
}

// Open decodes the body into v after checking the type.
func (f Frame) Open(typ string, v any) error {
	if f.Type != typ {
		return fmt.Errorf("%w: got %q, want %q", ErrWrongType, f.Type, typ)
	}
	if err := json.Unmarshal(f.Body, v); err != nil {
		return fmt.Errorf("%w: %s body: %v", ErrBadEnvelope, typ, err)
	}
	return nil
}
