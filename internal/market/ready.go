package market

// Ready is what a Step or Tick (or a batch of them, merged) asks the driver
// to do. Like etcd raft's Ready it is split by what must happen first:
//
//  1. The persistence part, Saves and Logs: the job and task records and
//     the job's log lines. The driver makes all of it durable (one
//     transaction is enough) before it carries out anything else in the
//     Ready.
//  2. The action part, Actions: bid requests, assignments, aborts,
//     vouchers, rejections and fraud reports, in the order the market
//     decided them (a provider's vouchers are cumulative: keep their
//     order). Only once step 1 is durable: a provider must never act on
//     state that a crash could still lose, or a restarted node would
//     reassign a task a provider is running, or pay an attempt twice.
//  3. Finished: the jobs that reached a terminal state, announced to
//     whoever waits on them once their last log lines and actions are out.
//
// If persisting fails (a full disk, say) the node logs it as an error and
// still carries out the actions: the market's state in memory is right,
// and refusing to act would stall every job while the disk stays full. What
// is at risk is a restart before the next successful write, which may lose
// the latest changes; the log says so.
//
// The rule holds across a batch: Merge keeps every part in order, and
// persisting a later step's records before an earlier step's actions is
// always safe (more is durable, never less).
type Ready struct {
	Saves    []Save
	Logs     []Log
	Actions  []Action
	Finished []Finished
}

// Action is an effect of the action part of a Ready: RequestBid, Assign,
// Abort, Pay, Fetch, Reject or Fraud.
type Action interface {
	Effect
	action()
}

func (RequestBid) action() {}
func (Assign) action()     {}
func (Abort) action()      {}
func (Pay) action()        {}
func (Reject) action()     {}
func (Fraud) action()      {}
func (Fetch) action()      {}
func (CheckLocal) action() {}

// Empty reports whether r asks for nothing.
func (r Ready) Empty() bool {
	return len(r.Saves) == 0 && len(r.Logs) == 0 && len(r.Actions) == 0 && len(r.Finished) == 0
}

// Merge appends o's parts to r's, for a driver that steps several events
// before it performs (the node drains its queue into one transaction).
func (r *Ready) Merge(o Ready) {
	r.Saves = append(r.Saves, o.Saves...)
	r.Logs = append(r.Logs, o.Logs...)
	r.Actions = append(r.Actions, o.Actions...)
	r.Finished = append(r.Finished, o.Finished...)
}

// Effects lists r's effects in the order a driver must carry them out:
// saves, log lines, actions, finished jobs.
func (r Ready) Effects() []Effect {
	out := make([]Effect, 0, len(r.Saves)+len(r.Logs)+len(r.Actions)+len(r.Finished))
	for _, s := range r.Saves {
		out = append(out, s)
	}
	for _, l := range r.Logs {
		out = append(out, l)
	}
	for _, a := range r.Actions {
		out = append(out, a)
	}
	for _, f := range r.Finished {
		out = append(out, f)
	}
	return out
}
