package chain

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"
	"net/url"
	"time"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/rpc"
)

// gethDevKey is the key `geth --dev` funds when its keystore is empty
// (go-ethereum cmd/utils DeveloperKey): public knowledge, test chains only.
const gethDevKey = "b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291"

// GethDevKey returns the pre-funded developer key of a fresh `geth --dev`
// node. Never use it on a chain with real value.
func GethDevKey() *ecdsa.PrivateKey {
	k, err := crypto.HexToECDSA(gethDevKey)
	if err != nil {
		panic(err) // constant
	}
	return k
}

// Dial connects to an EVM node over JSON-RPC (http, https, ws, wss or an
// IPC path) and returns a client that signs with key and uses the contracts
// at addrs. addrs may be zero to only Deploy (or send gas money); every
// contract method then fails with ErrNoContracts.
//
// Dial waits, retrying with backoff, until the node answers or ctx ends;
// with WithChainID it fails with ErrWrongChain if the node is another chain.
// Transactions use EIP-1559 fees and a locally managed nonce; later calls
// also retry while the node is unreachable.
func Dial(ctx context.Context, rpcURL string, key *ecdsa.PrivateKey, addrs Addresses, opts ...Option) (*Client, error) {
	if key == nil {
		return nil, errors.New("chain.Dial: a signing key is required")
	}
	cfg := build(opts)
	probe := &Client{cfg: cfg, log: cfg.log.With("component", "chain", "rpc", rpcURL)}
	var rc *rpc.Client
	err := probe.retry(ctx, "dial "+rpcURL, func() error {
		var err error
		rc, err = rpc.DialContext(ctx, rpcURL)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("connect to chain node %s: %w", rpcURL, err)
	}
	ec := ethclient.NewClient(rc)
	var id *big.Int
	err = probe.retry(ctx, "read chain id from "+rpcURL, func() error {
		var err error
		id, err = ec.ChainID(ctx)
		return err
	})
	if err != nil {
		rc.Close()
		return nil, fmt.Errorf("connect to chain node %s: %w (is it running?)", rpcURL, err)
	}
	if wc, wec, ok := upgradeToWS(ctx, rpcURL, id); ok {
		// An HTTP endpoint cannot push new blocks, so every receipt would
		// be polled for; the same node over WebSocket wakes the wait as
		// its block is sealed.
		rc.Close()
		rc, ec = wc, wec
		probe.log.Debug("chain node answers over WebSocket on the same address; using it")
	}
	if cfg.chainID != nil && cfg.chainID.Cmp(id) != 0 {
		rc.Close()
		return nil, fmt.Errorf("%w: %s is chain %s, expected %s; check --chain-rpc and the chain id in the config", ErrWrongChain, rpcURL, id, cfg.chainID)
	}
	c := newClient(ec, newAccount(key), id, cfg)
	c.close = rc.Close
	if addrs.IsZero() {
		return c, nil
	}
	bound, err := c.At(ctx, addrs)
	if err != nil {
		rc.Close()
		return nil, err
	}
	return bound, nil
}

// upgradeToWS dials the WebSocket twin of an http(s) rpcURL (same host,
// port and path), which geth serves when started with --ws on its HTTP
// port and the embedded dev chain always serves, and returns it when it
// answers for the same chain within a second. Anything else keeps HTTP.
func upgradeToWS(ctx context.Context, rpcURL string, id *big.Int) (*rpc.Client, *ethclient.Client, bool) {
	u, err := url.Parse(rpcURL)
	if err != nil {
		return nil, nil, false
	}
	switch u.Scheme {
	case "http":
		u.Scheme = "ws"
	case "https":
		u.Scheme = "wss"
	default:
		return nil, nil, false
	}
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	wc, err := rpc.DialContext(ctx, u.String())
	if err != nil {
		return nil, nil, false
	}
	ec := ethclient.NewClient(wc)
	if wid, err := ec.ChainID(ctx); err != nil || wid.Cmp(id) != 0 {
		wc.Close()
		return nil, nil, false
	}
	return wc, ec, true
}
