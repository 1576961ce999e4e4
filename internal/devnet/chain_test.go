package devnet

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/deco-network/deco/internal/chain"
	"github.com/deco-network/deco/internal/config"
	"github.com/deco-network/deco/internal/pay"
)

// devHomes creates a consumer home and n provider homes.
func devHomes(t *testing.T, providers int) ([]Node, []config.Home) {
	t.Helper()
	dir := t.TempDir()
	var nodes []Node
	var homes []config.Home
	add := func(name string, roles ...string) {
		h := config.Home(filepath.Join(dir, name))
		if _, err := h.Init(false); err != nil {
			t.Fatal(err)
		}
		nodes = append(nodes, Node{Name: name, Roles: roles, Home: string(h)})
		homes = append(homes, h)
	}
	add("consumer", "consumer")
	for i := 1; i <= providers; i++ {
		add(fmt.Sprintf("provider-%d", i), "consumer", "provider")
	}
	return nodes, homes
}

// checkChain checks, over JSON-RPC as a node process would, that
// every node is funded and every provider staked and bound.
func checkChain(t *testing.T, ctx context.Context, dc Chain, nodes []Node, homes []config.Home) {
	t.Helper()
	if err := dc.Contracts.Validate(); err != nil {
		t.Fatal(err)
	}
	id0, err := homes[0].Identity()
	if err != nil {
		t.Fatal(err)
	}
	c, err := chain.Dial(ctx, dc.RPC, id0.EVMKey, dc.Contracts, chain.WithChainID(new(big.Int).SetUint64(dc.ChainID)))
	if err != nil {
		t.Fatalf("dial the dev chain as a node would: %v", err)
	}
	defer c.Close()
	if c.RefundGrace() != RefundGrace {
		t.Errorf("refund grace = %s, want %s", c.RefundGrace(), RefundGrace)
	}
	minStake, err := c.MinStake(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i, n := range nodes {
		id, err := homes[i].Identity()
		if err != nil {
			t.Fatal(err)
		}
		addr := common.HexToAddress(id.EVM)
		gas, err := c.GasBalance(ctx, addr)
		if err != nil {
			t.Fatal(err)
		}
		if gas.Sign() == 0 {
			t.Errorf("%s has no gas money", n.Name)
		}
		bal, err := c.Balance(ctx, addr)
		if err != nil {
			t.Fatal(err)
		}
		st, err := c.Stakes(ctx, addr)
		if err != nil {
			t.Fatal(err)
		}
		wantBal := DECO
		if n.Provider() {
			wantBal = new(big.Int).Sub(DECO, minStake)
			if st.Bonded.Cmp(minStake) != 0 || !st.CanBid {
				t.Errorf("%s: stake %s (can bid %v), want %s", n.Name, chain.FormatDECO(st.Bonded), st.CanBid, chain.FormatDECO(minStake))
			}
			b, err := c.Peer(ctx, addr)
			if err != nil {
				t.Fatal(err)
			}
			pid, err := pay.VerifyPeerBinding(c.ChainID(), dc.Contracts.Registry, addr, b)
			if err != nil {
				t.Errorf("%s: %v", n.Name, err)
			} else if pid != id.PeerID {
				t.Errorf("%s bound peer %s, want %s", n.Name, pid, id.PeerID)
			}
		} else if st.Bonded.Sign() != 0 {
			t.Errorf("consumer %s staked %s", n.Name, chain.FormatDECO(st.Bonded))
		}
		if bal.Cmp(wantBal) != 0 {
			t.Errorf("%s holds %s, want %s", n.Name, chain.FormatDECO(bal), chain.FormatDECO(wantBal))
		}
	}
}

func TestStartChainEmbedded(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	nodes, homes := devHomes(t, 2)
	var log bytes.Buffer
	dc, stop, err := StartChain(ctx, "", nodes, homes, &log)
	if err != nil {
		t.Fatalf("StartChain: %v\n%s", err, log.String())
	}
	t.Cleanup(stop)
	if dc.ChainID != chain.SimulatedChainID || !strings.HasPrefix(dc.RPC, "http://127.0.0.1:") {
		t.Fatalf("dev chain = %+v", dc)
	}
	checkChain(t, ctx, dc, nodes, homes)
	for _, n := range nodes {
		if !strings.Contains(log.String(), n.Name) {
			t.Errorf("log does not mention %s:\n%s", n.Name, log.String())
		}
	}

	// devnet.json's chain object.
	b, err := json.Marshal(dc)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	cs, _ := m["contracts"].(map[string]any)
	if m["rpc"] != dc.RPC || m["chain_id"] != float64(1337) || !sameHex(cs["token"], dc.Contracts.Token) ||
		!sameHex(cs["registry"], dc.Contracts.Registry) || !sameHex(cs["escrow"], dc.Contracts.Escrow) {
		t.Fatalf("devnet.json chain = %s", b)
	}
	if cfg := dc.Config(); cfg.RPC != dc.RPC || cfg.Escrow != dc.Contracts.Escrow.Hex() {
		t.Fatalf("config section = %+v", cfg)
	}

	// stop ends the chain: the port no longer answers.
	stop()
	if conn, err := net.DialTimeout("tcp", strings.TrimPrefix(dc.RPC, "http://"), time.Second); err == nil {
		conn.Close()
		t.Fatal("the dev chain still answers after stop")
	}
}

// TestStartChainExternal uses the --chain-rpc path against another
// process's chain: an embedded chain serving JSON-RPC where, as on
// `geth --dev`, the developer key is funded.
func TestStartChainExternal(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	ext, err := chain.NewSimulated(ctx, chain.WithHTTP("127.0.0.1", 0), chain.WithAccounts(chain.GethDevKey()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ext.Close() })
	nodes, homes := devHomes(t, 1)
	var log bytes.Buffer
	start := time.Now()
	dc, stop, err := StartChain(ctx, ext.RPCURL(), nodes, homes, &log)
	t.Logf("took %s\n%s", time.Since(start), log.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	if dc.RPC != ext.RPCURL() || dc.Contracts == ext.Contracts() {
		t.Fatalf("dev chain = %+v: want fresh contracts on %s", dc, ext.RPCURL())
	}
	checkChain(t, ctx, dc, nodes, homes)
}

// TestStartChainGeth runs the --chain-rpc path against a stock
// `geth --dev` when one is installed (contracts/install-geth.sh).
func TestStartChainGeth(t *testing.T) {
	geth := chain.FindGeth()
	if geth == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("geth not found; run contracts/install-geth.sh")
		}
		t.Skip("geth not installed (contracts/install-geth.sh)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	var out bytes.Buffer
	cmd := exec.Command(geth, "--dev", "--datadir", t.TempDir(),
		"--http", "--http.addr", "127.0.0.1", "--http.port", fmt.Sprint(port), "--http.api", "eth,net,web3",
		"--ipcdisable", "--nodiscover", "--maxpeers", "0", "--port", "0", "--authrpc.port", "0", "--verbosity", "2")
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		if t.Failed() {
			t.Logf("geth output:\n%s", out.String())
		}
	})
	nodes, homes := devHomes(t, 2)
	dc, stop, err := StartChain(ctx, fmt.Sprintf("http://127.0.0.1:%d", port), nodes, homes, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	checkChain(t, ctx, dc, nodes, homes)
}

func sameHex(v any, a common.Address) bool {
	s, ok := v.(string)
	return ok && strings.EqualFold(s, a.Hex())
}
