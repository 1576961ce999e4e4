package sched

import (
	"errors"
	"fmt"
	"hash/fnv"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/deco-network/deco/internal/wire"
)

// The baselines are the placement rules other networks use, kept simple
// and honest so the learned scheduler is measured against them in the
// simulator. Each is a Planner too, so it also chooses whom to ask for bids
// by its own rule, from every eligible provider. None learns: Observe is a
// no-op.

// keyed orders candidates by an ascending key, ties by peer id.
type keyed struct {
	key float64
	c   Candidate
}

func usable(req Request, c Candidate) bool { return c.Price <= req.MaxPrice && c.Slots > 0 }

// byKey returns the usable candidates ordered by key(c), at most k of them
// (k <= 0: all). With k set it keeps only the best k as it goes, so a
// shortlist over thousands of providers costs one pass.
func byKey(req Request, cands []Candidate, k int, key func(Candidate) float64) []keyed {
	less := func(a, b keyed) bool {
		if a.key != b.key {
			return a.key < b.key
		}
		return a.c.Peer < b.c.Peer
	}
	if k <= 0 {
		ks := make([]keyed, 0, len(cands))
		for _, c := range cands {
			if usable(req, c) {
				ks = append(ks, keyed{key(c), c})
			}
		}
		sort.Slice(ks, func(i, j int) bool { return less(ks[i], ks[j]) })
		return ks
	}
	top := make([]keyed, 0, k+1)
	for _, c := range cands {
		if !usable(req, c) {
			continue
		}
		e := keyed{key(c), c}
		if len(top) == k && !less(e, top[k-1]) {
			continue
		}
		j := sort.Search(len(top), func(j int) bool { return less(e, top[j]) })
		top = append(top, keyed{})
		copy(top[j+1:], top[j:])
		top[j] = e
		if len(top) > k {
			top = top[:k]
		}
	}
	return top
}

func rankedOf(ks []keyed) []Ranked {
	if len(ks) == 0 {
		return nil
	}
	out := make([]Ranked, len(ks))
	for i, k := range ks {
		out[i] = Ranked{Candidate: k.c, Score: k.key, Reliability: 1}
	}
	return out
}

func candidatesOf(ks []keyed) []Candidate {
	if len(ks) == 0 {
		return nil
	}
	out := make([]Candidate, len(ks))
	for i, k := range ks {
		out[i] = k.c
	}
	return out
}

// keyPolicy is a baseline defined by a key function alone.
type keyPolicy struct {
	key func(Candidate) float64
}

func (p keyPolicy) Rank(req Request, cands []Candidate) []Ranked {
	return rankedOf(byKey(req, cands, 0, p.key))
}
func (p keyPolicy) Observe(Observation) {}
func (p keyPolicy) Plan(r Round, bids []Candidate) []Ranked {
	return p.Rank(r.Request, bids)
}
func (p keyPolicy) Shortlist(r Round, eligible []Candidate, k int) []Candidate {
	return candidatesOf(byKey(r.Request, eligible, k, p.key))
}

// NewCheapest returns the lowest-price-first baseline (Golem's default
// market strategy picks the least expensive offer).
func NewCheapest() Scheduler {
	return keyPolicy{key: func(c Candidate) float64 { return float64(c.Price) }}
}

// NewDeclaredFastest returns the baseline that trusts declared benchmarks:
// highest benchmark first.
func NewDeclaredFastest() Scheduler {
	return keyPolicy{key: func(c Candidate) float64 { return -c.Benchmark }}
}

// Random picks bidders uniformly at random from a seeded source.
type Random struct{ seed, decision uint64 }

// NewRandom returns the uniform random baseline.
func NewRandom(seed uint64) *Random { return &Random{seed: seed} }

func (p *Random) key(c Candidate) float64 {
	d := drawFor(p.seed, p.decision, c.Peer)
	return d.float()
}

// Rank implements Scheduler.
func (p *Random) Rank(req Request, cands []Candidate) []Ranked {
	p.decision++
	return rankedOf(byKey(req, cands, 0, p.key))
}

