package cli

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/deco-network/deco/internal/config"
	"github.com/deco-network/deco/internal/devnet/inproc"
	"github.com/deco-network/deco/internal/node"
)

// TestStatusTLS starts a provider whose API listens on every interface
// (the test talks to it over loopback only; the cluster's harness talks
// plain HTTP to its consumer): with a self-signed
// certificate, `deco status --home` finds it through node.json, trusts
// the certificate the home names and shows TLS; served with
// --api-insecure, `deco status` warns on stderr.
func TestStatusTLS(t *testing.T) {
	for _, tt := range []struct {
		name string
		tls  config.APITLS
		want string
		warn bool
	}{
		{"self-signed", config.APITLS{SelfSigned: true}, "(TLS)", false},
		{"insecure", config.APITLS{Insecure: true}, "INSECURE", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			c, err := inproc.Start(ctx, inproc.Options{Providers: 1, Configure: func(i int, o *node.Options) {
				if i == 1 {
					o.Config.API, o.Config.APITLS = "0.0.0.0:0", tt.tls
				}
			}})
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			home := filepath.Join(c.Dir, "provider-1")
			t.Setenv("DECO_API", "")
			t.Setenv("DECO_DEVNET", "")
			t.Setenv("DECO_API_CA", "")
			var out, errb bytes.Buffer
			if code := run([]string{"status", "--home", home}, &out, &errb); code != 0 {
				t.Fatalf("deco status: exit %d\n%s%s", code, out.String(), errb.String())
			}
			if !strings.Contains(out.String(), tt.want) || !strings.Contains(out.String(), c.Providers[0].PeerID().String()) {
				t.Fatalf("deco status:\n%s\nwant %q and the peer ID", out.String(), tt.want)
			}
			if warned := strings.Contains(errb.String(), "warning: this node serves its API as plain HTTP"); warned != tt.warn {
				t.Fatalf("warned=%v, want %v: %s", warned, tt.warn, errb.String())
			}
		})
	}
}
