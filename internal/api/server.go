package api

import (
	"context"
	"crypto/subtle"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/deco-network/deco/internal/config"
	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
)

// MaxUpload bounds one blob upload.
const MaxUpload = 4 << 30

// Server serves the API.
type Server struct {
	b     Backend
	token string
	log   *slog.Logger
	srv   *http.Server
	ln    net.Listener
	// patterns are the mux patterns register mounted, in Routes order.
	patterns []string
	// tls: served over TLS; insecure: plain HTTP on a non-loopback address.
	tls, insecure bool
	// h18-live: the dashboard's mount point and sessions, what
	// /v1/events and /v1/network/history serve, and the bound on a
	// multipart submission (0: MaxUpload; tests lower it).
	mux       *http.ServeMux
	sess      *sessions
	live      *live
	formLimit int64
}

// NewServer returns a server for b requiring token.
func NewServer(b Backend, token string, log *slog.Logger) *Server {
	s := &Server{b: b, token: token, log: log, sess: newSessions(), live: newLive()}
	mux := http.NewServeMux()
	s.mux = mux
	s.register(mux)
	s.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second,
		// TLS handshakes that fail (a client not trusting a self-signed
		// certificate) are the client's to report: debug, not stderr.
		ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelDebug)}
	return s
}

// Listen binds addr (use port 0 for a free port) and returns the base URL.
func (s *Server) Listen(addr string) (string, error) { return s.ListenTLS(addr, nil) }

// ListenTLS binds addr and serves TLS with tc (nil: plain HTTP), and
// returns the base URL (https with TLS; an unspecified host such as
// 0.0.0.0 is reached at 127.0.0.1, which a self-signed certificate
// names). Plain HTTP on a non-loopback address is insecure: the server
// warns in its log and says so in GET /v1/status.
func (s *Server) ListenTLS(addr string, tc *tls.Config) (string, error) {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", fmt.Errorf("API listen on %s: %w (is another node using this port? pass --api 127.0.0.1:0)", addr, err)
	}
	host := ln.Addr().String()
	if ta, ok := ln.Addr().(*net.TCPAddr); ok && ta.IP.IsUnspecified() {
		host = net.JoinHostPort("127.0.0.1", strconv.Itoa(ta.Port))
	}
	scheme := "http"
	switch {
	case tc != nil:
		ln, scheme, s.tls = tls.NewListener(ln, tc), "https", true
	case !config.IsLoopback(addr):
		s.insecure = true
		s.log.Warn("the API serves plain HTTP on a non-loopback address (--api-insecure): anyone on the network path can read its token and requests; use --api-tls-self-signed or --api-tls-cert/--api-tls-key", "addr", ln.Addr().String())
	}
	s.ln = ln
	return scheme + "://" + host, nil
}

// Serve serves until Shutdown.
func (s *Server) Serve() error {
	stop := s.startSampling()
	defer stop()
	err := s.srv.Serve(s.ln)
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// Shutdown stops the server.
func (s *Server) Shutdown(ctx context.Context) error { return s.srv.Shutdown(ctx) }

// auth admits a request whose Authorization header is "Bearer <token>"
// (the scheme in any case, RFC 9110). A raw token without the scheme is
// refused, and a server given a weak token (config.CheckToken) refuses
// everything rather than serving without authentication.
func (s *Server) auth(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") == "" && s.sess != nil {
			if admit, ok := s.cookieAuth(w, r); ok {
				if admit {
					h.ServeHTTP(w, r)
				}
				return
			}
		}
		if err := config.CheckToken(s.token); err != nil {
			writeErr(w, http.StatusUnauthorized, CodeUnauthorized, fmt.Errorf("this node's %w; its operator must fix api.token (`deco init` creates one)", err))
			return
		}
		scheme, got, ok := strings.Cut(strings.TrimSpace(r.Header.Get("Authorization")), " ")
		if !ok || !strings.EqualFold(scheme, "Bearer") {
			writeErr(w, http.StatusUnauthorized, CodeUnauthorized, errors.New("missing API token: send the header `Authorization: Bearer <token>` (pass --token, set DECO_TOKEN, or use the node's home)"))
			return
		}
		got = strings.TrimSpace(got)
		if subtle.ConstantTimeCompare([]byte(got), []byte(s.token)) != 1 {
			writeErr(w, http.StatusUnauthorized, CodeUnauthorized, errors.New("missing or wrong API token (pass --token, set DECO_TOKEN, or use the node's home)"))
			return
		}
		h.ServeHTTP(w, r)
	})
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.Slice && rv.IsNil() {
		v = []struct{}{} // a list is [] when empty, as the document says, never null
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.Encode(v)
}

func writeErr(w http.ResponseWriter, status int, code Code, err error) {
	e := Error{Message: err.Error(), Code: code}
	var es spec.Errors
	if errors.As(err, &es) {
		for _, f := range es {
			e.Fields = append(e.Fields, f.Error())
		}
	}
	writeJSON(w, status, e)
}

