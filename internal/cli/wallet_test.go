package cli

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/config"
	"github.com/deco-network/deco/internal/devnet"
	"github.com/deco-network/deco/internal/node"
	"github.com/deco-network/deco/internal/pay"
	"github.com/deco-network/deco/internal/store"
	"github.com/deco-network/deco/internal/wire"
)

// walletEnv is a devnet directory (devnet.json with a chain) over an
// embedded chain the test controls, with a consumer and one provider.
type walletEnv struct {
	t     *testing.T
	ctx   context.Context
	sim   *chain.Simulated
	dir   string
	dc    devnet.Chain
	nodes []devnet.Node
	homes []config.Home
}

func newWalletEnv(t *testing.T) *walletEnv {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	sim, err := chain.NewSimulated(ctx, chain.WithHTTP("127.0.0.1", 0), chain.WithParams(devnet.Params()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sim.Close() })
	nodes, homes := devHomes(t, 1)
	dc := devnet.Chain{RPC: sim.RPCURL(), ChainID: chain.SimulatedChainID, Contracts: sim.Contracts()}
	ids := make([]config.Identity, len(homes))
	for i, h := range homes {
		if ids[i], err = h.Identity(); err != nil {
			t.Fatal(err)
		}
	}
	fund := func(ctx context.Context, to common.Address) error { return sim.Fund(ctx, to, devnet.Gas, devnet.DECO) }
	client := func(k *ecdsa.PrivateKey) (*chain.Client, error) { return sim.Client(k) }
	if err := devnet.SetupAccounts(ctx, nodes, ids, devnet.Params().MinStake, client, fund, nil); err != nil {
		t.Fatal(err)
	}
	e := &walletEnv{t: t, ctx: ctx, sim: sim, dir: t.TempDir(), dc: dc, nodes: nodes, homes: homes}
	e.writeDevnet()
	t.Setenv("DECO_DEVNET", e.dir)
	return e
}

// writeDevnet writes the env's devnet.json (again after a node started).
func (e *walletEnv) writeDevnet() {
	e.t.Helper()
	if err := (devnet.File{Dir: e.dir, Nodes: e.nodes, Chain: &e.dc}).Write(); err != nil {
		e.t.Fatal(err)
	}
}

// startNode runs node i of the env in-process, on the env's chain when
// onChain, and lists its API in devnet.json.
func (e *walletEnv) startNode(i int, onChain bool) *node.Node {
	e.t.Helper()
	cfg := config.Default()
	cfg.API, cfg.Listen, cfg.DHT = "127.0.0.1:0", []string{"/ip4/127.0.0.1/tcp/0"}, false
	cfg.Provider.Enabled = e.nodes[i].Provider()
	o := node.Options{Home: e.homes[i], Config: cfg, Identity: e.key(i)}
	if onChain {
		c, err := e.sim.Client(e.key(i).EVMKey)
		if err != nil {
			e.t.Fatal(err)
		}
		o.Chain = c
	}
	n, err := node.New(o)
	if err != nil {
		e.t.Fatal(err)
	}
	if err := n.Start(e.ctx); err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { n.Close() })
	e.nodes[i].API, e.nodes[i].Token = n.APIURL(), n.Token()
	e.writeDevnet()
	return n
}

// devHomes creates a consumer home and n provider homes.
func devHomes(t *testing.T, providers int) ([]devnet.Node, []config.Home) {
	t.Helper()
	dir := t.TempDir()
	var nodes []devnet.Node
	var homes []config.Home
	add := func(name string, roles ...string) {
		h := config.Home(filepath.Join(dir, name))
		if _, err := h.Init(false); err != nil {
			t.Fatal(err)
		}
		nodes = append(nodes, devnet.Node{Name: name, Roles: roles, Home: string(h)})
		homes = append(homes, h)
	}
	add("consumer", "consumer")
	for i := 1; i <= providers; i++ {
		add(fmt.Sprintf("provider-%d", i), "consumer", "provider")
	}
	return nodes, homes
}

// wallet runs `deco wallet ARGS...` in-process.
func (e *walletEnv) wallet(g *globals, args ...string) (string, error) {
	var out, errb bytes.Buffer
	if g == nil {
		g = &globals{}
	}
	g.stdout, g.stderr, g.logLevel = &out, &errb, "warn"
	cmd := newWalletCmd(g)
	cmd.SetOut(&out)
	cmd.SetErr(&errb)
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	cmd.SetArgs(args)
	err := cmd.ExecuteContext(e.ctx)
	if errb.Len() > 0 {
		e.t.Logf("stderr of wallet %v:\n%s", args, errb.String())
	}
	return out.String(), err
}

func (e *walletEnv) walletJSON(v any, args ...string) {
	e.t.Helper()
	out, err := e.wallet(nil, append(args, "-o", "json")...)
	if err != nil {
		e.t.Fatalf("wallet %v: %v", args, err)
	}
	if err := json.Unmarshal([]byte(out), v); err != nil {
		e.t.Fatalf("wallet %v: %v\n%s", args, err, out)
	}
}

