package cli

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/deco-network/deco/internal/api"
)

// insecureWarning is what `deco status` says about a node serving its
// API as plain HTTP beyond loopback.
const insecureWarning = "warning: this node serves its API as plain HTTP on a non-loopback address (--api-insecure): anyone on the network path can read its token; restart it with --api-tls-self-signed or --api-tls-cert/--api-tls-key"

func newStatusCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "status",
		Short: "Show the node the CLI talks to: identity, roles, API, peers and slots",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			c, err := g.client()
			if err != nil {
				return err
			}
			info, err := c.Status(cmd.Context())
			if err != nil {
				return err
			}
			if info.Insecure {
				fmt.Fprintln(cmd.ErrOrStderr(), insecureWarning)
			}
			if ok, err := g.emit(cmd.OutOrStdout(), info); ok {
				return err
			}
			printStatus(cmd.OutOrStdout(), c.Base, info)
			return nil
		},
	}
	addOutputFlag(cmd, g)
	return cmd
}

func printStatus(w io.Writer, base string, info api.NodeInfo) {
	transport := "plain HTTP, loopback"
	switch {
	case info.TLS:
		transport = "TLS"
	case info.Insecure:
		transport = "plain HTTP on the network: INSECURE"
	}
	fmt.Fprintf(w, "Peer ID:  %s\nDID:      %s\nEVM:      %s\nVersion:  %s\nRoles:    %s\nAPI:      %s (%s)\nPeers:    %d\n",
		info.PeerID, info.DID, info.EVM, info.Version, strings.Join(info.Roles, ", "), base, transport, info.Peers)
	if info.Slots > 0 {
		fmt.Fprintf(w, "Slots:    %d busy of %d (runtime %s)\n", info.Busy, info.Slots, info.Runtime)
	}
	fmt.Fprintf(w, "Started:  %s (up %s)\n", info.Started.Local().Format(time.DateTime), time.Since(info.Started).Round(time.Second))
	if len(info.Addrs) > 0 {
		fmt.Fprintf(w, "Dial at:  %s\n", strings.Join(info.Addrs, "\n          "))
	}
}