func (s *Server) fail(w http.ResponseWriter, err error) {
	switch {
	case errors.Is(err, ErrNotFound):
		writeErr(w, http.StatusNotFound, CodeNotFound, err)
	case errors.Is(err, ErrAmbiguous), errors.Is(err, spec.ErrInvalid), errors.Is(err, wire.ErrBadCID):
		writeErr(w, http.StatusBadRequest, CodeInvalid, err)
	case errors.Is(err, ErrConflict):
		writeErr(w, http.StatusConflict, CodeConflict, err)
	case errors.Is(err, ErrNoChain):
		writeErr(w, http.StatusConflict, CodeNoChain, err)
	case errors.Is(err, ErrUnavailable):
		writeErr(w, http.StatusServiceUnavailable, CodeUnavailable, err)
	case errors.Is(err, ErrPayment):
		writeErr(w, http.StatusPaymentRequired, CodePayment, err)
	case errors.Is(err, ErrQuota):
		writeErr(w, http.StatusInsufficientStorage, CodeQuota, err)
	default:
		s.log.Warn("api request failed", "err", err)
		writeErr(w, http.StatusInternalServerError, CodeInternal, err)
	}
}

func (s *Server) status(w http.ResponseWriter, r *http.Request) {
	info := s.b.Info(r.Context())
	info.TLS, info.Insecure = s.tls, s.insecure
	writeJSON(w, http.StatusOK, info)
}

func (s *Server) putBlob(w http.ResponseWriter, r *http.Request) {
	body := http.MaxBytesReader(w, r.Body, MaxUpload)
	c, n, err := s.b.PutBlob(r.Context(), body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			writeErr(w, http.StatusRequestEntityTooLarge, CodeTooLarge, fmt.Errorf("upload larger than %d bytes", int64(MaxUpload)))
			return
		}
		s.fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, BlobRef{CID: c, Size: n})
}

func (s *Server) getBlob(w http.ResponseWriter, r *http.Request) {
	c, err := wire.ParseCID(r.PathValue("cid"))
	if err != nil {
		s.fail(w, err)
		return
	}
	rc, n, err := s.b.OpenBlob(r.Context(), c)
	if err != nil {
		s.fail(w, fmt.Errorf("%w: blob %s", ErrNotFound, c))
		return
	}
	defer rc.Close()
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Length", strconv.FormatInt(n, 10))
	if r.Method == http.MethodHead {
		return // a client asking whether to upload (Client.HasBlob)
	}
	io.Copy(w, rc)
}

func (s *Server) submit(w http.ResponseWriter, r *http.Request) {
	if isMultipart(r) {
		s.submitForm(w, r) // h18-live: the dashboard's form
		return
	}
	var j spec.Job
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, spec.MaxSpecBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&j); err != nil {
		writeErr(w, http.StatusBadRequest, CodeInvalid, fmt.Errorf("job spec: %w", err))
		return
	}
	job, err := s.b.Submit(r.Context(), j)
	if err != nil {
		s.fail(w, err)
		return
	}
	writeJSON(w, http.StatusCreated, job)
}

func (s *Server) jobs(w http.ResponseWriter, r *http.Request) {
	js, err := s.b.Jobs(r.Context())
	if err != nil {
		s.fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, js)
}

func (s *Server) job(w http.ResponseWriter, r *http.Request) {
	j, err := s.b.Job(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, j)
}

func (s *Server) cancel(w http.ResponseWriter, r *http.Request) {
	if err := s.b.Cancel(r.Context(), r.PathValue("id")); err != nil {
		s.fail(w, err)
		return
	}
	j, err := s.b.Job(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, j)
}

func (s *Server) logs(w http.ResponseWriter, r *http.Request) {
	after, _ := strconv.ParseUint(r.URL.Query().Get("after"), 10, 64)
	limit, _ := strconv.Atoi(r.URL.Query().Get("limit"))
	ls, err := s.b.Logs(r.Context(), r.PathValue("id"), after, limit)
	if err != nil {
		s.fail(w, err)
		return
	}
	if ls == nil {
		ls = []LogLine{}
	}
	writeJSON(w, http.StatusOK, ls)
}

// events streams log lines as Server-Sent Events until the job ends, and
// the job's view as `job` events whenever it changes (the last one before
// `end`).
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	ch, err := s.b.Follow(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, err)
		return
	}
	fl, _ := w.(http.Flusher)
	out, views := startSSE(w), changed{}
	if r.URL.Query().Get("job") == "0" {
		views = nil // the CLI follows log lines only
	}
	s.jobView(r.Context(), out, views, r.PathValue("id"))
	poll := time.NewTicker(jobPoll)
	defer poll.Stop()
	keep := time.NewTicker(15 * time.Second)
	defer keep.Stop()
	for {
		select {
		case <-poll.C:
			s.jobView(r.Context(), out, views, r.PathValue("id"))
		case l, ok := <-ch:
			if !ok {
				s.jobView(r.Context(), out, views, r.PathValue("id"))
				fmt.Fprint(w, "event: end\ndata: {}\n\n")
				if fl != nil {
					fl.Flush()
				}
				return
			}
			b, _ := json.Marshal(l)
			fmt.Fprintf(w, "id: %d\ndata: %s\n\n", l.Seq, b)
		case <-keep.C:
			fmt.Fprint(w, ": keep-alive\n\n")
		case <-r.Context().Done():
			return
		}
		if fl != nil {
			fl.Flush()
		}
	}
}

func (s *Server) providers(w http.ResponseWriter, r *http.Request) {
	ps, err := s.b.Providers(r.Context())
	if err != nil {
		s.fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, ps)
}

func (s *Server) peers(w http.ResponseWriter, r *http.Request) {
	ps, err := s.b.Peers(r.Context())
	if err != nil {
		s.fail(w, err)
		return
	}
	writeJSON(w, http.StatusOK, ps)
}