// Observe implements Scheduler.
func (p *Random) Observe(Observation) {}

// Plan implements Planner.
func (p *Random) Plan(r Round, bids []Candidate) []Ranked { return p.Rank(r.Request, bids) }

// Shortlist implements Planner.
func (p *Random) Shortlist(r Round, eligible []Candidate, k int) []Candidate {
	p.decision++
	return candidatesOf(byKey(r.Request, eligible, k, p.key))
}

// RoundRobin walks the ring of providers (ordered by a hash of the peer id)
// from where it stopped last time.
type RoundRobin struct{ cursor uint64 }

// NewRoundRobin returns the round-robin baseline.
func NewRoundRobin() *RoundRobin { return &RoundRobin{} }

func peerHash(p string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(p))
	return h.Sum64()
}

func (p *RoundRobin) pick(req Request, cands []Candidate, k int) []keyed {
	cur := p.cursor
	ks := byKey(req, cands, k, func(c Candidate) float64 { return float64(peerHash(c.Peer) - cur) })
	switch {
	case len(ks) > 0 && k > 0: // a shortlist: the next one starts after it
		p.cursor = peerHash(ks[len(ks)-1].c.Peer) + 1
	case len(ks) > 0: // a ranking: the next one starts after its first
		p.cursor = peerHash(ks[0].c.Peer) + 1
	}
	return ks
}

// Rank implements Scheduler.
func (p *RoundRobin) Rank(req Request, cands []Candidate) []Ranked {
	return rankedOf(p.pick(req, cands, 0))
}

// Observe implements Scheduler.
func (p *RoundRobin) Observe(Observation) {}

// Plan implements Planner.
func (p *RoundRobin) Plan(r Round, bids []Candidate) []Ranked { return p.Rank(r.Request, bids) }

// Shortlist implements Planner.
func (p *RoundRobin) Shortlist(r Round, eligible []Candidate, k int) []Candidate {
	return candidatesOf(p.pick(r.Request, eligible, k))
}

// StakeWeighted samples providers with probability 0.7·(stake share) +
// 0.3·(uniform), as Livepeer's broadcaster selects orchestrators. Stake is
// read from the offers' "stake" label.
type StakeWeighted struct {
	seed, decision uint64
	stake          map[string]float64
	total          float64
}

// NewStakeWeighted returns the stake-weighted baseline.
func NewStakeWeighted(seed uint64) *StakeWeighted {
	return &StakeWeighted{seed: seed, stake: map[string]float64{}}
}

// SeeOffer implements OfferWatcher.
func (p *StakeWeighted) SeeOffer(o wire.Offer, _ time.Duration) {
	s := labelFloat(o.Labels, LabelStake)
	p.total += s - p.stake[o.Peer]
	p.stake[o.Peer] = s
}

// pick orders by Efraimidis–Spirakis keys: −ln(U)/w, smallest first, which
// samples without replacement with probability ∝ w.
func (p *StakeWeighted) pick(req Request, cands []Candidate, k int) []keyed {
	p.decision++
	n := 0
	for _, c := range cands {
		if usable(req, c) {
			n++
		}
	}
	return byKey(req, cands, k, func(c Candidate) float64 {
		w := 0.3 / float64(max(n, 1))
		if p.total > 0 {
			w += 0.7 * p.stake[c.Peer] / p.total
		}
		d := drawFor(p.seed, p.decision, c.Peer)
		return -math.Log(1-d.float()) / w
	})
}

// Rank implements Scheduler.
func (p *StakeWeighted) Rank(req Request, cands []Candidate) []Ranked {
	return rankedOf(p.pick(req, cands, 0))
}

// Observe implements Scheduler.
func (p *StakeWeighted) Observe(Observation) {}

// Plan implements Planner.
func (p *StakeWeighted) Plan(r Round, bids []Candidate) []Ranked { return p.Rank(r.Request, bids) }

