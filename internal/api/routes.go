package api

import (
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/deco-network/deco/internal/metrics"
	"github.com/deco-network/deco/internal/spec"
)

// Route documents one API operation. The OpenAPI document served at
// /v1/openapi.json is generated from Routes and the Go types they name,
// and a test checks that every route the server registers is listed here
// and answers as listed, so the document cannot drift from the code.
type Route struct {
	Method  string
	Path    string // net/http pattern syntax: /v1/jobs/{id}
	Summary string
	// Public routes answer without the API token (the dashboard's assets,
	// the login, this document).
	Public bool
	Query  []Param
	// Body is a value of the request body's type (nil: no body); BodyType
	// its media type ("" means application/json).
	Body     any
	BodyType string
	// Form, when set, is a multipart/form-data body the route accepts
	// besides Body.
	Form *Form
	// Status is the success status; Response a value of its body's type
	// (nil: no body) and ResponseType its media type ("" means
	// application/json; text/event-stream for streams, whose events
	// Events names).
	Status       int
	Response     any
	ResponseType string
	Events       []Event
	// Errors are the error statuses the route may answer, each with an
	// Error body whose code is one of Codes.
	Errors []int
}

// Form documents a multipart/form-data body: its named text parts and,
// when Files is set, file parts under any other name.
type Form struct {
	Parts map[string]string // part name -> what it holds
	Files string            // what any other part holds ("" when none is accepted)
}

// Param is a query parameter.
type Param struct {
	Name, Type, Doc string // Type: string, integer, boolean
}

// Event is one kind of server-sent event a stream carries: its event
// name ("" for unnamed "message" events) and a value of its data's type.
type Event struct {
	Name string
	Data any
	Doc  string
}

// Routes lists every operation of the API.
var Routes = []Route{
	{Method: "GET", Path: "/v1/status", Summary: "The node: identity, roles, addresses, slots", Status: http.StatusOK, Response: NodeInfo{}},
	{Method: "POST", Path: "/v1/blobs", Summary: "Upload a blob; answers its content address", Body: []byte{}, BodyType: "application/octet-stream", Status: http.StatusOK, Response: BlobRef{}, Errors: []int{http.StatusRequestEntityTooLarge, http.StatusInsufficientStorage}},
	{Method: "GET", Path: "/v1/blobs/{cid}", Summary: "Download a blob by content address", Status: http.StatusOK, Response: []byte{}, ResponseType: "application/octet-stream", Errors: []int{http.StatusBadRequest, http.StatusNotFound}},
	{Method: "HEAD", Path: "/v1/blobs/{cid}", Summary: "Whether the node holds a blob (Content-Length: its size)", Status: http.StatusOK, Errors: []int{http.StatusBadRequest, http.StatusNotFound}},
	{Method: "POST", Path: "/v1/jobs", Summary: "Submit a job whose module and inputs are uploaded blobs, or (multipart/form-data) a spec with its files", Body: spec.Job{},
		Form:   &Form{Parts: map[string]string{SpecPart: "the job spec, YAML or JSON as `deco run -f` reads it"}, Files: "a file the spec names by a local path, the part named exactly as that path (relative, no ..)"},
		Status: http.StatusCreated, Response: JobView{}, Errors: []int{http.StatusBadRequest, http.StatusConflict, http.StatusPaymentRequired, http.StatusRequestEntityTooLarge, http.StatusInsufficientStorage}},
	{Method: "GET", Path: "/v1/jobs", Summary: "List jobs, newest first", Status: http.StatusOK, Response: []JobSummary{}},
	{Method: "GET", Path: "/v1/jobs/{id}", Summary: "A job with its tasks, attempts and payment (id or unique prefix)", Status: http.StatusOK, Response: JobView{}, Errors: []int{http.StatusBadRequest, http.StatusNotFound}},
	{Method: "POST", Path: "/v1/jobs/{id}/cancel", Summary: "Cancel a job", Status: http.StatusOK, Response: JobView{}, Errors: []int{http.StatusBadRequest, http.StatusNotFound, http.StatusConflict}},
	{Method: "GET", Path: "/v1/jobs/{id}/logs", Summary: "A job's event log and its programs' output", Query: []Param{{"after", "integer", "only lines with a larger seq"}, {"limit", "integer", "at most this many lines"}}, Status: http.StatusOK, Response: []LogLine{}, Errors: []int{http.StatusBadRequest, http.StatusNotFound}},
	{Method: "GET", Path: "/v1/jobs/{id}/events", Summary: "Follow a job's log as server-sent events until it ends", Query: []Param{{"job", "integer", "0: send no job events (log lines and end only)"}}, Status: http.StatusOK, ResponseType: "text/event-stream", Events: []Event{{"", LogLine{}, "a log line (id: its seq)"}, {"job", JobView{}, "the job's view, at connect and whenever it changes; the last one comes before end"}, {"end", struct{}{}, "the job ended; the stream closes"}}, Errors: []int{http.StatusBadRequest, http.StatusNotFound}},
	{Method: "GET", Path: "/v1/providers", Summary: "Providers this node knows, with ask, slots, stake, reputation and the scheduler's predictions", Status: http.StatusOK, Response: []ProviderView{}},
	{Method: "GET", Path: "/v1/peers", Summary: "Connected and configured peers and how each is reached", Status: http.StatusOK, Response: []PeerView{}},
	{Method: "POST", Path: "/v1/wallet/redeem", Summary: "Redeem every voucher the node holds", Status: http.StatusOK, Response: Redemption{}, Errors: []int{http.StatusConflict}},
	{Method: "GET", Path: "/metrics", Summary: "Prometheus metrics", Status: http.StatusOK, Response: "", ResponseType: "text/plain"},

	// h18-api
	{Method: "GET", Path: "/v1/openapi.json", Summary: "This API's OpenAPI 3.1 document", Public: true, Status: http.StatusOK, Response: json.RawMessage{}},

	// h18-live
	{Method: "POST", Path: "/v1/session", Summary: "Log in with the API token: sets the HttpOnly session cookie deco_session (12 h without use)", Public: true, Body: Login{}, Status: http.StatusNoContent, Errors: []int{http.StatusBadRequest, http.StatusUnauthorized}},
	{Method: "GET", Path: "/v1/session", Summary: "Whether the request is authenticated, and when its cookie session expires", Status: http.StatusOK, Response: SessionView{}, Errors: []int{http.StatusUnauthorized}},
	{Method: "DELETE", Path: "/v1/session", Summary: "Log out: forget the session and clear its cookie", Status: http.StatusNoContent, Errors: []int{http.StatusUnauthorized, http.StatusForbidden}},
	{Method: "GET", Path: "/v1/events", Summary: "The node and network as server-sent events, each sent at connect and whenever it changes", Status: http.StatusOK, ResponseType: "text/event-stream", Events: []Event{
		{"status", NodeInfo{}, "the node"}, {"peers", []PeerView{}, "peers"}, {"providers", []ProviderView{}, "providers"},
		{"jobs", []JobSummary{}, "jobs, newest first"}, {"sample", NetworkSample{}, "each new network sample"}}},
	{Method: "GET", Path: "/v1/network/history", Summary: "Network samples (providers, slots, utilization, asks, peers) of the last hour, oldest first", Status: http.StatusOK, Response: []NetworkSample{}},
	{Method: "GET", Path: "/v1/wallet", Summary: "The node's account (DECO, gas, stake), the escrows it opened, what its provider earns and the transactions it sent", Status: http.StatusOK, Response: WalletView{}, Errors: []int{http.StatusConflict}},
	{Method: "GET", Path: "/v1/wallet/tx/{hash}", Summary: "A transaction read from the node's chain, with its contracts' events", Status: http.StatusOK, Response: TxView{}, Errors: []int{http.StatusBadRequest, http.StatusNotFound, http.StatusConflict}},
}

