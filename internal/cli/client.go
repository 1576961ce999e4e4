package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/deco-network/deco/internal/api"
)

// DevnetFile is the layout of DIR/devnet.json.
type DevnetFile struct {
	Dir   string       `json:"dir"`
	Nodes []DevnetNode `json:"nodes"`
	Chain any          `json:"chain,omitempty"`
}

// DevnetNode is one node of a devnet.
type DevnetNode struct {
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

// ReadDevnet loads DIR/devnet.json.
func ReadDevnet(dir string) (DevnetFile, error) {
	var d DevnetFile
	b, err := os.ReadFile(filepath.Join(dir, "devnet.json"))
	if err != nil {
		return d, fmt.Errorf("read devnet description: %w (is `deco devnet --dir %s` running?)", err, dir)
	}
	return d, json.Unmarshal(b, &d)
}

// client resolves which node a client command talks to.
func (g *globals) client() (*api.Client, error) {
	base, token := g.apiURL, g.token
	if base == "" {
		base = os.Getenv("DECO_API")
	}
	if token == "" {
		token = os.Getenv("DECO_TOKEN")
	}
	if base == "" {
		if dir := os.Getenv("DECO_DEVNET"); dir != "" {
			d, err := ReadDevnet(dir)
			if err != nil {
				return nil, err
			}
			for _, n := range d.Nodes {
				if contains(n.Roles, "consumer") && !contains(n.Roles, "provider") {
					base = n.API
					if token == "" {
						token = n.Token
					}
					break
				}
			}
			if base == "" {
				return nil, fmt.Errorf("%s/devnet.json lists no consumer node", dir)
			}
		}
	}
	if base == "" {
		h := g.homeDir()
		rt, err := h.ReadRuntime()
		if err != nil {
			return nil, fmt.Errorf("no node to talk to: pass --api/--token, set DECO_API/DECO_TOKEN or DECO_DEVNET, or start one with `deco node`: %w", err)
		}
		base = rt.API
		if token == "" {
			id, err := h.Identity()
			if err != nil {
				return nil, err
			}
			token = id.Token
		}
	}
	if !strings.HasPrefix(base, "http://") && !strings.HasPrefix(base, "https://") {
		base = "http://" + base
	}
	return &api.Client{Base: base, Token: token}, nil
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// emit prints v as JSON or YAML when -o asks for it and reports whether it did.
func (g *globals) emit(w io.Writer, v any) (bool, error) {
	switch g.output {
	case "":
		return false, nil
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return true, enc.Encode(v)
	case "yaml":
		// round-trip through JSON so YAML shows the same field names
		b, err := json.Marshal(v)
		if err != nil {
			return true, err
		}
		var x any
		if err := yaml.Unmarshal(b, &x); err != nil {
			return true, err
		}
		out, err := yaml.Marshal(x)
		if err != nil {
			return true, err
		}
		_, err = w.Write(out)
		return true, err
	}
	return true, fmt.Errorf("unknown output format %q (use json or yaml)", g.output)
}
