package wire

import (
	"crypto/ed25519"
	"errors"
	"testing"
	"time"

	"pgregory.net/rapid"
)

// sealAt signs an envelope expiring at exp, bypassing Seal's lifetime
// check, as an attacker's own code would.
func sealAt(key ed25519.PrivateKey, nonce uint64, exp time.Time) Envelope {
	e := Envelope{V: Version, Type: TypeBidRequest, PubKey: key.Public().(ed25519.PublicKey), Nonce: nonce, ExpiresMs: exp.UnixMilli(), Body: []byte(`{}`)}
	e.Sig = ed25519.Sign(key, e.signed())
	return e
}

func TestExpiryCapped(t *testing.T) {
	_, key, _ := ed25519.GenerateKey(nil)
	now := time.Unix(1_700_000_000, 0)
	if _, err := Seal(key, TypeOffer, Offer{}, now, 100*365*24*time.Hour, 1); err == nil {
		t.Fatal("Seal accepted a 100-year lifetime")
	}
	if _, err := Seal(key, TypeOffer, Offer{}, now, 0, 1); err == nil {
		t.Fatal("Seal accepted a zero lifetime")
	}
	longest, err := Seal(key, TypeOffer, Offer{}, now, MaxTTL, 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := longest.Verify(now); err != nil {
		t.Fatalf("an envelope living MaxTTL is refused: %v", err)
	}
	// A sender's clock a little ahead is tolerated.
	if err := longest.Verify(now.Add(-MaxClockSkew / 2)); err != nil {
		t.Fatalf("MaxTTL with a clock half the skew ahead is refused: %v", err)
	}
	for _, exp := range []time.Time{now.Add(MaxTTL + MaxClockSkew + time.Second), now.AddDate(100, 0, 0)} {
		if err := sealAt(key, 2, exp).Verify(now); !errors.Is(err, ErrTooFarAhead) {
			t.Fatalf("expiry %v after now: got %v, want ErrTooFarAhead", exp.Sub(now), err)
		}
	}
}

// TestReplayGuardPerSigner is the replay half of the flood attack: one
// signer fills its window with far-expiring messages; another signer's
// messages are still accepted once and refused when replayed.
func TestReplayGuardPerSigner(t *testing.T) {
	_, attacker, _ := ed25519.GenerateKey(nil)
	_, honest, _ := ed25519.GenerateKey(nil)
	now := time.Unix(1_700_000_000, 0)
	g := NewReplayGuard(100, 1000)
	far := now.Add(MaxTTL)
	for i := range uint64(100) {
		if err := g.Check(sealAt(attacker, i, far), now); err != nil {
			t.Fatalf("message %d of the attacker: %v", i, err)
		}
	}
	for i := range uint64(1000) {
		if err := g.Check(sealAt(attacker, 100+i, far), now); !errors.Is(err, ErrTooMany) {
			t.Fatalf("attacker's message beyond its window: got %v, want ErrTooMany", err)
		}
	}
	for i := range uint64(500) {
		m := sealAt(honest, i, now.Add(2*time.Minute))
		if err := g.Check(m, now); err != nil {
			t.Fatalf("honest message %d refused while the attacker's window is full: %v", i, err)
		}
		if err := g.Check(m, now); !errors.Is(err, ErrReplay) {
			t.Fatalf("honest message %d replayed: got %v, want ErrReplay", i, err)
		}
		now = now.Add(2 * time.Second) // at most 60 honest messages live at once
	}
	if g.size > g.total {
		t.Fatalf("%d entries remembered, bound %d", g.size, g.total)
	}
	// The attacker's window frees only as its messages expire.
	if err := g.Check(sealAt(attacker, 5000, far), far.Add(time.Millisecond)); !errors.Is(err, ErrExpired) {
		t.Fatalf("expired message: got %v, want ErrExpired", err)
	}
	later := far.Add(time.Millisecond)
	if err := g.Check(sealAt(attacker, 5001, later.Add(time.Minute)), later); err != nil {
		t.Fatalf("attacker's window still full after its messages expired: %v", err)
	}
}

// TestReplayGuardBounded: many signers (a Sybil flood) cannot grow the
// guard beyond its total, and the signer in active use keeps its window.
func TestReplayGuardBounded(t *testing.T) {
	_, honest, _ := ed25519.GenerateKey(nil)
	now := time.Unix(1_700_000_000, 0)
	g := NewReplayGuard(10, 50)
	first := sealAt(honest, 1, now.Add(time.Minute))
	if err := g.Check(first, now); err != nil {
		t.Fatal(err)
	}
	for i := range 2000 {
		_, sybil, _ := ed25519.GenerateKey(nil)
		for n := range uint64(3) {
			if err := g.Check(sealAt(sybil, n, now.Add(MaxTTL)), now); err != nil {
				t.Fatalf("sybil %d message %d: %v", i, n, err)
			}
		}
		// The honest signer stays active; its replay stays refused.
		if err := g.Check(first, now); !errors.Is(err, ErrReplay) {
			t.Fatalf("after %d sybils the honest message was accepted again: %v", i+1, err)
		}
		if g.size > g.total || len(g.windows) > g.total {
			t.Fatalf("%d entries in %d windows, bound %d", g.size, len(g.windows), g.total)
		}
	}
}

// TestReplayGuardModel checks ReplayGuard against a plain model of what it
// promises (while the total bound is not reached): an expired message is
// refused, a message accepted before is refused as a replay, a signer with
// perSigner live messages is refused, and anything else is accepted.
func TestReplayGuardModel(t *testing.T) {
	const perSigner = 4
	keys := make([]ed25519.PrivateKey, 3)
	for i := range keys {
		_, keys[i], _ = ed25519.GenerateKey(nil)
	}
	rapid.Check(t, func(rt *rapid.T) {
		g := NewReplayGuard(perSigner, 1000)
		now := time.Unix(1_700_000_000, 0)
		type sent struct {
			signer int
			env    Envelope
		}
		var history []sent
		accepted := map[int]map[uint64]int64{} // signer -> nonce -> expiry
		nonce := uint64(0)
		for range rapid.IntRange(1, 200).Draw(rt, "steps") {
			now = now.Add(time.Duration(rapid.IntRange(0, 3000).Draw(rt, "advance ms")) * time.Millisecond)
			var m sent
			if len(history) > 0 && rapid.Bool().Draw(rt, "replay") {
				m = history[rapid.IntRange(0, len(history)-1).Draw(rt, "which")]
			} else {
				nonce++
				s := rapid.IntRange(0, len(keys)-1).Draw(rt, "signer")
				ttl := time.Duration(rapid.IntRange(1, 10_000).Draw(rt, "ttl ms")) * time.Millisecond
				m = sent{s, sealAt(keys[s], nonce, now.Add(ttl))}
				history = append(history, m)
			}
			nowMs := now.UnixMilli()
			live := 0
			for _, exp := range accepted[m.signer] {
				if exp >= nowMs {
					live++
				}
			}
			var want error
			_, seen := accepted[m.signer][m.env.Nonce]
			switch {
			case m.env.ExpiresMs < nowMs:
				want = ErrExpired
			case seen:
				want = ErrReplay
			case live >= perSigner:
				want = ErrTooMany
			}
			got := g.Check(m.env, now)
			if (want == nil) != (got == nil) || (want != nil && !errors.Is(got, want)) {
				rt.Fatalf("signer %d nonce %d expiring in %d ms with %d live: got %v, want %v", m.signer, m.env.Nonce, m.env.ExpiresMs-nowMs, live, got, want)
			}
			if got == nil {
				if accepted[m.signer] == nil {
					accepted[m.signer] = map[uint64]int64{}
				}
				accepted[m.signer][m.env.Nonce] = m.env.ExpiresMs
			}
		}
	})
}
