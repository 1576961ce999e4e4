package main

import (
	"math"
	"os"
	"path/filepath"
	"testing"
)

// TestBlackScholes: the closed form against a textbook value (S=100,
// K=105, r=5%, σ=20%, T=1: 8.0214) and put–call parity's bound.
func TestBlackScholes(t *testing.T) {
	if got := blackScholes(100, 105, 0.05, 0.2, 1); math.Abs(got-8.0214) > 5e-5 {
		t.Fatalf("call price %.5f, want 8.0214", got)
	}
	if got := blackScholes(100, 100, 0.05, 0.2, 1e-9); got > 1e-3 {
		t.Fatalf("an at-the-money call about to expire costs %.5f, want about 0", got)
	}
}

func TestRunPoolsTasks(t *testing.T) {
	dir := t.TempDir()
	for i, body := range []string{
		`{"task":0,"paths":2,"sum":10,"sum_sq":52,"spot":100,"strike":105,"rate":0.05,"vol":0.2,"years":1}`,
		`{"task":1,"paths":2,"sum":14,"sum_sq":100,"spot":100,"strike":105,"rate":0.05,"vol":0.2,"years":1}`,
	} {
		p := filepath.Join(dir, string(rune('0'+i)), "outputs")
		if err := os.MkdirAll(p, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(p, "result.json"), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := run(dir); err != nil {
		t.Fatal(err)
	}
	other := filepath.Join(dir, "2", "outputs")
	os.MkdirAll(other, 0o755)
	os.WriteFile(filepath.Join(other, "result.json"), []byte(`{"task":2,"paths":2,"sum":1,"sum_sq":1,"spot":50,"strike":105,"rate":0.05,"vol":0.2,"years":1}`), 0o644)
	if err := run(dir); err == nil {
		t.Fatal("results of two different options were pooled")
	}
	if err := run(t.TempDir()); err == nil {
		t.Fatal("an empty directory gave a price")
	}
}
