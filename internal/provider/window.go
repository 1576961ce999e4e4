package provider

import "time"

// window counts bid requests over a sliding minute of 10 s buckets: the
// demand the ask responds to.
type window struct {
	counts [6]int
	at     [6]int64 // the bucket number each count belongs to
}

const windowBucket = 10 * time.Second

// requests returns the bid requests of the last minute, counting one more
// now if add.
func (w *window) requests(now time.Time, add bool) int {
	b := now.UnixNano() / int64(windowBucket)
	i := int(b % int64(len(w.counts)))
	if i < 0 {
		i += len(w.counts) // before 1970: only tests go there
	}
	if w.at[i] != b {
		w.at[i], w.counts[i] = b, 0
	}
	if add {
		w.counts[i]++
	}
	n := 0
	for k := range w.counts {
		if b-w.at[k] < int64(len(w.counts)) {
			n += w.counts[k]
		}
	}
	return n
}
