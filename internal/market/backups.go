package market

import (
	"slices"
	"sort"
	"time"

	"github.com/deco-network/deco/internal/sched"
	"github.com/deco-network/deco/internal/spec"
)

// Backups: a second attempt of a running task on another provider, when
// a Speculator scheduler expects it to finish first.

// speculatePeriod is how often a job with nothing to place may be looked
// at for tasks to back up.
const speculatePeriod = 5 * time.Second

// speculate asks a Speculator scheduler which of j's running tasks to
// back up, when no task of this consumer waits for a provider (backups
// never take a slot a waiting task could have), and opens a round for
// them. Only single-result jobs (the receipt policy) are backed up: the
// first verified result ends the task.
func (m *Market) speculate(now time.Time, j *Job) {
	sp, ok := m.sched.(sched.Speculator)
	if !ok || j.policy.Policy != spec.VerifyReceipt || j.round != nil || now.Before(j.nextSpec) {
		return
	}
	j.nextSpec = now.Add(speculatePeriod)
	r := m.round(now, j, 0)
	if m.backlog > 0 {
		return
	}
	var running []sched.Running
	for _, t := range j.Tasks {
		if a := backupOf(t); a != nil {
			running = append(running, sched.Running{Task: t.Index, Peer: a.Provider, Started: a.Started})
		}
	}
	if len(running) == 0 {
		return
	}
	var tasks []int
	for _, k := range sp.Speculate(r, running) {
		if k >= 0 && k < len(running) {
			tasks = append(tasks, running[k].Task)
		}
	}
	if len(tasks) == 0 {
		return
	}
	sort.Ints(tasks)
	tasks = slices.Compact(tasks)
	j.backingUp = true
	m.openRound(now, j, tasks)
	j.backingUp = false
	if j.round != nil {
		j.round.backup = true
		m.logf(now, j, -1, "backing up %d running tasks on other providers (round %d): the first verified result wins", len(j.round.tasks), j.round.n)
	}
}

// backupOf returns t's only attempt when t may get a backup: a
// single-result task running on one provider with no result yet.
func backupOf(t *Task) *Attempt {
	if t.State.Terminal() || t.replicas() > 1 {
		return nil
	}
	var live *Attempt
	for i := range t.Attempts {
		a := &t.Attempts[i]
		switch {
		case a.Live():
			if live != nil {
				return nil
			}
			live = a
		case a.vote():
			return nil
		}
	}
	return live
}
