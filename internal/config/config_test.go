package config

import (
	"errors"
	"net"
	"os"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

func TestInitIdempotent(t *testing.T) {
	h := Home(t.TempDir())
	a, err := h.Init(false)
	if err != nil {
		t.Fatal(err)
	}
	b, err := h.Init(false)
	if err != nil {
		t.Fatal(err)
	}
	if a.PeerID != b.PeerID || a.EVM != b.EVM || a.Token != b.Token {
		t.Fatal("init replaced existing keys")
	}
	if len(a.Ed25519()) != 64 {
		t.Fatal("ed25519 key")
	}
	cfg, err := h.Load()
	if err != nil {
		t.Fatal(err)
	}
	cfg.API = "0.0.0.0:80"
	if err := cfg.Validate(); !errors.Is(err, ErrInvalid) {
		t.Fatalf("non-loopback API accepted: %v", err)
	}
}

func TestMissingHome(t *testing.T) {
	h := Home(t.TempDir())
	if _, err := h.Identity(); !errors.Is(err, ErrNoHome) {
		t.Fatalf("got %v", err)
	}
}

// blob_quota is written as a size; unset means DefaultBlobQuota.
func TestBlobQuota(t *testing.T) {
	h := Home(t.TempDir())
	if _, err := h.Init(false); err != nil {
		t.Fatal(err)
	}
	cfg, err := h.Load()
	if err != nil {
		t.Fatal(err)
	}
	if got := cfg.UploadQuota(); got != DefaultBlobQuota {
		t.Fatalf("default quota %d, want %d", got, DefaultBlobQuota)
	}
	if err := os.WriteFile(h.Path("config.yaml"), []byte("blob_quota: 512MiB\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if cfg, err = h.Load(); err != nil || cfg.UploadQuota() != 512<<20 {
		t.Fatalf("blob_quota: 512MiB read as %d (%v)", cfg.UploadQuota(), err)
	}
}

// TestWeakToken: an empty api.token used to switch API authentication off
// silently; a missing, empty or short one is now refused with what to do.
func TestWeakToken(t *testing.T) {
	h := Home(t.TempDir())
	id, err := h.Init(false)
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckToken(id.Token); err != nil || len(id.Token) < 48 {
		t.Fatalf("init wrote a weak token %q: %v", id.Token, err)
	}
	for name, content := range map[string]string{"empty": "", "blank": " \n", "short": "abc123\n", "31 characters": strings.Repeat("a", 31)} {
		if err := os.WriteFile(h.Path("api.token"), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		_, err := h.Identity()
		if !errors.Is(err, ErrWeakToken) || !strings.Contains(err.Error(), "deco init") {
			t.Errorf("%s token: got %v, want ErrWeakToken saying to run deco init", name, err)
		}
	}
	if err := os.Remove(h.Path("api.token")); err != nil {
		t.Fatal(err)
	}
	if _, err := h.Identity(); err == nil || !strings.Contains(err.Error(), "deco init") {
		t.Fatalf("missing token: %v", err)
	}
	if _, err := h.Init(false); err != nil {
		t.Fatalf("init after the token was removed: %v", err)
	}
	if err := CheckToken(strings.Repeat("a", 20) + " " + strings.Repeat("b", 20)); !errors.Is(err, ErrWeakToken) {
		t.Fatalf("a token with a space: %v", err)
	}
}

// FuzzLoad reads arbitrary bytes as config.yaml: Load never panics, and a
// config it accepts saves as one it loads back unchanged.
func FuzzLoad(f *testing.F) {
	h := Home(f.TempDir())
	if err := h.Save(Default()); err != nil {
		f.Fatal(err)
	}
	b, _ := os.ReadFile(h.Path("config.yaml"))
	f.Add(b)
	f.Add([]byte("api: 127.0.0.1:1\nprovider: {enabled: true, ask: 0.002, labels: {zone: eu}}\nchain: {rpc: http://x}"))
	f.Add([]byte("listen: []\napi: 10.0.0.1:80"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if err := os.WriteFile(h.Path("config.yaml"), b, 0o600); err != nil {
			t.Fatal(err)
		}
		cfg, err := h.Load()
		if err != nil {
			return
		}
		if err := h.Save(cfg); err != nil {
			t.Fatalf("accepted config does not save: %v", err)
		}
		back, err := h.Load()
		want, _ := yaml.Marshal(cfg)
		got, _ := yaml.Marshal(back)
		if err != nil || string(got) != string(want) {
			t.Fatalf("config changed on save and load:\n%s\n%s (%v)", want, got, err)
		}
	})
}

// A node listens on every interface by default (so other hosts can reach
// it) while its API stays on loopback; the network keys round-trip.
func TestNetworkDefaults(t *testing.T) {
	h := Home(t.TempDir())
	if _, err := h.Init(false); err != nil {
		t.Fatal(err)
	}
	cfg, err := h.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"/ip4/0.0.0.0/tcp/0", "/ip4/0.0.0.0/udp/0/quic-v1", "/ip6/::/tcp/0", "/ip6/::/udp/0/quic-v1"} {
		if !slices.Contains(cfg.Listen, want) {
			t.Errorf("default listen %v lacks %s", cfg.Listen, want)
		}
	}
	if host, _, _ := net.SplitHostPort(cfg.API); !net.ParseIP(host).IsLoopback() {
		t.Errorf("default API %s is not on loopback", cfg.API)
	}
	yml := "announce: [/ip4/203.0.113.7/tcp/4001]\n" +
		"relay: {service: true, peers: [/ip4/203.0.113.8/tcp/4001/p2p/12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN]}\n"
	if err := os.WriteFile(h.Path("config.yaml"), []byte(yml), 0o600); err != nil {
		t.Fatal(err)
	}
	if cfg, err = h.Load(); err != nil {
		t.Fatal(err)
	}
	if len(cfg.Announce) != 1 || !cfg.Relay.Service || len(cfg.Relay.Peers) != 1 || len(cfg.Listen) != 4 {
		t.Fatalf("network keys read as %+v", cfg)
	}
	for name, bad := range map[string]string{
		"announce":   "announce: [not-an-addr]\n",
		"relay peer": "relay: {peers: [/ip4/1.2.3.4/tcp/1]}\n",
		"bootstrap":  "bootstrap: [/ip4/1.2.3.4/tcp/1]\n",
	} {
		if err := os.WriteFile(h.Path("config.yaml"), []byte(bad), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := h.Load(); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: bad address accepted: %v", name, err)
		}
	}
}

// TestAPIBinding: the API binds loopback by default; any other address
// needs TLS or an explicit insecure flag, and the error names the flags.
func TestAPIBinding(t *testing.T) {
	tests := []struct {
		name string
		api  string
		tls  APITLS
		want string // part of the error; "" for valid
	}{
		{"loopback", "127.0.0.1:7370", APITLS{}, ""},
		{"localhost", "localhost:0", APITLS{}, ""},
		{"ipv6 loopback", "[::1]:0", APITLS{}, ""},
		{"all interfaces, plain", "0.0.0.0:7370", APITLS{}, "--api-tls-self-signed"},
		{"a LAN address, plain", "192.168.1.5:7370", APITLS{}, "--api-insecure"},
		{"a host name, plain", "node.example:7370", APITLS{}, "--api-tls-cert"},
		{"self-signed", "0.0.0.0:7370", APITLS{SelfSigned: true}, ""},
		{"certificate", "192.168.1.5:7370", APITLS{Cert: "c.pem", Key: "k.pem"}, ""},
		{"insecure", "0.0.0.0:7370", APITLS{Insecure: true}, ""},
		{"certificate without key", "0.0.0.0:7370", APITLS{Cert: "c.pem"}, "needs its key"},
		{"certificate and self-signed", "0.0.0.0:7370", APITLS{Cert: "c.pem", Key: "k.pem", SelfSigned: true}, "pick one"},
		{"insecure with TLS", "0.0.0.0:7370", APITLS{SelfSigned: true, Insecure: true}, "insecure with TLS"},
		{"not host:port", "7370", APITLS{}, "not host:port"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := Default()
			cfg.API, cfg.APITLS = tt.api, tt.tls
			err := cfg.Validate()
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tt.want != "" && (!errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("error %v, want one saying %q", err, tt.want)
			}
		})
	}
}
