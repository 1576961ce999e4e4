package sched

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/deco-network/deco/internal/wire"
)

// What the learned scheduler knows, as a view for display and as the
// state the node persists across restarts.

// ProviderView is what the learned scheduler believes about a provider,
// for display (`deco providers -o json`).
type ProviderView struct {
	Peer           string  `json:"peer"`
	Declared       float64 `json:"declared_benchmark"`
	PredictedSpeed float64 `json:"predicted_speed"` // benchmark units; below Declared means it over-declares
	SpeedLogSD     float64 `json:"speed_log_sd"`
	Reliability    float64 `json:"reliability"`
	Observed       int     `json:"observed"`
	Failed         int     `json:"failed"`
}

// Providers returns every provider the scheduler knows, by peer id.
func (l *Learned) Providers() []ProviderView {
	out := make([]ProviderView, 0, len(l.model.peers))
	for peer, p := range l.model.peers {
		sp := l.model.speedOf(p, p.Benchmark)
		out = append(out, ProviderView{Peer: peer, Declared: p.Benchmark, PredictedSpeed: math.Exp(sp.Mean), SpeedLogSD: math.Sqrt(sp.Var),
			Reliability: l.model.Reliability(peer, l.cfg.PriorOK, l.cfg.PriorFailed), Observed: p.Observed, Failed: int(p.Failed)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Peer < out[j].Peer })
	return out
}

// LearnedState is the learned scheduler's persistent state, JSON-able.
type LearnedState struct {
	Version  int        `json:"version"`
	Model    ModelState `json:"model"`
	Inflight float64    `json:"inflight"`
}

// ErrBadState reports a persisted scheduler state this version cannot load.
var ErrBadState = errors.New("unsupported scheduler state")

// Snapshot returns the state to persist.
func (l *Learned) Snapshot() LearnedState {
	return LearnedState{Version: modelVersion, Model: l.model.Snapshot()}
}

// Restore loads a state saved by Snapshot. Attempts in flight are not
// restored: the market fails them on restart.
func (l *Learned) Restore(s LearnedState) error {
	if s.Version != modelVersion || (s.Model.Version != 0 && s.Model.Version != modelVersion) {
		return fmt.Errorf("%w: version %d, this node reads version %d (delete the saved model to start learning afresh)", ErrBadState, s.Version, modelVersion)
	}
	l.model.Restore(s.Model)
	// The roster follows the model: rebuilt from the offers it remembers,
	// in peer order.
	peers := make([]string, 0, len(l.model.peers))
	for p := range l.model.peers {
		peers = append(peers, p)
	}
	sort.Strings(peers)
	l.ros, l.idx, l.roundRows = roster{}, capIndex{}, map[wire.CID][]int32{}
	for _, peer := range peers {
		p := l.model.peers[peer]
		i := l.ros.upsert(peer, p.Benchmark)
		w := &l.ros.rows[i]
		w.m, w.slots, w.lat, w.exp = p, p.Slots, time.Duration(p.LatencyNs), p.ExpiresMs
		l.refresh(i)
	}
	return nil
}
