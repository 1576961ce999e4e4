package market

import (
	"fmt"
	"strings"
	"time"
)

// Explanations: the reasons a user reads when a task waits, kept short
// and cheap to produce on every empty round.

// whyRefresh is how long the explanation of a job's empty rounds is kept
// (see candidates).
const whyRefresh = 5 * time.Second

// whyMemo is a job's last explanation of an empty round, for the same held
// flag and number of cached offers.
type whyMemo struct {
	text   string
	held   bool
	offers int
	at     time.Time
}

// whyNone says why a round of j asks nobody: it scans every cached offer
// and counts why each is left out. held: the scheduler held the tasks
// (reported only if some provider was eligible).
func (m *Market) whyNone(now time.Time, j *Job, replicas []*Task, held bool) string {
	var dear, small, busy, labels, suspect, holders, eligible int
	need := j.Spec.Resources
	labelled := len(j.Spec.Labels) > 0
	for i := range m.hot {
		switch o := &m.hot[i]; {
		case o.ask > j.Spec.Price.Max:
			dear++
		case o.taint && m.suspect(m.list[i].Peer, now):
			suspect++
		case o.memory < uint64(need.Memory) || o.cores < need.CPU || o.gpus < need.GPU:
			small++
		case labelled && !hasLabels(m.list[i].Labels, j.Spec.Labels):
			labels++
		case o.busy:
			busy++
		case replicas != nil && m.excludedAll(replicas, m.list[i]):
			holders++
		default:
			eligible++
		}
	}
	held = held && eligible > 0
	var why []string
	if held {
		why = append(why, "the scheduler holds the tasks for faster providers than the free ones")
	}
	if len(m.offers) == 0 {
		why = append(why, "no provider offers seen yet (is any provider connected? see `deco providers`)")
	}
	if dear > 0 {
		why = append(why, fmt.Sprintf("%d ask more than the max price %s", dear, j.Spec.Price.Max))
	}
	if small > 0 {
		why = append(why, fmt.Sprintf("%d lack the resources (cpu %d, memory %s, gpu %d)", small, need.CPU, need.Memory, need.GPU))
	}
	if labels > 0 {
		why = append(why, fmt.Sprintf("%d lack the labels", labels))
	}
	if busy > 0 {
		why = append(why, fmt.Sprintf("%d are busy with this node's tasks", busy))
	}
	if suspect > 0 {
		why = append(why, fmt.Sprintf("%d were caught returning wrong results", suspect))
	}
	if holders > 0 {
		why = append(why, fmt.Sprintf("%d already hold or failed these tasks, or share an EVM address or network with their holders", holders))
	}
	return strings.Join(why, "; ")
}

// replicateReason is the reason of a task waiting for a provider that may
// replicate it.
func replicateReason(j *Job) string {
	return fmt.Sprintf("waiting for another provider to replicate the task (%s): the free ones already hold or failed it, or share its providers' EVM address or network", j.policy)
}

func shortPeer(p string) string {
	if len(p) > 12 {
		return p[:4] + "…" + p[len(p)-6:]
	}
	return p
}

func shortAddr(a string) string {
	if len(a) > 10 {
		return a[:6] + "…" + a[len(a)-4:]
	}
	return a
}
