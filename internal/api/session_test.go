package api

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/wire"
)

// The dashboard's login: the token buys an HttpOnly, SameSite=Strict
// cookie; the cookie reads, but changes nothing without X-Deco-Request; it
// expires after SessionTTL without use and is gone after logout. The
// token is never accepted in a URL.
func TestSessionCookie(t *testing.T) {
	const tok = "0123456789abcdef0123456789abcdef0123456789abcdef"
	s := NewServer(nil, tok, slog.New(slog.DiscardHandler))
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	s.sess.now = func() time.Time { return now }
	s.Dashboard(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("<html>dashboard")) }))
	h := s.srv.Handler
	do := func(method, path, body string, edit func(*http.Request)) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, path, strings.NewReader(body))
		if edit != nil {
			edit(req)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	want := func(rec *httptest.ResponseRecorder, code int, errCode Code) {
		t.Helper()
		if rec.Code != code {
			t.Fatalf("status %d, want %d: %s", rec.Code, code, rec.Body)
		}
		if errCode != "" {
			var e Error
			if err := json.Unmarshal(rec.Body.Bytes(), &e); err != nil || e.Code != errCode || e.Message == "" {
				t.Fatalf("error body %s, want code %s", rec.Body, errCode)
			}
		}
	}

	want(do("GET", "/", "", nil), http.StatusOK, "")
	want(do("GET", "/jobs/abc", "", nil), http.StatusOK, "")
	want(do("GET", "/v1/nothing-here", "", nil), http.StatusUnauthorized, "unauthorized")
	want(do("GET", "/v1/session", "", nil), http.StatusUnauthorized, "unauthorized")
	want(do("GET", "/v1/session?token="+tok, "", nil), http.StatusUnauthorized, "unauthorized")
	want(do("POST", "/v1/session", `{"token":"`+strings.Repeat("f", len(tok))+`"}`, nil), http.StatusUnauthorized, "unauthorized")
	want(do("POST", "/v1/session", `{"tok":1}`, nil), http.StatusBadRequest, "invalid")

	rec := do("POST", "/v1/session", `{"token":"`+tok+`"}`, nil)
	want(rec, http.StatusNoContent, "")
	cookies := rec.Result().Cookies()
	if len(cookies) != 1 || cookies[0].Name != SessionCookie || !cookies[0].HttpOnly || cookies[0].SameSite != http.SameSiteStrictMode ||
		cookies[0].Path != "/" || cookies[0].Secure || len(cookies[0].Value) != 64 {
		t.Fatalf("cookie %+v", cookies)
	}
	c := cookies[0]
	withCookie := func(r *http.Request) { r.AddCookie(c) }

	rec = do("GET", "/v1/session", "", withCookie)
	want(rec, http.StatusOK, "")
	var v SessionView
	if err := json.Unmarshal(rec.Body.Bytes(), &v); err != nil || !v.Authenticated || !v.Expires.Equal(now.Add(SessionTTL)) {
		t.Fatalf("session %s", rec.Body)
	}
	// A bearer token authenticates too; it has no expiry.
	rec = do("GET", "/v1/session", "", func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+tok) })
	want(rec, http.StatusOK, "")
	if strings.Contains(rec.Body.String(), "expires") {
		t.Fatalf("bearer session %s", rec.Body)
	}
	// A change by cookie needs X-Deco-Request: a cross-site form cannot set it.
	want(do("DELETE", "/v1/session", "", withCookie), http.StatusForbidden, "unauthorized")
	want(do("DELETE", "/v1/session", "", func(r *http.Request) { withCookie(r); r.Header.Set(RequestHeader, "0") }), http.StatusForbidden, "unauthorized")

	// Use keeps the session alive; SessionTTL without use ends it.
	now = now.Add(SessionTTL - time.Minute)
	want(do("GET", "/v1/session", "", withCookie), http.StatusOK, "")
	now = now.Add(SessionTTL - time.Minute)
	want(do("GET", "/v1/session", "", withCookie), http.StatusOK, "")
	now = now.Add(SessionTTL)
	want(do("GET", "/v1/session", "", withCookie), http.StatusUnauthorized, "unauthorized")

	// Logout forgets the session and clears the cookie.
	rec = do("POST", "/v1/session", `{"token":"`+tok+`"}`, nil)
	c = rec.Result().Cookies()[0]
	rec = do("DELETE", "/v1/session", "", func(r *http.Request) { withCookie(r); r.Header.Set(RequestHeader, "1") })
	want(rec, http.StatusNoContent, "")
	if cl := rec.Result().Cookies(); len(cl) != 1 || cl[0].MaxAge >= 0 {
		t.Fatalf("logout cookie %+v", cl)
	}
	want(do("GET", "/v1/session", "", withCookie), http.StatusUnauthorized, "unauthorized")
	// A forged cookie is refused.
	want(do("GET", "/v1/session", "", func(r *http.Request) {
		r.AddCookie(&http.Cookie{Name: SessionCookie, Value: strings.Repeat("a", 64)})
	}), http.StatusUnauthorized, "unauthorized")
}

