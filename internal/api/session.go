package api

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/deco-network/deco/internal/config"
)

// The dashboard logs in with the node's token once and then holds a
// session cookie, so the token never sits in a URL or in script-readable
// storage. A cookie is sent by the browser on its own, even on a request
// another site makes it send, so a request it authenticates must prove it
// comes from the dashboard's own script when it changes anything: the
// X-Deco-Request header, which a cross-site form cannot set.

// SessionCookie names the dashboard's session cookie.
const SessionCookie = "deco_session"

// SessionTTL is how long a session lives without use.
const SessionTTL = 12 * time.Hour

// RequestHeader must be set (to "1") on a cookie-authenticated request
// whose method is not GET or HEAD.
const RequestHeader = "X-Deco-Request"

// maxSessions bounds the sessions kept: past it, the least recently used
// goes (each login needs the token, so only the node's owner fills it).
const maxSessions = 1024

// Login is the body of POST /v1/session.
type Login struct {
	Token string `json:"token"`
}

// SessionView answers GET /v1/session. Expires is when a cookie session
// expires unless used again; it is absent for a bearer token.
type SessionView struct {
	Authenticated bool      `json:"authenticated"`
	Expires       time.Time `json:"expires,omitzero"`
}

// sessions are the live dashboard sessions: id -> last use.
type sessions struct {
	mu   sync.Mutex
	ttl  time.Duration
	now  func() time.Time
	used map[string]time.Time
}

func newSessions() *sessions {
	return &sessions{ttl: SessionTTL, now: time.Now, used: map[string]time.Time{}}
}

// create starts a session and returns its id: 256 random bits, hex.
func (ss *sessions) create() (string, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("create a session id: %w", err)
	}
	id := hex.EncodeToString(b[:])
	ss.mu.Lock()
	defer ss.mu.Unlock()
	now := ss.now()
	ss.expire(now)
	if len(ss.used) >= maxSessions {
		oldest, at := "", now
		for k, t := range ss.used {
			if !t.After(at) {
				oldest, at = k, t
			}
		}
		delete(ss.used, oldest)
	}
	ss.used[id] = now
	return id, nil
}

// touch reports whether id is a live session, extends it, and returns
// when it now expires.
func (ss *sessions) touch(id string) (time.Time, bool) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	now := ss.now()
	last, ok := ss.used[id]
	if !ok {
		return time.Time{}, false
	}
	if now.Sub(last) >= ss.ttl {
		delete(ss.used, id)
		return time.Time{}, false
	}
	ss.used[id] = now
	return now.Add(ss.ttl), true
}

func (ss *sessions) forget(id string) {
	ss.mu.Lock()
	defer ss.mu.Unlock()
	delete(ss.used, id)
}

// expire drops expired sessions; ss.mu is held.
func (ss *sessions) expire(now time.Time) {
	for k, t := range ss.used {
		if now.Sub(t) >= ss.ttl {
			delete(ss.used, k)
		}
	}
}

// public reports whether r is for the dashboard's pages and assets: a
// GET or HEAD outside /v1/ and /metrics.
func public(r *http.Request) bool {
	p := r.URL.Path
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		return false
	}
	return p != "/v1" && !strings.HasPrefix(p, "/v1/") && p != "/metrics" && !strings.HasPrefix(p, "/metrics/")
}

// cookieAuth admits a request carrying a live session cookie (and, unless
// it only reads, the X-Deco-Request header). ok is false when the request
// has no session cookie at all: the caller then asks for the token.
func (s *Server) cookieAuth(w http.ResponseWriter, r *http.Request) (admit, ok bool) {
	c, err := r.Cookie(SessionCookie)
	if err != nil {
		return false, false
	}
	if _, live := s.sess.touch(c.Value); !live {
		writeErr(w, http.StatusUnauthorized, CodeUnauthorized, errors.New("session expired or unknown: log in again with the node's API token"))
		return false, true
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead && r.Header.Get(RequestHeader) != "1" {
		writeErr(w, http.StatusForbidden, CodeUnauthorized, fmt.Errorf("a request authenticated by the session cookie that changes something must carry the header `%s: 1` (the dashboard sends it; a form on another site cannot)", RequestHeader))
		return false, true
	}
	return true, true
}

// login checks the token and starts a session.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	if err := config.CheckToken(s.token); err != nil {
		writeErr(w, http.StatusUnauthorized, CodeUnauthorized, fmt.Errorf("this node's %w; its operator must fix api.token (`deco init` creates one)", err))
		return
	}
	var l Login
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 4<<10))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&l); err != nil {
		writeErr(w, http.StatusBadRequest, CodeInvalid, fmt.Errorf(`login body: %w; send {"token": "<the node's API token>"}`, err))
		return
	}
	if subtle.ConstantTimeCompare([]byte(strings.TrimSpace(l.Token)), []byte(s.token)) != 1 {
		writeErr(w, http.StatusUnauthorized, CodeUnauthorized, errors.New("wrong API token: use the node's api.token (`deco status` shows where its home is; a devnet prints it)"))
		return
	}
	id, err := s.sess.create()
	if err != nil {
		s.fail(w, err)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: id, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil})
	w.WriteHeader(http.StatusNoContent)
}

// session says whether the request is authenticated (the auth middleware
// let it through, so it is) and when its cookie session expires.
func (s *Server) session(w http.ResponseWriter, r *http.Request) {
	v := SessionView{Authenticated: true}
	if r.Header.Get("Authorization") == "" {
		if c, err := r.Cookie(SessionCookie); err == nil {
			v.Expires, _ = s.sess.touch(c.Value)
		}
	}
	writeJSON(w, http.StatusOK, v)
}

// logout forgets the session and clears the cookie.
func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(SessionCookie); err == nil {
		s.sess.forget(c.Value)
	}
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil})
	w.WriteHeader(http.StatusNoContent)
}

// Dashboard serves h for GET and HEAD requests to every path outside /v1/
// and /metrics, without authentication (the pages hold no data; they ask
// the API for it). Other paths answer 404 behind the token, as without a
// dashboard. Call it before Serve.
func (s *Server) Dashboard(h http.Handler) {
	missing := s.auth(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		writeErr(w, http.StatusNotFound, CodeNotFound, fmt.Errorf("no operation %s %s: GET /v1/openapi.json lists them", r.Method, r.URL.Path))
	}))
	s.mux.Handle("GET /", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !public(r) {
			missing.ServeHTTP(w, r)
			return
		}
		h.ServeHTTP(w, r)
	}))
}
