package sim

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strconv"
	"time"

	"github.com/deco-network/deco/internal/pricing"
	provcore "github.com/deco-network/deco/internal/provider"
	"github.com/deco-network/deco/internal/sched"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
)

// provider is one simulated provider: its hidden truth (speed, crash and
// cheat rates), what it declares, and its state.
type provider struct {
	idx     int
	peer    string
	evm     string
	region  int
	regName string
	net     string        // the network it connects from (verify.Subnet on a node): its own
	funder  string        // who funded its stake: its own address, or its ring's (Related)
	lat     time.Duration // one-way to the consumer
	speed   float64       // true, benchmark units per second
	bench   float64       // declared
	slots   int
	carbon  float64 // gCO2/kWh
	stake   float64 // DECO
	// crashRate is how often it crashes while up, per second (0 = never):
	// a Poisson process of its own, the same whatever the policy does.
	crashRate float64
	// strategy is how it treats its results (Honest unless dealt a
	// cheating one); trust counts the attempts a WrongAfterTrust cheater
	// still runs honestly before it lies.
	strategy Strategy
	trust    int
	crashes  int        // crashes so far
	down     []downtime // when it was (or, for the last, will be) down

	// m decides what the provider does: its bids (admission, asks, the
	// pricing window) and its slots, as on a real node.
	m        *provcore.Machine
	online   bool
	gen      uint64 // counts crashes: the provider's task session with the consumer
	runs     []*run
	seq      uint64
	busyTime time.Duration // slot time spent running
	lastAsk  wire.Amount   // ask of the last offer published
	lastPub  time.Duration
	carbonG  float64
}

// account charges a run's slot time and carbon to the provider.
func (p *provider) account(d time.Duration, powerW float64) {
	if d <= 0 {
		return
	}
	p.busyTime += d
	p.carbonG += p.carbon * powerW * d.Hours() / 1000 // g/kWh × kW × h
}

// downtime is a period a provider is down: from its crash to its rejoin.
type downtime struct{ from, to time.Duration }

// jobPlan is one job of the workload.
type jobPlan struct {
	idx      int
	id       wire.JobID
	arrive   time.Duration
	work     []float64 // per task, benchmark units × seconds
	meanWork float64
	spec     spec.Job
}

// run is one attempt, as the simulator tracks it.
type run struct {
	job       *jobPlan
	task      int
	attempt   int
	prov      *provider
	price     wire.Amount
	predicted time.Duration // the scheduler's prediction at assignment (0 = none)
	start     time.Duration
	dur       time.Duration
	state     uint8 // runPending, runRunning, runDone, runDead
	cheat     bool  // the provider lies about this attempt
	wrong     bool  // it returned wrong outputs under a valid receipt
	timeLimit bool
}

// key names r at its provider.
func (r *run) key() provcore.Key {
	return provcore.Key{Task: wire.TaskID{Job: r.job.id, Index: r.task}, Attempt: r.attempt}
}

const (
	runPending uint8 = iota
	runRunning
	runDone
	runDead
)

type runKey struct {
	job, task, attempt int
}

// medianSpeed is the median true speed of the population.
func medianSpeed(p Population) float64 { return p.BaseSpeed * math.Sqrt(p.Heterogeneity) }

