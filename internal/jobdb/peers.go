package jobdb

import (
	"fmt"
	"slices"
)

// peersKey holds, in the meta bucket, the full addresses of the peers the
// consumer last worked with.
const peersKey = "peers"

// MaxPeers bounds the addresses SavePeers keeps.
const MaxPeers = 256

// SavePeers remembers addrs (full addresses, …/p2p/<id>) so a restarted
// consumer can dial the providers of its unfinished jobs itself: they
// knew it at its old address, which it may not have any more (a port
// picked at start, a new IP), and until someone dials there is no
// connection for gossip or the DHT to find it through. An empty addrs
// keeps what was saved: a node with no peer for a moment forgets nothing.
func (d *DB) SavePeers(addrs []string) error {
	if len(addrs) == 0 {
		return nil
	}
	if len(addrs) > MaxPeers {
		addrs = addrs[:MaxPeers]
	}
	slices.Sort(addrs)
	d.mu.Lock()
	defer d.mu.Unlock()
	if slices.Equal(addrs, d.peers) {
		return nil // called every second: write only a change
	}
	d.peers = slices.Clone(addrs)
	if err := d.db.Put("meta", peersKey, addrs); err != nil {
		return fmt.Errorf("remember peers: %w", err)
	}
	return nil
}

// Peers returns the addresses SavePeers stored last (none on a new node).
func (d *DB) Peers() ([]string, error) {
	var addrs []string
	if _, err := d.db.Get("meta", peersKey, &addrs); err != nil {
		return nil, fmt.Errorf("read remembered peers: %w", err)
	}
	return addrs, nil
}
