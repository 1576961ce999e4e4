package verify

import (
	"crypto/ecdsa"
	"errors"
	"fmt"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/deco-network/deco/internal/wire"
)

// A node's EVM address is a field its messages fill in; only a binding
// makes it the sender's. The EVM key signs the peer ID, so the address
// cannot be claimed by another peer, and the peer's key signs each
// message, so the binding cannot be replayed by one.

// ErrNotBound: a message names an EVM address that is not bound to the
// peer that sent it.
var ErrNotBound = errors.New("EVM address not bound to the sending peer")

// BindingDigest is what an EVM key signs to bind itself to peer.
func BindingDigest(peer string) [32]byte {
	return crypto.Keccak256Hash([]byte("deco/peer-binding/1\x00"), []byte(peer))
}

// Bind binds key's address to peer.
func Bind(key *ecdsa.PrivateKey, peer string) (wire.Binding, error) {
	sig, err := SignDigest(key, BindingDigest(peer))
	if err != nil {
		return wire.Binding{}, fmt.Errorf("bind the EVM key to peer %s: %w", peer, err)
	}
	return wire.Binding{EVM: crypto.PubkeyToAddress(key.PublicKey).Hex(), Peer: peer, Sig: sig}, nil
}

// CheckBinding checks that b binds evm, the address a message names, to
// peer, the authenticated peer that sent it.
func CheckBinding(b wire.Binding, peer, evm string) error {
	switch {
	case b.Peer != peer:
		return fmt.Errorf("%w: the binding names peer %q, the message came from %s", ErrNotBound, b.Peer, peer)
	case !common.IsHexAddress(evm) || !strings.EqualFold(b.EVM, evm):
		return fmt.Errorf("%w: the message names %q, the binding %q", ErrNotBound, evm, b.EVM)
	}
	signer, err := Recover(BindingDigest(peer), b.Sig)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrNotBound, err)
	}
	if signer != common.HexToAddress(evm) {
		return fmt.Errorf("%w: %s's binding is signed by %s", ErrNotBound, evm, signer.Hex())
	}
	return nil
}
