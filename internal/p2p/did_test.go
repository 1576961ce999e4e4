package p2p

import (
	"errors"
	"strings"
	"testing"

	"github.com/libp2p/go-libp2p/core/crypto"
	"github.com/multiformats/go-multibase"
)

func TestDIDKeyVector(t *testing.T) {
	// A published did:key and its base58btc-encoded ed25519 public key
	// (decentralized-identity interoperability fixtures).
	const (
		pubBase58 = "HrBXe7XnjMbscM1roSDTSMCcLNraetDQM9wSVjnzDxn3"
		did       = "did:key:z6MkwJSaEMnE4u6LiqrZV1BJHSkc9x8S4mTm3ArNL1m19BZR"
	)
	_, raw, err := multibase.Decode("z" + pubBase58)
	if err != nil {
		t.Fatal(err)
	}
	pub, err := crypto.UnmarshalEd25519PublicKey(raw)
	if err != nil {
		t.Fatal(err)
	}
	got, err := DIDKey(pub)
	if err != nil || got != did {
		t.Fatalf("DIDKey = %q, %v; want %q", got, err, did)
	}
	back, err := PubKeyFromDID(did)
	if err != nil || !back.Equals(pub) {
		t.Fatalf("PubKeyFromDID: %v, %v", back, err)
	}
}

func TestDIDRoundTrip(t *testing.T) {
	sk, pub, err := crypto.GenerateEd25519Key(nil)
	if err != nil {
		t.Fatal(err)
	}
	_ = sk
	did, err := DIDKey(pub)
	if err != nil || !strings.HasPrefix(did, "did:key:z6Mk") {
		t.Fatalf("DIDKey = %q, %v", did, err)
	}
	id, err := PeerIDFromDID(did)
	if err != nil {
		t.Fatal(err)
	}
	if did2, err := DIDFromPeerID(id); err != nil || did2 != did {
		t.Fatalf("DIDFromPeerID = %q, %v; want %q", did2, err, did)
	}
}

func TestDIDRejects(t *testing.T) {
	_, secp, err := crypto.GenerateSecp256k1Key(nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := DIDKey(secp); !errors.Is(err, ErrBadDID) {
		t.Errorf("DIDKey(secp256k1) = %v, want ErrBadDID", err)
	}
	for _, s := range []string{
		"",
		"did:web:example.com",
		"did:key:6MkwJSaEMnE4u6LiqrZV1BJHSkc9x8S4mTm3ArNL1m19BZR",   // no multibase prefix
		"did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme", // secp256k1 did:key
		"did:key:z6Mkw", // truncated
		"did:key:z0OIl", // not base58
	} {
		if _, err := PeerIDFromDID(s); !errors.Is(err, ErrBadDID) {
			t.Errorf("PeerIDFromDID(%q) = %v, want ErrBadDID", s, err)
		}
	}
}

// FuzzPubKeyFromDID: a did:key that parses is the one canonical did:key of
// its key, so one peer cannot appear under two DIDs, and it names the same
// peer ID both ways.
func FuzzPubKeyFromDID(f *testing.F) {
	f.Add("did:key:z6MkwJSaEMnE4u6LiqrZV1BJHSkc9x8S4mTm3ArNL1m19BZR")
	f.Add("did:key:z6MkwJSaEMnE4u6LiqrZV1BJHSkc9x8S4mTm3ArNL1m19BZ")
	f.Add("did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme")
	f.Add("did:key:u7QE")
	f.Fuzz(func(t *testing.T, did string) {
		pub, err := PubKeyFromDID(did)
		if err != nil {
			if !errors.Is(err, ErrBadDID) {
				t.Fatalf("error %v is not ErrBadDID", err)
			}
			return
		}
		again, err := DIDKey(pub)
		if err != nil || again != did {
			t.Fatalf("did %q parses to a key whose did is %q (%v)", did, again, err)
		}
		id, err := PeerIDFromDID(did)
		if err != nil {
			t.Fatal(err)
		}
		if back, err := DIDFromPeerID(id); err != nil || back != did {
			t.Fatalf("did %q -> peer %s -> %q (%v)", did, id, back, err)
		}
	})
}
