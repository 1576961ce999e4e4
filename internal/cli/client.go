package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"gopkg.in/yaml.v3"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/config"
	"github.com/deco-network/deco/internal/devnet"
)

// client resolves which node a client command talks to.
func (g *globals) client() (*api.Client, error) {
	base, token, ca := g.apiURL, g.token, g.apiCA
	if base == "" {
		base = os.Getenv("DECO_API")
	}
	if ca == "" {
		ca = os.Getenv("DECO_API_CA")
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
			if ca == "" && n.Home != "" {
				ca = homeCA(config.Home(n.Home))
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
		if ca == "" {
			ca = rt.APICert
		}
		if token == "" {
			id, err := h.Identity()
			if err != nil {
				return nil, err
			}
			token = id.Token
		}
	}
	c := &api.Client{Base: apiBase(base), Token: token}
	if ca != "" && strings.HasPrefix(c.Base, "https://") {
		hc, err := api.TLSClient(ca)
		if err != nil {
			return nil, err
		}
		c.HTTP = hc
	}
	return c, nil
}

// homeCA is the certificate the node running in home serves its API
// with (node.json says), which a client trusts beside the system's
// authorities; "" when it serves plain HTTP or is not running.
func homeCA(h config.Home) string {
	rt, err := h.ReadRuntime()
	if err != nil {
		return ""
	}
	return rt.APICert
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
