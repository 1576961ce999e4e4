package wire

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"hash"
	"io"

	"github.com/ipfs/go-cid"
	mh "github.com/multiformats/go-multihash"
)

// CID is the content address of a blob: a CIDv1 with the raw codec and a
// sha2-256 multihash, in its canonical base32 string form ("bafkrei...").
// The zero value means "no content".
type CID string

// ErrBadCID reports a string that is not a CIDv1/raw/sha2-256 content address.
var ErrBadCID = errors.New("not a deco content address (want CIDv1, raw codec, sha2-256)")

// CIDOf returns the content address of b.
func CIDOf(b []byte) CID {
	sum := sha256.Sum256(b)
	return cidFromDigest(sum[:])
}

// CIDFromDigest builds the content address of a blob whose sha2-256 digest is d.
func CIDFromDigest(d [32]byte) CID { return cidFromDigest(d[:]) }

func cidFromDigest(d []byte) CID {
	m, err := mh.Encode(d, mh.SHA2_256)
	if err != nil {
		panic(err) // unreachable: the digest length is fixed
	}
	return CID(cid.NewCidV1(cid.Raw, m).String())
}

// ParseCID checks s and returns it as a CID.
func ParseCID(s string) (CID, error) {
	_, err := digestOf(s)
	if err != nil {
		return "", err
	}
	return CID(s), nil
}

// Digest returns the sha2-256 digest inside c.
func (c CID) Digest() ([32]byte, error) { return digestOf(string(c)) }

func digestOf(s string) ([32]byte, error) {
	var out [32]byte
	if len(s) > 128 {
		return out, fmt.Errorf("%w: too long", ErrBadCID)
	}
	id, err := cid.Decode(s)
	if err != nil {
		return out, fmt.Errorf("%w: %v", ErrBadCID, err)
	}
	if id.Version() != 1 || id.Type() != cid.Raw {
		return out, ErrBadCID
	}
	dm, err := mh.Decode(id.Hash())
	if err != nil || dm.Code != mh.SHA2_256 || len(dm.Digest) != 32 {
		return out, ErrBadCID
	}
	copy(out[:], dm.Digest)
	return out, nil
}

// Hasher computes a CID over a stream of bytes.
type Hasher struct{ h hash.Hash }

// NewHasher returns a Hasher; write the blob to it, then call Sum.
func NewHasher() *Hasher { return &Hasher{h: sha256.New()} }

// Write adds p to the hashed content. It never fails.
func (h *Hasher) Write(p []byte) (int, error) { return h.h.Write(p) }

// Sum returns the CID of everything written so far.
func (h *Hasher) Sum() CID { return cidFromDigest(h.h.Sum(nil)) }

var _ io.Writer = (*Hasher)(nil)

// String returns c as a string.
func (c CID) String() string { return string(c) }

// Short is an abbreviation of c for tables.
func (c CID) Short() string {
	if len(c) <= 16 {
		return string(c)
	}
	return string(c[:8]) + "…" + string(c[len(c)-6:])
}
