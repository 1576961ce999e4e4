package api

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/deco-network/deco/internal/config"
)

// selfSignedFor is how long a self-signed API certificate is valid; one
// with less than selfSignedRenew left is replaced at start.
const (
	selfSignedFor   = 2 * 365 * 24 * time.Hour
	selfSignedRenew = 30 * 24 * time.Hour
)

// ServerTLS returns the TLS configuration an API on addr serves with
// under t, and its certificate file: nil and "" for plain HTTP, the given
// certificate, or the home's self-signed one (SelfSigned creates it on
// first use and reuses it).
func ServerTLS(home config.Home, addr string, t config.APITLS) (*tls.Config, string, error) {
	cert, key := t.Cert, t.Key
	switch {
	case t.SelfSigned:
		cert, key = home.APITLSCert(), home.APITLSKey()
		if err := SelfSigned(cert, key, certHosts(addr), time.Now()); err != nil {
			return nil, "", fmt.Errorf("API self-signed certificate in %s: %w", filepath.Dir(cert), err)
		}
	case cert == "":
		return nil, "", nil
	}
	pair, err := tls.LoadX509KeyPair(cert, key)
	if err != nil {
		return nil, "", fmt.Errorf("API TLS certificate %s with key %s: %w (check api_tls.cert and api_tls.key, or use --api-tls-self-signed)", cert, key, err)
	}
	if abs, err := filepath.Abs(cert); err == nil {
		cert = abs // node.json names it for clients in other directories
	}
	return &tls.Config{Certificates: []tls.Certificate{pair}, MinVersion: tls.VersionTLS12}, cert, nil
}

// certHosts are the names a self-signed certificate for an API on addr
// holds: localhost and the loopback addresses (local clients, and the
// base URL Listen gives), plus addr's host, or for an unspecified host
// (0.0.0.0, ::) this machine's name and interface addresses.
func certHosts(addr string) []string {
	hosts := []string{"localhost", "127.0.0.1", "::1"}
	host, _, _ := net.SplitHostPort(addr)
	if ip := net.ParseIP(host); host != "" && (ip == nil || !ip.IsUnspecified()) {
		return appendNew(hosts, host)
	}
	if name, err := os.Hostname(); err == nil {
		hosts = appendNew(hosts, name)
	}
	addrs, _ := net.InterfaceAddrs()
	for _, a := range addrs {
		if ipn, ok := a.(*net.IPNet); ok && !ipn.IP.IsLinkLocalUnicast() {
			hosts = appendNew(hosts, ipn.IP.String())
		}
	}
	return hosts
}

func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// SelfSigned makes certFile and keyFile hold an ECDSA P-256 certificate
// valid for every one of hosts (names or IPs). A certificate already
// there that covers them and is valid for another 30 days is kept, so
// clients and browsers that trust it keep trusting it across restarts.
func SelfSigned(certFile, keyFile string, hosts []string, now time.Time) error {
	if b, err := os.ReadFile(certFile); err == nil {
		if c, err := parseCert(b); err == nil && covers(c, hosts) && now.Add(selfSignedRenew).Before(c.NotAfter) {
			if _, err := tls.LoadX509KeyPair(certFile, keyFile); err == nil {
				return nil
			}
		}
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return err
	}
	tmpl := &x509.Certificate{
		SerialNumber: serial,
		Subject:      pkix.Name{CommonName: hosts[0], Organization: []string{"Deco node (self-signed)"}},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.Add(selfSignedFor),
		// Its own authority: a client that trusts the file verifies the
		// chain of one (api.TLSClient, a browser's exception).
		IsCA:                  true,
		BasicConstraintsValid: true,
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	for _, h := range hosts {
		if ip := net.ParseIP(h); ip != nil {
			tmpl.IPAddresses = append(tmpl.IPAddresses, ip)
		} else {
			tmpl.DNSNames = append(tmpl.DNSNames, h)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return err
	}
	kder, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(certFile), 0o700); err != nil {
		return err
	}
	if err := writeFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kder}), 0o600); err != nil {
		return err
	}
	return writeFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o644)
}

func parseCert(b []byte) (*x509.Certificate, error) {
	blk, _ := pem.Decode(b)
	if blk == nil || blk.Type != "CERTIFICATE" {
		return nil, errors.New("no PEM certificate")
	}
	return x509.ParseCertificate(blk.Bytes)
}

func covers(c *x509.Certificate, hosts []string) bool {
	for _, h := range hosts {
		if c.VerifyHostname(h) != nil {
			return false
		}
	}
	return true
}

// writeFile replaces path atomically, so a crash leaves the old file or
// the new one.
func writeFile(path string, b []byte, perm os.FileMode) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, perm); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// TLSClient returns an HTTP client that trusts the system's authorities
// and the PEM certificates in caFile: a node's self-signed certificate
// (<home>/api-tls/cert.pem) or the authority that signed its own.
func TLSClient(caFile string) (*http.Client, error) {
	b, err := os.ReadFile(caFile)
	if err != nil {
		return nil, fmt.Errorf("the API certificate to trust: %w (pass --api-ca or DECO_API_CA with the node's certificate, e.g. <home>/api-tls/cert.pem)", err)
	}
	pool, err := x509.SystemCertPool()
	if err != nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(b) {
		return nil, fmt.Errorf("%s holds no PEM certificate: pass the node's certificate file (e.g. <home>/api-tls/cert.pem)", caFile)
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	return &http.Client{Transport: tr}, nil
}
