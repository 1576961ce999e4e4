package verify

import (
	"errors"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/deco-network/deco/internal/wire"
)

func TestCheckBinding(t *testing.T) {
	key, _ := crypto.GenerateKey()
	other, _ := crypto.GenerateKey()
	const peer, stranger = "12D3KooWPeer", "12D3KooWStranger"
	b, err := Bind(key, peer)
	if err != nil {
		t.Fatal(err)
	}
	forged, _ := Bind(other, peer)
	forged.EVM = b.EVM // another key's signature under b's address
	tests := []struct {
		name      string
		b         wire.Binding
		peer, evm string
		ok        bool
	}{
		{"bound", b, peer, b.EVM, true},
		{"address in another case", b, peer, strings.ToLower(b.EVM), true},
		{"sent by another peer", b, stranger, b.EVM, false},
		{"re-addressed to the sender", wire.Binding{EVM: b.EVM, Peer: stranger, Sig: b.Sig}, stranger, b.EVM, false},
		{"names another address", b, peer, crypto.PubkeyToAddress(other.PublicKey).Hex(), false},
		{"signed by another key", forged, peer, b.EVM, false},
		{"no signature", wire.Binding{EVM: b.EVM, Peer: peer}, peer, b.EVM, false},
		{"no address", wire.Binding{Peer: peer, Sig: b.Sig}, peer, "", false},
	}
	for _, tt := range tests {
		err := CheckBinding(tt.b, tt.peer, tt.evm)
		if tt.ok != (err == nil) || err != nil && !errors.Is(err, ErrNotBound) {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
}
