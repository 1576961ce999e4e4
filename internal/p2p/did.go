package p2p

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/peer"
	"github.com/multiformats/go-multibase"
)

// ErrBadDID reports a string that is not a did:key for an ed25519 key.
var ErrBadDID = errors.New("not an ed25519 did:key (want did:key:z6Mk…)")

const didKeyPrefix = "did:key:"

// ed25519Multicodec is the varint-encoded multicodec 0xed (ed25519-pub).
var ed25519Multicodec = []byte{0xed, 0x01}

// DIDKey returns the did:key form of an ed25519 public key:
// "did:key:z" + base58btc(0xed 0x01 ‖ key), which always starts "did:key:z6Mk".
func DIDKey(pub crypto.PubKey) (string, error) {
	if pub == nil || pub.Type() != crypto.Ed25519 {
		return "", fmt.Errorf("did:key: %w: key is not ed25519", ErrBadDID)
	}
	raw, err := pub.Raw()
	if err != nil {
		return "", fmt.Errorf("did:key: %w", err)
	}
	s, err := multibase.Encode(multibase.Base58BTC, append(bytes.Clone(ed25519Multicodec), raw...))
	if err != nil {
		return "", fmt.Errorf("did:key: %w", err)
	}
	return didKeyPrefix + s, nil
}

// PubKeyFromDID parses an ed25519 did:key.
func PubKeyFromDID(did string) (crypto.PubKey, error) {
	rest, ok := strings.CutPrefix(did, didKeyPrefix)
	if !ok || !strings.HasPrefix(rest, "z") || len(rest) > 64 {
		return nil, fmt.Errorf("%w: %q", ErrBadDID, did)
	}
	_, b, err := multibase.Decode(rest)
	if err != nil || !bytes.HasPrefix(b, ed25519Multicodec) {
		return nil, fmt.Errorf("%w: %q", ErrBadDID, did)
	}
	pub, err := crypto.UnmarshalEd25519PublicKey(b[len(ed25519Multicodec):])
	if err != nil {
		return nil, fmt.Errorf("%w: %q: %v", ErrBadDID, did, err)
	}
	return pub, nil
}

// PeerIDFromDID returns the peer ID of the key named by an ed25519 did:key.
func PeerIDFromDID(did string) (peer.ID, error) {
	pub, err := PubKeyFromDID(did)
	if err != nil {
		return "", err
	}
	return peer.IDFromPublicKey(pub)
}

// DIDFromPeerID returns the did:key of an ed25519 peer ID (such IDs embed
// the public key).
func DIDFromPeerID(p peer.ID) (string, error) {
	pub, err := p.ExtractPublicKey()
	if err != nil {
		return "", fmt.Errorf("did:key for peer %s: %w", p, err)
	}
	return DIDKey(pub)
}
