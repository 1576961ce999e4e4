package config

import (
	"errors"
	"os"
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

// blob_quota is written as a size; unset means DefaultBlobQuota.
func TestBlobQuota(t *testing.T) {
	h := Home(t.TempDir())
	if _, err := h.Init(false); err != nil {
		t.Fatal(err)
	}
	cfg, err := h.Load()
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.UploadQuota(); got != DefaultBlobQuota {
		t.Fatalf("default quota %d, want %d", got, DefaultBlobQuota)
	}
	if err := os.WriteFile(h.Path("config.yaml"), []byte("blob_quota: 512MiB\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if cfg, err = h.Load(); err != nil || cfg.UploadQuota() != 512<<20 {
		t.Fatalf("blob_quota: 512MiB read as %d (%v)", cfg.UploadQuota(), err)
	}
}
