package sched

// AssignReplicas is Assign for tasks some of which are replicas: a task for
// which replica(task) is true already holds a result or a live attempt
// elsewhere (a replica, a re-check, a known-answer re-run) and goes to the
// eligible bidder with a free slot whose draw(task, peer) is lowest,
// ignoring the ranking; the others go by the ranking, round robin, as in
// Assign. Tasks are served in the order given.
//
// The market keys draw with a secret only the consumer knows, so a
// provider cannot tell whether it will be asked to replicate a task, and
// colluders cannot steer a partner into the replica slot by bidding next
// to it in the ranking (with Assign's round robin, the bidder ranked after
// a task's first holder would take its replica). Bidder order only breaks
// exact ties.
func AssignReplicas(tasks []int, bidders []Ranked, excluded func(task int, peer string) bool, replica func(task int) bool, draw func(task int, peer string) float64) map[int]string {
	out := map[int]string{}
	left := make([]int, len(bidders))
	for i, b := range bidders {
		left[i] = b.Slots
	}
	free := func(t, i int) bool { return left[i] > 0 && (excluded == nil || !excluded(t, bidders[i].Peer)) }
	next := 0
	for _, t := range tasks {
		best := -1
		if replica(t) {
			low := 2.0
			for i, b := range bidders {
				if !free(t, i) {
					continue
				}
				if d := draw(t, b.Peer); d < low {
					best, low = i, d
				}
			}
		} else {
			for k := 0; k < len(bidders); k++ {
				if i := (next + k) % len(bidders); free(t, i) {
					best, next = i, i+1
					break
				}
			}
		}
		if best >= 0 {
			out[t] = bidders[best].Peer
			left[best]--
		}
	}
	return out
}
