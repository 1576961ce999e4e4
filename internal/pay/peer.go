package pay

import (
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	lcrypto "github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/peer"

	"github.com/deco-network/deco/internal/chain"
)

// ErrBadPeerBinding: a provider's on-chain peer binding is missing or its
// signature was not made by the named peer's key.
var ErrBadPeerBinding = errors.New("peer binding does not verify")

// SignPeerBinding signs chain.PeerBindingMessage with a node's libp2p key,
// binding its peer ID to the EVM address provider under the registry of
// chainID. Pass the results to Chain.BindPeer.
func SignPeerBinding(key lcrypto.PrivKey, chainID *big.Int, registry, provider common.Address) (peerID string, sig []byte, err error) {
	id, err := peer.IDFromPrivateKey(key)
	if err != nil {
		return "", nil, fmt.Errorf("peer id of the binding key: %w", err)
	}
	sig, err = key.Sign(chain.PeerBindingMessage(chainID, registry, provider, id.String()))
	if err != nil {
		return "", nil, fmt.Errorf("sign peer binding: %w", err)
	}
	return id.String(), sig, nil
}

// VerifyPeerBinding checks a binding read with Chain.Peer: the peer ID
// must embed its public key (ed25519 IDs do) and the signature must be
// that key's over chain.PeerBindingMessage. It returns the bound peer.
func VerifyPeerBinding(chainID *big.Int, registry, provider common.Address, b chain.PeerBinding) (peer.ID, error) {
	if b.PeerID == "" {
		return "", fmt.Errorf("%w: %s bound no peer", ErrBadPeerBinding, provider.Hex())
	}
	id, err := peer.Decode(b.PeerID)
	if err != nil {
		return "", fmt.Errorf("%w: %s bound %q, not a peer ID: %v", ErrBadPeerBinding, provider.Hex(), b.PeerID, err)
	}
	pub, err := id.ExtractPublicKey()
	if err != nil {
		return "", fmt.Errorf("%w: peer %s does not embed its key: %v", ErrBadPeerBinding, id, err)
	}
	ok, err := pub.Verify(chain.PeerBindingMessage(chainID, registry, provider, b.PeerID), b.Signature)
	if err != nil || !ok {
		return "", fmt.Errorf("%w: %s's binding to %s is not signed by that peer", ErrBadPeerBinding, provider.Hex(), id)
	}
	return id, nil
}