// population draws the providers of a scenario.
func population(sc Scenario) []*provider {
	pp := sc.Providers
	rng := rand.New(rand.NewPCG(sc.Seed, 1))
	cheat := make([]float64, pp.Count) // each provider's draw for dealing the cheating strategies
	tw := 0.0
	for _, r := range pp.Regions {
		tw += r.Weight
	}
	out := make([]*provider, pp.Count)
	for i := range out {
		p := &provider{idx: i, online: true}
		h := mix(sc.Seed, uint64(i), 0x7065657273)
		p.peer = fmt.Sprintf("12D3KooSim%016x", h.next())
		p.net = "sim/" + strconv.Itoa(i)
		p.evm = fmt.Sprintf("0x%040x", h.next())
		x := rng.Float64() * tw
		for k, r := range pp.Regions {
			if x < r.Weight || k == len(pp.Regions)-1 {
				p.region = k
				break
			}
			x -= r.Weight
		}
		reg := pp.Regions[p.region]
		p.regName = reg.Name
		p.lat = time.Duration(reg.Latency) + time.Duration(rng.Float64()*float64(sc.Network.Jitter))
		p.carbon = reg.Carbon[0] + rng.Float64()*(reg.Carbon[1]-reg.Carbon[0])
		p.speed = pp.BaseSpeed * math.Pow(pp.Heterogeneity, rng.Float64())
		p.bench = p.speed * math.Exp(pp.BenchNoise*rng.NormFloat64())
		if rng.Float64() < pp.OverDeclaring {
			p.bench = p.speed * (pp.OverFactor[0] + rng.Float64()*(pp.OverFactor[1]-pp.OverFactor[0]))
		}
		p.slots = pp.Slots[0] + rng.IntN(pp.Slots[1]-pp.Slots[0]+1)
		cores := p.slots * (1 + rng.IntN(2))
		base := pp.Price[0] + rng.Float64()*(pp.Price[1]-pp.Price[0])
		p.m = provcore.New(provcore.Config{
			EVM: p.evm, Slots: p.slots,
			Resources: wire.Resources{Cores: cores, Memory: uint64(p.slots) * (1 << 30), Disk: 100 << 30},
			Pricing: pricing.Params{Base: wire.Amount(base), Floor: wire.Amount(base / 2), Ceiling: wire.Amount(base * 4),
				UtilizationWeight: pp.UtilizationWeight, DemandWeight: pp.DemandWeight},
		})
		p.stake = pp.Stake[0] * math.Exp(pp.Stake[1]*rng.NormFloat64())
		if pp.Flaky > 0 && rng.Float64() < pp.Flaky {
			// A run of median length on a flaky provider is interrupted with
			// probability CrashRate/Flaky.
			p.crashRate = -math.Log1p(-math.Min(0.9, pp.CrashRate/pp.Flaky)) / time.Duration(sc.Workload.WorkMedian).Seconds()
		}
		cheat[i] = rng.Float64()
		out[i] = p
	}
	dealStrategies(out, cheat, pp)
	for _, p := range out {
		p.funder = p.evm
		if pp.Collude && pp.Related && p.strategy != Honest {
			p.net, p.funder = "sim/ring", "ring"
		}
	}
	return out
}

// workload draws the jobs of a scenario, in arrival order.
// stream selects the random stream (2 for the measured workload, 3 for the
// warm-up), so a warm-up never changes the measured jobs.
func workload(sc Scenario, stream uint64) []*jobPlan {
	w := sc.Workload
	rng := rand.New(rand.NewPCG(sc.Seed, stream))
	ms := medianSpeed(sc.Providers)
	prefs := make([]string, 0, len(w.Preferences))
	total := 0
	for p, n := range w.Preferences {
		if n > 0 {
			prefs = append(prefs, p)
			total += n
		}
	}
	sort.Strings(prefs)
	var jobs []*jobPlan
	var t float64 // seconds
	left := w.Tasks
	for left > 0 {
		n := min(left, w.TasksPerJob[0]+rng.IntN(w.TasksPerJob[1]-w.TasksPerJob[0]+1))
		left -= n
		j := &jobPlan{idx: len(jobs), arrive: time.Duration(t * float64(time.Second))}
		h := mix(sc.Seed, uint64(j.idx), 0x6a6f6273, stream)
		var ent [16]byte
		a, b := h.next(), h.next()
		for k := range 8 {
			ent[k], ent[8+k] = byte(a>>(8*k)), byte(b>>(8*k))
		}
		j.id = wire.NewJobID(ent)
		median := time.Duration(w.WorkMedian).Seconds() * ms * math.Exp(w.JobSpread*rng.NormFloat64())
		j.work = make([]float64, n)
		sum := 0.0
		for k := range j.work {
			j.work[k] = median * math.Exp(w.TaskSpread*rng.NormFloat64())
			sum += j.work[k]
		}
		j.meanWork = sum / float64(n)
		pref := "balanced"
		if total > 0 {
			x := rng.IntN(total)
			for _, p := range prefs {
				if x < w.Preferences[p] {
					pref = p
					break
				}
				x -= w.Preferences[p]
			}
		}
		timeout := time.Duration(w.TimeoutFactor * median / ms * float64(time.Second))
		timeout = max(timeout, time.Second)
		prog := j.idx
		if w.Programs > 0 {
			prog %= w.Programs
		}
		j.spec = spec.Job{
			Name:         "sim-" + strconv.Itoa(j.idx),
			Program:      spec.Program{CID: wire.CIDOf([]byte(fmt.Sprintf("deco-sim-program/%d/%d/%d", sc.Seed, stream, prog))), Size: 1 << 20},
			Tasks:        spec.Tasks{Count: n},
			Resources:    spec.Resources{CPU: 1, Memory: 256 << 20},
			Timeout:      spec.Duration(timeout),
			Price:        spec.Price{Max: wire.Amount(w.MaxPrice[0] + rng.Float64()*(w.MaxPrice[1]-w.MaxPrice[0]))},
			Verification: w.Verification,
			Priority:     w.Priority[0] + rng.IntN(w.Priority[1]-w.Priority[0]+1),
			Preference:   pref,
			MaxOutput:    1 << 20,
		}
		jobs = append(jobs, j)
		if w.Arrival > 0 {
			rate := w.Arrival
			if w.Surge.Factor > 0 && t >= time.Duration(w.Surge.At).Seconds() && t < time.Duration(w.Surge.At+w.Surge.For).Seconds() {
				rate *= w.Surge.Factor
			}
			t += rng.ExpFloat64() / rate
		}
	}
	return jobs
}

