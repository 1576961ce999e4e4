package node

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"net/http/cookiejar"
	"strings"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/exec/wasm"
	"github.com/deco-network/deco/internal/spec"
)

// The dashboard's side of the API on a real node: the session cookie, the
// live views and the job stream's `job` events.

// sseEvent is one server-sent event.
type sseEvent struct{ name, data string }

// readEvents streams the events of GET path (authenticated by hc's cookie
// jar or by the bearer token when hc is nil) until ctx ends.
func readEvents(t *testing.T, ctx context.Context, c *Cluster, hc *http.Client, path string) <-chan sseEvent {
	t.Helper()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.Client.Base+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if hc == nil {
		hc = http.DefaultClient
		req.Header.Set("Authorization", "Bearer "+c.Client.Token)
	}
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK || resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("GET %s: %s %s", path, resp.Status, resp.Header.Get("Content-Type"))
	}
	out := make(chan sseEvent, 256)
	go func() {
		defer close(out)
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 64<<10), 16<<20)
		var ev sseEvent
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				ev.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				ev.data = strings.TrimPrefix(line, "data: ")
			case line == "" && ev.data != "":
				select {
				case out <- ev:
				case <-ctx.Done():
					return
				}
				ev = sseEvent{}
			}
		}
	}()
	return out
}

// login returns an HTTP client holding a dashboard session of c's consumer.
func login(t *testing.T, c *Cluster) *http.Client {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	hc := &http.Client{Jar: jar}
	resp, err := hc.Post(c.Client.Base+"/v1/session", "application/json", strings.NewReader(`{"token":"`+c.Client.Token+`"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		t.Fatalf("login: %s", resp.Status)
	}
	return hc
}

func TestDashboardSessionAndLiveViews(t *testing.T) {
	c := startCluster(t, ClusterOptions{Providers: 1})
	c.Consumer.api.SetSampleInterval(100 * time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	hc := login(t, c)

	// The cookie reads; a change needs X-Deco-Request.
	status := func(method, path string, header bool) int {
		req, _ := http.NewRequestWithContext(ctx, method, c.Client.Base+path, nil)
		if header {
			req.Header.Set(api.RequestHeader, "1")
		}
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := status("GET", "/v1/jobs", false); got != http.StatusOK {
		t.Fatalf("GET /v1/jobs by cookie: %d", got)
	}
	if got := status("POST", "/v1/jobs/00ff/cancel", false); got != http.StatusForbidden {
		t.Fatalf("cancel by cookie without %s: %d, want 403", api.RequestHeader, got)
	}
	if got := status("POST", "/v1/jobs/00ff/cancel", true); got != http.StatusNotFound {
		t.Fatalf("cancel by cookie with %s: %d, want 404 (no such job)", api.RequestHeader, got)
	}

	// /v1/events sends every named event.
	evCtx, evCancel := context.WithCancel(ctx)
	events := readEvents(t, evCtx, c, hc, "/v1/events")
	seen := map[string]string{}
	var smp api.NetworkSample // the first sample that saw the provider
	for len(seen) < 5 || smp.Providers == 0 {
		select {
		case ev, ok := <-events:
			if !ok {
				t.Fatalf("events ended; seen %v", seen)
			}
			seen[ev.name] = ev.data
			if ev.name == "sample" {
				if err := json.Unmarshal([]byte(ev.data), &smp); err != nil {
					t.Fatal(err)
				}
			}
		case <-ctx.Done():
			t.Fatalf("events seen: %v", seen)
		}
	}
	evCancel()
	var provs []api.ProviderView
	if err := json.Unmarshal([]byte(seen["providers"]), &provs); err != nil || len(provs) != 1 {
		t.Fatalf("providers event %s: %v", seen["providers"], err)
	}
	if smp.Providers != 1 || smp.Slots == 0 || smp.AskMin == 0 || smp.Peers == 0 {
		t.Fatalf("sample %+v", smp)
	}

	// A job's stream: `job` views up to a terminal one, then end; the
	// CLI's Follow still sees only log lines.
	prog := upload(t, c.Client, wasm.MinimalModule())
	j := spec.Job{Program: spec.Program{CID: prog}, Tasks: spec.Tasks{Count: 3}}
	id := submit(t, c.Client, j)
	var last api.JobView
	jobs, ended := 0, false
	for ev := range readEvents(t, ctx, c, hc, "/v1/jobs/"+id+"/events") {
		switch ev.name {
		case "job":
			jobs++
			if err := json.Unmarshal([]byte(ev.data), &last); err != nil {
				t.Fatal(err)
			}
		case "end":
			ended = true
		}
		if ended {
			break
		}
	}
	if !ended || jobs == 0 || last.State != api.JobCompleted || string(last.ID) != id || len(last.Tasks) != 3 {
		t.Fatalf("job stream: ended %v, %d job events, last %s %s", ended, jobs, last.ID, last.State)
	}
	lines := 0
	if err := c.Client.Follow(ctx, id, func(l api.LogLine) error {
		if l.Text == "" {
			t.Fatalf("follow got a line without text: %+v", l)
		}
		lines++
		return nil
	}); err != nil || lines == 0 {
		t.Fatalf("follow: %v, %d lines", err, lines)
	}

	// The history accumulates samples, oldest first.
	var hist []api.NetworkSample
	waitUntil(t, time.Minute, "history did not accumulate samples", func() bool {
		req, _ := http.NewRequestWithContext(ctx, "GET", c.Client.Base+"/v1/network/history", nil)
		resp, err := hc.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		hist = nil
		json.NewDecoder(resp.Body).Decode(&hist)
		return len(hist) >= 5
	})
	for i := 1; i < len(hist); i++ {
		if !hist[i].At.After(hist[i-1].At) {
			t.Fatalf("history out of order at %d: %v then %v", i, hist[i-1].At, hist[i].At)
		}
	}
	if hist[len(hist)-1].Providers != 1 {
		t.Fatalf("latest sample %+v", hist[len(hist)-1])
	}

	// Logout ends the cookie's access.
	if got := status("DELETE", "/v1/session", true); got != http.StatusNoContent {
		t.Fatalf("logout: %d", got)
	}
	if got := status("GET", "/v1/jobs", false); got != http.StatusUnauthorized {
		t.Fatalf("GET /v1/jobs after logout: %d", got)
	}
}
