package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/devnet"
)

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
			d, err := devnet.ReadFile(dir)
			if err != nil {
				return nil, err
			}
			n, err := d.Node("")
			if err != nil {
				return nil, fmt.Errorf("%s/devnet.json lists no consumer node", dir)
			}
			base = n.API
			if token == "" {
				token = n.Token
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
	return &api.Client{Base: apiBase(base), Token: token}, nil
}

// apiBase makes a node's API address (host:port, as node.json holds it)
// a base URL.
func apiBase(addr string) string {
	if !strings.HasPrefix(addr, "http://") && !strings.HasPrefix(addr, "https://") {
		return "http://" + addr
	}
	return addr
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
