package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/deco-network/deco/internal/wire"
)

// Live views: GET /v1/events streams what the dashboard shows of the node
// and the network as server-sent events, each named event sent at connect
// and then whenever its JSON changes; GET /v1/network/history is the
// recent past of the network as samples. The server polls its Backend
// rather than being told of changes: the Backend's views are built on
// demand, and a poll a second is cheap next to a browser's refresh.

// NetworkSample is the network as this node saw it at one moment.
type NetworkSample struct {
	At        time.Time `json:"at"`
	Providers int       `json:"providers"`
	Slots     int       `json:"slots"`
	FreeSlots int       `json:"free_slots"`
	// Utilization is 1 − free/slots (0 with no slots).
	Utilization float64     `json:"utilization"`
	AskMin      wire.Amount `json:"ask_min"`
	AskMedian   wire.Amount `json:"ask_median"`
	AskMax      wire.Amount `json:"ask_max"`
	Peers       int         `json:"peers"`
}

// Default live-view timings.
const (
	// SampleInterval is how often the server samples the network.
	SampleInterval = 5 * time.Second
	// HistoryWindow is how far back /v1/network/history reaches.
	HistoryWindow = time.Hour
	eventsPoll    = time.Second
	jobPoll       = 500 * time.Millisecond
	keepAlive     = 15 * time.Second
	// maxSamples bounds the history whatever the interval (a test's
	// short one included).
	maxSamples = 4096
)

// live holds the network samples and the sampling interval.
type live struct {
	mu      sync.Mutex
	samples []NetworkSample
	every   time.Duration
	wake    chan struct{} // the interval changed
}

func newLive() *live { return &live{every: SampleInterval, wake: make(chan struct{}, 1)} }

// SetSampleInterval changes how often the server samples the network
// (default SampleInterval); tests shorten it. Safe while serving.
func (s *Server) SetSampleInterval(d time.Duration) {
	if d <= 0 {
		return
	}
	s.live.mu.Lock()
	s.live.every = d
	s.live.mu.Unlock()
	select {
	case s.live.wake <- struct{}{}:
	default:
	}
}

// startSampling samples the Backend now and then every interval until
// the returned stop is called.
func (s *Server) startSampling() (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			s.record(ctx)
			s.live.mu.Lock()
			every := s.live.every
			s.live.mu.Unlock()
			t := time.NewTimer(every)
			select {
			case <-ctx.Done():
				t.Stop()
				return
			case <-s.live.wake:
				t.Stop()
			case <-t.C:
			}
		}
	}()
	return func() { cancel(); <-done }
}

// record takes a sample and drops those past the window.
func (s *Server) record(ctx context.Context) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	ps, err := s.b.Providers(ctx)
	if err != nil {
		if ctx.Err() == nil {
			s.log.Debug("network sample skipped", "err", err)
		}
		return
	}
	smp := SampleOf(time.Now(), ps, s.b.Info(ctx).Peers)
	s.live.mu.Lock()
	defer s.live.mu.Unlock()
	s.live.samples = append(s.live.samples, smp)
	cut := 0
	for cut < len(s.live.samples) && smp.At.Sub(s.live.samples[cut].At) > HistoryWindow {
		cut++
	}
	cut = max(cut, len(s.live.samples)-maxSamples)
	s.live.samples = slices.Delete(s.live.samples, 0, cut)
}

// SampleOf sums up the providers a node knows at one moment.
func SampleOf(at time.Time, ps []ProviderView, peers int) NetworkSample {
	smp := NetworkSample{At: at, Providers: len(ps), Peers: peers}
	asks := make([]wire.Amount, 0, len(ps))
	for _, p := range ps {
		smp.Slots += p.Slots
		smp.FreeSlots += p.FreeSlots
		asks = append(asks, p.Ask)
	}
	if smp.Slots > 0 {
		smp.Utilization = 1 - float64(smp.FreeSlots)/float64(smp.Slots)
	}
	if len(asks) > 0 {
		slices.Sort(asks)
		smp.AskMin, smp.AskMax = asks[0], asks[len(asks)-1]
		smp.AskMedian = asks[(len(asks)-1)/2] // the lower middle: an ask someone made
	}
	return smp
}

