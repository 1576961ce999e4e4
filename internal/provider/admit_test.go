package provider

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/pricing"
	"github.com/deco-network/deco/internal/wire"
)

var t0 = time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)

const job = wire.JobID("job-a")

func testConfig() Config {
	return Config{
		EVM:       "0x00000000000000000000000000000000000000aa",
		Resources: wire.Resources{Cores: 4, Memory: 8 << 30, Disk: 50 << 30, GPUs: []string{"gpu0"}},
		Labels:    map[string]string{"region": "eu"},
		Slots:     2,
		Pricing:   pricing.Params{Base: 1000, Floor: 1000, Ceiling: 1000}, // a flat ask
	}
}

func request() wire.BidRequest {
	return wire.BidRequest{Job: job, Round: 1, Tasks: []int{0, 1, 2}, Need: wire.Resources{Cores: 1, Memory: 1 << 30, Disk: 1 << 30},
		TimeoutMs: 60_000, MaxPrice: 2000, Consumer: "0xc0"}
}

func TestAdmission(t *testing.T) {
	tests := []struct {
		name   string
		edit   func(*wire.BidRequest, *Escrow)
		busy   int // slots taken before the request
		price  wire.Amount
		slots  int
		reason string // substring of the refusal; "" accepts
	}{
		{name: "fits", price: 1000, slots: 2},
		{name: "memory", edit: func(r *wire.BidRequest, _ *Escrow) { r.Need.Memory = 16 << 30 }, reason: "needs 16GiB memory, this provider has 8GiB"},
		{name: "cores", edit: func(r *wire.BidRequest, _ *Escrow) { r.Need.Cores = 8 }, reason: "needs 8 cores, this provider has 4"},
		{name: "disk", edit: func(r *wire.BidRequest, _ *Escrow) { r.Need.Disk = 100000 << 30 }, reason: "needs 100000GiB disk, this provider has 50GiB"},
		{name: "gpu", edit: func(r *wire.BidRequest, _ *Escrow) { r.Need.GPU = 2 }, reason: "needs 2 GPUs, this provider has 1"},
		{name: "timeout", edit: func(r *wire.BidRequest, _ *Escrow) { r.TimeoutMs = 25 * 3600 * 1000 }, reason: "asks for a 25h0m0s time limit, this provider runs tasks for at most 24h0m0s"},
		{name: "negative timeout", edit: func(r *wire.BidRequest, _ *Escrow) { r.TimeoutMs = -1 }, reason: "asks for a -1ms time limit"},
		{name: "label value", edit: func(r *wire.BidRequest, _ *Escrow) { r.Labels = map[string]string{"region": "us"} }, reason: "needs label region=us (this provider has eu)"},
		{name: "label missing", edit: func(r *wire.BidRequest, _ *Escrow) { r.Labels = map[string]string{"tee": "sgx"} }, reason: "needs label tee=sgx (this provider has none)"},
		{name: "label match", edit: func(r *wire.BidRequest, _ *Escrow) { r.Labels = map[string]string{"region": "eu"} }, price: 1000, slots: 2},
		{name: "price", edit: func(r *wire.BidRequest, _ *Escrow) { r.MaxPrice = 999 }, reason: "ask 0.001 above max price 0.000999"},
		{name: "busy", busy: 2, reason: "all slots busy"},
		{name: "one slot left", busy: 1, price: 1000, slots: 1},
		{name: "few tasks", edit: func(r *wire.BidRequest, _ *Escrow) { r.Tasks = []int{7} }, price: 1000, slots: 1},
		{name: "escrow error", edit: func(_ *wire.BidRequest, e *Escrow) { *e = Escrow{On: true, Err: "job has no escrow on chain"} }, reason: "no deposit, no work: job has no escrow on chain"},
		{name: "escrow short", edit: func(_ *wire.BidRequest, e *Escrow) { *e = Escrow{On: true, Cover: 999} }, reason: "no deposit, no work: job job-a's escrow has 0.000999 DECO left"},
		{name: "escrow covers", edit: func(_ *wire.BidRequest, e *Escrow) { *e = Escrow{On: true, Cover: 1000} }, price: 1000, slots: 2},
		{name: "proof price", edit: func(_ *wire.BidRequest, e *Escrow) { *e = Escrow{On: true, Cover: 5000, ProofPrice: 1500} }, price: 1500, slots: 2},
		{name: "proof price below ask", edit: func(_ *wire.BidRequest, e *Escrow) { *e = Escrow{On: true, Cover: 5000, ProofPrice: 500} }, reason: "ask 0.001 above the proof escrow's price 0.0005"},
		{name: "payments off ignore escrow", edit: func(_ *wire.BidRequest, e *Escrow) { *e = Escrow{Err: "unused"} }, price: 1000, slots: 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := New(testConfig())
			bidFor(t, m, t0, "c")
			for i := range tt.busy {
				m.Step(t0, TaskAssigned{Session: 1, Peer: "c", Assign: assign(job, 100+i, 0, 0)})
			}
			req, es := request(), Escrow{}
			if tt.edit != nil {
				tt.edit(&req, &es)
			}
			rd := m.Step(t0, BidRequested{Peer: "c", Req: req, Escrow: es})
			if len(rd.Answers) != 1 {
				t.Fatalf("answers = %d, want 1", len(rd.Answers))
			}
			b := rd.Answers[0].Bid
			if tt.reason != "" {
				if b.Accept || !strings.Contains(b.Reason, tt.reason) {
					t.Fatalf("bid = %+v, want refused with %q", b, tt.reason)
				}
				return
			}
			if !b.Accept || b.Price != tt.price || b.Slots != tt.slots || b.EVM != testConfig().EVM || b.ETAMs != 6000 {
				t.Fatalf("bid = %+v, want accepted at %s for %d slots", b, tt.price, tt.slots)
			}
		})
	}
}

