package api

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestAuth pins who the API admits: the Bearer scheme in any case with
// the node's token, nothing else; a server holding a weak token admits
// no one rather than everyone.
func TestAuth(t *testing.T) {
	const tok = "0123456789abcdef0123456789abcdef0123456789abcdef"
	ok := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	tests := []struct {
		name, token, header string
		want                int
	}{
		{"bearer", tok, "Bearer " + tok, http.StatusNoContent},
		{"lower-case scheme", tok, "bearer " + tok, http.StatusNoContent},
		{"upper-case scheme", tok, "BEARER " + tok, http.StatusNoContent},
		{"raw token", tok, tok, http.StatusUnauthorized},
		{"other scheme", tok, "Basic " + tok, http.StatusUnauthorized},
		{"wrong token", tok, "Bearer " + strings.Repeat("f", len(tok)), http.StatusUnauthorized},
		{"no header", tok, "", http.StatusUnauthorized},
		{"empty bearer", tok, "Bearer ", http.StatusUnauthorized},
		{"empty server token, empty bearer", "", "Bearer ", http.StatusUnauthorized},
		{"empty server token, no header", "", "", http.StatusUnauthorized},
		{"short server token", "abc", "Bearer abc", http.StatusUnauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &Server{token: tt.token}
			req := httptest.NewRequest(http.MethodGet, "/v1/status", nil)
			if tt.header != "" {
				req.Header.Set("Authorization", tt.header)
			}
			rec := httptest.NewRecorder()
			s.auth(ok).ServeHTTP(rec, req)
			if rec.Code != tt.want {
				t.Fatalf("status %d, want %d: %s", rec.Code, tt.want, rec.Body)
			}
		})
	}
}
