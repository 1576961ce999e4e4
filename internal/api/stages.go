package api

import (
	"github.com/deco-network/deco/internal/market"
	"github.com/deco-network/deco/internal/wire"
)

// StageView is one stage of a multi-stage job: its own job's state and
// tasks.
type StageView struct {
	Name   string     `json:"name"`
	Needs  []string   `json:"needs,omitempty"`
	Job    wire.JobID `json:"job"`
	State  JobState   `json:"state"`
	Reason string     `json:"reason"`
	// Final: no other stage reads its outputs; `deco job get` downloads
	// the outputs of final stages (the others stay with their providers).
	Final bool       `json:"final"`
	Tasks []TaskView `json:"tasks"`
}

// AddStages fills v's stage fields from job j: for a multi-stage job, a
// view of each stage's job, loaded with load (a stage that cannot be
// loaded shows its error as its reason).
func (v *JobView) AddStages(j *market.Job, load func(wire.JobID) (*market.Job, error)) {
	v.Parent, v.Stage = j.Parent, j.Stage
	for i, id := range j.Stages {
		sv := StageView{Job: id, State: JobPending, Tasks: []TaskView{}}
		if i < len(j.Spec.Stages) {
			st := j.Spec.Stages[i]
			sv.Name, sv.Needs, sv.Final = st.Name, st.Needs, !j.Spec.Needed(st.Name)
		}
		s, err := load(id)
		if err != nil {
			sv.Reason = err.Error()
			v.Stages = append(v.Stages, sv)
			continue
		}
		sv.State, sv.Reason = JobState(s.State), s.Reason
		for _, t := range s.Tasks {
			if t != nil {
				sv.Tasks = append(sv.Tasks, TaskViewOf(t))
			}
		}
		v.Stages = append(v.Stages, sv)
	}
}
