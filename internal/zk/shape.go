package zk

import (
	"encoding/binary"
	"errors"
	"fmt"
)

// gnark's decoders trust the lengths inside the bytes (a slice length of
// 2^32, a domain of 2^60 elements) and allocate before reading, so hostile
// bytes can exhaust memory before any check fails. The shape checks below
// walk the encoding first, without allocating, and accept it only if every
// length fits in the bytes that follow and nothing is left over; decoding
// then allocates at most a small multiple of the input size. They also
// reject Pedersen commitments, which none of Deco's circuits have (the
// Solidity verifier would have to check them).

// shape walks one encoding.
type shape struct {
	b   []byte
	err error
}

func (s *shape) fail(format string, args ...any) {
	if s.err == nil {
		s.err = fmt.Errorf(format, args...)
	}
}

func (s *shape) take(n uint64) []byte {
	if s.err != nil {
		return nil
	}
	if n > uint64(len(s.b)) {
		s.fail("truncated: %d bytes needed, %d left", n, len(s.b))
		return nil
	}
	out := s.b[:n]
	s.b = s.b[n:]
	return out
}

func (s *shape) u32() uint32 {
	if b := s.take(4); b != nil {
		return binary.BigEndian.Uint32(b)
	}
	return 0
}

func (s *shape) u64() uint64 {
	if b := s.take(8); b != nil {
		return binary.BigEndian.Uint64(b)
	}
	return 0
}

// point skips a curve point: compressed (the two top bits of its first
// byte set to anything but 00) or raw, of the given compressed size.
func (s *shape) point(compressed uint64) {
	if s.err != nil || len(s.b) == 0 {
		s.take(compressed)
		return
	}
	if s.b[0]&0b1100_0000 != 0 {
		s.take(compressed)
	} else {
		s.take(2 * compressed)
	}
}

func (s *shape) g1() { s.point(32) }
func (s *shape) g2() { s.point(64) }

// points skips a length-prefixed slice of points.
func (s *shape) points(compressed uint64) {
	n := uint64(s.u32())
	if s.err == nil && n*compressed > uint64(len(s.b)) {
		s.fail("a list of %d points does not fit in %d bytes", n, len(s.b))
		return
	}
	for range n {
		s.point(compressed)
	}
}

// zero32 reads a count that must be zero (commitments).
func (s *shape) zero32(what string) {
	if n := s.u32(); s.err == nil && n != 0 {
		s.fail("%d %s: Deco's circuits have none", n, what)
	}
}

func (s *shape) end() error {
	if s.err == nil && len(s.b) != 0 {
		s.fail("%d trailing bytes", len(s.b))
	}
	return s.err
}

var errShape = errors.New("unexpected encoding")

// checkProvingKey checks the shape of a groth16/bn254 proving key.
func checkProvingKey(b []byte) error {
	s := &shape{b: b}
	card := s.u64() // the FFT domain; decoding precomputes card twiddles
	s.take(5*32 + 1)
	if s.err == nil && (card == 0 || card&(card-1) != 0 || card > uint64(len(b))/32) {
		s.fail("domain of %d elements in a key of %d bytes", card, len(b))
	}
	s.g1() // alpha
	s.g1() // beta
	s.g1() // delta
	for range 4 {
		s.points(32) // A, B, Z, K
	}
	s.g2() // beta
	s.g2() // delta
	s.points(64)
	nbWires := s.u64()
	s.u64() // points at infinity in A, B
	s.u64()
	if s.err == nil && nbWires > uint64(len(s.b))/2 {
		s.fail("%d wires do not fit in %d bytes", nbWires, len(s.b))
	}
	s.take(nbWires) // infinity flags of A
	s.take(nbWires) // and of B
	s.zero32("commitment keys")
	return wrapShape("proving key", s.end())
}

// checkVerifyingKey checks the shape of a groth16/bn254 verifying key.
func checkVerifyingKey(b []byte) error {
	s := &shape{b: b}
	s.g1() // alpha
	s.g1() // beta
	s.g2() // beta
	s.g2() // gamma
	s.g1() // delta
	s.g2() // delta
	s.points(32)
	s.zero32("committed public inputs")
	s.zero32("commitment keys")
	return wrapShape("verifying key", s.end())
}

// checkProof checks the shape of a groth16/bn254 proof.
func checkProof(b []byte) error {
	s := &shape{b: b}
	s.g1() // A
	s.g2() // B
	s.g1() // C
	s.zero32("commitments")
	s.g1() // commitment proof of knowledge (the point at infinity)
	return wrapShape("proof", s.end())
}

func wrapShape(what string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%w of %s: %v", errShape, what, err)
}
