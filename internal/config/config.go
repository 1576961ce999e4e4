package config

import (
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"github.com/ethereum/go-ethereum/crypto"
	lcrypto "github.com/libp2p/go-libp2p/core/crypto"
	"github.com/libp2p/go-libp2p/core/peer"
	ma "github.com/multiformats/go-multiaddr"
	"gopkg.in/yaml.v3"

	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
)

// Config is a node's settings.
type Config struct {
	Listen    []string `yaml:"listen"`    // libp2p multiaddrs
	Bootstrap []string `yaml:"bootstrap"` // full multiaddrs with /p2p/<id>
	// Announce are multiaddrs advertised to peers besides the listen and
	// observed ones: a public address or DNS name in front of a forwarded
	// port, e.g. /ip4/203.0.113.7/tcp/4001.
	Announce []string `yaml:"announce,omitempty"`
	Relay    Relay    `yaml:"relay,omitempty"`
	API      string   `yaml:"api"` // HTTP API listen address (loopback unless APITLS says how else)
	APITLS   APITLS   `yaml:"api_tls,omitempty"`
	MDNS     bool     `yaml:"mdns"`
	DHT      bool     `yaml:"dht"`
	Provider Provider `yaml:"provider"`
	ChainID  uint64   `yaml:"chain_id"`
	Chain    Chain    `yaml:"chain,omitempty"`
	// BlobQuota is how much the blob store (<home>/blobs: uploads, job
	// inputs and outputs) may hold before uploads through the API are
	// refused, e.g. "20GiB"; 0 means DefaultBlobQuota.
	BlobQuota spec.Size `yaml:"blob_quota,omitempty"`
}

// APITLS says how the API is served. On loopback plain HTTP is the
// default; any other address needs TLS (a certificate, or a self-signed
// one the node creates) or Insecure, so the token does not cross a
// network in the clear by accident.
type APITLS struct {
	Cert string `yaml:"cert,omitempty"` // PEM certificate (chain) file
	Key  string `yaml:"key,omitempty"`  // its PEM private key file
	// SelfSigned: create an ECDSA certificate for the API's host (and
	// localhost) in <home>/api-tls once, and reuse it (APITLSCert).
	SelfSigned bool `yaml:"self_signed,omitempty"`
	// Insecure serves plain HTTP on a non-loopback address; the node warns
	// about it at start and in `deco status`.
	Insecure bool `yaml:"insecure,omitempty"`
}

// On reports whether the API serves TLS.
func (t APITLS) On() bool { return t.Cert != "" || t.SelfSigned }

// IsLoopback reports whether an API address (host:port) is reachable
// only from this host: a loopback IP or "localhost".
func IsLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	ip := net.ParseIP(host)
	return host == "localhost" || (ip != nil && ip.IsLoopback())
}

// DefaultBlobQuota is the blob store's upload quota when none is set:
// room for a few large jobs' data on a laptop without filling its disk.
const DefaultBlobQuota = 20 << 30

// UploadQuota is the blob store's upload quota in bytes.
func (c Config) UploadQuota() int64 {
	if c.BlobQuota == 0 {
		return DefaultBlobQuota
	}
	return int64(min(uint64(c.BlobQuota), 1<<62))
}

// Chain says where payments settle. An empty RPC means no payments: jobs
// run and receipts are verified, but nothing is paid.
type Chain struct {
	RPC      string `yaml:"rpc,omitempty"`      // JSON-RPC URL of an EVM node
	Token    string `yaml:"token,omitempty"`    // DecoToken address
	Registry string `yaml:"registry,omitempty"` // ProviderRegistry address
	Escrow   string `yaml:"escrow,omitempty"`   // JobEscrow address
}

// Relay settings: circuit relay v2 lets a node that cannot be dialled
// (behind NAT) be reached through one that can.
type Relay struct {
	// Service offers relaying to other nodes within bounded resources
	// (p2p.RelayLimits); for a node on a public address.
	Service bool `yaml:"service,omitempty"`
	// Peers are static relays (full multiaddrs with /p2p/<id>) a node
	// that cannot be dialled reserves a slot on. Without them it uses
	// connected peers that offer the relay service.
	Peers []string `yaml:"peers,omitempty"`
}

