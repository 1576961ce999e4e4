package config

import (
	"testing"

	"github.com/deco-network/deco/internal/wire"
)

func TestSetAsk(t *testing.T) {
	for _, tc := range []struct {
		name                string
		floor, ceiling, ask wire.Amount
		wantFloor, wantCeil wire.Amount
	}{
		{name: "inside the band", floor: 500, ceiling: 10000, ask: 2000, wantFloor: 500, wantCeil: 10000},
		{name: "below the floor", floor: 500, ceiling: 10000, ask: 100, wantFloor: 50, wantCeil: 10000},
		{name: "above the ceiling", floor: 500, ceiling: 10000, ask: 50000, wantFloor: 500, wantCeil: 500000},
		{name: "on both bounds", floor: 700, ceiling: 700, ask: 700, wantFloor: 700, wantCeil: 700},
	} {
		p := Provider{Ask: 1000, Floor: tc.floor, Ceiling: tc.ceiling}
		p.SetAsk(tc.ask)
		if p.Ask != tc.ask || p.Floor != tc.wantFloor || p.Ceiling != tc.wantCeil {
			t.Errorf("%s: got ask %s floor %s ceiling %s, want %s %s %s", tc.name, p.Ask, p.Floor, p.Ceiling, tc.ask, tc.wantFloor, tc.wantCeil)
		}
		c := Default()
		c.Provider = p
		if err := c.Validate(); err != nil {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}
