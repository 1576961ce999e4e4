package web

import (
	"bytes"
	"embed"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"
)

//go:embed dist
var dist embed.FS

// CSP is the Content-Security-Policy of every response: scripts, styles
// and connections only from the node itself; images also from blob: and
// data: URLs (previews of job outputs fetched with the session cookie).
const CSP = "default-src 'self'; img-src 'self' blob: data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// Handler serves the dashboard. Files under /assets/ carry a content hash
// in their names and are cached for a year; index.html is revalidated on
// every load. A path that is not a file and does not look like one (no
// extension, not under /assets/) answers index.html, so the dashboard's
// own routes (/jobs/<id>) survive a reload.
func Handler() http.Handler {
	root, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // dist is embedded at build time; its absence is a build bug
	}
	index, err := fs.ReadFile(root, "index.html")
	if err != nil {
		panic(err)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", CSP)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			h.Set("Allow", "GET, HEAD")
			http.Error(w, "the dashboard answers GET and HEAD only", http.StatusMethodNotAllowed)
			return
		}
		name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
		if name != "" && name != "index.html" {
			if b, err := fs.ReadFile(root, name); err == nil {
				serve(w, r, name, b)
				return
			}
			if strings.HasPrefix(name, "assets/") || path.Ext(name) != "" {
				http.Error(w, "no such dashboard file: "+name+" (reload the page: the node may have been upgraded)", http.StatusNotFound)
				return
			}
		}
		serve(w, r, "index.html", index)
	})
}

// types are the content types of dist's files, fixed here rather than
// taken from the host's mime.types so every machine serves the same.
var types = map[string]string{
	".html": "text/html; charset=utf-8",
	".js":   "text/javascript; charset=utf-8",
	".css":  "text/css; charset=utf-8",
	".svg":  "image/svg+xml",
	".png":  "image/png",
}

func serve(w http.ResponseWriter, r *http.Request, name string, b []byte) {
	h := w.Header()
	ctype, ok := types[path.Ext(name)]
	if !ok {
		ctype = "application/octet-stream"
	}
	h.Set("Content-Type", ctype)
	if strings.HasPrefix(name, "assets/") {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "no-cache")
	}
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(b))
}
