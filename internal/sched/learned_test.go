package sched

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"testing"
	"time"

	"pgregory.net/rapid"

	"github.com/deco-network/deco/internal/wire"
)

var progA, progB = wire.CIDOf([]byte("program a")), wire.CIDOf([]byte("program b"))

func near(a, b, tol float64) bool { return math.Abs(a-b) <= tol }

// The predictor's update rules, one observation at a time.
func TestModelUpdateRules(t *testing.T) {
	tests := []struct {
		name  string
		setup func(m *Model)
		obs   Observation
		check func(t *testing.T, m *Model, before ModelState)
	}{
		{
			name: "first run of a program sets its work from the provider's prior speed",
			obs:  Observation{Peer: "p", Program: progA, OK: true, Duration: 10 * time.Second, Benchmark: 100},
			check: func(t *testing.T, m *Model, _ ModelState) {
				w := m.Work(progA)
				// prior log speed = log(100) (the global model trusts the benchmark)
				if want := math.Log(10) + math.Log(100); !near(w.Mean, want, 1e-9) {
					t.Fatalf("work mean %.4f, want %.4f", w.Mean, want)
				}
				if s := m.Speed("p", 0); !near(s.Mean, math.Log(100), 1e-9) || !near(s.Var, m.cfg.PriorVar, 1e-9) {
					t.Fatalf("speed %+v changed by the first run of a program", s)
				}
			},
		},
		{
			name: "a known program splits the residual by variance (Kalman)",
			setup: func(m *Model) {
				m.progs[progA] = &ProgramModel{Work: Gauss{Mean: math.Log(1000), Var: 0.01}, Observed: 5}
				m.nProgs = 1
			},
			// A provider declaring 100 that takes 20s on 1000 units runs at 50.
			obs: Observation{Peer: "p", Program: progA, OK: true, Duration: 20 * time.Second, Benchmark: 100},
			check: func(t *testing.T, m *Model, _ ModelState) {
				sv, wv, nv := m.cfg.PriorVar, 0.01, m.cfg.NoiseVar
				r := math.Log(20) - (math.Log(1000) - math.Log(100))
				S := sv + wv + nv
				s := m.peers["p"].Speed
				if want := math.Log(100) - sv/S*r; !near(s.Mean, want, 1e-9) {
					t.Fatalf("speed mean %.5f, want %.5f", s.Mean, want)
				}
				if want := sv - sv*sv/S + m.cfg.DriftVar; !near(s.Var, want, 1e-9) {
					t.Fatalf("speed var %.5f, want %.5f", s.Var, want)
				}
				if w := m.Work(progA); !near(w.Mean, math.Log(1000)+wv/S*r, 1e-9) || w.Var >= wv {
					t.Fatalf("work %+v", w)
				}
			},
		},
		{
			name: "a provider fault counts against reliability, a program fault does not",
			setup: func(m *Model) {
				m.Observe(Observation{Peer: "p", ProviderFault: true})
			},
			obs: Observation{Peer: "p"}, // program fault: neither OK nor the provider's
			check: func(t *testing.T, m *Model, _ ModelState) {
				p := m.peers["p"]
				if p.OK != 0 || p.Failed != 1 {
					t.Fatalf("ok %v failed %v, want 0 and 1", p.OK, p.Failed)
				}
				if r := m.Reliability("p", 2, 0.25); !near(r, 2/3.25, 1e-9) {
					t.Fatalf("reliability %.4f", r)
				}
			},
		},
		{
			name: "a failed run teaches nothing about speed",
			obs:  Observation{Peer: "p", Program: progA, ProviderFault: true, Duration: time.Second, Benchmark: 100},
			check: func(t *testing.T, m *Model, _ ModelState) {
				if _, ok := m.progs[progA]; ok || m.peers["p"].init {
					t.Fatal("a failed run updated the speed model")
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := NewModel(ModelConfig{})
			if tt.setup != nil {
				tt.setup(m)
			}
			before := m.Snapshot()
			m.Observe(tt.obs)
			tt.check(t, m, before)
		})
	}
}

// An over-declaring provider's predicted speed falls to its true speed, and
// the global model learns how far benchmarks are from the truth.
func TestModelLearnsTrueSpeeds(t *testing.T) {
	m := NewModel(ModelConfig{})
	type prov struct {
		peer         string
		bench, speed float64
	}
	var provs []prov
	for i := range 40 {
		b := 100 + 20*float64(i)
		provs = append(provs, prov{fmt.Sprintf("p%d", i), b, b / 2}) // everyone runs at half the claim
	}
	provs = append(provs, prov{"liar", 1000, 100})
	works := []float64{3000, 9000, 20000}
	for round := range 30 {
		for k, p := range provs {
			w := works[(round+k)%len(works)]
			prog := wire.CIDOf([]byte(fmt.Sprint("prog", (round+k)%len(works))))
			noise := 1 + 0.03*math.Sin(float64(round*7+k))
			m.Observe(Observation{Peer: p.peer, Program: prog, OK: true, Duration: time.Duration(w / p.speed * noise * float64(time.Second)), Benchmark: p.bench})
		}
	}
	// Predictions within 15% for known providers and programs.
	var errs []float64
	for k, p := range provs {
		prog := wire.CIDOf([]byte(fmt.Sprint("prog", k%len(works))))
		d, _ := m.Predict(p.peer, prog, 0)
		errs = append(errs, math.Abs(d.Seconds()-works[k%len(works)]/p.speed)/(works[k%len(works)]/p.speed))
	}
	slices.Sort(errs)
	if med := errs[len(errs)/2]; med > 0.15 {
		t.Fatalf("median relative error %.3f, want <= 0.15", med)
	}
	// The liar's speed is its true one relative to the honest ones.
	ratio := math.Exp(m.Speed("liar", 1000).Mean - m.Speed("p0", 100).Mean)
	if !near(ratio, 100/50.0, 0.3) {
		t.Fatalf("liar/p0 predicted speed ratio %.2f, want about 2 (true 100 vs 50; declared 1000 vs 100)", ratio)
	}
	// An unseen provider declaring 600 gets about the speed of honest ones
	// declaring 600 (they run at half of it), relative to p0.
	unseen := math.Exp(m.Speed("new", 600).Mean - m.Speed("p0", 100).Mean)
	if !near(unseen, 300/50.0, 1.5) {
		t.Fatalf("unseen/p0 prior speed ratio %.2f, want about 6", unseen)
	}
}

func TestSnapshotRestore(t *testing.T) {
	l := NewLearned(LearnedConfig{Seed: 3})
	l.SeeOffer(wire.Offer{Peer: "a", Slots: 2, Benchmark: 50, Labels: map[string]string{LabelCarbon: "40"}}, time.Millisecond)
	for i := range 5 {
		l.Observe(Observation{Peer: "a", Program: progA, OK: true, Duration: time.Duration(10+i) * time.Second, Benchmark: 50})
		l.Observe(Observation{Peer: "b", Program: progA, OK: i%2 == 0, ProviderFault: i%2 == 1, Duration: 30 * time.Second, Benchmark: 500})
	}
	b, err := json.Marshal(l.Snapshot())
	if err != nil {
		t.Fatal(err)
	}
	var st LearnedState
	if err := json.Unmarshal(b, &st); err != nil {
		t.Fatal(err)
	}
	r := NewLearned(LearnedConfig{Seed: 3})
	if err := r.Restore(st); err != nil {
		t.Fatal(err)
	}
	for _, peer := range []string{"a", "b", "unseen"} {
		d1, s1 := l.Predict(peer, progA)
		d2, s2 := r.Predict(peer, progA)
		if d1 != d2 || !near(s1, s2, 1e-12) {
			t.Fatalf("%s: prediction %v±%v before, %v±%v after restore", peer, d1, s1, d2, s2)
		}
	}
	if !slices.Equal(l.Providers(), r.Providers()) {
		t.Fatalf("providers differ after restore:\n%+v\n%+v", l.Providers(), r.Providers())
	}
	st.Version = 99
	if err := r.Restore(st); !errors.Is(err, ErrBadState) {
		t.Fatalf("restore of version 99: %v, want ErrBadState", err)
	}
}

func learnedWith(t *testing.T, speeds map[string]float64) *Learned {
	t.Helper()
	l := NewLearned(LearnedConfig{Seed: 7})
	for peer := range speeds {
		l.SeeOffer(wire.Offer{Peer: peer, Slots: 1, Benchmark: 100}, 10*time.Millisecond)
	}
	for range 20 {
		for _, peer := range slices.Sorted(mapsKeys(speeds)) {
			l.Observe(Observation{Peer: peer, Program: progA, OK: true, Duration: time.Duration(6000 / speeds[peer] * float64(time.Second)), Benchmark: 100})
		}
	}
	return l
}

func mapsKeys(m map[string]float64) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func TestPlanDeadlineAndStragglers(t *testing.T) {
	speeds := map[string]float64{"fast": 100, "mid": 50, "slow": 10}
	now := time.Unix(1e9, 0)
	bids := []Candidate{{Peer: "fast", Slots: 1, Price: 1}, {Peer: "mid", Slots: 1, Price: 1}, {Peer: "slow", Slots: 1, Price: 1}}
	peers := func(rs []Ranked) []string {
		var out []string
		for _, r := range rs {
			out = append(out, r.Peer)
		}
		slices.Sort(out)
		return out
	}
	tests := []struct {
		name  string
		round Round
		want  []string
	}{
		{"no load known: all used", Round{}, []string{"fast", "mid", "slow"}},
		// slow needs 600s, the timeout is 300s: it would be killed.
		{"timeout skips the slow", Round{Timeout: 300 * time.Second}, []string{"fast", "mid"}},
		// One task left: the fast provider alone finishes it before slow would.
		{"small backlog: stragglers wait", Round{Tasks: 1, Backlog: 1}, []string{"fast"}},
		{"large backlog: everyone works", Round{Tasks: 3, Backlog: 500}, []string{"fast", "mid", "slow"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l := learnedWith(t, speeds)
			l.cfg.Explore = -1 // means, not samples: the test is about the rules
			r := tt.round
			r.Request, r.Now = Request{MaxPrice: 10, Preference: "fast", Program: progA}, now
			if got := peers(l.Plan(r, bids)); !slices.Equal(got, tt.want) {
				t.Fatalf("used %v, want %v", got, tt.want)
			}
		})
	}
}

func TestPreferences(t *testing.T) {
	l := learnedWith(t, map[string]float64{"dirty-fast": 100, "clean-slow": 60, "cheap-slow": 60})
	l.cfg.Explore = -1
	l.SeeOffer(wire.Offer{Peer: "dirty-fast", Slots: 1, Benchmark: 100, Labels: map[string]string{LabelCarbon: "700"}}, 0)
	l.SeeOffer(wire.Offer{Peer: "clean-slow", Slots: 1, Benchmark: 100, Labels: map[string]string{LabelCarbon: "30"}}, 0)
	l.SeeOffer(wire.Offer{Peer: "cheap-slow", Slots: 1, Benchmark: 100, Labels: map[string]string{LabelCarbon: "700"}}, 0)
	bids := []Candidate{{Peer: "dirty-fast", Slots: 1, Price: 1000}, {Peer: "clean-slow", Slots: 1, Price: 1000}, {Peer: "cheap-slow", Slots: 1, Price: 100}}
	for pref, want := range map[string]string{"fast": "dirty-fast", "green": "clean-slow", "cheap": "cheap-slow"} {
		got := l.Rank(Request{MaxPrice: 5000, Preference: pref, Program: progA}, bids)
		if len(got) != 3 || got[0].Peer != want {
			t.Errorf("%s: ranked %v first, want %s", pref, got, want)
		}
	}
}

// Thompson sampling: a newcomer whose benchmark says it may be the best is
// asked now and then, not never and not always.
func TestExplorationGivesNewcomersWork(t *testing.T) {
	speeds := map[string]float64{}
	var eligible []Candidate
	for i := range 20 {
		p := fmt.Sprintf("known%02d", i)
		speeds[p] = 100
		eligible = append(eligible, Candidate{Peer: p, Slots: 1, Price: 1, Benchmark: 100})
	}
	l := learnedWith(t, speeds)
	eligible = append(eligible, Candidate{Peer: "newcomer", Slots: 1, Price: 1, Benchmark: 100})
	picked := 0
	const rounds = 400
	for range rounds {
		for _, c := range l.Shortlist(Round{Request: Request{MaxPrice: 10, Program: progA}}, eligible, 3) {
			if c.Peer == "newcomer" {
				picked++
			}
		}
	}
	if picked == 0 || picked == rounds {
		t.Fatalf("newcomer shortlisted %d of %d times", picked, rounds)
	}
}

// The order the market lists candidates in never changes a decision.
func TestShortlistOrderIndependent(t *testing.T) {
	var eligible []Candidate
	for i := range 3000 {
		eligible = append(eligible, Candidate{Peer: fmt.Sprintf("p%04d", i), Slots: 1 + i%3, Price: wire.Amount(100 + i%50), Benchmark: float64(50 + i%200)})
	}
	rev := slices.Clone(eligible)
	slices.Reverse(rev)
	for _, name := range PolicyNames() {
		a, _ := NewPolicy(name, 11)
		b, _ := NewPolicy(name, 11)
		pa, ok := a.(Planner)
		if !ok {
			continue
		}
		r := Round{Request: Request{MaxPrice: 1000, Preference: "balanced", Program: progA}}
		x, y := pa.Shortlist(r, eligible, 16), b.(Planner).Shortlist(r, rev, 16)
		if !slices.EqualFunc(x, y, func(p, q Candidate) bool { return p.Peer == q.Peer }) {
			t.Errorf("%s: shortlist depends on candidate order:\n%v\n%v", name, x, y)
		}
	}
}

func TestBaselines(t *testing.T) {
	cands := []Candidate{
		{Peer: "a", Price: 300, Slots: 1, Benchmark: 10},
		{Peer: "b", Price: 100, Slots: 4, Benchmark: 50},
		{Peer: "c", Price: 200, Slots: 2, Benchmark: 90},
		{Peer: "dear", Price: 9000, Slots: 8, Benchmark: 999},
	}
	req := Request{MaxPrice: 1000}
	first := func(s Scheduler) string {
		r := s.Rank(req, cands)
		for _, x := range r {
			if x.Peer == "dear" {
				t.Fatalf("%T ranked a bid above the max price", s)
			}
		}
		return r[0].Peer
	}
	if got := first(NewCheapest()); got != "b" {
		t.Errorf("cheapest first %s, want b", got)
	}
	if got := first(NewDeclaredFastest()); got != "c" {
		t.Errorf("declared-fastest first %s, want c", got)
	}
	if got := first(NewCapacityRanker()); got != "b" {
		t.Errorf("capacity-ranker first %s, want b (most free slots)", got)
	}
	rr := NewRoundRobin()
	seen := map[string]bool{}
	for range 3 {
		seen[first(rr)] = true
	}
	if len(seen) != 3 {
		t.Errorf("round-robin gave the first place to %v over 3 rounds, want all 3", seen)
	}
	// Stake-weighted: 0.7 × stake share + 0.3 uniform.
	sw := NewStakeWeighted(5)
	for peer, stake := range map[string]string{"a": "0", "b": "0", "c": "1000"} {
		sw.SeeOffer(wire.Offer{Peer: peer, Labels: map[string]string{LabelStake: stake}}, 0)
	}
	wins := map[string]int{}
	const n = 3000
	for range n {
		wins[first(sw)]++
	}
	if f := float64(wins["c"]) / n; !near(f, 0.8, 0.05) { // 0.7 + 0.3/3
		t.Errorf("stake-weighted picked the staked provider %.2f of the time, want about 0.80", f)
	}
	r1, r2 := NewRandom(9), NewRandom(9)
	for range 10 {
		if first(r1) != first(r2) {
			t.Fatal("random is not deterministic for its seed")
		}
	}
}

func TestPolicies(t *testing.T) {
	for _, name := range append([]string{"learned", "weighted"}, Baselines...) {
		if _, err := NewPolicy(name, 1); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if _, err := NewPolicy("magic", 1); !errors.Is(err, ErrUnknownPolicy) {
		t.Errorf("unknown policy: %v", err)
	}
}

// Property: for every policy, whatever the bids, a ranking never uses a bid
// above the max price or without slots, has no duplicates, and Assign on it
// never exceeds a bidder's slots; a shortlist is at most k usable
// candidates.
func TestPolicyProperties(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		name := rapid.SampledFrom(PolicyNames()).Draw(t, "policy")
		s, _ := NewPolicy(name, rapid.Uint64().Draw(t, "seed"))
		n := rapid.IntRange(0, 30).Draw(t, "n")
		var cands []Candidate
		slots := map[string]int{}
		for i := range n {
			c := Candidate{Peer: fmt.Sprintf("p%d", i), Price: wire.Amount(rapid.Uint64Range(0, 300).Draw(t, "price")),
				Slots: rapid.IntRange(0, 4).Draw(t, "slots"), Benchmark: rapid.Float64Range(0, 1000).Draw(t, "bench")}
			cands = append(cands, c)
			slots[c.Peer] = c.Slots
			if rapid.Bool().Draw(t, "observed") {
				s.Observe(Observation{Peer: c.Peer, Program: progA, OK: rapid.Bool().Draw(t, "ok"), ProviderFault: true,
					Duration: time.Duration(rapid.Int64Range(1, 1e11).Draw(t, "dur")), Benchmark: c.Benchmark})
			}
		}
		r := Round{Request: Request{MaxPrice: wire.Amount(rapid.Uint64Range(0, 300).Draw(t, "max")), Preference: rapid.SampledFrom([]string{"balanced", "cheap", "fast", "green"}).Draw(t, "pref"), Program: progB},
			Now: time.Unix(1e9, 0), Tasks: rapid.IntRange(1, 50).Draw(t, "tasks"), Backlog: rapid.IntRange(0, 100).Draw(t, "backlog"), Timeout: time.Duration(rapid.Int64Range(0, 1e12).Draw(t, "timeout"))}
		var ranked []Ranked
		if p, ok := s.(Planner); ok {
			k := rapid.IntRange(1, 20).Draw(t, "k")
			sl := p.Shortlist(r, cands, k)
			if len(sl) > k {
				t.Fatalf("shortlist of %d > k=%d", len(sl), k)
			}
			for _, c := range sl {
				if c.Price > r.MaxPrice || c.Slots <= 0 {
					t.Fatalf("shortlisted unusable %+v", c)
				}
			}
			ranked = p.Plan(r, cands)
		} else {
			ranked = s.Rank(r.Request, cands)
		}
		seen := map[string]bool{}
		for _, x := range ranked {
			if x.Price > r.MaxPrice || x.Slots <= 0 || seen[x.Peer] {
				t.Fatalf("bad ranking entry %+v", x)
			}
			seen[x.Peer] = true
		}
		tasks := make([]int, r.Tasks)
		for i := range tasks {
			tasks[i] = i
		}
		per := map[string]int{}
		for _, p := range Assign(tasks, ranked, nil) {
			per[p]++
		}
		for p, k := range per {
			if k > slots[p] {
				t.Fatalf("%s got %d tasks with %d slots", p, k, slots[p])
			}
		}
	})
}