// history returns the samples kept, oldest first, taken after since.
func (s *Server) history(since time.Time) []NetworkSample {
	s.live.mu.Lock()
	defer s.live.mu.Unlock()
	out := []NetworkSample{}
	for _, smp := range s.live.samples {
		if smp.At.After(since) {
			out = append(out, smp)
		}
	}
	return out
}

func (s *Server) networkHistory(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, s.history(time.Time{}))
}

// sse writes server-sent events to one client.
type sse struct {
	w  http.ResponseWriter
	fl http.Flusher
}

func startSSE(w http.ResponseWriter) sse {
	fl, _ := w.(http.Flusher)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	e := sse{w: w, fl: fl}
	e.flush()
	return e
}

func (e sse) flush() {
	if e.fl != nil {
		e.fl.Flush()
	}
}

// send writes one named event whose data is JSON (one line: json.Marshal
// escapes newlines inside strings).
func (e sse) send(name string, data []byte) {
	fmt.Fprintf(e.w, "event: %s\ndata: %s\n\n", name, data)
}

// changed remembers the JSON last sent per event name.
type changed map[string][]byte

// update marshals v and reports its JSON when it differs from what was
// last sent as name.
func (c changed) update(name string, v any) ([]byte, bool) {
	b, err := json.Marshal(v)
	if err != nil || bytes.Equal(b, c[name]) {
		return nil, false
	}
	c[name] = b
	return b, true
}

// liveEvents streams the node's and the network's state (GET /v1/events).
func (s *Server) liveEvents(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	out := startSSE(w)
	last := changed{}
	// The latest sample goes out at connect, then each new one (the past
	// is GET /v1/network/history).
	var sampled time.Time
	if h := s.history(time.Time{}); len(h) > 0 {
		sampled = h[len(h)-1].At.Add(-time.Nanosecond)
	}
	poll := time.NewTicker(eventsPoll)
	defer poll.Stop()
	keep := time.NewTicker(keepAlive)
	defer keep.Stop()
	for {
		s.pollViews(ctx, out, last)
		for _, smp := range s.history(sampled) {
			b, _ := json.Marshal(smp)
			out.send("sample", b)
			sampled = smp.At
		}
		out.flush()
		select {
		case <-ctx.Done():
			return
		case <-keep.C:
			fmt.Fprint(w, ": keep-alive\n\n")
			out.flush()
		case <-poll.C:
		}
	}
}

// pollViews sends each view whose JSON changed since last. A view the
// Backend fails to build is skipped this round (the next poll retries).
func (s *Server) pollViews(ctx context.Context, out sse, last changed) {
	if b, ok := last.update("status", s.b.Info(ctx)); ok {
		out.send("status", b)
	}
	views := []struct {
		name string
		get  func(context.Context) (any, error)
	}{
		{"peers", func(ctx context.Context) (any, error) { return s.b.Peers(ctx) }},
		{"providers", func(ctx context.Context) (any, error) { return s.b.Providers(ctx) }},
		{"jobs", func(ctx context.Context) (any, error) {
			js, err := s.b.Jobs(ctx)
			if js == nil {
				js = []JobSummary{}
			}
			return js, err
		}},
	}
	for _, v := range views {
		val, err := v.get(ctx)
		if err != nil {
			continue
		}
		if b, ok := last.update(v.name, val); ok {
			out.send(v.name, b)
		}
	}
}

// jobView sends the job's view as a `job` event when it changed (never
// when last is nil: the client asked for none).
func (s *Server) jobView(ctx context.Context, out sse, last changed, id string) {
	if last == nil {
		return
	}
	j, err := s.b.Job(ctx, id)
	if err != nil {
		return
	}
	if b, ok := last.update("job", j); ok {
		out.send("job", b)
	}
}
