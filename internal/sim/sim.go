package sim

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/deco-network/deco/internal/market"
	provcore "github.com/deco-network/deco/internal/provider"
	"github.com/deco-network/deco/internal/sched"
	"github.com/deco-network/deco/internal/wire"
)

// consumerPeer is the simulated consumer, as providers see it, and
// consumerEVM its address (providers run only what they bid for, to it).
const (
	consumerPeer = "12D3KooSimConsumer"
	consumerEVM  = "0x00000000000000000000000000000000000051a0"
)

// epoch is virtual time zero. Any fixed instant would do; it only has to be
// the same in every run.
var epoch = time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)

// bucket is the width of the time series buckets (utilization, prices).
const bucket = 30 * time.Second

// engine is one simulation run: the event queue, the simulated providers
// and network around the consumer's real market.Market.
type engine struct {
	sc      Scenario
	q       queue
	seq     uint64
	now     time.Duration
	horizon time.Duration

	m     *market.Market
	timer *timed
	pred  sched.Predictor

	provs  []*provider
	byPeer map[string]*provider
	jobs   []*jobPlan
	byJob  map[wire.JobID]*jobPlan
	runs   map[runKey]*run

	submitted, finished int
	ticking             bool

	// measurements
	events      int
	overcommits int
	badAccepted int // verified tasks whose accepted output is wrong (see tallyWrong)
	verdicts    verdictCounts
	preds       []predPoint
	busySlots   int
	lastT       time.Duration
	series      []seriesBucket
	jobEnd      map[int]time.Duration
}

type predPoint struct {
	at       time.Duration
	relError float64
}

type seriesBucket struct {
	busy     float64 // slot-seconds busy
	priceSum float64 // micro-DECO of assignments
	assigns  int
	arrivals int // tasks submitted
	bidReqs  int
}

// Run simulates sc (after Defaults) to the end of its workload or its
// horizon and reports what happened. It is deterministic for sc: the same
// scenario gives the same Report, except its Timing.
func Run(ctx context.Context, sc Scenario) (Report, error) {
	sc.Defaults()
	if err := sc.Validate(); err != nil {
		return Report{}, err
	}
	s, err := newPolicy(sc)
	if err != nil {
		return Report{}, err
	}
	wall := time.Now()
	e, err := simulate(ctx, sc, s)
	if err != nil {
		return Report{}, err
	}
	r := e.report()
	r.Timing.Wall = time.Since(wall).Seconds()
	return r, nil
}

// simulate runs sc (defaulted and validated) with scheduler s: the warm-up
// if any, then the measured workload, whose engine it returns.
func simulate(ctx context.Context, sc Scenario, s sched.Scheduler) (*engine, error) {
	if n := sc.Workload.Warmup; n > 0 {
		// History: the same providers served an earlier stream of jobs
		// through this scheduler, as a node that kept its model would have.
		warm := sc
		warm.Workload.Tasks = n
		w := newEngine(warm, s, workload(warm, 3))
		if err := w.loop(ctx); err != nil {
			return nil, fmt.Errorf("warm-up: %w", err)
		}
	}
	e := newEngine(sc, s, workload(sc, 2))
	if err := e.loop(ctx); err != nil {
		return nil, err
	}
	e.tallyWrong()
	return e, nil
}

// newPolicy builds the scenario's scheduler, seeded from the scenario.
func newPolicy(sc Scenario) (sched.Scheduler, error) {
	return sched.NewPolicy(sc.Policy, sc.Seed^0x5eed)
}

