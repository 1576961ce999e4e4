package chain

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"
	"net"
	"strconv"
	"sync"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/rpc"
)

// SimulatedChainID is the chain id of go-ethereum's simulated backend.
const SimulatedChainID = 1337

// Simulated is an in-process Ethereum chain (go-ethereum's simulated
// backend: a real EVM and state database, blocks sealed on demand) with
// Deco's contracts deployed and its accounts funded. Every transaction a
// Client of it sends is mined at once; with WithHTTP it also answers
// JSON-RPC (HTTP and WebSocket on one port) for other processes and seals
// a block as soon as a transaction of theirs arrives.
type Simulated struct {
	be       *simulated.Backend
	client   simulated.Client
	cfg      config
	addrs    Addresses
	deployer *Client
	url      string
	wsURL    string // the same endpoint over WebSocket, for the mining loop

	mu       sync.Mutex // serializes sealing blocks
	accounts sync.Map   // common.Address -> *account

	stop chan struct{}
	done chan struct{}
	once sync.Once
}

type pendingCounter interface {
	PendingTransactionCount(ctx context.Context) (uint, error)
}

// NewSimulated starts a simulated chain (chain id 1337), deploys the
// contracts with WithParams (default DefaultParams) from the deployer key
// (WithDeployer, default a fresh key), and gives the deployer and every
// WithAccounts key gas money and DECO (WithGrant). Close it when done.
func NewSimulated(ctx context.Context, opts ...Option) (*Simulated, error) {
	cfg := build(opts)
	if cfg.deployer == nil {
		k, err := crypto.GenerateKey()
		if err != nil {
			return nil, err
		}
		cfg.deployer = k
	}
	keys := append([]*ecdsa.PrivateKey{cfg.deployer}, cfg.accounts...)
	alloc := types.GenesisAlloc{}
	for _, k := range keys {
		alloc[crypto.PubkeyToAddress(k.PublicKey)] = types.Account{Balance: new(big.Int).Set(cfg.grantGas)}
	}
	s := &Simulated{cfg: cfg, stop: make(chan struct{}), done: make(chan struct{})}
	if err := s.start(alloc); err != nil {
		return nil, err
	}
	if s.url != "" {
		go s.mineLoop()
	} else {
		close(s.done)
	}
	ok := false
	defer func() {
		if !ok {
			_ = s.Close()
		}
	}()
	dep, err := s.clientFor(cfg.deployer, Addresses{})
	if err != nil {
		return nil, err
	}
	s.addrs, err = Deploy(ctx, dep, cfg.params)
	if err != nil {
		return nil, fmt.Errorf("deploy contracts on the simulated chain: %w", err)
	}
	if s.deployer, err = dep.At(ctx, s.addrs); err != nil {
		return nil, err
	}
	for _, k := range keys {
		if err := s.deployer.Mint(ctx, crypto.PubkeyToAddress(k.PublicKey), cfg.grantDECO); err != nil {
			return nil, fmt.Errorf("fund simulated account: %w", err)
		}
	}
	ok = true
	return s, nil
}

// start creates the backend, retrying on another port if the HTTP port
// picked for port 0 was taken in between.
func (s *Simulated) start(alloc types.GenesisAlloc) error {
	for attempt := 0; ; attempt++ {
		port := s.cfg.httpPort
		if s.cfg.httpHost != "" && port == 0 {
			p, err := freePort(s.cfg.httpHost)
			if err != nil {
				return fmt.Errorf("simulated chain: pick an HTTP port on %s: %w", s.cfg.httpHost, err)
			}
			port = p
		}
		be, err := newBackend(alloc, s.cfg.httpHost, port, s.cfg.allForks)
		if err == nil {
			s.be, s.client = be, be.Client()
			if s.cfg.httpHost != "" {
				s.url = "http://" + net.JoinHostPort(s.cfg.httpHost, strconv.Itoa(port))
				s.wsURL = "ws://" + net.JoinHostPort(s.cfg.httpHost, strconv.Itoa(port))
			}
			return nil
		}
		if s.cfg.httpPort != 0 || attempt >= 3 {
			return fmt.Errorf("simulated chain: %w", err)
		}
	}
}

// newBackend wraps simulated.NewBackend, which panics when the node cannot
// start (for example when the HTTP port is taken).
func newBackend(alloc types.GenesisAlloc, host string, port int, allForks bool) (be *simulated.Backend, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("start backend: %v", r)
		}
	}()
	return simulated.NewBackend(alloc, func(nc *node.Config, ec *ethconfig.Config) {
		if !allForks {
			// go-ethereum's dev chain enables forks no public network has
			// scheduled yet (with EIP-8037's much dearer state creation);
			// stop at Osaka, the rules Ethereum mainnet runs, so gas
			// figures mean what users will pay.
			cc := *ec.Genesis.Config
			cc.AmsterdamTime = nil
			cc.BogotaTime = nil
			cc.UBTTime = nil
			ec.Genesis.Config = &cc
		}
		if host != "" {
			nc.HTTPHost = host
			nc.HTTPPort = port
			nc.HTTPModules = []string{"eth", "net", "web3"}
			// WebSocket on the same port: the mining loop subscribes
			// to the pool's new transactions and reads its status.
			nc.WSHost = host
			nc.WSPort = port
			nc.WSModules = []string{"eth", "net", "web3", "txpool"}
		}
	}), nil
}

