package provider

import (
	"fmt"

	"github.com/deco-network/deco/internal/verify"
	"github.com/deco-network/deco/internal/wire"
)

// specs remembers the spec (verify.SpecHash) each task was first accepted
// with, so that a second, different assignment of the same task is refused
// whatever its attempt number. A receipt commits to its spec, so the chain
// does not slash two receipts for different specs anyway; refusing means a
// provider never signs two different results for one task at all. The same
// spec retried is served: WebAssembly runs are deterministic, so it gets the
// same output. A proof is not: a Groth16 proof is randomized, so proving a
// task twice gives two honest receipts for one spec with different output
// roots, which is what equivocation looks like. A zk task is therefore
// proved at most once: refused while an attempt of it is in progress and
// after a receipt for it was sent.
//
// The memory is bounded (Config.Remember tasks, oldest forgotten first) and
// not persisted; the receipt's spec hash is what protects the stake.
type specs struct {
	limit int
	tasks map[wire.TaskID]taskSpec
	order []wire.TaskID // a ring of the remembered tasks, oldest at next
	next  int
}

type taskSpec struct {
	hash   [32]byte
	signed bool // a result with a receipt was sent
}

// conflict says why spec cannot be accepted, or "" if its task is new or
// was accepted with the same spec. live says whether another attempt of
// the task is in progress.
func (s *specs) conflict(spec wire.TaskSpec, live bool) string {
	ts, ok := s.tasks[spec.Task]
	switch {
	case !ok:
		return ""
	case ts.hash != verify.SpecHash(spec):
		return fmt.Sprintf("task %s was assigned to us before with a different spec (args, env, inputs, task count or limits); "+
			"a provider runs one spec per task, refusing attempt %d: assign it to another provider or submit a new job", spec.Task, spec.Attempt)
	case spec.Kind == wire.KindZK && (ts.signed || live):
		return fmt.Sprintf("task %s is a proof we already made or are making; proofs are randomized, so a provider proves a task once, "+
			"refusing attempt %d: assign it to another provider", spec.Task, spec.Attempt)
	}
	return ""
}

// remember records the spec spec's task was accepted with.
func (s *specs) remember(spec wire.TaskSpec) {
	if s.tasks == nil {
		s.tasks = map[wire.TaskID]taskSpec{}
	}
	if _, ok := s.tasks[spec.Task]; ok {
		return // conflict checked: the same spec
	}
	s.tasks[spec.Task] = taskSpec{hash: verify.SpecHash(spec)}
	if len(s.order) < s.limit {
		s.order = append(s.order, spec.Task)
		return
	}
	delete(s.tasks, s.order[s.next])
	s.order[s.next] = spec.Task
	s.next = (s.next + 1) % len(s.order)
}

// signed records that a receipt for task was sent.
func (s *specs) signed(task wire.TaskID) {
	if ts, ok := s.tasks[task]; ok {
		ts.signed = true
		s.tasks[task] = ts
	}
}