// DefaultListen is where a node listens unless config.yaml says
// otherwise: every interface, TCP and QUIC, IPv4 and IPv6, on ports
// chosen at the first start and kept across restarts (p2p.Config.PortFile).
// A host without IPv6 listens on IPv4 only.
var DefaultListen = []string{
	"/ip4/0.0.0.0/tcp/0", "/ip4/0.0.0.0/udp/0/quic-v1",
	"/ip6/::/tcp/0", "/ip6/::/udp/0/quic-v1",
}

// Provider settings apply when the node rents out its resources.
type Provider struct {
	Enabled bool              `yaml:"enabled"`
	Slots   int               `yaml:"slots"` // concurrent tasks (default: number of cores)
	Ask     wire.Amount       `yaml:"ask"`   // base price per task
	Floor   wire.Amount       `yaml:"floor"`
	Ceiling wire.Amount       `yaml:"ceiling"`
	Labels  map[string]string `yaml:"labels,omitempty"`
	// MaxMemory caps the memory offered (bytes, 0 = measured total).
	MaxMemory uint64 `yaml:"max_memory,omitempty"`
}

// Default returns the settings `deco init` writes.
func Default() Config {
	return Config{
		Listen:  append([]string(nil), DefaultListen...),
		API:     "127.0.0.1:7370",
		DHT:     true,
		ChainID: 1337,
		Provider: Provider{
			Slots: runtime.NumCPU(), Ask: 1000, Floor: 500, Ceiling: 10000,
		},
	}
}

// ErrInvalid wraps every validation failure.
var ErrInvalid = errors.New("invalid config")

// Validate checks the settings.
func (c Config) Validate() error {
	var errs []string
	if len(c.Listen) == 0 {
		errs = append(errs, "listen: at least one address is needed")
	}
	for _, a := range append(append([]string(nil), c.Listen...), c.Announce...) {
		if _, err := ma.NewMultiaddr(a); err != nil {
			errs = append(errs, fmt.Sprintf("listen/announce: %q is not a multiaddr (example: /ip4/0.0.0.0/tcp/4001)", a))
		}
	}
	for _, a := range append(append([]string(nil), c.Bootstrap...), c.Relay.Peers...) {
		if _, err := peer.AddrInfoFromString(a); err != nil {
			errs = append(errs, fmt.Sprintf("bootstrap/relay.peers: %q is not a full peer address (example: /ip4/203.0.113.7/tcp/4001/p2p/12D3Koo…)", a))
		}
	}
	t := c.APITLS
	if _, _, err := net.SplitHostPort(c.API); err != nil {
		errs = append(errs, fmt.Sprintf("api: %q is not host:port", c.API))
	} else if !IsLoopback(c.API) && !t.On() && !t.Insecure {
		errs = append(errs, fmt.Sprintf("api: %q is not a loopback address, and serving the API (and its token) to a network needs TLS: "+
			"pass --api-tls-cert FILE --api-tls-key FILE (config api_tls.cert, api_tls.key) or --api-tls-self-signed (api_tls.self_signed), "+
			"or --api-insecure (api_tls.insecure) to serve plain HTTP anyway", c.API))
	}
	switch {
	case (t.Cert == "") != (t.Key == ""):
		errs = append(errs, "api_tls: a certificate needs its key and a key its certificate (--api-tls-cert and --api-tls-key)")
	case t.Cert != "" && t.SelfSigned:
		errs = append(errs, "api_tls: a certificate and self_signed both given: pick one")
	}
	if t.Insecure && t.On() {
		errs = append(errs, "api_tls: insecure with TLS: drop --api-insecure to serve TLS, or the TLS settings to serve plain HTTP")
	}
	if c.Provider.Slots < 0 || c.Provider.Slots > 1024 {
		errs = append(errs, fmt.Sprintf("provider.slots: must be between 1 and 1024, got %d", c.Provider.Slots))
	}
	if c.Provider.Ceiling != 0 && c.Provider.Floor > c.Provider.Ceiling {
		errs = append(errs, "provider.floor: above provider.ceiling")
	}
	if len(errs) > 0 {
		return fmt.Errorf("%w: %s", ErrInvalid, strings.Join(errs, "; "))
	}
	return nil
}

