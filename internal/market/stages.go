package market

import (
	"fmt"
	"strings"
	"time"

	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
)

// Multi-stage jobs. The parent job holds the spec with its stages and no
// tasks, so the auction never sees it; each stage is a job of its own
// (its own escrow, tasks, verification and payments) that the parent
// names in Stages. A stage with needs is held without tasks until every
// stage it needs has completed; then its from: inputs are resolved to the
// content addresses those stages' receipts signed, with the provider that
// holds each (spec.Job.ResolveFrom), and its tasks are created. A stage
// that fails or is cancelled ends the parent with the stage's name and
// reason and cancels the stages still open. Outputs a later stage needs
// are paid (vouchers before bytes, as for any task) but not fetched here:
// the later stage's providers fetch them from the providers holding them
// (session: Share).

// holdStage sets up a parent or a stage job at submission and reports
// whether it gets no tasks now: a parent never does, a stage only once
// its needs completed.
func (m *Market) holdStage(now time.Time, j *Job) bool {
	if len(j.Stages) > 0 {
		j.State, j.Reason = JobRunning, fmt.Sprintf("%d stages: %s", len(j.Stages), stageList(j.Spec))
		m.touch(now, j, nil)
		m.logf(now, j, -1, "multi-stage job submitted: %s", stageList(j.Spec))
		return true
	}
	st := m.stageSpec(j)
	if st == nil || m.needsDone(j, st) {
		return false
	}
	j.Reason = "waiting for stage " + strings.Join(st.Needs, ", ")
	m.touch(now, j, nil)
	m.logf(now, j, -1, "stage %s submitted: waits for %s", j.Stage, strings.Join(st.Needs, ", "))
	return true
}

// stageList writes a spec's stages as "map (4 tasks) → reduce (1 task)".
func stageList(s spec.Job) string {
	parts := make([]string, len(s.Stages))
	for i, st := range s.Stages {
		parts[i] = fmt.Sprintf("%s (%d tasks)", st.Name, st.Tasks.Count)
		if len(st.Needs) > 0 {
			parts[i] += " after " + strings.Join(st.Needs, ", ")
		}
	}
	return strings.Join(parts, "; ")
}

// stageSpec returns the spec stage j runs, nil if j is no stage.
func (m *Market) stageSpec(j *Job) *spec.Stage {
	if j.Parent == "" {
		return nil
	}
	p := m.jobs[j.Parent]
	if p == nil {
		return nil
	}
	return p.Spec.StageNamed(j.Stage)
}

// sibling returns the job of stage name in j's multi-stage job.
func (m *Market) sibling(j *Job, name string) *Job {
	p := m.jobs[j.Parent]
	if p == nil {
		return nil
	}
	for _, id := range p.Stages {
		if s := m.jobs[id]; s != nil && s.Stage == name {
			return s
		}
	}
	return nil
}

func (m *Market) needsDone(j *Job, st *spec.Stage) bool {
	for _, n := range st.Needs {
		if s := m.sibling(j, n); s == nil || s.State != JobCompleted {
			return false
		}
	}
	return true
}

// feeds reports whether a later stage reads j's outputs: then its
// providers fetch them, and this node does not.
func (m *Market) feeds(j *Job) bool {
	p := m.jobs[j.Parent]
	return p != nil && p.Spec.Needed(j.Stage)
}

