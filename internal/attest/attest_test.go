package attest

import (
	"context"
	"errors"
	"testing"
)

func TestSoftwareNeverClaimsHardware(t *testing.T) {
	ctx := context.Background()
	var digest [32]byte
	digest[0] = 1
	ev, err := Software{}.Attest(ctx, digest)
	if err != nil {
		t.Fatal(err)
	}
	reg := NewRegistry(Software{})
	c, err := reg.Verify(ctx, ev, digest)
	if err != nil {
		t.Fatal(err)
	}
	if c.Hardware || c.Kind != KindSoftware {
		t.Fatalf("claims %+v", c)
	}
}

func TestRegistryRejects(t *testing.T) {
	ctx := context.Background()
	reg := NewRegistry(Software{})
	for name, tc := range map[string]struct {
		ev   Evidence
		want error
	}{
		"unknown kind":        {Evidence{Kind: "tdx", Quote: []byte{1}}, ErrUnknownKind},
		"software with quote": {Evidence{Kind: KindSoftware, Quote: []byte("fake quote")}, ErrBadEvidence},
		"empty kind":          {Evidence{}, ErrUnknownKind},
	} {
		if _, err := reg.Verify(ctx, tc.ev, [32]byte{}); !errors.Is(err, tc.want) {
			t.Errorf("%s: got %v, want %v", name, err, tc.want)
		}
	}
}
