package verify

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
	"testing"

	"pgregory.net/rapid"

	"github.com/deco-network/deco/internal/wire"
)

var rootA, rootB, rootC = wire.CIDOf([]byte("a")), wire.CIDOf([]byte("b")), wire.CIDOf([]byte("c"))

func vote(p string, r wire.CID) Vote { return Vote{Provider: p, Root: r} }

func TestQuorum(t *testing.T) {
	tests := []struct {
		name     string
		votes    []Vote
		k        int
		accepted bool
		root     wire.CID
		winners  []int
		losers   []int
		want     int
	}{
		{"no votes", nil, 2, false, "", nil, nil, 2},
		{"single receipt", []Vote{vote("p1", rootA)}, 1, true, rootA, []int{0}, nil, 1},
		{"one of two", []Vote{vote("p1", rootA)}, 2, false, "", nil, nil, 2},
		{"two agree", []Vote{vote("p1", rootA), vote("p2", rootA)}, 2, true, rootA, []int{0, 1}, nil, 2},
		{"two disagree", []Vote{vote("p1", rootA), vote("p2", rootB)}, 2, false, "", nil, nil, 3},
		{"tie broken", []Vote{vote("p1", rootA), vote("p2", rootB), vote("p3", rootB)}, 3, true, rootB, []int{1, 2}, []int{0}, 3},
		{"early majority of 3", []Vote{vote("p1", rootA), vote("p2", rootA)}, 3, true, rootA, []int{0, 1}, nil, 3},
		{"three different", []Vote{vote("p1", rootA), vote("p2", rootB), vote("p3", rootC)}, 3, false, "", nil, nil, 5},
		{"majority of 5", []Vote{vote("p1", rootA), vote("p2", rootB), vote("p3", rootA), vote("p4", rootC), vote("p5", rootA)}, 5, true, rootA, []int{0, 2, 4}, []int{1, 3}, 5},
		{"2 of 4 is no majority", []Vote{vote("p1", rootA), vote("p2", rootB), vote("p3", rootA), vote("p4", rootB)}, 4, false, "", nil, nil, 5},
		{"same peer twice", []Vote{vote("p1", rootA), vote("p1", rootA)}, 2, false, "", nil, nil, 2},
		{"same EVM, two peers", []Vote{{Provider: "p1", EVM: "0xAB", Root: rootA}, {Provider: "p2", EVM: "0xab", Root: rootA}}, 2, false, "", nil, nil, 2},
		{"same network, two peers", []Vote{{Provider: "p1", Net: "203.0.113.0/24", Root: rootA}, {Provider: "p2", Net: "203.0.113.0/24", Root: rootA}}, 2, false, "", nil, nil, 2},
		{"empty root does not vote", []Vote{vote("p1", ""), vote("p2", rootA)}, 2, false, "", nil, nil, 2},
		{"more votes than k", []Vote{vote("p1", rootA), vote("p2", rootB), vote("p3", rootA)}, 2, true, rootA, []int{0, 2}, []int{1}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := Quorum(tt.votes, tt.k)
			if d.Accepted != tt.accepted || d.Root != tt.root || !slices.Equal(d.Winners, tt.winners) || !slices.Equal(d.Losers, tt.losers) || d.Want != tt.want {
				t.Fatalf("got %+v", d)
			}
		})
	}
}

// Property: Quorum never accepts an output root that fewer than a strict
// majority of distinct voters (by peer, EVM address and network) hold,
// counted against max(k, voters) — checked against a brute-force
// reference — and a decision does not depend on the order of the votes.
func TestQuorumNeedsStrictMajority(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		k := rapid.IntRange(1, 7).Draw(rt, "k")
		votes := rapid.SliceOfN(rapid.Custom(func(t *rapid.T) Vote {
			return Vote{
				Provider: rapid.SampledFrom([]string{"p1", "p2", "p3", "p4", "p5", "p6"}).Draw(t, "peer"),
				EVM:      rapid.SampledFrom([]string{"", "0xa", "0xA", "0xb", "0xc"}).Draw(t, "evm"),
				Net:      rapid.SampledFrom([]string{"", "n1", "n2"}).Draw(t, "net"),
				Root:     rapid.SampledFrom([]wire.CID{"", rootA, rootB, rootC}).Draw(t, "root"),
			}
		}), 0, 9).Draw(rt, "votes")
		d := Quorum(votes, k)
		if !d.Accepted {
			if d.Want < k {
				rt.Fatalf("want %d below k %d", d.Want, k)
			}
			return
		}
		// Reference: greedy distinct voters in order, as documented.
		seen := map[string]bool{}
		holders, voters := 0, 0
		for _, v := range votes {
			if v.Root == "" {
				continue
			}
			ids := []string{"p" + v.Provider}
			if v.EVM != "" {
				ids = append(ids, "e"+strings.ToLower(v.EVM))
			}
			if v.Net != "" {
				ids = append(ids, "n"+v.Net)
			}
			dup := false
			for _, id := range ids {
				dup = dup || seen[id]
			}
			for _, id := range ids {
				seen[id] = true
			}
			if dup {
				continue
			}
			voters++
			if v.Root == d.Root {
				holders++
			}
		}
		if 2*holders <= max(k, voters) {
			rt.Fatalf("accepted %s held by %d of %d voters (k=%d)", d.Root, holders, voters, k)
		}
		if len(d.Winners) != holders || len(d.Winners)+len(d.Losers) != voters {
			rt.Fatalf("winners %v losers %v, reference %d of %d", d.Winners, d.Losers, holders, voters)
		}
		// No two winners are the same voter.
		ids := map[string]bool{}
		for _, i := range d.Winners {
			for _, id := range []string{"p" + votes[i].Provider, "e" + strings.ToLower(votes[i].EVM), "n" + votes[i].Net} {
				if id != "e" && id != "n" && ids[id] {
					rt.Fatalf("winner %d repeats %s", i, id)
				}
				ids[id] = true
			}
		}
	})
}

func TestTally(t *testing.T) {
	got := Tally([]Vote{vote("p1", rootA), vote("p2", rootB), vote("p3", rootB), vote("p3", rootA)})
	if want := fmt.Sprintf("2 × %s, 1 × %s", rootB.Short(), rootA.Short()); got != want {
		t.Fatalf("tally %q, want %q", got, want)
	}
}

func TestSubnet(t *testing.T) {
	tests := []struct{ ip, want string }{
		{"203.0.113.77", "203.0.113.0/24"},
		{"::ffff:198.51.100.9", "198.51.100.0/24"},
		{"2001:db8:abcd:12::1", "2001:db8:abcd::/48"},
		{"127.0.0.1", ""},
		{"10.1.2.3", ""},
		{"192.168.1.5", ""},
		{"169.254.0.1", ""},
		{"::1", ""},
		{"fd00::1", ""},
		{"0.0.0.0", ""},
	}
	for _, tt := range tests {
		if got := Subnet(netip.MustParseAddr(tt.ip)); got != tt.want {
			t.Errorf("Subnet(%s) = %q, want %q", tt.ip, got, tt.want)
		}
	}
	if Subnet(netip.Addr{}) != "" {
		t.Error("invalid address has a subnet")
	}
}
