package api_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/deco-network/deco/examples"
	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/devnet/inproc"
	"github.com/deco-network/deco/internal/spec"
)

// TestConformance starts real nodes (in process, real libp2p on
// loopback; one without a chain, one on the simulated chain), runs a job
// through each and calls every operation of Routes it can: each must be
// in the document the node serves and answer as it says (status, media
// type, body valid against the schema, event data valid against
// x-events). It then checks documented errors: 401 without a token,
// 404 not_found for an unknown job, 400 invalid for a bad spec.
//
// The table is Routes itself, so a new row is covered without editing
// this test: a GET whose path parameters the test can fill is called;
// streams are read for a few seconds.
func TestConformance(t *testing.T) {
	for _, chain := range []bool{false, true} {
		name := "no chain"
		if chain {
			name = "chain"
		}
		t.Run(name, func(t *testing.T) { conformance(t, chain) })
	}
}

func conformance(t *testing.T, chain bool) {
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	c, err := inproc.Start(ctx, inproc.Options{Providers: 1, Chain: chain})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	n := &caller{t: t, ctx: ctx, base: c.Consumer.APIURL(), token: c.Consumer.Token()}

	// The document the node serves is the committed one, and public.
	resp, body := n.call("GET", "/v1/openapi.json", "", nil, false)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET /v1/openapi.json without a token: %d %s", resp.StatusCode, body)
	}
	doc, err := parseDoc(body)
	if err != nil {
		t.Fatalf("the served document: %v", err)
	}

	// Something for every path parameter: a finished job and a blob.
	blob := []byte("conformance blob")
	ref, err := c.Client.PutBlob(ctx, bytes.NewReader(blob))
	if err != nil {
		t.Fatal(err)
	}
	prog, err := c.Client.PutBlob(ctx, bytes.NewReader(examples.HelloWASM()))
	if err != nil {
		t.Fatal(err)
	}
	job, err := c.Client.Submit(ctx, spec.Job{Name: "conformance", Program: spec.Program{CID: prog.CID},
		Tasks: spec.Tasks{Count: 2, Args: []string{"x"}}, Price: spec.Price{Max: 10_000}})
	if err != nil {
		t.Fatal(err)
	}
	for !job.State.Terminal() {
		select {
		case <-ctx.Done():
			t.Fatalf("job %s still %s: %v", job.ID, job.State, ctx.Err())
		case <-time.After(100 * time.Millisecond):
		}
		if job, err = c.Client.Job(ctx, string(job.ID)); err != nil {
			t.Fatal(err)
		}
	}
	if job.State != api.JobCompleted {
		t.Fatalf("job %s: %s (%s)", job.ID, job.State, job.Reason)
	}
	fill := map[string]string{"id": string(job.ID), "cid": string(ref.CID)}
	if h := firstTxHash(n); h != "" {
		fill["hash"] = h
	}

	for _, rt := range api.Routes {
		op := doc.operation(rt.Method, rt.Path)
		if op == nil {
			t.Errorf("%s %s is a route but not in the document the node serves", rt.Method, rt.Path)
			continue
		}
		path, ok := fillPath(rt.Path, fill)
		if !ok {
			t.Logf("%s %s: no value for its path parameters here; only its document entry is checked", rt.Method, rt.Path)
			continue
		}
		if !rt.Public {
			resp, body := n.call(rt.Method, path, "", nil, false)
			n.checkError(doc, op, rt, resp, body, http.StatusUnauthorized, api.CodeUnauthorized)
		} else if rt.Method == http.MethodGet {
			if resp, body := n.call(rt.Method, path, "", nil, false); resp.StatusCode == http.StatusUnauthorized {
				t.Errorf("%s %s is public but refuses a request without a token: %s", rt.Method, path, body)
			}
		}
		if rt.Method != http.MethodGet && rt.Method != http.MethodHead {
			continue // writes are checked by the cases below and the client's tests
		}
		resp, body := n.call(rt.Method, path, "", nil, true)
		n.checkSuccess(doc, op, rt, resp, body, chain)
		if rt.Path == "/v1/blobs/{cid}" && rt.Method == http.MethodGet && resp.StatusCode == http.StatusOK && !bytes.Equal(body, blob) {
			t.Errorf("GET %s: %q, want the uploaded %q", path, body, blob)
		}
	}

	// Documented errors.
	rows := map[string]api.Route{}
	for _, rt := range api.Routes {
		rows[rt.Method+" "+rt.Path] = rt
	}
	unknown := strings.Repeat("0f", 16)
	resp, body = n.call("GET", "/v1/jobs/"+unknown, "", nil, true)
	n.checkError(doc, doc.operation("GET", "/v1/jobs/{id}"), rows["GET /v1/jobs/{id}"], resp, body, http.StatusNotFound, api.CodeNotFound)
	resp, body = n.call("POST", "/v1/jobs", "application/json", []byte(`{"program":{"cid":"`+string(prog.CID)+`"},"tasks":{"count":1},"price":{"max":"0.01"},"max_output":"100TiB"}`), true)
	n.checkError(doc, doc.operation("POST", "/v1/jobs"), rows["POST /v1/jobs"], resp, body, http.StatusBadRequest, api.CodeInvalid)
	resp, body = n.call("POST", "/v1/jobs", "application/json", []byte(`{"nonsense": 1}`), true)
	n.checkError(doc, doc.operation("POST", "/v1/jobs"), rows["POST /v1/jobs"], resp, body, http.StatusBadRequest, api.CodeInvalid)

	// The client's typed error carries the status and code.
	_, err = c.Client.Job(ctx, unknown)
	var ae *api.Error
	if !errors.As(err, &ae) || ae.Status != http.StatusNotFound || ae.Code != api.CodeNotFound || !errors.Is(err, api.ErrNotFound) {
		t.Errorf("client error for an unknown job: %#v", err)
	}
	if !chain {
		_, err = c.Client.Redeem(ctx)
		if !errors.As(err, &ae) || ae.Status != http.StatusConflict || ae.Code != api.CodeNoChain || !errors.Is(err, api.ErrNoChain) {
			t.Errorf("client error for redeem without a chain: %#v", err)
		}
	}
}

