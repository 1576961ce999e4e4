package provider

import (
	"fmt"
	"slices"
	"strings"

	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
)

// admit decides a bid request: the price to bid, or why not, in words a
// consumer's operator can act on. Resources are checked before price and
// slots, so a provider that could never run the job says so rather than
// "busy".
func (m *Machine) admit(req wire.BidRequest, es Escrow, ask wire.Amount, free int) (wire.Amount, string) {
	have, need := m.cfg.Resources, req.Need
	switch {
	case need.Memory > have.Memory:
		return 0, fmt.Sprintf("needs %s memory, this provider has %s", bytes(need.Memory), bytes(have.Memory))
	case need.Cores > have.Cores:
		return 0, fmt.Sprintf("needs %d cores, this provider has %d", need.Cores, have.Cores)
	case need.Disk > have.Disk:
		return 0, fmt.Sprintf("needs %s disk, this provider has %s", bytes(need.Disk), bytes(have.Disk))
	case need.GPU > len(have.GPUs):
		return 0, fmt.Sprintf("needs %d GPUs, this provider has %d", need.GPU, len(have.GPUs))
	}
	if r := m.missingLabels(req.Labels); r != "" {
		return 0, r
	}
	switch {
	case ask > req.MaxPrice:
		return 0, fmt.Sprintf("ask %s above max price %s", ask, req.MaxPrice)
	case free <= 0:
		return 0, "all slots busy"
	}
	price := ask
	if es.On {
		if es.Err != "" {
			return 0, "no deposit, no work: " + es.Err
		}
		if msg := m.short(req.Job, es, ask); msg != "" {
			return 0, "no deposit, no work: " + msg
		}
		if es.ProofPrice != 0 {
			// A proof escrow pays its own price per task whatever the bid.
			if ask > es.ProofPrice {
				return 0, fmt.Sprintf("ask %s above the proof escrow's price %s", ask, es.ProofPrice)
			}
			price = es.ProofPrice
		}
	}
	return price, ""
}

// missingLabels says which required labels the provider lacks, or "".
func (m *Machine) missingLabels(want map[string]string) string {
	var miss []string
	for k, v := range want {
		if have, ok := m.cfg.Labels[k]; !ok || have != v {
			miss = append(miss, fmt.Sprintf("%s=%s (this provider has %s)", k, v, labelValue(have, ok)))
		}
	}
	if len(miss) == 0 {
		return ""
	}
	slices.Sort(miss)
	return "needs label " + strings.Join(miss, ", ")
}

func labelValue(v string, ok bool) string {
	if !ok {
		return "none"
	}
	return v
}

// bytes writes a size the way a person reads it (2GiB, 512MiB).
func bytes(b uint64) string { return spec.HumanSize(b) }
