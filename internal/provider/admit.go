package provider

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

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
	case req.TimeoutMs < 0 || req.TimeoutMs > m.cfg.MaxTimeout.Milliseconds():
		return 0, fmt.Sprintf("asks for a %s time limit, this provider runs tasks for at most %s", timeout(req.TimeoutMs), m.cfg.MaxTimeout)
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

// beyondOffer says why an assignment asks for more than this provider
// offers, or "". The bid request that preceded it binds the consumer to
// nothing: the assignment itself names the memory, run time and output a
// run is allowed, so each is checked against what the provider has
// (memory, the longest time limit it runs, free disk for the outputs).
// Zero limits take the executor's defaults, which every provider runs.
func (m *Machine) beyondOffer(s wire.TaskSpec) string {
	have := m.cfg.Resources
	switch {
	case s.MemoryLimit > have.Memory:
		return fmt.Sprintf("the assignment asks for %s memory, this provider offers %s; refusing it", bytes(s.MemoryLimit), bytes(have.Memory))
	case s.TimeoutMs < 0 || s.TimeoutMs > m.cfg.MaxTimeout.Milliseconds():
		return fmt.Sprintf("the assignment asks for a %s time limit, this provider runs tasks for at most %s; refusing it", timeout(s.TimeoutMs), m.cfg.MaxTimeout)
	case s.MaxOutput < 0 || s.MaxOutput > spec.MaxOutput:
		return fmt.Sprintf("the assignment allows %d bytes of output, outside [0, %s]; refusing it", s.MaxOutput, bytes(spec.MaxOutput))
	case uint64(s.MaxOutput) > have.Disk:
		return fmt.Sprintf("the assignment allows %s of output, this provider offers %s of disk; refusing it", bytes(uint64(s.MaxOutput)), bytes(have.Disk))
	}
	return ""
}

// timeout writes a time limit in milliseconds for a refusal.
func timeout(ms int64) string {
	if ms < 0 || ms > math.MaxInt64/int64(time.Millisecond) {
		return fmt.Sprintf("%dms", ms)
	}
	return (time.Duration(ms) * time.Millisecond).String()
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
