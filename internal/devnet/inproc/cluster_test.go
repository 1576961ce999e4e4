package inproc

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/config"
	"github.com/deco-network/deco/internal/node"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
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
	var ae *api.Error
	if !errors.As(err, &ae) || ae.Status != http.StatusConflict {
		t.Fatalf("redeem without a chain: %v, want 409", err)
	}
	if err := c.SetupCircuits(ctx, "cubic"); !errors.Is(err, errNoChain) {
		t.Fatalf("SetupCircuits without a chain: %v", err)
	}
}

// TestBadInputRefused submits issue 13's bad input to a node on a chain:
// a max price whose budget wraps a uint64 (it used to deposit 0.000002
// DECO) and a 100TiB max_output. Both are named in one clear spec error;
// nothing is deposited; the node keeps serving. The API refuses a raw
// token without its Bearer scheme and accepts the scheme in any case.
func TestBadInputRefused(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	c, err := Start(ctx, Options{Providers: 1, Chain: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	prog, err := c.Client.PutBlob(ctx, strings.NewReader("\x00asm\x01\x00\x00\x00"))
	if err != nil {
		t.Fatal(err)
	}
	maxPrice, err := wire.ParseAmount("6148914691236.517206")
	if err != nil {
		t.Fatal(err)
	}
	s := spec.Job{Program: spec.Program{CID: prog.CID}, Tasks: spec.Tasks{Count: 3}, Price: spec.Price{Max: maxPrice}, MaxOutput: 100 << 40}
	_, err = c.Client.Submit(ctx, s)
	if !errors.Is(err, spec.ErrInvalid) || !strings.Contains(err.Error(), "price.max") || !strings.Contains(err.Error(), "max_output") {
		t.Fatalf("submit: %v; want a spec error naming price.max and max_output", err)
	}
	cons, err := c.Client.Redeem(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if cons.Balance != "1000" {
		t.Fatalf("the consumer's wallet holds %s DECO after the refused job, want 1000 (nothing deposited)", cons.Balance)
	}
	if jobs, err := c.Client.Jobs(ctx); err != nil || len(jobs) != 0 {
		t.Fatalf("jobs after the refusal: %v, %v", jobs, err)
	}

	status := func(auth string) int {
		t.Helper()
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.Consumer.APIURL()+"/v1/status", nil)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", auth)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	tok := c.Consumer.Token()
	for auth, want := range map[string]int{"Bearer " + tok: http.StatusOK, "bearer " + tok: http.StatusOK, tok: http.StatusUnauthorized, "Bearer ": http.StatusUnauthorized} {
		if got := status(auth); got != want {
			t.Errorf("Authorization %.10q…: status %d, want %d", auth, got, want)
		}
	}
}

// TestNodeRefusesWeakToken: an empty api.token used to switch the API's
// authentication off; a node given a missing, empty or short token now
// refuses to start and says how to get a strong one.
func TestNodeRefusesWeakToken(t *testing.T) {
	h := config.Home(t.TempDir())
	id, err := h.Init(false)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := h.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tok := range []string{"", "short", strings.Repeat("x", config.MinTokenLen-1)} {
		id.Token = tok
		n, err := node.New(node.Options{Home: h, Config: cfg, Identity: id})
		if !errors.Is(err, config.ErrWeakToken) || !strings.Contains(err.Error(), "deco init") || n != nil {
			t.Fatalf("token %q: node %v, %v; want refused with ErrWeakToken", tok, n, err)
		}
	}
}
