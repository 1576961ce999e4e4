package sched

import (
	"fmt"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/wire"
)

// The work prior of an unseen program comes from its jobs' time limit once
// a few programs were fitted: log work ≈ β0 + β1·log timeout.
func TestWorkPriorFromTimeLimit(t *testing.T) {
	m := NewModel(ModelConfig{})
	// Providers of known speed 100 (trusted benchmarks), programs whose
	// time limit is 4× their run time on them.
	obs := func(prog wire.CID, run time.Duration, n int) {
		for i := range n {
			m.Observe(Observation{Peer: fmt.Sprint("p", i%5), Program: prog, OK: true, Duration: run, Benchmark: 100})
		}
	}
	for i, run := range []time.Duration{10 * time.Second, 30 * time.Second, 90 * time.Second, 20 * time.Second} {
		prog := wire.CIDOf([]byte(fmt.Sprint("fit", i)))
		m.SeeProgram(prog, 4*run)
		obs(prog, run, 8)
	}
	if m.workFit.N < workModelMin {
		t.Fatalf("%d programs fitted, want %d", m.workFit.N, workModelMin)
	}
	tests := []struct {
		name    string
		timeout time.Duration
		run     time.Duration // on a speed-100 provider
	}{
		{"short", 20 * time.Second, 5 * time.Second},
		{"long", 20 * time.Minute, 5 * time.Minute},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			prog := wire.CIDOf([]byte(tt.name))
			m.SeeProgram(prog, tt.timeout)
			w := m.Work(prog)
			if want := math.Log(tt.run.Seconds() * 100); !near(w.Mean, want, 0.25) {
				t.Fatalf("prior log work %.2f, want %.2f ± 0.25", w.Mean, want)
			}
			if w.Var > 0.5 {
				t.Fatalf("prior variance %.2f: the time limit taught nothing", w.Var)
			}
			// Without a time limit the prior is the programs' spread.
			if g := m.Work(wire.CIDOf([]byte("no limit"))); g.Var < 0.25 {
				t.Fatalf("a program without a time limit has prior variance %.2f", g.Var)
			}
		})
	}
}

// Failures are a hazard: the chance of success of a run falls with its
// length, relative to the provider's typical run.
func TestReliabilityOverDuration(t *testing.T) {
	tests := []struct {
		rel, d, dref, want float64
	}{
		{0.8, 60, 60, 0.8},
		{0.8, 120, 60, 0.64},
		{0.8, 30, 60, math.Sqrt(0.8)},
		{0.8, 600, 0, 0.8},        // no run seen: per attempt
		{0.5, 6000, 60, minRel},   // floored
		{1, 600, 60, 1},           // never failed
		{0.9, 0.001, 60, 0.99999}, // a tiny run hardly fails
	}
	for _, tt := range tests {
		if got := relFor(tt.rel, tt.d, tt.dref); !near(got, tt.want, 1e-4) {
			t.Errorf("relFor(%v, %v, %v) = %.5f, want %.5f", tt.rel, tt.d, tt.dref, got, tt.want)
		}
	}
	// The model keeps the run time the posterior refers to.
	m := NewModel(ModelConfig{})
	m.Observe(Observation{Peer: "p", Program: progA, OK: true, Duration: 10 * time.Second, Benchmark: 1})
	m.Observe(Observation{Peer: "p", Program: progA, OK: true, Duration: 30 * time.Second, Benchmark: 1})
	if p := m.peers["p"]; p.RunTime != 40 || p.Observed != 2 {
		t.Fatalf("run time %v over %d runs, want 40 over 2", p.RunTime, p.Observed)
	}
}

// fleet is a learned scheduler that knows fast and slow providers (offers
// seen, speeds observed) and the candidates they are.
func fleet(t testing.TB, fast, slow int, cfg LearnedConfig) (*Learned, []Candidate) {
	t.Helper()
	cfg.Seed = 5
	l := NewLearned(cfg)
	var cands []Candidate
	add := func(name string, speed float64, i int) {
		peer := fmt.Sprintf("%s%03d", name, i)
		bench := speed + float64(i)/64
		l.SeeOffer(wire.Offer{Peer: peer, Slots: 1, Benchmark: bench, Ask: 100}, 10*time.Millisecond)
		for range 10 {
			l.Observe(Observation{Peer: peer, Program: progA, OK: true, Duration: time.Duration(6000 / speed * float64(time.Second)), Benchmark: bench})
		}
		cands = append(cands, Candidate{Peer: peer, Price: 100, Slots: 1, Benchmark: bench, Latency: 10 * time.Millisecond})
	}
	for i := range fast {
		add("fast", 100, i)
	}
	for i := range slow {
		add("slow", 20, i)
	}
	return l, cands
}

