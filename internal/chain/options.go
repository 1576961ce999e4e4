package chain

import (
	"crypto/ecdsa"
	"io"
	"log/slog"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// Option configures Dial, NewSimulated and Simulated.Client. Options that
// only make sense for the simulated chain say so and are ignored by Dial.
type Option func(*config)

type config struct {
	log          *slog.Logger
	chainID      *big.Int
	poll         time.Duration
	backoffMin   time.Duration
	backoffMax   time.Duration
	onTx         func(Tx)
	deployer     *ecdsa.PrivateKey
	accounts     []*ecdsa.PrivateKey
	grantGas     *big.Int
	grantDECO    *big.Int
	params       Params
	httpHost     string
	httpPort     int
	pendingCheck time.Duration
	allForks     bool
}

func defaults() config {
	return config{
		log:          slog.New(slog.NewTextHandler(io.Discard, nil)),
		poll:         250 * time.Millisecond,
		backoffMin:   100 * time.Millisecond,
		backoffMax:   5 * time.Second,
		grantGas:     Ether(1000),
		grantDECO:    DECO(1_000_000),
		params:       DefaultParams(),
		pendingCheck: 100 * time.Millisecond,
	}
}

func build(opts []Option) config {
	c := defaults()
	for _, o := range opts {
		o(&c)
	}
	return c
}

// Tx describes a mined transaction the client sent, for metrics and gas accounting.
type Tx struct {
	Op       string // e.g. "escrow.redeem"
	Hash     common.Hash
	Block    uint64
	GasUsed  uint64
	GasPrice *big.Int // effective gas price paid
	// For Client.Observe: the job an escrow call is about (zero if none),
	// whether the transaction is sent but not mined yet, and whether it
	// reverted.
	Job     [32]byte
	Jobs    [][32]byte // the jobs an escrow.openJobs opens (Job is zero)
	Pending bool
	Failed  bool
}

// WithLogger sets the logger (default: discard).
func WithLogger(l *slog.Logger) Option {
	return func(c *config) {
		if l != nil {
			c.log = l
		}
	}
}

// WithChainID makes Dial fail with ErrWrongChain unless the node reports id.
func WithChainID(id *big.Int) Option {
	return func(c *config) { c.chainID = id }
}

// WithPollInterval sets the longest wait between two polls of a pending
// transaction's receipt (default 250ms); the first poll comes after 2ms
// and the wait doubles up to this.
func WithPollInterval(d time.Duration) Option {
	return func(c *config) {
		if d > 0 {
			c.poll = d
		}
	}
}

// WithBackoff sets the first and the longest wait between retries while the
// chain node is unreachable (default 100ms, 5s).
func WithBackoff(min, max time.Duration) Option {
	return func(c *config) {
		if min > 0 && max >= min {
			c.backoffMin, c.backoffMax = min, max
		}
	}
}

// WithTxHook calls fn after each transaction the client sent is mined
// (successful or not). fn must not block.
func WithTxHook(fn func(Tx)) Option {
	return func(c *config) { c.onTx = fn }
}

// WithDeployer sets the key that deploys and owns the contracts on the
// simulated chain (default: a fresh key). Simulated only.
func WithDeployer(key *ecdsa.PrivateKey) Option {
	return func(c *config) { c.deployer = key }
}

// WithAccounts funds keys on the simulated chain with gas money and DECO
// (see WithGrant). Simulated only.
func WithAccounts(keys ...*ecdsa.PrivateKey) Option {
	return func(c *config) { c.accounts = append(c.accounts, keys...) }
}

// WithGrant sets what each funded account gets on the simulated chain:
// gas money in wei (default 1000 ether) and DECO in base units (default
// 1,000,000 DECO). Simulated only.
func WithGrant(gas, deco *big.Int) Option {
	return func(c *config) {
		if gas != nil {
			c.grantGas = gas
		}
		if deco != nil {
			c.grantDECO = deco
		}
	}
}

// WithParams sets the deployment parameters (default DefaultParams). Simulated only;
// for other chains pass them to Deploy.
func WithParams(p Params) Option {
	return func(c *config) { c.params = p }
}

// WithHTTP makes the simulated chain answer JSON-RPC over HTTP and
// WebSocket on host:port (port 0 picks a free one) so other processes can
// use it, and mines their transactions as they arrive. Simulated only.
func WithHTTP(host string, port int) Option {
	return func(c *config) { c.httpHost, c.httpPort = host, port }
}

// WithAllForks runs the simulated chain with every fork go-ethereum knows,
// including ones no public network has scheduled (as `geth --dev` does).
// The default stops at Osaka, the rules Ethereum mainnet runs. Simulated only.
func WithAllForks() Option {
	return func(c *config) { c.allForks = true }
}
