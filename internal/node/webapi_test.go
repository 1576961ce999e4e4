package node

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"path"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/exec/wasm"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
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
	var apiErr *api.Error
	if _, err := c.Client.Wallet(ctx); !errors.As(err, &apiErr) || apiErr.Status != http.StatusConflict || apiErr.Code != api.CodeNoChain {
		t.Fatalf("wallet without a chain: %v", err)
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
	for ev := range readEvents(t, ctx, c, hc, "/v1/jobs/"+id+"/events?job=0") {
		if ev.name == "job" {
			t.Fatalf("?job=0 sent a job event")
		}
		if ev.name == "end" {
			break
		}
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

// The wallet after a paid job: the consumer's escrow and the transactions
// that opened it, each readable back from the chain with its events; the
// provider's earnings and, once it redeems, its redeem transaction.
func TestWalletView(t *testing.T) {
	c := startCluster(t, ClusterOptions{Providers: 1, Chain: true})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	prog := upload(t, c.Client, wasm.MinimalModule())
	j := runJob(t, c.Client, spec.Job{Name: "paid", Program: spec.Program{CID: prog}, Tasks: spec.Tasks{Count: 2}, Price: spec.Price{Max: 5000}, Verification: spec.VerifyReceipt})
	if j.State != api.JobCompleted {
		t.Fatalf("job %s: %s", j.State, j.Reason)
	}
	w, err := c.Client.Wallet(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if w.Address != c.Consumer.EVM().Hex() || w.Balance == "" || w.Balance == "0" || w.GasBalance == "" || w.Error != "" {
		t.Fatalf("wallet %+v", w)
	}
	if len(w.Escrows) != 1 || w.Escrows[0].Job != j.ID || w.Escrows[0].Name != "paid" || w.Escrows[0].Deposit != 2*5000 ||
		w.Escrows[0].Spent != j.Payment.Spent || w.Escrows[0].Spent == 0 || w.Escrows[0].Escrow == "" {
		t.Fatalf("escrows %+v (job payment %+v)", w.Escrows, j.Payment)
	}
	var open api.TxSummary
	for _, tx := range w.Transactions {
		if tx.Kind == "open" {
			open = tx
		}
	}
	if open.Job != j.ID || open.Status != api.TxOK || open.Block == 0 || open.At.IsZero() {
		t.Fatalf("no open transaction for the job in %+v", w.Transactions)
	}
	tv, err := c.Client.Transaction(ctx, open.Hash)
	if err != nil {
		t.Fatal(err)
	}
	named := map[string]bool{}
	for _, e := range tv.Events {
		named[e.Contract+"."+e.Name] = true
	}
	if tv.Hash != open.Hash || tv.Status != api.TxOK || tv.Block != open.Block || tv.From != c.Consumer.EVM().Hex() || tv.Kind != "open" ||
		tv.Job != j.ID || tv.GasUsed == 0 || len(tv.Events) == 0 {
		t.Fatalf("transaction %+v", tv)
	}
	t.Logf("open transaction's events: %v", named)
	var apiErr *api.Error
	if _, err := c.Client.Transaction(ctx, "0x"+strings.Repeat("ab", 32)); !errors.As(err, &apiErr) || apiErr.Status != http.StatusNotFound || apiErr.Code != api.CodeNotFound {
		t.Fatalf("unknown transaction: %v", err)
	}
	if _, err := c.Client.Transaction(ctx, "0x12"); !errors.As(err, &apiErr) || apiErr.Status != http.StatusBadRequest {
		t.Fatalf("malformed hash: %v", err)
	}

	// The provider earns; once it redeems, its wallet shows the redeem.
	prov := c.Providers[0]
	pc := &api.Client{Base: prov.APIURL(), Token: prov.Token()}
	pw, err := pc.Wallet(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(pw.Earnings) != 1 || pw.Earnings[0].Job != j.ID || pw.Earnings[0].Latest != j.Payment.Spent {
		t.Fatalf("provider earnings %+v", pw.Earnings)
	}
	if !pw.Stake.CanBid || !pw.Stake.PeerBound || pw.Stake.Bonded == "0" {
		t.Fatalf("provider stake %+v", pw.Stake)
	}
	if _, err := pc.Redeem(ctx); err != nil {
		t.Fatal(err)
	}
	pw, err = pc.Wallet(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(pw.Transactions) == 0 || pw.Transactions[0].Kind != "redeem" || pw.Transactions[0].Job != j.ID || pw.Transactions[0].Status != api.TxOK {
		t.Fatalf("provider transactions %+v", pw.Transactions)
	}
	if pw.Earnings[0].Redeemed != j.Payment.Spent || pw.Earnings[0].Pending != 0 {
		t.Fatalf("provider earnings after redeeming %+v", pw.Earnings)
	}

	// The consumer's transactions survive its restart.
	old := c.Consumer
	old.Close()
	id, err := old.opts.Home.Identity()
	if err != nil {
		t.Fatal(err)
	}
	n, err := New(Options{Home: old.opts.Home, Config: old.opts.Config, Identity: id, Chain: old.opts.Chain})
	if err != nil {
		t.Fatal(err)
	}
	if err := n.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer n.Close()
	w2, err := (&api.Client{Base: n.APIURL(), Token: n.Token()}).Wallet(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(w2.Transactions, func(tx api.TxSummary) bool { return reflect.DeepEqual(tx, open) }) {
		t.Fatalf("after a restart the wallet lists %+v, not the open transaction %+v", w2.Transactions, open)
	}
}

// formPart is one part of a multipart submission.
type formPart struct{ name, body string }

// postForm submits parts as multipart/form-data (by cookie, as the
// dashboard does) and returns the status and body.
func postForm(t *testing.T, ctx context.Context, c *Cluster, hc *http.Client, parts []formPart) (int, []byte) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, p := range parts {
		var w io.Writer
		var err error
		if p.name == api.SpecPart {
			w, err = mw.CreateFormField(p.name)
		} else {
			w, err = mw.CreateFormFile(p.name, path.Base(p.name))
		}
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, p.body)
	}
	mw.Close()
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, c.Client.Base+"/v1/jobs", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set(api.RequestHeader, "1")
	resp, err := hc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// The dashboard's submit form: a spec naming a module and per-task
// inputs by path, with a part per path, runs as `deco run -f` would run
// it; hostile forms get a 400 that says what is wrong.
func TestSubmitForm(t *testing.T) {
	c := startCluster(t, ClusterOptions{Providers: 1})
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	hc := login(t, c)
	mod := string(wasm.MinimalModule())
	yaml := "name: form\nprogram: {wasm: mod/minimal.wasm}\ntasks: {count: 2}\ninputs:\n  - path: data/in-{{index}}.txt\n  - path: shared.txt\n"
	good := []formPart{{api.SpecPart, yaml}, {"mod/minimal.wasm", mod}, {"data/in-0.txt", "zero"}, {"data/in-1.txt", "one"}, {"shared.txt", "both"}}

	for _, tc := range []struct {
		name  string
		parts []formPart
		want  string // in the error
	}{
		{"no spec", good[1:], `no "spec" part`},
		{"missing file", slices.Clone(good[:4]), `"shared.txt"`},
		{"extra file", append(slices.Clone(good), formPart{"other.txt", "x"}), `part "other.txt": the spec names no such path`},
		{"extra file before the spec", append([]formPart{{"other.txt", "x"}}, good...), `part "other.txt": the spec names no such path`},
		{"duplicate file", append(slices.Clone(good), formPart{"shared.txt", "again"}), `two parts named "shared.txt"`},
		{"duplicate spec", append(slices.Clone(good), formPart{api.SpecPart, yaml}), `two "spec" parts`},
		{"path traversal", append(slices.Clone(good), formPart{"../../etc/passwd", "x"}), "climbs out"},
		{"absolute path", append(slices.Clone(good), formPart{"/etc/passwd", "x"}), "absolute path"},
		{"bad spec", []formPart{{api.SpecPart, "program: {wasm: a.wasm}\nnonsense: 1\n"}, {"a.wasm", mod}}, "nonsense"},
	} {
		code, body := postForm(t, ctx, c, hc, tc.parts)
		var e api.Error
		if code != http.StatusBadRequest || json.Unmarshal(body, &e) != nil || e.Code != api.CodeInvalid ||
			!strings.Contains(e.Message+strings.Join(e.Fields, " "), tc.want) {
			t.Errorf("%s: %d %s, want 400 invalid saying %s", tc.name, code, body, tc.want)
		}
	}

	code, body := postForm(t, ctx, c, hc, good)
	if code != http.StatusCreated {
		t.Fatalf("submit: %d %s", code, body)
	}
	var v api.JobView
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatal(err)
	}
	if v.Spec.Program.CID != wire.CIDOf([]byte(mod)) || v.Spec.Program.WASM != "" || len(v.Spec.Inputs) != 3 {
		t.Fatalf("resolved spec %+v", v.Spec)
	}
	for _, in := range v.Spec.Inputs {
		if in.Path != "" || in.CID == "" {
			t.Fatalf("input %+v", in)
		}
	}
	if in := v.Spec.Inputs[0]; in.Name != "in-0.txt" || in.CID != wire.CIDOf([]byte("zero")) || in.Task == nil || *in.Task != 0 {
		t.Fatalf("first input %+v", in)
	}
	if err := c.Client.Follow(ctx, string(v.ID), func(api.LogLine) error { return nil }); err != nil {
		t.Fatal(err)
	}
	final, err := c.Client.Job(ctx, string(v.ID))
	if err != nil || final.State != api.JobCompleted {
		t.Fatalf("job %v: %+v", err, final)
	}
}