// A server holding a weak token creates no session.
func TestSessionWeakToken(t *testing.T) {
	s := NewServer(nil, "abc", slog.New(slog.DiscardHandler))
	req := httptest.NewRequest("POST", "/v1/session", strings.NewReader(`{"token":"abc"}`))
	rec := httptest.NewRecorder()
	s.srv.Handler.ServeHTTP(rec, req)
	if rec.Code != http.StatusUnauthorized || len(rec.Result().Cookies()) != 0 {
		t.Fatalf("status %d cookies %v", rec.Code, rec.Result().Cookies())
	}
}

// The network sample sums providers' slots and takes asks' extremes and
// the lower median.
func TestSampleOf(t *testing.T) {
	at := time.Unix(1, 0)
	if got := SampleOf(at, nil, 3); got != (NetworkSample{At: at, Peers: 3}) {
		t.Fatalf("empty sample %+v", got)
	}
	ps := []ProviderView{{Ask: 30, Slots: 4, FreeSlots: 1}, {Ask: 10, Slots: 2, FreeSlots: 2}, {Ask: 20, Slots: 2, FreeSlots: 1}, {Ask: 40}}
	got := SampleOf(at, ps, 5)
	want := NetworkSample{At: at, Providers: 4, Slots: 8, FreeSlots: 4, Utilization: 0.5, AskMin: 10, AskMedian: 20, AskMax: 40, Peers: 5}
	if got != want {
		t.Fatalf("sample %+v, want %+v", got, want)
	}
}

// storeBackend keeps uploaded blobs' sizes and validates specs; it holds
// no jobs.
type storeBackend struct{ specBackend }

func (b *storeBackend) PutBlob(_ context.Context, r io.Reader) (wire.CID, int64, error) {
	h := wire.NewHasher()
	n, err := io.Copy(h, r)
	return h.Sum(), n, err
}

// A form past the upload limit is refused with 413 too_large, whichever
// part crosses it.
func TestSubmitFormTooLarge(t *testing.T) {
	s := &Server{b: &storeBackend{}, log: slog.New(slog.DiscardHandler), formLimit: 64 << 10}
	big := strings.Repeat("x", 100<<10)
	for _, parts := range [][2]string{{"spec", "program: {wasm: a.wasm}\n"}, {"a.wasm", big}} {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		w, _ := mw.CreateFormFile(parts[0], "f")
		io.WriteString(w, parts[1])
		if parts[0] == "spec" {
			w, _ = mw.CreateFormFile("a.wasm", "a.wasm")
			io.WriteString(w, big)
		}
		mw.Close()
		req := httptest.NewRequest(http.MethodPost, "/v1/jobs", &buf)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		rec := httptest.NewRecorder()
		s.submit(rec, req)
		var e Error
		if rec.Code != http.StatusRequestEntityTooLarge || json.Unmarshal(rec.Body.Bytes(), &e) != nil || e.Code != CodeTooLarge {
			t.Fatalf("%s first: %d %s", parts[0], rec.Code, rec.Body)
		}
	}
}
