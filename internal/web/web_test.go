package web

import (
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func get(t *testing.T, h http.Handler, method, path string) *http.Response {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(method, path, nil))
	return rec.Result()
}

// TestHandler: index.html for the dashboard's own routes, hashed assets
// with long caching and their content types, 404 for missing files, and
// the CSP on every answer.
func TestHandler(t *testing.T) {
	h := Handler()
	res := get(t, h, "GET", "/")
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") || res.Header.Get("Cache-Control") != "no-cache" {
		t.Fatalf("GET / = %d %q cache %q", res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Cache-Control"))
	}
	assets := regexp.MustCompile(`/assets/[A-Za-z0-9._-]+`).FindAllString(string(body), -1)
	if len(assets) != 2 {
		t.Fatalf("index.html loads %v, want a script and a stylesheet", assets)
	}
	for _, route := range []string{"/jobs/0123abcd", "/wallet/tx/0xabc", "/network", "/login"} {
		res := get(t, h, "GET", route)
		b, _ := io.ReadAll(res.Body)
		if res.StatusCode != 200 || string(b) != string(body) {
			t.Errorf("GET %s = %d, want index.html for a client-side route", route, res.StatusCode)
		}
	}
	want := map[string]string{".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
	for _, a := range assets {
		res := get(t, h, "GET", a)
		if res.StatusCode != 200 {
			t.Fatalf("GET %s = %d", a, res.StatusCode)
		}
		ext := a[strings.LastIndex(a, "."):]
		if got := res.Header.Get("Content-Type"); got != want[ext] {
			t.Errorf("GET %s: Content-Type %q, want %q", a, got, want[ext])
		}
		if got := res.Header.Get("Cache-Control"); !strings.Contains(got, "immutable") {
			t.Errorf("GET %s: Cache-Control %q, want a long immutable cache for a hashed asset", a, got)
		}
	}
	if res := get(t, h, "GET", "/favicon.svg"); res.StatusCode != 200 || res.Header.Get("Content-Type") != "image/svg+xml" {
		t.Errorf("GET /favicon.svg = %d %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	for _, missing := range []string{"/assets/main-OLD.js", "/missing.png", "/assets/x"} {
		if res := get(t, h, "GET", missing); res.StatusCode != 404 {
			t.Errorf("GET %s = %d, want 404 (a missing file must not answer index.html)", missing, res.StatusCode)
		}
	}
	for _, path := range []string{"/", "/jobs/x", assets[0], "/missing.png"} {
		if got := get(t, h, "GET", path).Header.Get("Content-Security-Policy"); got != CSP {
			t.Errorf("GET %s: CSP %q, want %q", path, got, CSP)
		}
	}
	if res := get(t, h, "POST", "/"); res.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST / = %d, want 405", res.StatusCode)
	}
	if res := get(t, h, "HEAD", assets[0]); res.StatusCode != 200 {
		t.Errorf("HEAD %s = %d", assets[0], res.StatusCode)
	}
}

// TestNoRemoteResources: the dashboard works offline, so nothing it ships
// names another origin to load from.
func TestNoRemoteResources(t *testing.T) {
	h := Handler()
	body, _ := io.ReadAll(get(t, h, "GET", "/").Body)
	files := []string{"/"}
	files = append(files, regexp.MustCompile(`/assets/[A-Za-z0-9._-]+`).FindAllString(string(body), -1)...)
	remote := regexp.MustCompile(`(?i)(src|href)\s*=\s*["']?(https?:)?//|@import\s+url\(\s*["']?https?:|url\(\s*["']?https?:`)
	for _, f := range files {
		b, _ := io.ReadAll(get(t, h, "GET", f).Body)
		if m := remote.Find(b); m != nil {
			t.Errorf("%s loads from another origin: %q", f, m)
		}
	}
}

// TestTokenKeptNowhere: the dashboard's code never stores anything in
// the browser (the API token in particular) and sends X-Deco-Request on
// its requests. A source check: the browser test checks the running page.
func TestTokenKeptNowhere(t *testing.T) {
	src, err := os.ReadDir("src")
	if err != nil {
		t.Fatal(err)
	}
	var all strings.Builder
	err = filepath.WalkDir("src", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".js") {
			return err
		}
		b, err := os.ReadFile(p)
		all.Write(b)
		return err
	})
	if err != nil || len(src) == 0 {
		t.Fatalf("read src: %v", err)
	}
	code := all.String()
	for _, banned := range []string{"localStorage", "sessionStorage", "indexedDB", "document.cookie", "?token=", "innerHTML"} {
		if strings.Contains(code, banned) {
			t.Errorf("the dashboard's source uses %s: it must keep no token and build no markup from strings", banned)
		}
	}
	if !strings.Contains(code, "'X-Deco-Request': '1'") || !strings.Contains(code, "credentials: 'same-origin'") {
		t.Error("api.js no longer sends X-Deco-Request: 1 with same-origin credentials")
	}
}
