package inproc

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/api"
)

// A cluster on a chain: every node is funded and every provider staked,
// which the wallet endpoint reports from the chain.
func TestStartOnChain(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	c, err := Start(ctx, Options{Providers: 1, Chain: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	cons, err := c.Client.Redeem(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if cons.Address != c.Consumer.EVM().Hex() || len(cons.Earnings) != 0 || cons.Balance != "1000" || cons.Error != "" {
		t.Fatalf("consumer's redeem = %+v", cons)
	}
	p := c.Providers[0]
	prov, err := (&api.Client{Base: p.APIURL(), Token: p.Token()}).Redeem(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if prov.Address != p.EVM().Hex() || len(prov.Earnings) != 0 || prov.Balance != "900" { // 100 DECO staked
		t.Fatalf("provider's redeem = %+v", prov)
	}
}

// Without a chain there is no wallet and no escrow to register circuits in.
func TestStartWithoutChain(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	c, err := Start(ctx, Options{Providers: 1})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if c.Sim != nil {
		t.Fatal("a chain without Options.Chain")
	}
	_, err = c.Client.Redeem(ctx)
	var ae *api.APIError
	if !errors.As(err, &ae) || ae.Status != http.StatusConflict {
		t.Fatalf("redeem without a chain: %v, want 409", err)
	}
	if err := c.SetupCircuits(ctx, "cubic"); !errors.Is(err, errNoChain) {
		t.Fatalf("SetupCircuits without a chain: %v", err)
	}
}