// Home is a node's home directory.
type Home string

// DefaultHome is $DECO_HOME or ~/.deco.
func DefaultHome() Home {
	if h := os.Getenv("DECO_HOME"); h != "" {
		return Home(h)
	}
	d, err := os.UserHomeDir()
	if err != nil {
		return ".deco"
	}
	return Home(filepath.Join(d, ".deco"))
}

// Path joins elements under the home.
func (h Home) Path(elem ...string) string {
	return filepath.Join(append([]string{string(h)}, elem...)...)
}

// APITLSCert and APITLSKey are where a node serving a self-signed API
// certificate keeps it (clients finding the node by its home trust it).
func (h Home) APITLSCert() string { return h.Path("api-tls", "cert.pem") }

// APITLSKey is the self-signed certificate's private key.
func (h Home) APITLSKey() string { return h.Path("api-tls", "key.pem") }

// ListenState is the file where a node records the ports it listens on,
// so a restart binds the same ones (see p2p.Config.PortFile).
func (h Home) ListenState() string { return h.Path("listen.json") }

// Identity is a node's keys.
type Identity struct {
	PeerKey lcrypto.PrivKey
	PeerID  peer.ID
	EVMKey  *ecdsa.PrivateKey
	EVM     string // 0x address
	Token   string
}

// MinTokenLen is the shortest API token accepted: 32 characters (Init
// writes 48 hex digits, 192 random bits). A shorter one can be guessed,
// and an empty one would let anyone on the host drive the node.
const MinTokenLen = 32

// ErrWeakToken reports an API token that is missing, empty or shorter
// than MinTokenLen.
var ErrWeakToken = errors.New("the API token is missing or too short")

// CheckToken refuses an API token shorter than MinTokenLen or holding
// spaces or control characters (it travels in an HTTP header).
func CheckToken(tok string) error {
	if len(tok) < MinTokenLen {
		return fmt.Errorf("%w: it has %d characters, at least %d are needed", ErrWeakToken, len(tok), MinTokenLen)
	}
	for _, r := range tok {
		if r <= ' ' || r == 0x7f {
			return fmt.Errorf("%w: it holds a space or control character", ErrWeakToken)
		}
	}
	return nil
}

// Ed25519 returns the peer key in stdlib form (for signing envelopes).
func (id Identity) Ed25519() ed25519.PrivateKey {
	raw, _ := id.PeerKey.Raw()
	return ed25519.PrivateKey(raw)
}

// ErrNoHome reports a home that was never initialized.
var ErrNoHome = errors.New("no deco home here")

// Init creates the home, keys, token and config where missing. Existing
// keys are kept unless force is set.
func (h Home) Init(force bool) (Identity, error) {
	if err := os.MkdirAll(string(h), 0o700); err != nil {
		return Identity{}, fmt.Errorf("create home %s: %w", h, err)
	}
	for _, d := range []string{"blobs", "cache/wasm", "work"} {
		if err := os.MkdirAll(h.Path(d), 0o700); err != nil {
			return Identity{}, err
		}
	}
	if _, err := os.Stat(h.Path("peer.key")); force || errors.Is(err, fs.ErrNotExist) {
		k, _, err := lcrypto.GenerateEd25519Key(rand.Reader)
		if err != nil {
			return Identity{}, err
		}
		b, _ := lcrypto.MarshalPrivateKey(k)
		if err := os.WriteFile(h.Path("peer.key"), b, 0o600); err != nil {
			return Identity{}, err
		}
	}
	if _, err := os.Stat(h.Path("evm.key")); force || errors.Is(err, fs.ErrNotExist) {
		k, err := crypto.GenerateKey()
		if err != nil {
			return Identity{}, err
		}
		if err := os.WriteFile(h.Path("evm.key"), []byte(hex.EncodeToString(crypto.FromECDSA(k))+"\n"), 0o600); err != nil {
			return Identity{}, err
		}
	}
	if _, err := os.Stat(h.Path("api.token")); force || errors.Is(err, fs.ErrNotExist) {
		var b [24]byte
		rand.Read(b[:])
		if err := os.WriteFile(h.Path("api.token"), []byte(hex.EncodeToString(b[:])+"\n"), 0o600); err != nil {
			return Identity{}, err
		}
	}
	if _, err := os.Stat(h.Path("config.yaml")); errors.Is(err, fs.ErrNotExist) {
		if err := h.Save(Default()); err != nil {
			return Identity{}, err
		}
	}
	return h.Identity()
}