type caller struct {
	t           *testing.T
	ctx         context.Context
	base, token string
}

// call sends a request (with the token when auth) and reads the answer;
// a stream is read for at most streamFor.
func (c *caller) call(method, path, ctype string, body []byte, auth bool) (*http.Response, []byte) {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(c.ctx, streamFor)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, bytes.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	if auth {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil && !(errors.Is(err, context.DeadlineExceeded) && isStream(resp)) {
		c.t.Fatalf("%s %s: reading the body: %v", method, path, err)
	}
	return resp, b
}

// streamFor bounds how long a stream that does not end is read.
const streamFor = 3 * time.Second

func isStream(resp *http.Response) bool {
	mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	return mt == "text/event-stream"
}

// checkSuccess checks a GET or HEAD answer against the document: the
// route's success status (or, on a node without a chain, a documented
// 409 no_chain), its media type, and its body.
func (c *caller) checkSuccess(doc *schemaDoc, op map[string]any, rt api.Route, resp *http.Response, body []byte, chain bool) {
	c.t.Helper()
	where := rt.Method + " " + rt.Path
	if resp.StatusCode != rt.Status {
		if !chain && resp.StatusCode == http.StatusConflict {
			c.checkError(doc, op, rt, resp, body, http.StatusConflict, api.CodeNoChain)
			return
		}
		c.t.Errorf("%s: status %d, the document says %d: %s", where, resp.StatusCode, rt.Status, body)
		return
	}
	r := response(op, rt.Status)
	if r == nil {
		c.t.Errorf("%s: status %d is not in the document", where, rt.Status)
		return
	}
	content, _ := r["content"].(map[string]any)
	if rt.Method == http.MethodHead || content == nil {
		if rt.Method != http.MethodHead && len(body) != 0 {
			c.t.Errorf("%s: a body the document does not describe: %.80q", where, body)
		}
		return
	}
	mt, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	schema, ok := mediaSchema(r, mt)
	if !ok {
		c.t.Errorf("%s: answered %s, the document says %v", where, mt, keys(content))
		return
	}
	switch mt {
	case "application/json":
		v, err := decode(body)
		if err != nil {
			c.t.Errorf("%s: body is not JSON: %v", where, err)
			return
		}
		if rt.Path == "/v1/openapi.json" {
			return // the document itself, parsed above
		}
		for _, e := range doc.validate(schema, v, "body") {
			c.t.Errorf("%s: %s", where, e)
		}
	case "text/event-stream":
		c.checkEvents(doc, op, where, body)
	default:
		if len(body) == 0 {
			c.t.Errorf("%s: empty %s body", where, mt)
		}
	}
}

// checkEvents parses a stream's events and validates each one's data
// against its x-events schema; an event the document does not name, or
// a stream with no event, fails.
func (c *caller) checkEvents(doc *schemaDoc, op map[string]any, where string, body []byte) {
	c.t.Helper()
	schemas := map[string]any{}
	list, _ := op["x-events"].([]any)
	for _, e := range list {
		e := e.(map[string]any)
		schemas[e["name"].(string)] = e["data"]
	}
	seen := 0
	name, data := "message", ""
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(make([]byte, 64<<10), 4<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "event: "):
			name = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			data += strings.TrimPrefix(line, "data: ")
		case line == "" && data != "":
			seen++
			schema, ok := schemas[name]
			if !ok {
				c.t.Errorf("%s: event %q is not in the document's x-events", where, name)
			} else if v, err := decode([]byte(data)); err != nil {
				c.t.Errorf("%s: event %s: data is not JSON: %v", where, name, err)
			} else {
				for _, e := range doc.validate(schema, v, "event "+name) {
					c.t.Errorf("%s: %s", where, e)
				}
			}
			name, data = "message", ""
		}
	}
	if seen == 0 {
		c.t.Errorf("%s: no event in %s", where, streamFor)
	}
}

