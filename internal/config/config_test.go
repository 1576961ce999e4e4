package config

import (
	"errors"
	"testing"
)

func TestInitIdempotent(t *testing.T) {
	h := Home(t.TempDir())
	a, err := h.Init(false)
	if err != nil {
		t.Fatal(err)
	}
	b, err := h.Init(false)
	if err != nil {
		t.Fatal(err)
	}
	if a.PeerID != b.PeerID || a.EVM != b.EVM || a.Token != b.Token {
		t.Fatal("init replaced existing keys")
	}
	if len(a.Ed25519()) != 64 {
		t.Fatal("ed25519 key")
	}
	cfg, err := h.Load()
	if err != nil {
		t.Fatal(err)
	}
	cfg.API = "0.0.0.0:80"
	if err := cfg.Validate(); !errors.Is(err, ErrInvalid) {
		t.Fatalf("non-loopback API accepted: %v", err)
	}
}

func TestMissingHome(t *testing.T) {
	h := Home(t.TempDir())
	if _, err := h.Identity(); !errors.Is(err, ErrNoHome) {
		t.Fatalf("got %v", err)
	}
}
