package p2p

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"sync"
	"sync/atomic"
	"time"

	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/network"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/libp2p/go-libp2p/core/protocol"
)

// Errors of the framing layer.
var (
	// ErrTooLarge reports a message or blob bigger than the receiver's limit.
	// The stream it arrived on is reset, since the rest of it cannot be read
	// in step.
	ErrTooLarge = errors.New("too large")
	// ErrBadFrame reports a length prefix that is not a valid uvarint.
	ErrBadFrame = errors.New("malformed message length prefix")
)

// maxUvarintLen is the longest uvarint encoding of a uint64.
const maxUvarintLen = binary.MaxVarintLen64

// smallWrite is the size up to which WriteMsg sends prefix and payload in
// one write (one muxer frame).
const smallWrite = 64 << 10

// readFrame reads one uvarint-length-prefixed message from r. It never
// allocates more than max bytes for the payload: the length is checked
// before the buffer is made. A clean end of stream before the first byte of
// a message returns io.EOF; an end in the middle returns
// io.ErrUnexpectedEOF.
func readFrame(r byteReader, max int) ([]byte, error) {
	n, err := readUvarint(r)
	if err != nil {
		return nil, err
	}
	if max < 0 {
		max = 0
	}
	if n > uint64(max) {
		return nil, fmt.Errorf("%w: %d bytes announced, limit %d", ErrTooLarge, n, max)
	}
	buf := make([]byte, n)
	if _, err := io.ReadFull(r, buf); err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	return buf, nil
}

// byteReader is what readFrame reads from: a *bufio.Reader on streams, a
// *bytes.Reader in tests.
type byteReader interface {
	io.Reader
	io.ByteReader
}

// readUvarint reads an unsigned varint. Unlike binary.ReadUvarint it tells
// malformed prefixes (ErrBadFrame) apart from transport errors.
func readUvarint(r io.ByteReader) (uint64, error) {
	var x uint64
	var shift uint
	for i := 0; i < maxUvarintLen; i++ {
		b, err := r.ReadByte()
		if err != nil {
			if i > 0 && err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return 0, err
		}
		if b < 0x80 {
			if i == maxUvarintLen-1 && b > 1 {
				return 0, fmt.Errorf("%w: overflows 64 bits", ErrBadFrame)
			}
			return x | uint64(b)<<shift, nil
		}
		x |= uint64(b&0x7f) << shift
		shift += 7
	}
	return 0, fmt.Errorf("%w: longer than %d bytes", ErrBadFrame, maxUvarintLen)
}

// appendFrame appends the framed form of msg to dst.
func appendFrame(dst, msg []byte) []byte {
	dst = binary.AppendUvarint(dst, uint64(len(msg)))
	return append(dst, msg...)
}

var framePool = sync.Pool{New: func() any { b := make([]byte, 0, smallWrite+maxUvarintLen); return &b }}

// Stream is a libp2p stream carrying length-prefixed messages, optionally
// followed by raw bytes (Read/Write). It is bound to the context it was
// opened or accepted with: the context's deadline is the stream's deadline,
// and cancelling the context resets the stream, so blocked reads and writes
// return promptly. A dead peer (closed connection) fails pending reads with
// a reset or end-of-stream error. At most one goroutine may read and one may
// write at a time. The owner must call Close or Reset.
type Stream struct {
	s        network.Stream
	r        *bufio.Reader
	deadline time.Time // the bound context's deadline, zero if none
	stop     func() bool
	cause    atomic.Pointer[error] // why the context ended, if it did
	done     atomic.Bool
}

func newStream(ctx context.Context, ns network.Stream) *Stream {
	s := &Stream{s: ns, r: bufio.NewReader(ns)}
	if dl, ok := ctx.Deadline(); ok {
		s.deadline = dl
		_ = ns.SetDeadline(dl)
	}
	s.stop = context.AfterFunc(ctx, func() {
		err := context.Cause(ctx)
		s.cause.Store(&err)
		_ = ns.Reset()
	})
	return s
}