func freePort(host string) (int, error) {
	l, err := net.Listen("tcp", net.JoinHostPort(host, "0"))
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// mineLoop seals a block as soon as a transaction from another process
// enters the pool: it subscribes to the pool's new transactions over the
// chain's own WebSocket endpoint, so a receipt is ready a few milliseconds
// after the transaction was sent. Every pendingCheck it also asks the pool
// directly, in case a notification was lost.
func (s *Simulated) mineLoop() {
	defer close(s.done)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		select {
		case <-s.stop:
			cancel()
		case <-ctx.Done():
		}
	}()
	var (
		rc      *rpc.Client
		arrived = make(chan common.Hash, 256)
		lost    <-chan error
	)
	if c, err := rpc.DialContext(ctx, s.wsURL); err == nil {
		rc = c
		defer rc.Close()
		if sub, err := rc.EthSubscribe(ctx, arrived, "newPendingTransactions"); err == nil {
			defer sub.Unsubscribe()
			lost = sub.Err()
		}
	}
	t := time.NewTicker(s.cfg.pendingCheck)
	defer t.Stop()
	for {
		select {
		case <-s.stop:
			return
		case <-lost:
			lost = nil // the ticker carries on alone
		case <-arrived:
			// Transactions sent together go into one block.
			for drained := false; !drained; {
				select {
				case <-arrived:
				default:
					drained = true
				}
			}
			s.Commit()
		case <-t.C:
			if n, err := s.queued(ctx, rc); err == nil && n > 0 {
				s.Commit()
			}
		}
	}
}

// queued is how many transactions wait in the pool. It asks the pool
// (txpool_status, no cache) over rc; without rc it falls back on the
// pending block, which the node caches for 2s.
func (s *Simulated) queued(ctx context.Context, rc *rpc.Client) (uint, error) {
	ctx, cancel := context.WithTimeout(ctx, time.Second)
	defer cancel()
	if rc == nil {
		pc, ok := s.client.(pendingCounter)
		if !ok {
			return 0, errors.New("simulated chain: cannot count pending transactions")
		}
		return pc.PendingTransactionCount(ctx)
	}
	var st struct {
		Pending hexutil.Uint `json:"pending"`
	}
	if err := rc.CallContext(ctx, &st, "txpool_status"); err != nil {
		return 0, err
	}
	return uint(st.Pending), nil
}

// Commit seals a block with whatever transactions are pending.
func (s *Simulated) Commit() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.be.Commit()
}

// AdjustTime moves the chain's clock forward by d, sealing an empty block
// with the new time (pending transactions are mined first). Tests use it
// to pass deadlines and unbonding delays.
func (s *Simulated) AdjustTime(d time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.be.Commit()
	return s.be.AdjustTime(d)
}

// Contracts are the deployed contract addresses.
func (s *Simulated) Contracts() Addresses { return s.addrs }

// RPCURL is the JSON-RPC endpoint other processes can Dial ("" without WithHTTP).
func (s *Simulated) RPCURL() string { return s.url }

// Deployer is the client of the key that deployed and owns the contracts.
func (s *Simulated) Deployer() *Client { return s.deployer }

// Client returns a client signing with key. Clients of one key share their
// nonce. opts may add a logger or a transaction hook.
func (s *Simulated) Client(key *ecdsa.PrivateKey, opts ...Option) (*Client, error) {
	c, err := s.clientFor(key, s.addrs, opts...)
	if err != nil {
		return nil, err
	}
	c.refundGrace = s.cfg.params.RefundGrace.Truncate(time.Second)
	return c, nil
}

func (s *Simulated) clientFor(key *ecdsa.PrivateKey, addrs Addresses, opts ...Option) (*Client, error) {
	if key == nil {
		return nil, errors.New("simulated chain: a signing key is required")
	}
	addr := crypto.PubkeyToAddress(key.PublicKey)
	a, _ := s.accounts.LoadOrStore(addr, newAccount(key))
	cfg := s.cfg
	for _, o := range opts {
		o(&cfg)
	}
	c := newClient(s.client, a.(*account), big.NewInt(SimulatedChainID), cfg)
	c.addrs = addrs
	c.mined = s.Commit
	return c, nil
}

// Fund gives to gas money and DECO from the deployer (nil skips either).
func (s *Simulated) Fund(ctx context.Context, to common.Address, gas, deco *big.Int) error {
	if gas != nil && gas.Sign() > 0 {
		if err := s.deployer.SendGas(ctx, to, gas); err != nil {
			return err
		}
	}
	if deco != nil && deco.Sign() > 0 {
		return s.deployer.Mint(ctx, to, deco)
	}
	return nil
}

// Close stops the chain. Clients of it fail afterwards.
func (s *Simulated) Close() error {
	var err error
	s.once.Do(func() {
		close(s.stop)
		<-s.done
		s.mu.Lock()
		defer s.mu.Unlock()
		err = s.be.Close()
	})
	return err
}