func TestQueueAging(t *testing.T) {
	q := NewQueue[string](1)
	t0 := time.Unix(1e9, 0)
	q.Push("old-low", 0, t0)
	q.Push("new-high", 3, t0.Add(2*time.Minute)) // effective 3 vs old-low's 2 at t0+2m
	q.Push("newer-high", 3, t0.Add(5*time.Minute))
	q.Push("tie", 3, t0.Add(5*time.Minute))
	var got []string
	for q.Len() > 0 {
		v, _ := q.Pop()
		got = append(got, v)
	}
	// old-low aged 5 minutes by t0+5m (effective 5) beats newer-high (3).
	want := []string{"new-high", "old-low", "newer-high", "tie"}
	if !slices.Equal(got, want) {
		t.Fatalf("order %v, want %v", got, want)
	}
	if e := q.Effective(1, t0, t0.Add(90*time.Second)); !near(e, 2.5, 1e-9) {
		t.Fatalf("effective priority %v", e)
	}
}

// Property: with aging, an item waits behind at most the items pushed
// within (10 − its priority) minutes after it plus those before it.
func TestQueueNoStarvation(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		q := NewQueue[int](1)
		t0 := time.Unix(1e9, 0)
		n := rapid.IntRange(1, 200).Draw(t, "n")
		at := make([]time.Time, n)
		prio := make([]int, n)
		for i := range n {
			at[i] = t0.Add(time.Duration(i) * 10 * time.Second)
			prio[i] = rapid.IntRange(0, 10).Draw(t, "prio")
			q.Push(i, prio[i], at[i])
		}
		pos := map[int]int{}
		for k := 0; q.Len() > 0; k++ {
			v, _ := q.Pop()
			pos[v] = k
		}
		for i := range n {
			// Items pushed more than (10 − prio) minutes later can never overtake i.
			for j := i + 1; j < n; j++ {
				if at[j].Sub(at[i]) > time.Duration(10-prio[i])*time.Minute && pos[j] < pos[i] {
					t.Fatalf("item %d (prio %d) overtaken by %d pushed %s later", i, prio[i], j, at[j].Sub(at[i]))
				}
			}
		}
	})
}