// Save writes cfg to config.yaml.
func (h Home) Save(cfg Config) error {
	b, err := yaml.Marshal(cfg)
	if err != nil {
		return err
	}
	return os.WriteFile(h.Path("config.yaml"), b, 0o600)
}

// Identity loads the keys and token.
func (h Home) Identity() (Identity, error) {
	var id Identity
	b, err := os.ReadFile(h.Path("peer.key"))
	if errors.Is(err, fs.ErrNotExist) {
		return id, fmt.Errorf("%w: %s has no peer.key; run `deco init --home %s`", ErrNoHome, h, h)
	}
	if err != nil {
		return id, err
	}
	if id.PeerKey, err = lcrypto.UnmarshalPrivateKey(b); err != nil {
		return id, fmt.Errorf("read %s: %w", h.Path("peer.key"), err)
	}
	if id.PeerID, err = peer.IDFromPrivateKey(id.PeerKey); err != nil {
		return id, err
	}
	b, err = os.ReadFile(h.Path("evm.key"))
	if err != nil {
		return id, fmt.Errorf("read EVM key: %w", err)
	}
	if id.EVMKey, err = crypto.HexToECDSA(strings.TrimSpace(string(b))); err != nil {
		return id, fmt.Errorf("read %s: %w", h.Path("evm.key"), err)
	}
	id.EVM = crypto.PubkeyToAddress(id.EVMKey.PublicKey).Hex()
	b, err = os.ReadFile(h.Path("api.token"))
	if err != nil {
		return id, fmt.Errorf("read API token: %w; run `deco init --home %s` to create one", err, h)
	}
	id.Token = strings.TrimSpace(string(b))
	if err := CheckToken(id.Token); err != nil {
		return id, fmt.Errorf("%s: %w; delete it and run `deco init --home %s` to create a strong one", h.Path("api.token"), err, h)
	}
	return id, nil
}

// Load reads config.yaml (defaults for missing fields) and validates it.
func (h Home) Load() (Config, error) {
	cfg := Default()
	b, err := os.ReadFile(h.Path("config.yaml"))
	if errors.Is(err, fs.ErrNotExist) {
		return cfg, fmt.Errorf("%w: %s has no config.yaml; run `deco init --home %s`", ErrNoHome, h, h)
	}
	if err != nil {
		return cfg, err
	}
	if err := yaml.Unmarshal(b, &cfg); err != nil {
		return cfg, fmt.Errorf("%s: %w", h.Path("config.yaml"), err)
	}
	return cfg, cfg.Validate()
}

// Runtime is what a running node publishes in node.json for local clients.
type Runtime struct {
	PID int    `json:"pid"`
	API string `json:"api"` // http://host:port, or https:// when it serves TLS
	// APICert is the certificate file the API serves (TLS only): clients
	// that find the node by its home trust it (a self-signed one).
	APICert  string   `json:"api_cert,omitempty"`
	PeerID   string   `json:"peer_id"`
	DID      string   `json:"did"`
	EVM      string   `json:"evm_address"`
	Addrs    []string `json:"addrs"`
	Provider bool     `json:"provider"`
}

// WriteRuntime writes node.json atomically.
func (h Home) WriteRuntime(r Runtime) error {
	b, _ := json.MarshalIndent(r, "", "  ")
	tmp := h.Path("node.json.tmp")
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, h.Path("node.json"))
}

// ReadRuntime reads node.json.
func (h Home) ReadRuntime() (Runtime, error) {
	var r Runtime
	b, err := os.ReadFile(h.Path("node.json"))
	if err != nil {
		return r, fmt.Errorf("no running node found in %s (start one with `deco node --home %s`): %w", h, h, err)
	}
	return r, json.Unmarshal(b, &r)
}

// RemoveRuntime deletes node.json on shutdown.
func (h Home) RemoveRuntime() { os.Remove(h.Path("node.json")) }
