package pricing

import (
	"errors"
	"math"
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
	b1, err1 := Budget(4, 1, 10, 0)
	b2, err2 := Budget(4, 1, 10, 7)
	if b1 != 40 || b2 != 7 || err1 != nil || err2 != nil || !Affordable(5, 5) || Affordable(6, 5) {
		t.Fatal("budget rules")
	}
	// replicate:3 pays up to three providers a task: the deposit covers all.
	if b, err := Budget(6, 3, 10, 0); b != 180 || err != nil {
		t.Fatalf("Budget(6 tasks, 3 replicas, 10) = %s, %v; want 180", b, err)
	}
}

// TestBudgetOverflow is issue 13's wrapped deposit: price.max
// 6148914691236.517206 with 3 tasks multiplied to 0.000002 DECO.
func TestBudgetOverflow(t *testing.T) {
	maxPrice, err := wire.ParseAmount("6148914691236.517206")
	if err != nil {
		t.Fatal(err)
	}
	b, err := Budget(3, 1, maxPrice, 0)
	if !errors.Is(err, ErrBudget) || !errors.Is(err, wire.ErrAmountOverflow) || b != 0 {
		t.Fatalf("Budget(3, %s) = %s, %v; want an overflow error", maxPrice, b, err)
	}
	if _, err := Budget(0, 1, 10, 0); !errors.Is(err, ErrBudget) {
		t.Fatalf("0 tasks: %v", err)
	}
	// Fits for one replica, overflows for three: the replicas are checked too.
	third := wire.Amount(^uint64(0)/3 + 1)
	if _, err := Budget(1, 3, third, 0); !errors.Is(err, wire.ErrAmountOverflow) {
		t.Fatalf("3 replicas at %s: %v; want an overflow error", third, err)
	}
}

// TestAskSaturates: a base price so high that the load factor pushes it
// past uint64 asks the most an amount holds (or the ceiling), never a
// wrapped small price.
func TestAskSaturates(t *testing.T) {
	huge := wire.Amount(1 << 63)
	if got := Ask(Params{Base: huge}, Load{Busy: 4, Slots: 4, BidRequests: 100}); got < huge {
		t.Fatalf("ask %s below the base %s", got, huge)
	}
	if got := Ask(Params{Base: huge, Ceiling: 7}, Load{Busy: 4, Slots: 4}); got != 7 {
		t.Fatalf("ask %s, want the ceiling 7", got)
	}
}

func TestFailurePay(t *testing.T) {
	tests := []struct {
		name    string
		failure string
		exit    int64
		price   wire.Amount
		want    wire.Amount
	}{
		{"time limit pays the price", wire.FailTimeLimit, 0, 1001, 1001},
		{"memory limit pays half", wire.FailMemoryLimit, 0, 1000, 500},
		{"output limit pays half", wire.FailOutputTooLarge, 0, 1000, 500},
		{"invalid module pays half", wire.FailBadModule, 0, 1000, 500},
		{"non-zero exit pays half, rounded down", "", 3, 1001, 500},
		{"a successful exit is no failure", "", 0, 1000, 0},
		{"missing input ran nothing", wire.FailMissingInput, 0, 1000, 0},
		{"no escrow ran nothing", wire.FailNoEscrow, 0, 1000, 0},
		{"the provider's own failure", wire.FailProvider, 0, 1000, 0},
		{"an unknown kind", "disk_on_fire", 0, 1000, 0},
		{"the largest price does not overflow", wire.FailTimeLimit, 0, wire.Amount(math.MaxUint64), wire.Amount(math.MaxUint64)},
		{"half of the largest price", "", 1, wire.Amount(math.MaxUint64), wire.Amount(math.MaxUint64 / 2)},
	}
	for _, tt := range tests {
		if got := FailurePay(tt.price, tt.failure, tt.exit); got != tt.want {
			t.Errorf("%s: FailurePay(%d, %q, %d) = %d, want %d", tt.name, tt.price, tt.failure, tt.exit, got, tt.want)
		}
	}
	rapid.Check(t, func(t *rapid.T) {
		price := wire.Amount(rapid.Uint64().Draw(t, "price"))
		kind := rapid.SampledFrom([]string{"", wire.FailTimeLimit, wire.FailMemoryLimit, wire.FailBadModule, wire.FailOutputTooLarge, wire.FailMissingInput}).Draw(t, "kind")
		if got := FailurePay(price, kind, rapid.Int64().Draw(t, "exit")); got > price {
			t.Fatalf("FailurePay(%d, %q) = %d, above the price", price, kind, got)
		}
	})
}