// Held tasks are released to the free providers once they have waited as
// long as the best of them would take, judged cautiously (ski rental), and a release with
// nothing usable returns nothing rather than looping.
func TestHoldIsReleased(t *testing.T) {
	l := learnedWith(t, map[string]float64{"fast": 100, "slow": 10})
	l.cfg.Explore = -1
	now := time.Unix(1e9, 0)
	slow := []Candidate{{Peer: "slow", Slots: 1, Price: 1}}
	r := Round{Request: Request{MaxPrice: 10, Preference: "fast", Program: progA}, Now: now, Tasks: 1, Backlog: 1}
	if got := l.Shortlist(r, slow, 4); len(got) != 0 {
		t.Fatalf("with one task left the slow provider was asked: %v", got)
	}
	r.Now = now.Add(12 * time.Minute) // longer than slow's 600s run, judged cautiously
	if got := l.Shortlist(r, slow, 4); len(got) != 1 {
		t.Fatalf("after waiting a full slow run the task is still held: %v", got)
	}
	// Green, released, and nothing usable (the timeout rules everyone out).
	r.Preference, r.Timeout = "green", time.Second
	for range 3 {
		r.Now = r.Now.Add(time.Hour)
		if got := l.Shortlist(r, slow, 4); len(got) != 0 {
			t.Fatalf("shortlisted %v though it would miss the timeout", got)
		}
	}
}