// bidFor gives peer a standing bid for job (payments off), as the
// consumer's bid request does before it assigns.
func bidFor(t testing.TB, m *Machine, now time.Time, peer string) {
	t.Helper()
	if rd := m.Step(now, BidRequested{Peer: peer, Req: request()}); !rd.Answers[0].Bid.Accept {
		t.Fatalf("no bid for %s: %+v", peer, rd.Answers[0].Bid)
	}
}

func assign(j wire.JobID, index, attempt int, price wire.Amount) wire.Assign {
	return wire.Assign{Spec: wire.TaskSpec{Task: wire.TaskID{Job: j, Index: index}, Attempt: attempt}, Price: price, Consumer: "0xc0"}
}

// TestWindow pins the pricing window: the bid requests
// of the sliding minute (six 10 s buckets) raise the ask.
func TestWindow(t *testing.T) {
	var w window
	for i := range 5 {
		w.requests(t0.Add(time.Duration(i)*time.Second), true)
	}
	if n := w.requests(t0.Add(5*time.Second), false); n != 5 {
		t.Fatalf("requests = %d, want 5", n)
	}
	if n := w.requests(t0.Add(55*time.Second), true); n != 6 {
		t.Fatalf("within the minute = %d, want 6", n)
	}
	if n := w.requests(t0.Add(60*time.Second), false); n != 1 {
		t.Fatalf("after the first bucket left the minute = %d, want 1", n)
	}
	if n := w.requests(t0.Add(10*time.Minute), false); n != 0 {
		t.Fatalf("ten minutes on = %d, want 0", n)
	}
	m := New(Config{Slots: 1, Pricing: pricing.Params{Base: 1000}})
	idle := m.Ask(t0)
	for range 20 {
		m.Step(t0, BidRequested{Peer: "c", Req: wire.BidRequest{Job: job, MaxPrice: 1}})
	}
	if busy := m.Ask(t0); busy <= idle {
		t.Fatalf("ask after 20 requests = %s, not above the idle ask %s", busy, idle)
	}
}

// TestAssignmentBeyondOffer: an assignment names its own limits, whatever
// the bid request said; one asking for more memory, run time or output
// than the provider offers is refused before anything is reserved or run.
func TestAssignmentBeyondOffer(t *testing.T) {
	tests := []struct {
		name   string
		edit   func(*wire.TaskSpec)
		reason string // "" runs
	}{
		{name: "within", edit: func(s *wire.TaskSpec) { s.MemoryLimit, s.TimeoutMs, s.MaxOutput = 8<<30, 24*3600*1000, 50<<30 }},
		{name: "defaults", edit: func(*wire.TaskSpec) {}},
		{name: "memory", edit: func(s *wire.TaskSpec) { s.MemoryLimit = 9 << 30 }, reason: "asks for 9GiB memory, this provider offers 8GiB"},
		{name: "timeout", edit: func(s *wire.TaskSpec) { s.TimeoutMs = 100 * 24 * 3600 * 1000 }, reason: "asks for a 2400h0m0s time limit, this provider runs tasks for at most 24h0m0s"},
		{name: "huge timeout", edit: func(s *wire.TaskSpec) { s.TimeoutMs = math.MaxInt64 }, reason: "9223372036854775807ms time limit"},
		{name: "negative timeout", edit: func(s *wire.TaskSpec) { s.TimeoutMs = -5 }, reason: "-5ms time limit"},
		{name: "100TiB output", edit: func(s *wire.TaskSpec) { s.MaxOutput = 100 << 40 }, reason: "outside [0, 64GiB]"},
		{name: "negative output", edit: func(s *wire.TaskSpec) { s.MaxOutput = -1 }, reason: "outside [0, 64GiB]"},
		{name: "output above disk", edit: func(s *wire.TaskSpec) { s.MaxOutput = 60 << 30 }, reason: "allows 60GiB of output, this provider offers 50GiB of disk"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := New(testConfig())
			bidFor(t, m, t0, "c")
			a := assign(job, 0, 0, 1000)
			tt.edit(&a.Spec)
			rd := m.Step(t0, TaskAssigned{Session: 1, Peer: "c", Assign: a, Escrow: paid})
			if tt.reason == "" {
				if len(rd.Runs) != 1 || len(rd.Sends) != 0 {
					t.Fatalf("should run: %+v", rd)
				}
				return
			}
			if len(rd.Runs) != 0 || len(rd.Sends) != 1 || rd.Sends[0].Result.Failure != wire.FailProvider || !strings.Contains(rd.Sends[0].Result.Message, tt.reason) {
				t.Fatalf("should be refused with %q: %+v", tt.reason, rd)
			}
			if m.Reserved(job) != 0 || m.Busy() != 0 {
				t.Fatalf("a refused assignment reserved %s, busy %d", m.Reserved(job), m.Busy())
			}
		})
	}
}