func newEngine(sc Scenario, s sched.Scheduler, jobs []*jobPlan) *engine {
	e := &engine{sc: sc, horizon: time.Duration(sc.Horizon), byPeer: map[string]*provider{}, byJob: map[wire.JobID]*jobPlan{},
		runs: map[runKey]*run{}, jobEnd: map[int]time.Duration{}}
	e.timer = &timed{s: s}
	var wrapped sched.Scheduler = e.timer
	if p, ok := s.(sched.Planner); ok {
		wrapped = timedPlanner{timed: e.timer, p: p}
		if pp, ok := s.(sched.PoolPlanner); ok {
			tp := timedPoolPlanner{timedPlanner: timedPlanner{timed: e.timer, p: p}, pp: pp}
			wrapped = tp
			if sp, ok := s.(sched.Speculator); ok {
				wrapped = timedSpeculator{timedPoolPlanner: tp, sp: sp}
			}
		}
	}
	e.pred, _ = s.(sched.Predictor)
	mp := sc.Market
	adaptive := mp.Adaptive
	if adaptive.Seed == 0 {
		adaptive.Seed = sc.Seed ^ 0xadab7
	}
	e.m = market.New(market.Config{
		Consumer: consumerEVM, AuctionWindow: time.Duration(mp.AuctionWindow), MaxBidders: mp.MaxBidders,
		MaxAttempts: mp.MaxAttempts, ResultGrace: time.Duration(mp.ResultGrace), RetryBackoff: time.Duration(mp.RetryBackoff),
		PlacementTimeout: time.Duration(mp.PlacementTimeout), Adaptive: adaptive,
		Secret: sc.Seed ^ 0x5ec2e7, LocalCheck: mp.LocalCheck, KnownAnswers: mp.KnownAnswers,
	}, wrapped)
	e.provs = population(sc)
	for _, p := range e.provs {
		e.byPeer[p.peer] = p
		e.scheduleCrash(p)
		// Providers come up during the first second, each publishing its offer.
		h := mix(sc.Seed, uint64(p.idx), 0x7075)
		at := time.Duration(h.float() * float64(time.Second))
		e.push(event{at: at, kind: evPublish, prov: p, gen: p.gen})
	}
	e.jobs = jobs
	for _, j := range e.jobs {
		e.byJob[j.id] = j
		// Jobs arrive after the providers have had a second to announce themselves.
		j.arrive += time.Second
		e.push(event{at: j.arrive, kind: evArrive, job: j.idx})
	}
	e.push(event{at: time.Second, kind: evTick})
	e.ticking = true
	return e
}

func (e *engine) push(ev event) {
	e.seq++
	ev.seq = e.seq
	e.q.push(ev)
}

func (e *engine) t() time.Time { return epoch.Add(e.now) }

func (e *engine) loop(ctx context.Context) error {
	for len(e.q) > 0 && e.finished < len(e.jobs) {
		ev := e.q.pop()
		if ev.at > e.horizon {
			break
		}
		e.advance(ev.at)
		e.events++
		if e.events&8191 == 0 && ctx.Err() != nil {
			return fmt.Errorf("simulation stopped at virtual time %s: %w", e.now, ctx.Err())
		}
		e.handle(ev)
	}
	if due := e.m.OwedDue(); e.finished == len(e.jobs) && !due.IsZero() {
		// Every job ended: pay what the market still owes, as a node
		// left running would (market.Config.OwedWait).
		e.apply(e.m.Tick(due))
	}
	e.advance(e.now)
	return nil
}

// advance moves virtual time, integrating busy slots for utilization.
func (e *engine) advance(to time.Duration) {
	if to > e.lastT {
		b := e.bucketAt(e.lastT)
		b.busy += float64(e.busySlots) * (to - e.lastT).Seconds()
		e.lastT = to
	}
	e.now = to
}

func (e *engine) bucketAt(t time.Duration) *seriesBucket {
	i := int(t / bucket)
	for len(e.series) <= i {
		e.series = append(e.series, seriesBucket{})
	}
	return &e.series[i]
}