func (e *walletEnv) key(i int) config.Identity {
	id, err := e.homes[i].Identity()
	if err != nil {
		e.t.Fatal(err)
	}
	return id
}

func wantErrText(t *testing.T, err error, parts ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("want an error mentioning %q, got none", parts)
	}
	for _, p := range parts {
		if !strings.Contains(err.Error(), p) {
			t.Fatalf("error %q does not mention %q", err, p)
		}
	}
}

func TestWalletBalance(t *testing.T) {
	e := newWalletEnv(t)
	var cons, prov Balance
	e.walletJSON(&cons, "balance")
	if cons.Address != e.key(0).EVM || cons.DECO != "1000" || cons.Gas != "100" || cons.Staked != "0" || cons.CanBid || cons.ChainID != 1337 || cons.RPC != e.dc.RPC {
		t.Fatalf("consumer balance = %+v", cons)
	}
	e.walletJSON(&prov, "balance", "--node", "provider-1")
	if prov.Address != e.key(1).EVM || prov.DECO != "900" || prov.Staked != "100" || !prov.CanBid || prov.MinStake != "100" || prov.PeerID != e.key(1).PeerID.String() {
		t.Fatalf("provider balance = %+v", prov)
	}
	var other Balance
	e.walletJSON(&other, "balance", e.key(1).EVM)
	if other.Address != e.key(1).EVM || other.Staked != "100" {
		t.Fatalf("balance of an address = %+v", other)
	}
	out, err := e.wallet(nil, "balance", "--node", "provider-1")
	if err != nil || !strings.Contains(out, "Staked:") || !strings.Contains(out, "can bid") || !strings.Contains(out, "900 DECO") {
		t.Fatalf("table: %v\n%s", err, out)
	}
	_, err = e.wallet(nil, "balance", "--node", "nobody")
	wantErrText(t, err, `no node "nobody"`, "consumer, provider-1")
}