// handlers maps every Routes row, by "METHOD path", to the handler that
// serves it. register mounts exactly these, so adding an operation means
// a Routes row and an entry here (append in your own commented block, as
// in Routes); TestRoutesRegistered fails when the two disagree.
func (s *Server) handlers() map[string]http.Handler {
	return map[string]http.Handler{
		"GET /v1/status":            http.HandlerFunc(s.status),
		"POST /v1/blobs":            http.HandlerFunc(s.putBlob),
		"GET /v1/blobs/{cid}":       http.HandlerFunc(s.getBlob),
		"HEAD /v1/blobs/{cid}":      http.HandlerFunc(s.getBlob),
		"POST /v1/jobs":             http.HandlerFunc(s.submit),
		"GET /v1/jobs":              http.HandlerFunc(s.jobs),
		"GET /v1/jobs/{id}":         http.HandlerFunc(s.job),
		"POST /v1/jobs/{id}/cancel": http.HandlerFunc(s.cancel),
		"GET /v1/jobs/{id}/logs":    http.HandlerFunc(s.logs),
		"GET /v1/jobs/{id}/events":  http.HandlerFunc(s.events),
		"GET /v1/providers":         http.HandlerFunc(s.providers),
		"GET /v1/peers":             http.HandlerFunc(s.peers),
		"POST /v1/wallet/redeem":    http.HandlerFunc(s.redeem),
		// Prometheus scrapes with the same bearer token as every other
		// route (scrape config: authorization.credentials_file): the
		// figures say what this node runs and earns, and the API is no
		// more public for being scraped.
		"GET /metrics": metrics.Handler(),

		// h18-api
		"GET /v1/openapi.json": http.HandlerFunc(s.openAPI),

		// h18-live
		"POST /v1/session":         http.HandlerFunc(s.login),
		"GET /v1/session":          http.HandlerFunc(s.session),
		"DELETE /v1/session":       http.HandlerFunc(s.logout),
		"GET /v1/events":           http.HandlerFunc(s.liveEvents),
		"GET /v1/network/history":  http.HandlerFunc(s.networkHistory),
		"GET /v1/wallet":           http.HandlerFunc(s.wallet),
		"GET /v1/wallet/tx/{hash}": http.HandlerFunc(s.walletTx),
	}
}

// register mounts every route on mux: its handler from handlers, behind
// the token unless the row is Public (so the document's security and the
// server's cannot differ). A row without a handler, or a handler without
// a row, is a programming error caught here at start. Anything else
// answers 404 not_found in the API's error format, behind the token like
// the routes (an unauthenticated caller learns nothing about paths).
func (s *Server) register(mux *http.ServeMux) {
	hs := s.handlers()
	for _, rt := range Routes {
		pattern := rt.Method + " " + rt.Path
		h, ok := hs[pattern]
		if !ok {
			panic("api: Routes lists " + pattern + " but handlers has no handler for it")
		}
		delete(hs, pattern)
		if !rt.Public {
			h = s.auth(h)
		}
		mux.Handle(pattern, h)
		s.patterns = append(s.patterns, pattern)
	}
	for pattern := range hs {
		panic("api: handlers serves " + pattern + " but Routes has no row for it")
	}
	mux.Handle("/", s.auth(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeErr(w, http.StatusNotFound, CodeNotFound, fmt.Errorf("no operation %s %s: GET /v1/openapi.json lists them", r.Method, r.URL.Path))
	})))
}