// stageEnded carries the end of job j (terminal) to its multi-stage job:
// a completed stage starts the stages it unblocks, or completes the
// parent; a failed or cancelled one ends the parent and the stages still
// open. A parent that ends (cancelled by the user) cancels its stages.
func (m *Market) stageEnded(now time.Time, j *Job) {
	if len(j.Stages) > 0 {
		for _, id := range j.Stages {
			if s := m.jobs[id]; s != nil && !s.State.Terminal() {
				m.cancel(now, Cancel{Job: id, Reason: j.Reason})
			}
		}
		return
	}
	p := m.jobs[j.Parent]
	if p == nil || p.State.Terminal() {
		return
	}
	if j.State != JobCompleted {
		state := JobFailed
		if j.State == JobCancelled && !strings.HasPrefix(j.Reason, "stage ") {
			state = JobCancelled
		}
		m.endParent(now, p, state, fmt.Sprintf("stage %s %s: %s", j.Stage, j.State, j.Reason))
		return
	}
	m.logf(now, p, -1, "stage %s completed: %s", j.Stage, j.Reason)
	done := 0
	for _, id := range p.Stages {
		s := m.jobs[id]
		if s == nil {
			continue
		}
		if s.State == JobCompleted {
			done++
			continue
		}
		if st := p.Spec.StageNamed(s.Stage); st != nil && !s.State.Terminal() && len(s.Tasks) == 0 && m.needsDone(s, st) {
			m.startStage(now, p, s, st)
		}
	}
	if done == len(p.Stages) {
		m.endParent(now, p, JobCompleted, fmt.Sprintf("all %d stages completed", done))
	}
}

// endParent ends multi-stage job p and cancels its open stages.
func (m *Market) endParent(now time.Time, p *Job, state JobState, reason string) {
	p.State, p.Reason, p.EndedAt = state, reason, now
	m.touch(now, p, nil)
	m.logf(now, p, -1, "job %s: %s", state, reason)
	m.finished(p)
	for _, id := range p.Stages {
		if s := m.jobs[id]; s != nil && !s.State.Terminal() {
			m.cancel(now, Cancel{Job: id, Reason: reason})
		}
	}
}

// startStage resolves stage s's from: inputs and gives it its tasks.
func (m *Market) startStage(now time.Time, p, s *Job, st *spec.Stage) {
	s.Spec.Inputs = s.Spec.ResolveFrom(func(name string) []spec.StageOutput {
		var out []spec.StageOutput
		if src := m.sibling(s, name); src != nil {
			for _, t := range src.Tasks {
				out = append(out, spec.StageOutput{Outputs: t.Outputs, Holder: t.Provider})
			}
		}
		return out
	})
	s.Tasks = make([]*Task, s.Spec.Tasks.Count)
	for i := range s.Tasks {
		s.Tasks[i] = &Task{Index: i, State: TaskPending, Reason: "waiting for provider bids", waitingSince: now, UpdatedAt: now, Replicas: s.policy.Replicas}
		m.touch(now, s, s.Tasks[i])
	}
	s.Reason, s.nextRound = "waiting for provider bids", now
	m.touch(now, s, nil)
	m.logf(now, s, -1, "stage %s starts (%s completed): %d tasks, %d inputs", s.Stage, strings.Join(st.Needs, ", "), len(s.Tasks), len(s.Spec.Inputs))
	m.logf(now, p, -1, "stage %s starts", s.Stage)
}

// NewSubmit builds the Submit of spec s for consumer (its EVM address),
// naming each job with newID: one job, or a multi-stage job's parent and
// its stage jobs. paid lists the jobs that need an escrow: the job
// itself, or each stage (the parent runs nothing).
func NewSubmit(s spec.Job, consumer string, newID func() (wire.JobID, error)) (ev Submit, paid []*Job, err error) {
	id, err := newID()
	if err != nil {
		return Submit{}, nil, err
	}
	ev.Job = &Job{ID: id, Spec: s, Consumer: consumer}
	if len(s.Stages) == 0 {
		return ev, []*Job{ev.Job}, nil
	}
	for _, st := range s.Stages {
		sid, err := newID()
		if err != nil {
			return Submit{}, nil, err
		}
		ev.Job.Stages = append(ev.Job.Stages, sid)
		ev.Stages = append(ev.Stages, &Job{ID: sid, Spec: st.Job, Consumer: consumer, Parent: id, Stage: st.Name})
	}
	return ev, ev.Stages, nil
}
