package api

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

// TestRoutesRegistered checks that the server mounts exactly the Routes
// table: every row is a pattern on its mux that a request for it reaches,
// and nothing else is mounted but the catch-all that answers not_found.
func TestRoutesRegistered(t *testing.T) {
	s := NewServer(nil, strings.Repeat("ab", 24), slog.New(slog.NewTextHandler(io.Discard, nil)))
	var want []string
	for _, rt := range Routes {
		want = append(want, rt.Method+" "+rt.Path)
	}
	if !slices.Equal(s.patterns, want) {
		t.Fatalf("server mounts %q\nRoutes lists %q", s.patterns, want)
	}
	mux := s.srv.Handler.(*http.ServeMux)
	for _, rt := range Routes {
		path := strings.NewReplacer("{id}", "j1", "{cid}", "bafy", "{hash}", "0x01").Replace(rt.Path)
		_, got := mux.Handler(httptest.NewRequest(rt.Method, path, nil))
		if got != rt.Method+" "+rt.Path {
			t.Errorf("%s %s reaches pattern %q, want its own row", rt.Method, path, got)
		}
	}
	_, got := mux.Handler(httptest.NewRequest("DELETE", "/v1/nowhere", nil))
	if got != "/" {
		t.Errorf("an unknown operation reaches %q, want the catch-all", got)
	}
}