// Shortlist implements Planner.
func (p *StakeWeighted) Shortlist(r Round, eligible []Candidate, k int) []Candidate {
	return candidatesOf(p.pick(r.Request, eligible, k))
}

// CapacityRanker ranks by free capacity with fixed weights, as Bacalhau's
// node rankers do: 0.5 × free slots, 0.3 × cores, 0.2 × memory, each
// normalized to the largest among the candidates. Cores and memory come
// from the offers.
type CapacityRanker struct {
	res map[string]wire.Resources
}

// NewCapacityRanker returns the capacity-ranker baseline.
func NewCapacityRanker() *CapacityRanker { return &CapacityRanker{res: map[string]wire.Resources{}} }

// SeeOffer implements OfferWatcher.
func (p *CapacityRanker) SeeOffer(o wire.Offer, _ time.Duration) { p.res[o.Peer] = o.Resources }

func (p *CapacityRanker) pick(req Request, cands []Candidate, k int) []keyed {
	var mf, mc, mm float64
	for _, c := range cands {
		r := p.res[c.Peer]
		mf, mc, mm = math.Max(mf, float64(c.Slots)), math.Max(mc, float64(r.Cores)), math.Max(mm, float64(r.Memory))
	}
	norm := func(v, m float64) float64 {
		if m <= 0 {
			return 0
		}
		return v / m
	}
	return byKey(req, cands, k, func(c Candidate) float64 {
		r := p.res[c.Peer]
		return -(0.5*norm(float64(c.Slots), mf) + 0.3*norm(float64(r.Cores), mc) + 0.2*norm(float64(r.Memory), mm))
	})
}

// Rank implements Scheduler.
func (p *CapacityRanker) Rank(req Request, cands []Candidate) []Ranked {
	return rankedOf(p.pick(req, cands, 0))
}

// Observe implements Scheduler.
func (p *CapacityRanker) Observe(Observation) {}

// Plan implements Planner.
func (p *CapacityRanker) Plan(r Round, bids []Candidate) []Ranked { return p.Rank(r.Request, bids) }

// Shortlist implements Planner.
func (p *CapacityRanker) Shortlist(r Round, eligible []Candidate, k int) []Candidate {
	return candidatesOf(p.pick(r.Request, eligible, k))
}

// Constructor builds a scheduler; seed feeds any randomness it uses.
type Constructor func(seed uint64) Scheduler

// Policies is the registry of scheduling policies by name, selectable by
// `deco sim --policy` and the node's config.
var Policies = map[string]Constructor{
	"learned":          func(seed uint64) Scheduler { return NewLearned(LearnedConfig{Seed: seed}) },
	"weighted":         func(uint64) Scheduler { return NewWeighted() },
	"random":           func(seed uint64) Scheduler { return NewRandom(seed) },
	"round-robin":      func(uint64) Scheduler { return NewRoundRobin() },
	"cheapest":         func(uint64) Scheduler { return NewCheapest() },
	"declared-fastest": func(uint64) Scheduler { return NewDeclaredFastest() },
	"stake-weighted":   func(seed uint64) Scheduler { return NewStakeWeighted(seed) },
	"capacity-ranker":  func(uint64) Scheduler { return NewCapacityRanker() },
}

// Baselines are the policies the learned scheduler is compared with.
var Baselines = []string{"random", "round-robin", "cheapest", "declared-fastest", "stake-weighted", "capacity-ranker"}

// ErrUnknownPolicy reports a policy name not in Policies.
var ErrUnknownPolicy = errors.New("unknown scheduling policy")

// PolicyNames returns the registered names, sorted.
func PolicyNames() []string {
	out := make([]string, 0, len(Policies))
	for k := range Policies {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// NewPolicy builds the named policy.
func NewPolicy(name string, seed uint64) (Scheduler, error) {
	c, ok := Policies[name]
	if !ok {
		return nil, fmt.Errorf("%w %q (choose one of: %s)", ErrUnknownPolicy, name, strings.Join(PolicyNames(), ", "))
	}
	return c(seed), nil
}
