package store

import (
	"errors"
	"sync"

	bolt "go.etcd.io/bbolt"
)

// group commits writes made at the same time together. Each commit of the
// database syncs the file to disk, a few milliseconds; a node submitting
// twenty jobs at once (each its job record, escrow record and log lines)
// spent most of its time waiting for syncs one after the other. A write
// arriving while none is being committed is committed at once, so a lone
// write waits for nothing; writes arriving during a commit wait for it and
// are then committed together, in arrival order, in one transaction and
// one sync. bbolt's own Batch waits a fixed delay for company instead.
//
// If one write of a batch fails, the batch's transaction is rolled back and
// every write of it runs again alone, so a failing write takes no other
// down with it; that is why a write may run more than once.
type group struct {
	mu      sync.Mutex
	busy    bool // a writer is committing (the leader)
	pending []*groupCall
}

type groupCall struct {
	fn   func(*bolt.Tx) error
	done chan error
}

// write runs fn in a read-write transaction, possibly shared with others.
// The writer that finds no commit in progress leads: it commits what is
// pending (its own write included) and, if more arrived meanwhile, hands
// the lead to the first of them, so no writer commits others' writes for
// longer than one transaction.
func (d *DB) write(fn func(*bolt.Tx) error) error {
	c := &groupCall{fn: fn, done: make(chan error, 1)}
	g := &d.g
	g.mu.Lock()
	g.pending = append(g.pending, c)
	if g.busy {
		g.mu.Unlock()
		if err := <-c.done; err != errLead {
			return err // committed by a leader
		}
		g.mu.Lock()
	}
	g.busy = true
	batch := g.pending
	g.pending = nil
	g.mu.Unlock()
	d.commit(batch)
	g.mu.Lock()
	if len(g.pending) > 0 {
		g.pending[0].done <- errLead
	} else {
		g.busy = false
	}
	g.mu.Unlock()
	return <-c.done
}

// errLead tells a waiting writer to commit what is pending.
var errLead = errors.New("store: lead the next commit")

// commit runs batch in one transaction, or each alone if one fails.
func (d *DB) commit(batch []*groupCall) {
	if len(batch) > 1 {
		err := d.bolt.Update(func(tx *bolt.Tx) error {
			for _, c := range batch {
				if err := c.fn(tx); err != nil {
					return err
				}
			}
			return nil
		})
		if err == nil {
			for _, c := range batch {
				c.done <- nil
			}
			return
		}
	}
	for _, c := range batch {
		c.done <- d.bolt.Update(c.fn)
	}
}