// checkError checks an error answer: the expected status, documented
// for the operation, with an Error body carrying code.
func (c *caller) checkError(doc *schemaDoc, op map[string]any, rt api.Route, resp *http.Response, body []byte, status int, code api.Code) {
	c.t.Helper()
	where := rt.Method + " " + rt.Path
	if resp.StatusCode != status {
		c.t.Errorf("%s: status %d, want %d: %s", where, resp.StatusCode, status, body)
		return
	}
	r := response(op, status)
	if r == nil {
		c.t.Errorf("%s answers %d, which the document does not list for it", where, status)
		return
	}
	if !slices.Contains(api.StatusCodes[status], code) {
		c.t.Errorf("code %s is not one api.StatusCodes lists for %d", code, status)
	}
	if rt.Method == http.MethodHead {
		return
	}
	schema, ok := mediaSchema(r, "application/json")
	if !ok {
		c.t.Errorf("%s: the document gives %d no JSON body", where, status)
		return
	}
	v, err := decode(body)
	if err != nil {
		c.t.Errorf("%s: %d body is not JSON: %v: %s", where, status, err, body)
		return
	}
	for _, e := range doc.validate(schema, v, "error") {
		c.t.Errorf("%s: %s", where, e)
	}
	var e api.Error
	if json.Unmarshal(body, &e); e.Code != code || e.Message == "" {
		c.t.Errorf("%s: %d with code %q and message %q, want code %s and words", where, status, e.Code, e.Message, code)
	}
}

// firstTxHash is the newest transaction the node lists in its wallet
// (GET /v1/wallet), "" when it lists none or has no such route.
func firstTxHash(c *caller) string {
	resp, body := c.call("GET", "/v1/wallet", "", nil, true)
	var w struct {
		Transactions []struct {
			Hash string `json:"hash"`
		} `json:"transactions"`
	}
	if resp.StatusCode != http.StatusOK || json.Unmarshal(body, &w) != nil || len(w.Transactions) == 0 {
		return ""
	}
	return w.Transactions[0].Hash
}

// fillPath puts values in a path's parameters; false when one has none.
func fillPath(path string, fill map[string]string) (string, bool) {
	segs := strings.Split(path, "/")
	for i, seg := range segs {
		if strings.HasPrefix(seg, "{") {
			v, ok := fill[strings.Trim(seg, "{}")]
			if !ok {
				return "", false
			}
			segs[i] = v
		}
	}
	return strings.Join(segs, "/"), true
}

func keys(m map[string]any) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