// wrap adds the context's reason to err when the context ended the stream.
func (s *Stream) wrap(op string, err error) error {
	var cause error
	if c := s.cause.Load(); c != nil {
		cause = *c
	} else if !s.deadline.IsZero() && !time.Now().Before(s.deadline) {
		// The stream deadline (the context's) fired before the context's
		// own timer did.
		cause = context.DeadlineExceeded
	}
	if cause != nil {
		return fmt.Errorf("%s on %s with %s: %w: %w", op, s.s.Protocol(), s.Remote(), cause, err)
	}
	return fmt.Errorf("%s on %s with %s: %w", op, s.s.Protocol(), s.Remote(), err)
}

// ReadMsg reads the next message, of at most max bytes. A bigger message
// resets the stream and returns an error wrapping ErrTooLarge. At a clean
// end of stream it returns io.EOF unwrapped.
func (s *Stream) ReadMsg(max int) ([]byte, error) {
	b, err := readFrame(s.r, max)
	switch {
	case err == nil:
		return b, nil
	case err == io.EOF:
		return nil, io.EOF
	case errors.Is(err, ErrTooLarge) || errors.Is(err, ErrBadFrame):
		_ = s.Reset()
	}
	return nil, s.wrap("read message", err)
}

// WriteMsg writes one message.
func (s *Stream) WriteMsg(msg []byte) error {
	if len(msg) <= smallWrite {
		bp := framePool.Get().(*[]byte)
		buf := appendFrame((*bp)[:0], msg)
		_, err := s.s.Write(buf)
		*bp = buf[:0]
		framePool.Put(bp)
		if err != nil {
			return s.wrap("write message", err)
		}
		return nil
	}
	var hdr [maxUvarintLen]byte
	if _, err := s.s.Write(binary.AppendUvarint(hdr[:0], uint64(len(msg)))); err != nil {
		return s.wrap("write message", err)
	}
	if _, err := s.s.Write(msg); err != nil {
		return s.wrap("write message", err)
	}
	return nil
}

// Read reads raw bytes that follow the messages read so far.
func (s *Stream) Read(p []byte) (int, error) {
	n, err := s.r.Read(p)
	if err != nil && err != io.EOF {
		err = s.wrap("read", err)
	}
	return n, err
}

// Write writes raw bytes.
func (s *Stream) Write(p []byte) (int, error) {
	n, err := s.s.Write(p)
	if err != nil {
		err = s.wrap("write", err)
	}
	return n, err
}

// Remote returns the peer at the other end.
func (s *Stream) Remote() peer.ID { return s.s.Conn().RemotePeer() }

// RemotePubKey returns the authenticated public key of the remote peer.
func (s *Stream) RemotePubKey() crypto.PubKey { return s.s.Conn().RemotePublicKey() }

// Protocol returns the stream's protocol.
func (s *Stream) Protocol() protocol.ID { return s.s.Protocol() }

// SetDeadline sets the read and write deadline, capped by the deadline of
// the stream's context.
func (s *Stream) SetDeadline(t time.Time) error { return s.s.SetDeadline(s.capped(t)) }

// SetReadDeadline sets the read deadline, capped like SetDeadline.
func (s *Stream) SetReadDeadline(t time.Time) error { return s.s.SetReadDeadline(s.capped(t)) }

// SetWriteDeadline sets the write deadline, capped like SetDeadline.
func (s *Stream) SetWriteDeadline(t time.Time) error { return s.s.SetWriteDeadline(s.capped(t)) }

func (s *Stream) capped(t time.Time) time.Time {
	if !s.deadline.IsZero() && (t.IsZero() || t.After(s.deadline)) {
		return s.deadline
	}
	return t
}

// CloseWrite tells the remote peer that no more data follows; reading
// stays possible.
func (s *Stream) CloseWrite() error {
	if err := s.s.CloseWrite(); err != nil {
		return s.wrap("close write", err)
	}
	return nil
}

// Close closes the stream gracefully. Closing twice, or after Reset, is a
// no-op.
func (s *Stream) Close() error {
	if !s.done.CompareAndSwap(false, true) {
		return nil
	}
	s.stop()
	return s.s.Close()
}

// Reset aborts the stream in both directions; the remote peer's reads and
// writes fail.
func (s *Stream) Reset() error {
	if !s.done.CompareAndSwap(false, true) {
		return nil
	}
	s.stop()
	return s.s.Reset()
}

