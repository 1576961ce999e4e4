package pricing

import (
	"testing"

	"pgregory.net/rapid"

	"github.com/deco-network/deco/internal/wire"
)

func TestAskTable(t *testing.T) {
	p := Params{Base: 1000, Floor: 400, Ceiling: 5000}
	tests := []struct {
		name string
		l    Load
		want wire.Amount
	}{
		{"idle, no demand", Load{0, 4, 0}, 500},
		{"half busy", Load{2, 4, 0}, 1250},
		{"full", Load{4, 4, 0}, 2000},
		{"full, surge", Load{4, 4, 40}, 3151},
		{"huge surge capped", Load{4, 4, 1 << 20}, 5000},
	}
	for _, tt := range tests {
		if got := Ask(p, tt.l); got != tt.want {
			t.Errorf("%s: Ask = %d, want %d", tt.name, got, tt.want)
		}
	}
	if Ask(Params{Base: 100, Floor: 90}, Load{0, 4, 0}) != 90 {
		t.Error("floor not applied")
	}
}

func TestAskProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		p := Params{Base: wire.Amount(rapid.Uint64Range(1, 1e9).Draw(t, "base"))}
		p.Floor = wire.Amount(rapid.Uint64Range(0, uint64(p.Base)).Draw(t, "floor"))
		p.Ceiling = wire.Amount(rapid.Uint64Range(uint64(p.Base), 10*uint64(p.Base)).Draw(t, "ceil"))
		slots := rapid.IntRange(1, 64).Draw(t, "slots")
		busy := rapid.IntRange(0, slots).Draw(t, "busy")
		req := rapid.IntRange(0, 10000).Draw(t, "req")
		a := Ask(p, Load{busy, slots, req})
		if a < p.Floor || a > p.Ceiling {
			t.Fatalf("ask %d outside [%d,%d]", a, p.Floor, p.Ceiling)
		}
		if busy < slots && Ask(p, Load{busy + 1, slots, req}) < a {
			t.Fatal("ask fell as utilization rose")
		}
		if Ask(p, Load{busy, slots, req + 1}) < a {
			t.Fatal("ask fell as demand rose")
		}
	})
}

func TestBudget(t *testing.T) {
	if Budget(4, 10, 0) != 40 || Budget(4, 10, 7) != 7 || !Affordable(5, 5) || Affordable(6, 5) {
		t.Fatal("budget rules")
	}
}
