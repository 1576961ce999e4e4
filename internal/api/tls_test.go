package api

import (
	"bytes"
	"context"
	"log/slog"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/config"
)

const testToken = "0123456789abcdef0123456789abcdef0123456789abcdef"

// serve starts a Server on addr with TLS settings t (logging into log)
// and returns it with its base URL; it stops when the test ends.
func serve(t *testing.T, home config.Home, addr string, tc config.APITLS, log *bytes.Buffer) (*Server, string) {
	t.Helper()
	conf, _, err := ServerTLS(home, addr, tc)
	if err != nil {
		t.Fatal(err)
	}
	s := NewServer(&specBackend{}, testToken, slog.New(slog.NewTextHandler(log, nil)))
	base, err := s.ListenTLS(addr, conf)
	if err != nil {
		t.Fatal(err)
	}
	go s.Serve()
	t.Cleanup(func() { s.Shutdown(context.Background()) })
	return s, base
}

// TestSelfSignedTLS: a node serving a self-signed certificate on a
// non-loopback address (all interfaces; the test talks over loopback
// only) or on another loopback address answers a client that trusts the
// certificate file, over https, says so in its status, refuses a client
// that does not trust it, and keeps the same certificate across starts.
func TestSelfSignedTLS(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", "127.0.0.2:0"} {
		t.Run(addr, func(t *testing.T) {
			home := config.Home(t.TempDir())
			var log bytes.Buffer
			_, base := serve(t, home, addr, config.APITLS{SelfSigned: true}, &log)
			if !strings.HasPrefix(base, "https://") {
				t.Fatalf("base URL %s, want https", base)
			}
			if want := strings.Split(addr, ":")[0]; want != "0.0.0.0" && !strings.Contains(base, want) {
				t.Fatalf("base URL %s, want host %s", base, want)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			hc, err := TLSClient(home.APITLSCert())
			if err != nil {
				t.Fatal(err)
			}
			info, err := (&Client{Base: base, Token: testToken, HTTP: hc}).Status(ctx)
			if err != nil {
				t.Fatalf("status over TLS with the home's certificate: %v", err)
			}
			if !info.TLS || info.Insecure {
				t.Fatalf("status says tls=%v insecure=%v, want tls only", info.TLS, info.Insecure)
			}
			if _, err := (&Client{Base: base, Token: testToken}).Status(ctx); err == nil || !strings.Contains(err.Error(), "certificate") {
				t.Fatalf("a client that does not trust the certificate: %v, want a certificate error", err)
			}
			if strings.Contains(log.String(), "plain HTTP") {
				t.Fatalf("a TLS server warned it is insecure: %s", log.String())
			}
			if fi, err := os.Stat(home.APITLSKey()); err != nil || fi.Mode().Perm() != 0o600 {
				t.Fatalf("key file: %v, %v; want mode 0600", fi, err)
			}

			// Restarted, the node serves the same certificate.
			before, _ := os.ReadFile(home.APITLSCert())
			_, base2 := serve(t, home, addr, config.APITLS{SelfSigned: true}, &log)
			after, _ := os.ReadFile(home.APITLSCert())
			if !bytes.Equal(before, after) {
				t.Fatal("a restart replaced the self-signed certificate")
			}
			if _, err := (&Client{Base: base2, Token: testToken, HTTP: hc}).Status(ctx); err != nil {
				t.Fatalf("the restarted node with the certificate trusted before: %v", err)
			}
		})
	}
}

// TestSelfSignedRenewed: a certificate that does not name the API's host,
// or is about to expire, is replaced.
func TestSelfSignedRenewed(t *testing.T) {
	dir := t.TempDir()
	cert, key := dir+"/cert.pem", dir+"/key.pem"
	now := time.Now()
	if err := SelfSigned(cert, key, []string{"localhost", "127.0.0.1"}, now); err != nil {
		t.Fatal(err)
	}
	read := func() []byte { b, _ := os.ReadFile(cert); return b }
	first := read()
	if err := SelfSigned(cert, key, []string{"localhost", "127.0.0.1"}, now.Add(24*time.Hour)); err != nil || !bytes.Equal(read(), first) {
		t.Fatalf("the same hosts a day later replaced it (%v)", err)
	}
	if err := SelfSigned(cert, key, []string{"localhost", "127.0.0.1", "10.1.2.3"}, now); err != nil || bytes.Equal(read(), first) {
		t.Fatalf("a new host kept the old certificate (%v)", err)
	}
	c, _ := parseCert(read())
	if c == nil || c.VerifyHostname("10.1.2.3") != nil || c.VerifyHostname("localhost") != nil {
		t.Fatalf("the new certificate does not name its hosts: %v", c)
	}
	second := read()
	if err := SelfSigned(cert, key, []string{"localhost", "127.0.0.1", "10.1.2.3"}, c.NotAfter.Add(-24*time.Hour)); err != nil || bytes.Equal(read(), second) {
		t.Fatalf("a certificate a day from expiry was kept (%v)", err)
	}
}

// TestInsecureHTTP: plain HTTP on a non-loopback address (what
// --api-insecure allows) is served, warned about in the log, and
// reported in the status; on loopback it is neither.
func TestInsecureHTTP(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for _, tt := range []struct {
		addr     string
		insecure bool
	}{{"0.0.0.0:0", true}, {"127.0.0.1:0", false}} {
		var log bytes.Buffer
		_, base := serve(t, config.Home(t.TempDir()), tt.addr, config.APITLS{Insecure: tt.insecure}, &log)
		if u, err := url.Parse(base); err != nil || u.Scheme != "http" || u.Hostname() != "127.0.0.1" {
			t.Fatalf("%s: base URL %s, want http://127.0.0.1:port", tt.addr, base)
		}
		info, err := (&Client{Base: base, Token: testToken}).Status(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if info.Insecure != tt.insecure || info.TLS {
			t.Fatalf("%s: status insecure=%v tls=%v, want insecure=%v", tt.addr, info.Insecure, info.TLS, tt.insecure)
		}
		if warned := strings.Contains(log.String(), "plain HTTP on a non-loopback address"); warned != tt.insecure {
			t.Fatalf("%s: warned=%v, want %v: %s", tt.addr, warned, tt.insecure, log.String())
		}
	}
}

// TestTLSClientBadFile: a missing or non-PEM certificate file is an
// error that says what to pass.
func TestTLSClientBadFile(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(dir+"/junk.pem", []byte("not a certificate"), 0o644)
	for _, f := range []string{dir + "/missing.pem", dir + "/junk.pem"} {
		if _, err := TLSClient(f); err == nil || !strings.Contains(err.Error(), "certificate") {
			t.Fatalf("%s: %v", f, err)
		}
	}
	if _, _, err := ServerTLS(config.Home(dir), "0.0.0.0:0", config.APITLS{Cert: dir + "/junk.pem", Key: dir + "/junk.pem"}); err == nil || !strings.Contains(err.Error(), "api_tls.cert") {
		t.Fatalf("a bad certificate file: %v", err)
	}
}
