package verify

import (
	"errors"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/deco-network/deco/internal/wire"
)

func TestCheckCheckpoint(t *testing.T) {
	key, _ := crypto.GenerateKey()
	other, _ := crypto.GenerateKey()
	evm := crypto.PubkeyToAddress(key.PublicKey).Hex()
	d := Domain{ChainID: 1337}
	spec := wire.TaskSpec{Task: wire.TaskID{Job: "j1", Index: 2}, Attempt: 3, Resume: wire.CIDOf([]byte("earlier"))}
	good := wire.Checkpoint{Job: "j1", Index: 2, Attempt: 3, Root: wire.CIDOf([]byte("state")), Size: 5, Seq: 4, Permille: 700,
		Resume: spec.Resume, Provider: evm}
	if err := SignCheckpoint(key, d, &good); err != nil {
		t.Fatal(err)
	}
	if err := CheckCheckpoint(d, good, spec, evm, 1<<20); err != nil {
		t.Fatalf("good checkpoint refused: %v", err)
	}
	resigned := func(c wire.Checkpoint) wire.Checkpoint { SignCheckpoint(key, d, &c); return c }
	for name, c := range map[string]wire.Checkpoint{
		"other attempt":   resigned(func() wire.Checkpoint { c := good; c.Attempt = 2; return c }()),
		"other resume":    resigned(func() wire.Checkpoint { c := good; c.Resume = ""; return c }()),
		"too big":         resigned(func() wire.Checkpoint { c := good; c.Size = 2 << 20; return c }()),
		"progress > 1000": resigned(func() wire.Checkpoint { c := good; c.Permille = 1001; return c }()),
		"root edited":     func() wire.Checkpoint { c := good; c.Root = wire.CIDOf([]byte("other")); return c }(),
		"seq edited":      func() wire.Checkpoint { c := good; c.Seq = 9; return c }(),
		"other signer": func() wire.Checkpoint {
			c := good
			SignCheckpoint(other, d, &c)
			return c
		}(),
	} {
		if err := CheckCheckpoint(d, c, spec, evm, 1<<20); !errors.Is(err, ErrBadCheckpoint) {
			t.Errorf("%s: err %v, want ErrBadCheckpoint", name, err)
		}
	}
}

// A fresh attempt's spec hash is what it was before checkpoints; a
// resumed one commits to its checkpoint.
func TestSpecHashResume(t *testing.T) {
	s := wire.TaskSpec{Task: wire.TaskID{Job: "j1"}, Program: wire.CIDOf([]byte("p"))}
	r := s
	r.Resume = wire.CIDOf([]byte("state"))
	r2 := s
	r2.Resume = wire.CIDOf([]byte("state2"))
	if SpecHash(s) == SpecHash(r) || SpecHash(r) == SpecHash(r2) {
		t.Error("the spec hash does not commit to the checkpoint resumed from")
	}
}