// lowerBound is the clairvoyant bound on the makespan: no schedule, even
// one that knows every true speed and when every provider will be down,
// and that divides tasks freely across providers, finishes before
//
//   - any task's arrival plus its run on the fastest provider, or
//   - for any job arrival a, the time T at which the capacity up since a,
//     ∫_a^T C(t) dt, covers the work arriving from a on; C(t) is the sum of
//     slots × true speed of the providers up at t.
//
// Providers crash on their own clock (see provider.crashRate), so C(t) is
// the same for every policy and so is the bound. Latency, auctions, the
// work lost in crashed runs and the per-run noise are ignored (it uses
// noise-free run times), so it is a lower bound up to that noise.
func lowerBound(provs []*provider, jobs []*jobPlan) time.Duration {
	return bound(provs, jobs, true)
}

// crashFreeBound is lowerBound for providers that never crash: the bound
// the simulator reported before crashes were part of the providers' clock.
func crashFreeBound(provs []*provider, jobs []*jobPlan) time.Duration {
	return bound(provs, jobs, false)
}

func bound(provs []*provider, jobs []*jobPlan, downtimes bool) time.Duration {
	type change struct {
		at time.Duration
		d  float64
	}
	var capacity, fastest float64
	var changes []change
	for _, p := range provs {
		c := float64(p.slots) * p.speed
		capacity += c
		fastest = math.Max(fastest, p.speed)
		if !downtimes {
			continue
		}
		for _, d := range p.down {
			changes = append(changes, change{d.from, -c}, change{d.to, c})
		}
	}
	sort.Slice(changes, func(i, j int) bool { return changes[i].at < changes[j].at })
	// The capacity up is piecewise constant: cap[k] on [at[k], at[k+1]),
	// and cum[k] is its integral up to at[k].
	at, caps, cum := []float64{0}, []float64{capacity}, []float64{0}
	for _, ch := range changes {
		t, k := ch.at.Seconds(), len(at)-1
		if t > at[k] {
			at, caps, cum = append(at, t), append(caps, caps[k]), append(cum, cum[k]+caps[k]*(t-at[k]))
			k++
		}
		caps[k] = math.Max(0, caps[k]+ch.d)
	}
	integral := func(t float64) float64 { // ∫_0^t C
		k := sort.SearchFloat64s(at, t+1e-12) - 1
		return cum[k] + caps[k]*(t-at[k])
	}
	reach := func(v float64) float64 { // the t with ∫_0^t C = v
		k := sort.Search(len(cum), func(i int) bool { return cum[i] > v }) - 1
		for ; k < len(caps)-1 && caps[k] <= 0; k++ {
		}
		c := caps[k]
		if c <= 0 { // everyone down at the end of the record: assume all come back
			c = capacity
		}
		return at[k] + (v-cum[k])/c
	}
	lb := 0.0
	suffix := 0.0
	for i := len(jobs) - 1; i >= 0; i-- {
		j := jobs[i]
		a := j.arrive.Seconds()
		for _, w := range j.work {
			suffix += w
			lb = math.Max(lb, a+w/fastest)
		}
		lb = math.Max(lb, reach(integral(a)+suffix))
	}
	return time.Duration(lb * float64(time.Second))
}

// offer is what p publishes now.
func (p *provider) offer(now time.Duration, epoch time.Time, ttl time.Duration) wire.Offer {
	p.seq++
	return wire.Offer{
		Peer: p.peer, EVM: p.evm,
		Resources: p.m.Config().Resources,
		Slots:     p.slots, FreeSlots: p.m.Free(), Benchmark: p.bench,
		Ask:     p.m.Ask(epoch.Add(now)),
		Labels:  map[string]string{sched.LabelCarbon: strconv.FormatFloat(p.carbon, 'f', 0, 64), sched.LabelStake: strconv.FormatFloat(p.stake, 'f', 0, 64), sched.LabelRegion: p.regName},
		Runtime: "sim", Seq: p.seq, ExpiresMs: epoch.Add(now + ttl).UnixMilli(),
	}
}