func TestWalletDeposit(t *testing.T) {
	e := newWalletEnv(t)
	c, err := e.sim.Client(e.key(0).EVMKey)
	if err != nil {
		t.Fatal(err)
	}
	job := chain.NewJobID(c.Address(), [6]byte{0x01, 0x23, 0x45, 0x67, 0x89, 0xab})
	if err := c.OpenJob(e.ctx, job.Bytes32(), chain.DECO(1), time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	var d Deposit
	e.walletJSON(&d, "deposit", string(job), "2.5")
	if d.Added != "2.5" || d.Deposited != "3.5" || d.Remaining != "3.5" || d.Balance != "996.5" {
		t.Fatalf("deposit = %+v", d)
	}
	_, err = e.wallet(nil, "deposit", string(job), "1", "--node", "provider-1")
	wantErrText(t, err, "belongs to "+e.key(0).EVM)
	_, err = e.wallet(nil, "deposit", "ffffffffffffffffffffffffffffffff", "1")
	wantErrText(t, err, "has no escrow")
	_, err = e.wallet(nil, "deposit", string(job), "5000")
	wantErrText(t, err, "not enough DECO")
	_, err = e.wallet(nil, "deposit", "nope", "1")
	wantErrText(t, err, "job id")
	_, err = e.wallet(nil, "deposit", string(job), "0")
	wantErrText(t, err, "more than 0")
	_, err = e.wallet(nil, "deposit", string(job), "1.0000001")
	wantErrText(t, err, "at most 6 decimals")
}

func TestWalletStakeUnstakeWithdraw(t *testing.T) {
	e := newWalletEnv(t)
	var b Balance
	e.walletJSON(&b, "unstake", "40", "--node", "provider-1")
	if b.Staked != "60" || b.Unbonding != "40" || b.CanBid || b.UnlockAt == nil {
		t.Fatalf("after unstake = %+v", b)
	}
	_, err := e.wallet(nil, "withdraw", "--node", "provider-1")
	wantErrText(t, err, "still unbonding", "withdraw from")

	b = Balance{}
	e.walletJSON(&b, "stake", "--node", "provider-1") // back up to the minimum
	if b.Staked != "100" || !b.CanBid || b.DECO != "860" {
		t.Fatalf("after stake = %+v", b)
	}
	out, err := e.wallet(nil, "stake", "--node", "provider-1")
	if err != nil || !strings.Contains(out, "nothing to do") {
		t.Fatalf("stake at the minimum: %v\n%s", err, out)
	}

	if err := e.sim.AdjustTime(devnet.UnbondingDelay + time.Second); err != nil {
		t.Fatal(err)
	}
	b = Balance{}
	e.walletJSON(&b, "withdraw", "--node", "provider-1")
	if b.DECO != "900" || b.Unbonding != "0" || b.UnlockAt != nil {
		t.Fatalf("after withdraw = %+v", b)
	}
	_, err = e.wallet(nil, "withdraw", "--node", "provider-1")
	wantErrText(t, err, "nothing is unbonding", "deco wallet unstake")
	_, err = e.wallet(nil, "unstake", "500", "--node", "provider-1")
	wantErrText(t, err, "only 100 DECO is bonded")
	_, err = e.wallet(nil, "unstake")
	wantErrText(t, err, "no bonded stake")
}

func TestWalletRedeem(t *testing.T) {
	e := newWalletEnv(t)
	cc, err := e.sim.Client(e.key(0).EVMKey)
	if err != nil {
		t.Fatal(err)
	}
	pc, err := e.sim.Client(e.key(1).EVMKey)
	if err != nil {
		t.Fatal(err)
	}
	cdb, err := store.OpenDB(e.homes[0].Path("state.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer cdb.Close()
	cons := pay.NewConsumer(cc, cdb, nil, nil)
	job := chain.NewJobID(cc.Address(), [6]byte{0xab, 0xcd, 0xef, 0xab, 0xcd, 0xef})
	if err := cons.Open(e.ctx, job, 2*wire.MicroPerDECO, time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	pdb, err := store.OpenDB(e.homes[1].Path("state.db"))
	if err != nil {
		t.Fatal(err)
	}
	prov := pay.NewProvider(pc, pdb, nil, nil, pay.ProviderOptions{})
	for range 3 {
		v, err := cons.Voucher(e.ctx, job, pc.Address(), 250_000)
		if err != nil {
			t.Fatal(err)
		}
		if err := prov.Accept(e.ctx, v); err != nil {
			t.Fatal(err)
		}
	}

	pdb.Close()
	cdb.Close()

	// Redeem is the node's work: with the node down, the command says so.
	_, err = e.wallet(nil, "redeem", "--node", "provider-1")
	wantErrText(t, err, "provider-1", "cannot reach the deco node")

	e.startNode(1, true) // a provider may redeem by itself as it starts: the totals are the same
	var r api.Redemption
	e.walletJSON(&r, "redeem", "--node", "provider-1")
	if len(r.Earnings) != 1 || r.Earnings[0].Redeemed != 750_000 || r.Earnings[0].Pending != 0 || r.Balance != "900.75" || r.Address != e.key(1).EVM {
		t.Fatalf("redeem = %+v", r)
	}
	paid, err := cc.Redeemed(e.ctx, job.Bytes32(), pc.Address())
	if err != nil || paid.Cmp(wire.Amount(750_000).Wei()) != 0 {
		t.Fatalf("redeemed on chain %v, %v", paid, err)
	}
	out, err := e.wallet(nil, "redeem", "--node", "provider-1")
	if err != nil || !strings.Contains(out, "0.75") {
		t.Fatalf("second redeem: %v\n%s", err, out)
	}

	// A node without payments has no wallet to redeem into.
	cons0 := e.startNode(0, false)
	_, err = e.wallet(nil, "redeem")
	wantErrText(t, err, "without payments")
	cons0.Close()
	e.startNode(0, true)
	out, err = e.wallet(nil, "redeem") // the consumer holds no vouchers
	if err != nil || !strings.Contains(out, "No vouchers") {
		t.Fatalf("redeem without vouchers: %v\n%s", err, out)
	}
}

func TestWalletChainSources(t *testing.T) {
	e := newWalletEnv(t)
	// An explicit --home wins over DECO_DEVNET and reads config.yaml.
	h := e.homes[1]
	cfg, err := h.Load()
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.wallet(&globals{home: string(h)}, "balance")
	wantErrText(t, err, "no chain configured", "deco devnet", "--chain-rpc")

	_, err = e.wallet(&globals{home: string(h)}, "balance", "--chain-rpc", e.dc.RPC)
	wantErrText(t, err, "chain.token")

	cfg.Chain = e.dc.Config()
	if err := h.Save(cfg); err != nil {
		t.Fatal(err)
	}
	var b Balance
	out, err := e.wallet(&globals{home: string(h)}, "balance", "-o", "json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(out), &b); err != nil || b.Address != e.key(1).EVM || b.Staked != "100" {
		t.Fatalf("balance from config.yaml = %+v, %v", b, err)
	}
	_, err = e.wallet(&globals{home: string(h)}, "balance", "--node", "provider-1")
	wantErrText(t, err, "needs DECO_DEVNET")

	// A devnet started without a chain.
	dir := t.TempDir()
	raw, _ := json.Marshal(devnet.File{Dir: dir, Nodes: e.nodes})
	if err := os.WriteFile(filepath.Join(dir, "devnet.json"), raw, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv("DECO_DEVNET", dir)
	_, err = e.wallet(nil, "balance")
	wantErrText(t, err, "no chain configured")

	// A chain that is not there.
	cfg.Chain.RPC = "http://127.0.0.1:1"
	if err := h.Save(cfg); err != nil {
		t.Fatal(err)
	}
	_, err = e.wallet(&globals{home: string(h)}, "balance", "--timeout", "2s")
	wantErrText(t, err, "127.0.0.1:1", "is it running", "chain of home")
}