// Handle serves proto: fn runs in its own goroutine for every incoming
// stream, with a context that ends when the host closes. The stream is
// closed when fn returns (if fn did not close or reset it). Handling the
// same protocol again replaces the handler. A peer opening streams of proto
// faster than Config.StreamRate has the excess reset unread (logged once a
// minute per peer), so one peer cannot keep the handlers busy.
func (d *Host) Handle(proto protocol.ID, fn func(ctx context.Context, s *Stream)) {
	d.h.SetStreamHandler(proto, func(ns network.Stream) {
		from := ns.Conn().RemotePeer()
		if ok, warn := d.streamLimit.take(from, string(proto), d.streamRate, time.Now()); !ok {
			if warn {
				d.log.Warn("peer opens streams faster than allowed; resetting the excess",
					"peer", from, "proto", proto, "per_second", d.streamRate.PerSecond, "burst", d.streamRate.Burst)
			}
			_ = ns.Reset()
			return
		}
		s := newStream(d.life, ns)
		defer s.Close()
		fn(d.life, s)
	})
}

// Unhandle stops serving proto.
func (d *Host) Unhandle(proto protocol.ID) { d.h.RemoveStreamHandler(proto) }

// Open opens a stream to p, dialing it if needed (by its known addresses or,
// with the DHT on, by looking it up). A relayed connection will do: a
// provider behind NAT is reached through its relay. The stream is bound
// to ctx: see Stream.
func (d *Host) Open(ctx context.Context, p peer.ID, proto protocol.ID) (*Stream, error) {
	ns, err := d.h.NewStream(network.WithAllowLimitedConn(ctx, limitedReason), p, proto)
	if err != nil {
		d.noteOpenFailure(p, err)
		return nil, fmt.Errorf("open %s stream to %s: %w", proto, p, err)
	}
	return newStream(ctx, ns), nil
}

// Request sends req to p over a new proto stream and returns the single
// response message, of at most maxResp bytes. The exchange is bounded by ctx.
func (d *Host) Request(ctx context.Context, p peer.ID, proto protocol.ID, req []byte, maxResp int) ([]byte, error) {
	s, err := d.Open(ctx, p, proto)
	if err != nil {
		return nil, err
	}
	if err := s.WriteMsg(req); err != nil {
		_ = s.Reset()
		return nil, err
	}
	if err := s.CloseWrite(); err != nil {
		_ = s.Reset()
		return nil, err
	}
	resp, err := s.ReadMsg(maxResp)
	if err != nil {
		_ = s.Reset()
		if err == io.EOF {
			return nil, fmt.Errorf("%s request to %s: peer closed the stream without answering", proto, p)
		}
		return nil, err
	}
	_ = s.Close()
	return resp, nil
}

// RequestHandler answers one request from peer from. A returned error
// resets the stream (the requester sees a failed request); errors the
// requester should read belong in the response message.
type RequestHandler func(ctx context.Context, from peer.ID, req []byte) ([]byte, error)

// HandleRequest serves proto as one request and one response message, the
// counterpart of Request. Requests bigger than maxReq are refused. fn's
// context ends after the host's idle timeout or when the host closes.
func (d *Host) HandleRequest(proto protocol.ID, maxReq int, fn RequestHandler) {
	d.Handle(proto, func(ctx context.Context, s *Stream) {
		ctx, cancel := context.WithTimeout(ctx, d.idle)
		defer cancel()
		dl, _ := ctx.Deadline()
		_ = s.SetDeadline(dl)
		req, err := s.ReadMsg(maxReq)
		if err != nil {
			d.log.Debug("bad request", "proto", proto, "peer", s.Remote(), "err", err)
			_ = s.Reset()
			return
		}
		resp, err := fn(ctx, s.Remote(), req)
		if err != nil {
			d.log.Debug("request failed", "proto", proto, "peer", s.Remote(), "err", err)
			_ = s.Reset()
			return
		}
		if err := s.WriteMsg(resp); err != nil {
			d.log.Debug("send response", "proto", proto, "peer", s.Remote(), "err", err)
			_ = s.Reset()
		}
	})
}
