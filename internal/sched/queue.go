package sched

import (
	"container/heap"
	"time"
)

// Queue is a priority queue with aging: an item's effective priority is
// its priority plus AgingPerMinute for every minute it has waited, so a
// low-priority item is never starved by a stream of higher ones. Because
// every waiting item ages at the same rate, the order between two items
// never changes: it is the order of priority − rate × enqueue time, and
// the queue is a plain binary heap (O(log n) push and pop, no re-sorting
// as time passes). Ties go to the earlier item (FIFO).
type Queue[T any] struct {
	rate  float64 // per minute
	base  time.Time
	based bool
	seq   uint64
	h     qheap[T]
}

// NewQueue returns an empty queue whose items gain agingPerMinute priority
// levels per minute of waiting (the market uses 1).
func NewQueue[T any](agingPerMinute float64) *Queue[T] {
	return &Queue[T]{rate: agingPerMinute}
}

type qitem[T any] struct {
	v   T
	key float64 // priority − rate × minutes since base
	seq uint64
}

type qheap[T any] []qitem[T]

func (h qheap[T]) Len() int { return len(h) }
func (h qheap[T]) Less(i, j int) bool {
	if h[i].key != h[j].key {
		return h[i].key > h[j].key
	}
	return h[i].seq < h[j].seq
}
func (h qheap[T]) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *qheap[T]) Push(x any)   { *h = append(*h, x.(qitem[T])) }
func (h *qheap[T]) Pop() any     { o := *h; n := len(o); it := o[n-1]; *h = o[:n-1]; return it }
func (q *Queue[T]) minutes(t time.Time) float64 {
	if !q.based {
		q.base, q.based = t, true
	}
	return t.Sub(q.base).Minutes()
}

// Push adds v with a priority, enqueued at time at.
func (q *Queue[T]) Push(v T, priority int, at time.Time) {
	q.seq++
	heap.Push(&q.h, qitem[T]{v: v, key: float64(priority) - q.rate*q.minutes(at), seq: q.seq})
}

// Pop removes and returns the item with the highest effective priority.
func (q *Queue[T]) Pop() (T, bool) {
	if len(q.h) == 0 {
		var zero T
		return zero, false
	}
	return heap.Pop(&q.h).(qitem[T]).v, true
}

// Peek returns the item Pop would return, leaving it queued.
func (q *Queue[T]) Peek() (T, bool) {
	if len(q.h) == 0 {
		var zero T
		return zero, false
	}
	return q.h[0].v, true
}

// Len is the number of queued items.
func (q *Queue[T]) Len() int { return len(q.h) }

// Effective is the effective priority at now of an item pushed at at.
func (q *Queue[T]) Effective(priority int, at, now time.Time) float64 {
	return float64(priority) + q.rate*now.Sub(at).Minutes()
}
