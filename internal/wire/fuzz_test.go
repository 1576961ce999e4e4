package wire

import (
	"crypto/ed25519"
	"testing"
	"time"
)

func FuzzDecodeEnvelope(f *testing.F) {
	_, key, _ := ed25519.GenerateKey(nil)
	env, _ := Seal(key, TypeOffer, Offer{Peer: "p", Slots: 2}, time.Unix(0, 0), time.Hour, 3)
	raw, _ := env.Marshal()
	f.Add(raw)
	f.Add([]byte(`{"v":1}`))
	f.Add([]byte(`null`))
	f.Fuzz(func(t *testing.T, b []byte) {
		e, err := DecodeEnvelope(b)
		if err != nil {
			return
		}
		_ = e.Verify(time.Unix(0, 0))
		for _, typ := range []string{TypeOffer, TypeBidRequest, TypeBid, TypeAssign, TypeStatus, TypeResult, TypeCancel} {
			var v any
			switch typ {
			case TypeOffer:
				v = &Offer{}
			case TypeBidRequest:
				v = &BidRequest{}
			case TypeBid:
				v = &Bid{}
			case TypeAssign:
				v = &Assign{}
			case TypeStatus:
				v = &Status{}
			case TypeResult:
				v = &Result{}
			case TypeCancel:
				v = &Cancel{}
			}
			e.Type = typ
			_ = e.Open(typ, v)
		}
	})
}

func FuzzParseManifest(f *testing.F) {
	m := Manifest{Kind: "outputs", Entries: []Entry{{Path: "a/b.txt", Size: 3, CID: CIDOf([]byte("abc"))}}}
	f.Add(m.Encode())
	f.Add([]byte("deco-inputs/1\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := ParseManifest(b)
		if err != nil {
			return
		}
		if string(got.Encode()) != string(b) {
			t.Fatalf("accepted non-canonical manifest")
		}
	})
}

func FuzzParseAmount(f *testing.F) {
	f.Add("0.05")
	f.Add("18446744073709.551615")
	f.Fuzz(func(t *testing.T, s string) {
		a, err := ParseAmount(s)
		if err != nil {
			return
		}
		b, err := ParseAmount(a.String())
		if err != nil || a != b {
			t.Fatalf("round trip %q -> %v -> %v (%v)", s, a, b, err)
		}
	})
}

func FuzzParseCID(f *testing.F) {
	f.Add(string(CIDOf([]byte("x"))))
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseCID(s)
		if err != nil {
			return
		}
		if _, err := c.Digest(); err != nil {
			t.Fatal(err)
		}
	})
}
