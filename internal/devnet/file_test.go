package devnet

import (
	"reflect"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/deco-network/deco/internal/chain"
)

func TestFileRoundTripAndNode(t *testing.T) {
	dir := t.TempDir()
	f := File{Dir: dir, Nodes: []Node{
		{Name: "consumer", Roles: []string{"consumer"}, API: "127.0.0.1:1"},
		{Name: "provider-1", Roles: []string{"consumer", "provider"}, API: "127.0.0.1:2", Malice: "wrong"},
	}, Chain: &Chain{RPC: "http://127.0.0.1:3", ChainID: 1337, Contracts: chain.Addresses{Escrow: common.HexToAddress("0x01")}}}
	if err := f.Write(); err != nil {
		t.Fatal(err)
	}
	got, err := ReadFile(dir)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, f) {
		t.Fatalf("read back %+v, wrote %+v", got, f)
	}
	for _, tc := range []struct{ name, want, err string }{
		{name: "", want: "consumer"},
		{name: "provider-1", want: "provider-1"},
		{name: "nobody", err: `no node "nobody"; the devnet has consumer, provider-1`},
	} {
		n, err := got.Node(tc.name)
		if tc.err != "" {
			if err == nil || err.Error() != tc.err {
				t.Errorf("Node(%q) error %v, want %q", tc.name, err, tc.err)
			}
			continue
		}
		if err != nil || n.Name != tc.want {
			t.Errorf("Node(%q) = %s, %v; want %s", tc.name, n.Name, err, tc.want)
		}
	}
	if _, err := (File{Nodes: f.Nodes[1:]}).Node(""); err == nil || !strings.Contains(err.Error(), "--node NAME") {
		t.Errorf("a devnet without a consumer-only node: %v", err)
	}
	if _, err := ReadFile(t.TempDir()); err == nil || !strings.Contains(err.Error(), "deco devnet --dir") {
		t.Errorf("no devnet.json: %v", err)
	}
}

func TestTCPAddrs(t *testing.T) {
	tcp, quic := "/ip4/127.0.0.1/tcp/4001/p2p/X", "/ip4/127.0.0.1/udp/4001/quic-v1/p2p/X"
	for _, tc := range []struct{ in, want []string }{
		{in: []string{quic, tcp}, want: []string{tcp}},
		{in: []string{quic}, want: []string{quic}}, // no TCP: bootstrap over what there is
		{in: nil, want: nil},
	} {
		if got := tcpAddrs(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("tcpAddrs(%v) = %v, want %v", tc.in, got, tc.want)
		}
	}
}
