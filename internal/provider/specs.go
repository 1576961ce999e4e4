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
// spec retried is served: runs are deterministic, so it gets the same
// output.
//
// The memory is bounded (Config.Remember tasks, oldest forgotten first) and
// not persisted; the receipt's spec hash is what protects the stake.
type specs struct {
	limit int
	hash  map[wire.TaskID][32]byte
	order []wire.TaskID // a ring of the remembered tasks, oldest at next
	next  int
}

// conflict says why spec cannot be accepted, or "" if its task is new or
// was accepted with the same spec.
func (s *specs) conflict(spec wire.TaskSpec) string {
	h, ok := s.hash[spec.Task]
	if !ok || h == verify.SpecHash(spec) {
		return ""
	}
	return fmt.Sprintf("task %s was assigned to us before with a different spec (args, env, inputs, task count or limits); "+
		"a provider runs one spec per task, refusing attempt %d: assign it to another provider or submit a new job", spec.Task, spec.Attempt)
}

// remember records the spec spec's task was accepted with.
func (s *specs) remember(spec wire.TaskSpec) {
	if s.hash == nil {
		s.hash = map[wire.TaskID][32]byte{}
	}
	if _, ok := s.hash[spec.Task]; ok {
		return // conflict checked: the same spec
	}
	s.hash[spec.Task] = verify.SpecHash(spec)
	if len(s.order) < s.limit {
		s.order = append(s.order, spec.Task)
		return
	}
	delete(s.hash, s.order[s.next])
	s.order[s.next] = spec.Task
	s.next = (s.next + 1) % len(s.order)
}