func (e *engine) handle(ev event) {
	switch ev.kind {
	case evArrive:
		j := e.jobs[ev.job]
		e.submitted++
		e.bucketAt(e.now).arrivals += len(j.work)
		e.step(market.Submit{Job: &market.Job{ID: j.id, Spec: j.spec, Consumer: "sim"}})
		if !e.ticking {
			e.ticking = true
			e.push(event{at: e.now + time.Duration(e.sc.Market.Tick), kind: evTick})
		}
	case evTick:
		e.apply(e.m.Tick(e.t()))
		if e.finished < e.submitted {
			e.push(event{at: e.now + time.Duration(e.sc.Market.Tick), kind: evTick})
		} else {
			e.ticking = false // resumes with the next arrival
		}
	case evPublish:
		p := ev.prov
		if !p.online || ev.gen != p.gen {
			return
		}
		p.m.Tick(e.t()) // expires its standing bids
		o := p.offer(e.now, epoch, time.Duration(e.sc.Network.OfferTTL))
		p.lastAsk, p.lastPub = o.Ask, e.now
		e.push(event{at: e.now + p.lat, kind: evOfferIn, prov: p, offr: &o})
		if !ev.once {
			e.push(event{at: e.now + time.Duration(e.sc.Network.OfferPeriod), kind: evPublish, prov: p, gen: p.gen})
		}
	case evOfferIn:
		e.step(market.OfferSeen{Offer: *ev.offr, Latency: 2 * ev.prov.lat, Net: ev.prov.net, Funder: ev.prov.funder})
	case evBidReq:
		e.bidRequest(ev.prov, ev.req)
	case evBidIn:
		e.step(market.BidIn{Job: ev.bid.Job, Peer: ev.prov.peer, Bid: *ev.bid})
	case evBidFail:
		e.step(market.BidFailed{Job: ev.req.Job, Round: ev.req.Round, Peer: ev.prov.peer, Err: "dial timeout: provider unreachable"})
	case evAssign:
		e.assignArrives(ev.run)
	case evRunning:
		r := ev.run
		e.step(market.Progress{Task: wire.TaskID{Job: r.job.id, Index: r.task}, Attempt: r.attempt, State: "running"})
	case evFinish:
		e.finish(ev.run)
	case evOutcome:
		e.outcome(ev.run, ev.out)
	case evAbort:
		e.abort(ev.run)
	case evCrash:
		e.crash(ev.prov, ev.gen)
	case evChecked:
		e.step(*ev.chk)
	case evRejoin:
		p := ev.prov
		p.online = true
		e.push(event{at: e.now, kind: evPublish, prov: p, gen: p.gen})
		e.scheduleCrash(p)
	}
}

// step feeds one event to the market and carries out its effects.
func (e *engine) step(ev market.Event) { e.apply(e.m.Step(e.t(), ev)) }

// apply performs the market's Ready through the simulated network, as the
// node's driver loop performs it through libp2p. Nothing here is durable,
// so its persistence part is skipped.
func (e *engine) apply(rd market.Ready) {
	// Paid outputs are stored at once (the transfer is not modelled),
	// once this Ready is done with: stepping the market reuses its buffers.
	var fetched []market.Stored
	defer func() {
		for _, s := range fetched {
			e.step(s)
		}
	}()
	for _, f := range rd.Actions {
		switch x := f.(type) {
		case market.RequestBid:
			p := e.byPeer[x.Peer]
			req := x.Req
			e.push(event{at: e.now + p.lat, kind: evBidReq, prov: p, req: &req})
		case market.Assign:
			p := e.byPeer[x.Peer]
			j := e.byJob[x.Msg.Spec.Task.Job]
			r := &run{job: j, task: x.Msg.Spec.Task.Index, attempt: x.Msg.Spec.Attempt, prov: p, price: x.Msg.Price}
			if e.pred != nil {
				r.predicted, _ = e.pred.Predict(p.peer, j.spec.Program.CID)
			}
			e.runs[runKey{j.idx, r.task, r.attempt}] = r
			b := e.bucketAt(e.now)
			b.priceSum += float64(x.Msg.Price)
			b.assigns++
			e.push(event{at: e.now + p.lat, kind: evAssign, run: r})
		case market.Abort:
			j := e.byJob[x.Task.Job]
			if r := e.runs[runKey{j.idx, x.Task.Index, x.Attempt}]; r != nil {
				e.push(event{at: e.now + r.prov.lat, kind: evAbort, run: r})
			}
		case market.Pay:
			e.paid(x)
		case market.Reject:
			e.rejected(x)
		case market.CheckLocal:
			e.checkLocally(x)
		case market.Fetch:
			fetched = append(fetched, market.Stored{Task: x.Task, Attempt: x.Attempt})
		}
	}
	// A re-check may reopen an ended job (market.Job.State leaves
	// terminal): it counts as finished again only when it ends again.
	for _, x := range rd.Saves {
		if jp := e.byJob[x.Job.ID]; jp != nil && !x.Job.State.Terminal() {
			if _, ended := e.jobEnd[jp.idx]; ended {
				delete(e.jobEnd, jp.idx)
				e.finished--
			}
		}
	}
	for _, x := range rd.Finished {
		if _, ended := e.jobEnd[e.byJob[x.Job].idx]; !ended {
			e.finished++
		}
		e.jobEnd[e.byJob[x.Job].idx] = e.now
	}
}

