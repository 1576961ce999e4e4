package shacircuit

import (
	"fmt"

	"github.com/consensys/gnark/frontend"
)

// iv is the initial hash value H(0) (FIPS 180-4, 5.3.3).
var iv = [8]uint32{
	0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
	0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
}

// k are the round constants K(256) (FIPS 180-4, 4.2.2).
var k = [64]uint32{
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
	0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
	0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
	0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
}

// Sum is SHA-256 of msg, a message given as bits, most significant bit of
// each byte first and bytes in message order (so msg[0] is the top bit of
// the first byte); len(msg) must be a multiple of 8 (panics otherwise).
// Every element must already be constrained to 0 or 1 by the caller, or be
// the constant 0 or 1. It returns the 256 digest bits in the same order
// (out[0] is the top bit of the digest's first byte). Padding is added here
// (its bits are constants and cost nothing).
func Sum(api frontend.API, msg []frontend.Variable) [256]frontend.Variable {
	if len(msg)%8 != 0 {
		panic(fmt.Sprintf("shacircuit: message of %d bits is not a whole number of bytes", len(msg)))
	}
	o := ops{api: api}
	padded := pad(msg)
	var h [8]word
	for i, x := range iv {
		h[i] = constWord(x)
	}
	for off := 0; off < len(padded); off += 512 {
		var block [16]word
		for i := range block {
			block[i] = bigEndian(padded[off+32*i : off+32*i+32])
		}
		h = o.compress(h, block)
	}
	var out [256]frontend.Variable
	for i, w := range h {
		for j := range 32 {
			out[32*i+j] = w[31-j]
		}
	}
	return out
}

// pad appends the bit 1, zeros up to 448 mod 512 bits and the message
// length in bits as a 64-bit big-endian integer (FIPS 180-4, 5.1.1).
func pad(msg []frontend.Variable) []frontend.Variable {
	n := len(msg)
	padded := make([]frontend.Variable, 0, n+1+511+64)
	padded = append(padded, msg...)
	padded = append(padded, 1)
	for len(padded)%512 != 448 {
		padded = append(padded, 0)
	}
	for i := 63; i >= 0; i-- {
		padded = append(padded, int(uint64(n)>>i&1))
	}
	return padded
}

// bigEndian reads a word from 32 bits, most significant first.
func bigEndian(bs []frontend.Variable) word {
	var w word
	for i := range w {
		w[i] = bs[31-i]
	}
	return w
}

// compress is the SHA-256 compression function (FIPS 180-4, 6.2.2): the
// next hash value after one block of 16 words.
func (o ops) compress(h [8]word, block [16]word) [8]word {
	var w [64]word
	copy(w[:], block[:])
	for t := 16; t < 64; t++ {
		w[t] = o.add(0, o.sigma1(w[t-2]), w[t-7], o.sigma0(w[t-15]), w[t-16])
	}

	a, b, c, d, e, f, g, hh := h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7]
	for t := range 64 {
		s1, ch := o.bigSigma1(e), o.chWord(e, f, g)
		s0, maj := o.bigSigma0(a), o.majWord(a, b, c)
		// e' = d + T1 and a' = T1 + T2, each as one sum rather than
		// chained: one bit split per new word instead of three.
		newE := o.add(k[t], d, hh, s1, ch, w[t])
		newA := o.add(k[t], hh, s1, ch, w[t], s0, maj)
		hh, g, f, e, d, c, b, a = g, f, e, newE, c, b, a, newA
	}

	next := [8]word{a, b, c, d, e, f, g, hh}
	for i := range next {
		next[i] = o.add(0, h[i], next[i])
	}
	return next
}

func (o ops) bigSigma0(x word) word { return o.xor3Word(x.rotr(2), x.rotr(13), x.rotr(22)) }
func (o ops) bigSigma1(x word) word { return o.xor3Word(x.rotr(6), x.rotr(11), x.rotr(25)) }
func (o ops) sigma0(x word) word    { return o.xor3Word(x.rotr(7), x.rotr(18), x.shr(3)) }
func (o ops) sigma1(x word) word    { return o.xor3Word(x.rotr(17), x.rotr(19), x.shr(10)) }
