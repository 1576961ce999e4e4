// Package web is the node's dashboard: a browser client of the node API
// (internal/api), embedded in the binary and served on the API address by
// `deco node` (api.Server.Dashboard).
//
// The source is in src (JavaScript modules and CSS, no framework, nothing
// loaded from elsewhere: it works offline). build bundles it with esbuild's
// Go API into dist, which is committed and embedded; a test rebuilds it and
// fails when the committed files are stale:
//
//	go generate ./internal/web   # after editing src
//
// Invariants: the dashboard keeps no token (it logs in once with POST
// /v1/session and then relies on the HttpOnly session cookie); every
// request it sends carries X-Deco-Request: 1; every page is served with a
// Content-Security-Policy that allows only the node's own origin (plus
// blob: and data: images for previews).
//
// Usage:
//
//	srv := api.NewServer(backend, token, log)
//	srv.Dashboard(web.Handler())
package web

//go:generate go run ./build
