package verify

import (
	"fmt"
	"sort"
	"strings"

	"github.com/deco-network/deco/internal/wire"
)

// Vote is one provider's checked result for a task: its output root and
// who it came from. Two votes are from the same voter when they share any
// non-empty identity: the peer id, the EVM address (case-insensitive) or
// the network (see Subnet). Only a voter's first vote counts, so one
// operator with several peer ids or addresses on one network cannot outvote
// the others.
type Vote struct {
	Provider string   // peer id
	EVM      string   // 0x address, "" if unknown
	Net      string   // network key from Subnet, "" if unknown
	Root     wire.CID // output root; "" never counts toward a majority
}

// Decision is what Quorum concludes from the votes so far.
type Decision struct {
	// Accepted reports that Root is held by a strict majority of the K
	// replicas wanted: no further vote can change the outcome.
	Accepted bool
	Root     wire.CID
	// Winners and Losers index the votes (in the order given) that hold
	// Root and another root; only set when Accepted. Votes that did not
	// count (a voter's second vote, an empty root) are in neither.
	Winners, Losers []int
	// Want is the number of replicas needed before a majority is possible:
	// k while the votes so far still allow one, more when they are split
	// so that k cannot settle them (two different roots out of k=2 make
	// Want 3).
	Want int
	// Counted is the number of distinct voters whose votes counted.
	Counted int
}

// Quorum decides a task from votes when k replicas are wanted (k ≥ 1). A
// root is accepted only when more than half of max(k, voters) distinct
// voters hold it; votes may arrive in any order and Quorum may be called
// after each one.
func Quorum(votes []Vote, k int) Decision {
	k = max(k, 1)
	counted := countedVotes(votes)
	count := map[wire.CID]int{}
	for _, i := range counted {
		count[votes[i].Root]++
	}
	var best wire.CID
	top := 0
	for _, r := range sortedRoots(count) {
		if count[r] > top {
			best, top = r, count[r]
		}
	}
	n := len(counted)
	d := Decision{Counted: n, Want: max(k, 2*(n-top)+1)}
	if top > 0 && 2*top > max(k, n) {
		d.Accepted, d.Root, d.Want = true, best, k
		for _, i := range counted {
			if votes[i].Root == best {
				d.Winners = append(d.Winners, i)
			} else {
				d.Losers = append(d.Losers, i)
			}
		}
	}
	return d
}

// countedVotes returns the indexes of the votes that count: a non-empty
// root from a voter not seen before.
func countedVotes(votes []Vote) []int {
	seen := map[string]bool{}
	var out []int
	for i, v := range votes {
		if v.Root == "" {
			continue
		}
		keys := []string{"p:" + v.Provider}
		if v.EVM != "" {
			keys = append(keys, "e:"+strings.ToLower(v.EVM))
		}
		if v.Net != "" {
			keys = append(keys, "n:"+v.Net)
		}
		dup := false
		for _, k := range keys {
			dup = dup || seen[k]
		}
		for _, k := range keys {
			seen[k] = true
		}
		if !dup {
			out = append(out, i)
		}
	}
	return out
}

func sortedRoots(m map[wire.CID]int) []wire.CID {
	out := make([]wire.CID, 0, len(m))
	for r := range m {
		out = append(out, r)
	}
	sort.Slice(out, func(i, k int) bool { return out[i] < out[k] })
	return out
}

// Tally describes the votes for a user: "2 × bafk…abc, 1 × bafk…xyz".
func Tally(votes []Vote) string {
	count := map[wire.CID]int{}
	for _, i := range countedVotes(votes) {
		count[votes[i].Root]++
	}
	roots := sortedRoots(count)
	sort.SliceStable(roots, func(i, k int) bool { return count[roots[i]] > count[roots[k]] })
	parts := make([]string, len(roots))
	for i, r := range roots {
		parts[i] = fmt.Sprintf("%d × %s", count[r], r.Short())
	}
	return strings.Join(parts, ", ")
}
