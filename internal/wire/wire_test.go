package wire

import (
	"crypto/ed25519"
	"errors"
	"strings"
	"testing"
	"time"
)

func TestCIDRoundTrip(t *testing.T) {
	c := CIDOf([]byte("hello"))
	if !strings.HasPrefix(string(c), "bafkrei") {
		t.Fatalf("unexpected CID form %q", c)
	}
	if _, err := ParseCID(string(c)); err != nil {
		t.Fatal(err)
	}
	h := NewHasher()
	h.Write([]byte("hel"))
	h.Write([]byte("lo"))
	if h.Sum() != c {
		t.Fatal("streaming hash differs")
	}
	for _, bad := range []string{"", "../etc/passwd", "bafy", "QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG"} {
		if _, err := ParseCID(bad); !errors.Is(err, ErrBadCID) {
			t.Errorf("ParseCID(%q) = %v, want ErrBadCID", bad, err)
		}
	}
}

func TestAmount(t *testing.T) {
	tests := []struct {
		in   string
		want Amount
		str  string
		bad  bool
	}{
		{"0.05", 50000, "0.05", false},
		{"3", 3000000, "3", false},
		{".5", 500000, "0.5", false},
		{"1.000001", 1000001, "1.000001", false},
		{"2 DECO", 2000000, "2", false},
		{"-1", 0, "", true},
		{"0.0000001", 0, "", true},
		{"abc", 0, "", true},
		{"", 0, "", true},
	}
	for _, tt := range tests {
		got, err := ParseAmount(tt.in)
		if tt.bad {
			if err == nil {
				t.Errorf("ParseAmount(%q) accepted", tt.in)
			}
			continue
		}
		if err != nil || got != tt.want || got.String() != tt.str {
			t.Errorf("ParseAmount(%q) = %v (%s), %v; want %v (%s)", tt.in, uint64(got), got, err, uint64(tt.want), tt.str)
		}
	}
	if Amount(1).Wei().String() != "1000000000000" {
		t.Fatal("wei conversion")
	}
}

func TestManifestCanonical(t *testing.T) {
	m := Manifest{Kind: "outputs", Entries: []Entry{
		{Path: "b/x.txt", Size: 3, CID: CIDOf([]byte("abc"))},
		{Path: "a.png", Size: 0, CID: CIDOf(nil)},
	}}
	if err := m.Normalize(); err != nil {
		t.Fatal(err)
	}
	if m.Entries[0].Path != "a.png" {
		t.Fatal("not sorted")
	}
	back, err := ParseManifest(m.Encode())
	if err != nil {
		t.Fatal(err)
	}
	if back.Root() != m.Root() {
		t.Fatal("root changed in round trip")
	}
	for _, p := range []string{"/abs", "../up", "a/../b", "a//b", "x\ny", ""} {
		bad := Manifest{Kind: "outputs", Entries: []Entry{{Path: p, CID: CIDOf(nil)}}}
		if err := bad.Normalize(); !errors.Is(err, ErrBadManifest) {
			t.Errorf("path %q accepted", p)
		}
	}
	dup := Manifest{Kind: "outputs", Entries: []Entry{{Path: "a", CID: CIDOf(nil)}, {Path: "a", CID: CIDOf(nil)}}}
	if err := dup.Normalize(); err == nil {
		t.Error("duplicate accepted")
	}
}

func TestEnvelope(t *testing.T) {
	_, key, _ := ed25519.GenerateKey(nil)
	now := time.Unix(1_700_000_000, 0)
	env, err := Seal(key, TypeBid, Bid{Job: "00112233445566778899aabbccddeeff", Accept: true, Price: 7}, now, time.Minute, 1)
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := env.Marshal()
	got, err := DecodeEnvelope(raw)
	if err != nil {
		t.Fatal(err)
	}
	if err := got.Verify(now); err != nil {
		t.Fatal(err)
	}
	var b Bid
	if err := got.Open(TypeBid, &b); err != nil || b.Price != 7 {
		t.Fatalf("open: %v %+v", err, b)
	}
	if err := got.Open(TypeOffer, &b); !errors.Is(err, ErrWrongType) {
		t.Fatalf("wrong type accepted: %v", err)
	}
	if err := got.Verify(now.Add(2 * time.Minute)); !errors.Is(err, ErrExpired) {
		t.Fatalf("expired accepted: %v", err)
	}
	got.Body = []byte(`{"job":"00112233445566778899aabbccddeeff","accept":true,"price":"8"}`)
	if err := got.Verify(now); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("tampered body accepted: %v", err)
	}
	g := NewReplayGuard(10, 100)
	if err := g.Check(env, now); err != nil {
		t.Fatal(err)
	}
	if err := g.Check(env, now); !errors.Is(err, ErrReplay) {
		t.Fatal("replay accepted")
	}
}

func TestIDs(t *testing.T) {
	j := NewJobID([16]byte{1, 2, 3})
	if _, err := ParseJobID(string(j)); err != nil {
		t.Fatal(err)
	}
	if _, err := ParseJobID("XYZ"); err == nil {
		t.Fatal("bad id accepted")
	}
	a, b := TaskID{j, 0}.Bytes32(), TaskID{j, 1}.Bytes32()
	if a == b {
		t.Fatal("task ids collide")
	}
}

func TestAmountChecked(t *testing.T) {
	const top = Amount(1<<64 - 1)
	tests := []struct {
		name string
		got  func() (Amount, error)
		want Amount
		ok   bool
	}{
		{"add", func() (Amount, error) { return Amount(2).Add(3) }, 5, true},
		{"add to the top", func() (Amount, error) { return (top - 1).Add(1) }, top, true},
		{"add over", func() (Amount, error) { return top.Add(1) }, 0, false},
		{"times", func() (Amount, error) { return Amount(7).Times(3) }, 21, true},
		{"times zero", func() (Amount, error) { return top.Times(0) }, 0, true},
		{"times over", func() (Amount, error) { return Amount(6148914691236517206).Times(3) }, 0, false},
		{"times negative", func() (Amount, error) { return Amount(1).Times(-1) }, 0, false},
		{"sum", func() (Amount, error) { return Sum(1, 2, 3) }, 6, true},
		{"sum over", func() (Amount, error) { return Sum(top, 1, 2) }, 0, false},
	}
	for _, tt := range tests {
		got, err := tt.got()
		if tt.ok != (err == nil) || got != tt.want {
			t.Errorf("%s: got %d, %v; want %d, ok %v", tt.name, got, err, tt.want, tt.ok)
		}
		if err != nil && !errors.Is(err, ErrAmountOverflow) {
			t.Errorf("%s: %v is not ErrAmountOverflow", tt.name, err)
		}
	}
}