func peersOf(cs []Candidate) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Peer)
	}
	slices.Sort(out)
	return out
}

// Longest tasks first: while more tasks wait than there are free slots, a
// small program's round leaves to a bigger waiting program the providers
// the bigger one fits (all of them, or the fastest covering its tasks) —
// but not to a bigger program that arrived long after it.
func TestBiggerTasksGoFirst(t *testing.T) {
	now := time.Unix(1e9, 0)
	big, small := wire.CIDOf([]byte("big")), wire.CIDOf([]byte("small"))
	// Fast providers run a big task in 600s, slow ones in 3000s: with 60
	// tasks waiting, only the fast ones end within the backlog's horizon.
	round := func(prog wire.CID, tasks int, at time.Time) Round {
		return Round{Request: Request{MaxPrice: 1000, Preference: "fast", Program: prog}, Now: at, Tasks: tasks, Backlog: 60}
	}
	tests := []struct {
		name     string
		bigTasks int
		bigAt    time.Duration // when the big program's round is first seen, after the small one's
		wantFast int           // fast providers the small program may ask
	}{
		{"more bigger tasks than fast providers: all fast ones are theirs", 50, 0, 0},
		{"three bigger tasks: the three fastest are theirs", 3, 0, 5},
		{"a bigger program arriving much later waits its turn", 50, 5 * time.Minute, 8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, cands := fleet(t, 8, 8, LearnedConfig{Explore: -1})
			l.model.SeeProgram(big, 4*time.Hour)
			l.model.SeeProgram(small, 40*time.Second)
			l.model.progs[big].Work, l.model.progs[big].Observed = Gauss{Mean: math.Log(60000), Var: 0.001}, 5
			l.model.progs[small].Work, l.model.progs[small].Observed = Gauss{Mean: math.Log(600), Var: 0.001}, 5
			l.saturated = true
			seeBig := func(at time.Time) {
				l.Shortlist(round(big, tt.bigTasks, at), cands, 16)
				l.Plan(round(big, 0, at), nil) // its round closes: reservations end
			}
			if tt.bigAt == 0 {
				seeBig(now)
			}
			l.Shortlist(round(small, 50, now), cands, 16)
			l.Plan(round(small, 0, now), nil)
			if tt.bigAt > 0 {
				seeBig(now.Add(tt.bigAt))
			}
			got := peersOf(l.Shortlist(round(small, 50, now.Add(tt.bigAt+time.Second)), cands, 16))
			fast := 0
			for _, p := range got {
				if p[:4] == "fast" {
					fast++
				}
			}
			if fast != tt.wantFast || len(got) == 0 {
				t.Fatalf("small program asks %v: %d fast, want %d", got, fast, tt.wantFast)
			}
		})
	}
}

// The screening pass (an optimistic bound, then Thompson samples for the
// most promising) chooses as sampling everyone would when there is no
// sampling noise to be lucky with, and its sample above Screen providers
// keeps the elite.
func TestScreeningAgreesWithExhaustive(t *testing.T) {
	now := time.Unix(1e9, 0)
	for _, n := range []int{300, 3000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			mk := func(cfg LearnedConfig) (*Learned, []Candidate) {
				cfg.Explore = -1
				l, cands := fleet(t, n/3, n-n/3, cfg)
				for i := range cands { // prices differ, so price matters too
					cands[i].Price = wire.Amount(50 + (i*37)%100)
				}
				return l, cands
			}
			r := Round{Request: Request{MaxPrice: 1000, Preference: "balanced", Program: progA}, Now: now, Tasks: 8, Backlog: 100000}
			fast, cands := mk(LearnedConfig{Screen: -1})
			full, _ := mk(LearnedConfig{Screen: -1, Preselect: -1})
			a, b := fast.Shortlist(r, cands, 16), full.Shortlist(r, cands, 16)
			if !slices.Equal(peersOf(a), peersOf(b)) || len(a) == 0 {
				t.Fatalf("screened %v\nexhaustive %v", peersOf(a), peersOf(b))
			}
			sampled, _ := mk(LearnedConfig{Screen: 200, EliteSize: 32})
			sampled.rebuild(now)
			c := sampled.Shortlist(r, cands, 16)
			if len(c) == 0 || c[0].Peer[:4] != "fast" {
				t.Fatalf("sampled shortlist %v lost the fast providers", peersOf(c))
			}
		})
	}
}