func (e *engine) bidRequest(p *provider, req *wire.BidRequest) {
	e.bucketAt(e.now).bidReqs++
	if !p.online {
		e.push(event{at: e.now - p.lat + time.Duration(e.sc.Network.DialTimeout), kind: evBidFail, prov: p, req: req})
		return
	}
	a := p.m.Step(e.t(), provcore.BidRequested{Peer: consumerPeer, Req: *req}).Answers[0]
	bid := &a.Bid
	// A provider whose price moved by a quarter republishes its offer (at
	// most every 10 s), so consumers' caches follow surges.
	if d := math.Abs(float64(a.Ask) - float64(p.lastAsk)); d > 0.25*float64(p.lastAsk) && e.now-p.lastPub >= 10*time.Second {
		p.lastPub = e.now
		e.push(event{at: e.now, kind: evPublish, prov: p, gen: p.gen, once: true})
	}
	e.push(event{at: e.now + p.lat, kind: evBidIn, prov: p, bid: bid})
}

// fail delivers a failed outcome for r after delay.
func (e *engine) fail(r *run, delay time.Duration, reason string) {
	out := &market.Outcome{Task: wire.TaskID{Job: r.job.id, Index: r.task}, Attempt: r.attempt, Verdict: market.Verdict{Reason: reason}}
	e.push(event{at: e.now + delay, kind: evOutcome, run: r, out: out})
}

func (e *engine) assignArrives(r *run) {
	p := r.prov
	if !p.online {
		e.fail(r, time.Duration(e.sc.Network.DialTimeout)-p.lat, "could not open a task stream to the provider: dial timeout")
		return
	}
	rd := p.m.Step(e.t(), provcore.TaskAssigned{Session: p.gen, Peer: consumerPeer, Assign: wire.Assign{
		Spec: wire.TaskSpec{Task: wire.TaskID{Job: r.job.id, Index: r.task}, Attempt: r.attempt}, Price: r.price, Consumer: consumerEVM}})
	if len(rd.Runs) == 0 {
		why := "a duplicate assignment"
		if len(rd.Sends) > 0 {
			why = rd.Sends[0].Result.Message
		}
		e.overcommits++
		e.fail(r, p.lat, "provider refused the task: "+why)
		return
	}
	e.busySlots++
	e.started(p)
	d := mix(e.sc.Seed, uint64(r.job.idx), uint64(r.task), uint64(r.attempt), uint64(p.idx))
	fetch := time.Duration(float64(e.sc.Workload.InputSize) / e.sc.Network.Bandwidth * float64(time.Second))
	secs := r.job.work[r.task] / p.speed * math.Exp(e.sc.Providers.RunNoise*d.norm())
	if e.lies(p, &d) {
		r.cheat = true
		secs /= e.sc.Providers.CheatSpeedup
	}
	if limit := time.Duration(r.job.spec.Timeout).Seconds(); secs > limit {
		r.timeLimit, secs = true, limit
	}
	r.state, r.start, r.dur = runRunning, e.now+fetch, time.Duration(secs*float64(time.Second))
	p.runs = append(p.runs, r)
	e.push(event{at: e.now + p.lat, kind: evRunning, run: r})
	e.push(event{at: r.start + r.dur, kind: evFinish, run: r})
}

// stop ends r at the provider now, freeing its slot.
func (e *engine) stop(r *run) {
	p := r.prov
	r.state = runDone
	p.m.Step(e.t(), provcore.ExecutionFinished{Key: r.key()})
	e.busySlots--
	p.account(min(e.now, r.start+r.dur)-r.start, e.sc.Providers.Power)
	for i, x := range p.runs {
		if x == r {
			p.runs[i] = p.runs[len(p.runs)-1]
			p.runs = p.runs[:len(p.runs)-1]
			break
		}
	}
}

