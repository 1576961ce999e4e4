package devnet

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// File is the layout of DIR/devnet.json, which a running devnet writes
// once every node is up and client commands read (DECO_DEVNET=DIR).
type File struct {
	Dir   string `json:"dir"`
	Nodes []Node `json:"nodes"`
	Chain *Chain `json:"chain,omitempty"` // nil: the devnet runs without payments
}

// Node is one node of a devnet.
type Node struct {
	Name   string   `json:"name"`
	Roles  []string `json:"roles"`
	API    string   `json:"api"`
	Token  string   `json:"token"`
	PeerID string   `json:"peer_id"`
	DID    string   `json:"did"`
	EVM    string   `json:"evm_address"`
	Home   string   `json:"home"`
	PID    int      `json:"pid"`
	Addrs  []string `json:"addrs"`
	// Malice is the cheating mode of a provider started with
	// deco devnet --malicious (empty: honest).
	Malice string `json:"malice,omitempty"`
}

// Provider reports whether the node has the provider role.
func (n Node) Provider() bool { return slices.Contains(n.Roles, "provider") }

// ConsumerOnly reports whether the node is a consumer and not a provider:
// the node client commands talk to by default.
func (n Node) ConsumerOnly() bool { return slices.Contains(n.Roles, "consumer") && !n.Provider() }

// ReadFile loads DIR/devnet.json.
func ReadFile(dir string) (File, error) {
	var d File
	b, err := os.ReadFile(filepath.Join(dir, "devnet.json"))
	if err != nil {
		return d, fmt.Errorf("read devnet description: %w (is `deco devnet --dir %s` running?)", err, dir)
	}
	return d, json.Unmarshal(b, &d)
}

// Write stores f as DIR/devnet.json atomically (a reader never sees half
// a file).
func (f File) Write() error {
	b, _ := json.MarshalIndent(f, "", "  ")
	tmp := filepath.Join(f.Dir, "devnet.json.tmp")
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, filepath.Join(f.Dir, "devnet.json"))
}

// Node picks the node named name, or with name == "" the consumer-only
// node.
func (f File) Node(name string) (Node, error) {
	var names []string
	for _, n := range f.Nodes {
		if name != "" && n.Name == name || name == "" && n.ConsumerOnly() {
			return n, nil
		}
		names = append(names, n.Name)
	}
	if name == "" {
		return Node{}, errors.New("devnet.json lists no consumer node; pass --node NAME")
	}
	return Node{}, fmt.Errorf("no node %q; the devnet has %s", name, strings.Join(names, ", "))
}