// The shortlist never depends on the order the market lists candidates in,
// whether the scheduler knows them (roster, sampling) or not.
func TestShortlistOrderIndependentKnown(t *testing.T) {
	now := time.Unix(1e9, 0)
	for _, cfg := range []LearnedConfig{{}, {Screen: 500}} {
		a, cands := fleet(t, 600, 1400, cfg)
		b, _ := fleet(t, 600, 1400, cfg)
		rev := slices.Clone(cands)
		slices.Reverse(rev)
		r := Round{Request: Request{MaxPrice: 1000, Preference: "balanced", Program: progA}, Now: now, Tasks: 8, Backlog: 100000}
		for i := range 5 {
			r.Now = now.Add(time.Duration(i) * time.Second)
			x, y := a.Shortlist(r, cands, 16), b.Shortlist(r, rev, 16)
			if !slices.Equal(peersOf(x), peersOf(y)) {
				t.Fatalf("screen %d: order changed the shortlist:\n%v\n%v", cfg.Screen, peersOf(x), peersOf(y))
			}
		}
	}
}

// Providers that declare the same benchmark share a signature; each is
// still found and judged by its own row.
func TestRosterSharedBenchmarks(t *testing.T) {
	l := NewLearned(LearnedConfig{Seed: 1, Explore: -1})
	for _, p := range []string{"twin-fast", "twin-slow"} {
		l.SeeOffer(wire.Offer{Peer: p, Slots: 1, Benchmark: 100, Ask: 10}, 0)
	}
	for range 10 {
		l.Observe(Observation{Peer: "twin-fast", Program: progA, OK: true, Duration: 10 * time.Second, Benchmark: 100})
		l.Observe(Observation{Peer: "twin-slow", Program: progA, OK: true, Duration: 100 * time.Second, Benchmark: 100})
	}
	if l.ros.find(100).row != -1 {
		t.Fatal("a shared signature is not marked shared")
	}
	cands := []Candidate{{Peer: "twin-slow", Price: 10, Slots: 1, Benchmark: 100}, {Peer: "twin-fast", Price: 10, Slots: 1, Benchmark: 100}}
	got := l.Shortlist(Round{Request: Request{MaxPrice: 10, Preference: "fast", Program: progA}, Now: time.Unix(1e9, 0)}, cands, 1)
	if len(got) != 1 || got[0].Peer != "twin-fast" {
		t.Fatalf("shortlist %v, want twin-fast", got)
	}
	// A benchmark that changes moves the provider to a new signature.
	l.SeeOffer(wire.Offer{Peer: "twin-fast", Slots: 1, Benchmark: 120, Ask: 10}, 0)
	if s := l.ros.find(120); s == nil || s.row-1 != l.ros.row("twin-fast") {
		t.Fatal("the new benchmark does not lead to its provider")
	}
}

// TestSpeculate: a running attempt is backed up when a backup on a fast
// provider would end well before it, not when it is about to end, and a
// green job is never backed up.
func TestSpeculate(t *testing.T) {
	l, cands, prog := population(200, LearnedConfig{})
	slow, fast := cands[0], cands[0]
	for _, c := range cands {
		if c.Benchmark < slow.Benchmark {
			slow = c
		}
		if c.Benchmark > fast.Benchmark {
			fast = c
		}
	}
	now := time.Unix(1e9, 0)
	run := func(c Candidate, frac float64) Running {
		d, _ := l.Predict(c.Peer, prog)
		return Running{Peer: c.Peer, Started: now.Add(-time.Duration(frac * float64(d)))}
	}
	for _, tc := range []struct {
		name string
		pref string
		run  Running
		want bool
	}{
		{"slow provider, just started", "balanced", run(slow, 0.05), true},
		{"slow provider, overrunning", "balanced", run(slow, 2), true},
		{"fast provider, nearly done", "balanced", run(fast, 0.9), false},
		{"slow provider, about to end", "balanced", run(slow, 0.99), false},
		{"green job", "green", run(slow, 0.05), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Round{Request: Request{MaxPrice: 1e9, Preference: tc.pref, Program: prog}, Now: now, Timeout: time.Hour}
			got := len(l.Speculate(r, []Running{tc.run})) == 1
			if got != tc.want {
				t.Fatalf("backed up: %v, want %v", got, tc.want)
			}
		})
	}
}