func (e *engine) finish(r *run) {
	if r.state != runRunning {
		return
	}
	e.stop(r)
	p := r.prov
	id := wire.TaskID{Job: r.job.id, Index: r.task}
	// With payments on, a result is judged on its signed root and its
	// outputs come after the voucher (fair exchange): the market must pay
	// before the job can end, as a node's does.
	v := market.Verdict{OK: true, Duration: r.dur, Benchmark: p.bench, Outputs: outputs(honestRoot(id)), Withheld: true}
	d := mix(e.sc.Seed, uint64(r.job.idx), uint64(r.task), uint64(r.attempt), uint64(p.idx), 0xc0de)
	if r.cheat && !r.timeLimit {
		e.lied(p)
	}
	switch {
	case r.timeLimit:
		v = market.Verdict{ProgramFault: true, Duration: r.dur, Reason: fmt.Sprintf("time limit %s exceeded", time.Duration(r.job.spec.Timeout))}
	case r.cheat && d.float() < *e.sc.Providers.Detect:
		// A forgery the consumer's own check of the receipt catches.
		v = market.Verdict{Duration: r.dur, Reason: "verification failed: the outputs do not match the receipt's output root"}
		e.caught(p)
	case r.cheat:
		// Wrong outputs under a valid receipt: only the market's
		// verification policy (replicas, spot-checks) can catch them.
		r.wrong = true
		v.Outputs = outputs(e.wrongRoot(p, id))
	}
	out := &market.Outcome{Task: id, Attempt: r.attempt, Verdict: v}
	e.push(event{at: e.now + p.lat, kind: evOutcome, run: r, out: out})
}

func (e *engine) outcome(r *run, out *market.Outcome) {
	if out.Verdict.OK && r.predicted > 0 && r.dur > 0 {
		e.preds = append(e.preds, predPoint{at: e.now, relError: math.Abs(r.predicted.Seconds()-r.dur.Seconds()) / r.dur.Seconds()})
	}
	e.step(*out)
}

func (e *engine) abort(r *run) {
	if r.state == runRunning {
		r.prov.m.Step(e.t(), provcore.Cancelled{Key: r.key()})
		e.stop(r)
		r.state = runDead
	}
}

func (e *engine) crash(p *provider, gen uint64) {
	if !p.online || p.gen != gen {
		return
	}
	p.online = false
	p.m.Step(e.t(), provcore.SessionEnded{Session: p.gen})
	p.gen++
	runs := p.runs
	p.runs = nil
	for _, r := range runs {
		p.m.Step(e.t(), provcore.ExecutionFinished{Key: r.key()})
		e.busySlots--
		p.account(e.now-r.start, e.sc.Providers.Power)
		r.state = runDead
		// The consumer notices the dead stream after a keepalive timeout.
		e.fail(r, time.Duration(e.sc.Network.DetectDelay), "lost the connection to the provider during the run")
	}
	d := mix(e.sc.Seed, uint64(p.idx), gen, 0xdead)
	down := time.Duration(-math.Log(1-d.float()) * float64(e.sc.Providers.Rejoin))
	p.crashes++
	p.down = append(p.down, downtime{from: e.now, to: e.now + down})
	e.push(event{at: e.now + down, kind: evRejoin, prov: p})
}

// scheduleCrash schedules p's next crash, if it is flaky: its time up is
// exponential, drawn from a stream of the seed, p and its crash count, so
// crashes are the same whatever the policy does (and the bound can know
// them).
func (e *engine) scheduleCrash(p *provider) {
	if p.crashRate <= 0 {
		return
	}
	d := mix(e.sc.Seed, uint64(p.idx), uint64(p.crashes), 0xc4a54)
	up := -math.Log(1-d.float()) / p.crashRate // seconds
	if up >= (e.horizon - e.now).Seconds() {
		return // not before the horizon (and no overflow for tiny rates)
	}
	e.push(event{at: e.now + time.Duration(up*float64(time.Second)), kind: evCrash, prov: p, gen: p.gen})
}
