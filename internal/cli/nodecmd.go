package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/deco-network/deco/internal/cheat"
	"github.com/deco-network/deco/internal/node"
	"github.com/deco-network/deco/internal/p2p"
	"github.com/deco-network/deco/internal/wire"
)

func newVersionCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Run: func(cmd *cobra.Command, args []string) {
			fmt.Fprintf(cmd.OutOrStdout(), "deco %s (runtime %s)\n", node.Version, node.RuntimeName)
		},
	}
}

func newInitCmd(g *globals) *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "init",
		Short: "Create a node home: peer key, EVM key, API token and config",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			h := g.homeDir()
			id, err := h.Init(force)
			if err != nil {
				return err
			}
			did, err := p2p.DIDKey(id.PeerKey.GetPublic())
			if err != nil {
				return err
			}
			info := map[string]string{"home": string(h), "peer_id": id.PeerID.String(), "did": did, "evm_address": id.EVM}
			if ok, err := g.emit(cmd.OutOrStdout(), info); ok {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Home:     %s\nPeer ID:  %s\nDID:      %s\nEVM:      %s\n\nStart it with: deco node --home %s [--provider]\n", h, id.PeerID, did, id.EVM, h)
			return nil
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "replace existing keys (a new identity)")
	addOutputFlag(cmd, g)
	return cmd
}

func newNodeCmd(g *globals) *cobra.Command {
	var (
		malice                    string
		provider, mdns, noDHT     bool
		relay                     bool
		listen, bootstrap, labels []string
		announce, relayPeers      []string
		apiAddr, ask, chainRPC    string
		apiCert, apiKey           string
		apiSelfSigned, insecure   bool
		zkKeys                    string
		slots                     int
	)
	cmd := &cobra.Command{
		Use:   "node",
		Short: "Run a node (consumer, and provider with --provider) until Ctrl-C",
		Args:  cobra.NoArgs,
		Example: `  deco init --home /tmp/a && deco node --home /tmp/a --provider --api 127.0.0.1:0
  deco node --home /tmp/b --bootstrap /ip4/127.0.0.1/tcp/4001/p2p/12D3KooW...
  # a public host that others bootstrap from and relay through:
  deco node --listen /ip4/0.0.0.0/tcp/4001 --listen /ip4/0.0.0.0/udp/4001/quic-v1 --announce /ip4/203.0.113.7/tcp/4001 --relay
  # a provider behind NAT:
  deco node --provider --bootstrap /ip4/203.0.113.7/tcp/4001/p2p/12D3KooW... --relay-peer /ip4/203.0.113.7/tcp/4001/p2p/12D3KooW...`,
		RunE: func(cmd *cobra.Command, args []string) error {
			h := g.homeDir()
			id, err := h.Identity()
			if err != nil {
				return err
			}
			cfg, err := h.Load()
			if err != nil {
				return err
			}
			f := cmd.Flags()
			if f.Changed("provider") {
				cfg.Provider.Enabled = provider
			}
			if f.Changed("listen") {
				cfg.Listen = listen
			}
			if len(bootstrap) > 0 {
				cfg.Bootstrap = append(cfg.Bootstrap, bootstrap...)
			}
			cfg.Announce = append(cfg.Announce, announce...)
			cfg.Relay.Peers = append(cfg.Relay.Peers, relayPeers...)
			if f.Changed("relay") {
				cfg.Relay.Service = relay
			}
			if err := cfg.Validate(); err != nil {
				return err
			}
			if f.Changed("api") {
				cfg.API = apiAddr
			}
			if apiCert != "" || apiKey != "" {
				cfg.APITLS.Cert, cfg.APITLS.Key = apiCert, apiKey
			}
			if f.Changed("api-tls-self-signed") {
				cfg.APITLS.SelfSigned = apiSelfSigned
			}
			if f.Changed("api-insecure") {
				cfg.APITLS.Insecure = insecure
			}
			if f.Changed("mdns") {
				cfg.MDNS = mdns
			}
			if noDHT {
				cfg.DHT = false
			}
			if chainRPC != "" {
				cfg.Chain.RPC = chainRPC
			}
			if f.Changed("slots") {
				cfg.Provider.Slots = slots
			}
			if ask != "" {
				a, err := wire.ParseAmount(ask)
				if err != nil {
					return fmt.Errorf("--ask: %w", err)
				}
				cfg.Provider.SetAsk(a)
			}
			for _, kv := range labels {
				k, v, ok := strings.Cut(kv, "=")
				if !ok {
					return fmt.Errorf("--label %q: want KEY=VALUE", kv)
				}
				if cfg.Provider.Labels == nil {
					cfg.Provider.Labels = map[string]string{}
				}
				cfg.Provider.Labels[k] = v
			}
			log := g.logger()
			opts := node.Options{Home: h, Config: cfg, Identity: id, Logger: log, ZKKeys: zkKeys}
			if malice != "" {
				if !cfg.Provider.Enabled {
					return fmt.Errorf("--malice makes a provider cheat; add --provider")
				}
				c, err := cheat.Parse(malice)
				if err != nil {
					return fmt.Errorf("--malice: %w", err)
				}
				ch := cheat.New(c, id.EVM)
				opts.WrapExecutor, opts.EditReceipt = ch.Executor, ch.Receipt
				log.Warn("this provider CHEATS on purpose (--malice), to test verification", "mode", malice)
			}
			n, err := node.New(opts)
			if err != nil {
				return err
			}
			if err := n.Start(cmd.Context()); err != nil {
				return err
			}
			roles := "consumer"
			if cfg.Provider.Enabled {
				roles = "consumer + provider"
			}
			fmt.Fprintf(cmd.ErrOrStderr(), "deco node running (%s)\n  peer ID: %s\n  DID:     %s\n  EVM:     %s\n  API:     %s\n  dial at: %s\nPress Ctrl-C to stop.\n",
				roles, n.PeerID(), n.DID(), n.EVM().Hex(), n.APIURL(), strings.Join(n.Addrs(), "\n           "))
			if cfg.Chain.RPC == "" {
				fmt.Fprintln(cmd.ErrOrStderr(), "  chain:   none: payments off, providers are not checked for stake")
			}
			<-cmd.Context().Done()
			log.Info("shutting down")
			return n.Close()
		},
	}
	f := cmd.Flags()
	f.BoolVar(&provider, "provider", false, "rent out this machine's resources")
	f.StringArrayVar(&listen, "listen", nil, "libp2p listen multiaddr (repeatable)")
	f.StringArrayVar(&bootstrap, "bootstrap", nil, "bootstrap peer multiaddr with /p2p/<id> (repeatable)")
	f.StringVar(&apiAddr, "api", "", "HTTP API listen address, loopback by default (127.0.0.1:0 picks a free port); another address needs --api-tls-* or --api-insecure")
	f.StringVar(&apiCert, "api-tls-cert", "", "serve the API over TLS with this PEM certificate (with --api-tls-key)")
	f.StringVar(&apiKey, "api-tls-key", "", "the PEM private key of --api-tls-cert")
	f.BoolVar(&apiSelfSigned, "api-tls-self-signed", false, "serve the API over TLS with a self-signed certificate created once in <home>/api-tls (clients using the home trust it; others pass --api-ca)")
	f.BoolVar(&insecure, "api-insecure", false, "serve the API as plain HTTP on a non-loopback address (the token crosses the network in the clear; the node warns)")
	f.StringArrayVar(&announce, "announce", nil, "also advertise this multiaddr to peers, e.g. a public IP with a forwarded port (repeatable)")
	f.BoolVar(&relay, "relay", false, "offer circuit relay v2 to nodes behind NAT (for a public host; 10 min and 64 MiB per circuit)")
	f.StringArrayVar(&relayPeers, "relay-peer", nil, "static relay a node behind NAT uses, multiaddr with /p2p/<id> (repeatable; default: connected peers offering --relay)")
	f.BoolVar(&mdns, "mdns", false, "discover peers on the LAN with mDNS")
	f.BoolVar(&noDHT, "no-dht", false, "disable the kad-DHT")
	f.IntVar(&slots, "slots", 0, "provider: concurrent tasks")
	f.StringVar(&ask, "ask", "", "provider: base ask per task in DECO")
	f.StringArrayVar(&labels, "label", nil, "provider label KEY=VALUE (repeatable)")
	f.StringVar(&chainRPC, "chain-rpc", "", "settle payments on this EVM JSON-RPC node (contract addresses from config.yaml's chain section)")
	f.StringVar(&zkKeys, "zk-keys", "", "directory of zk circuit keys, set up once per circuit (default <home>/zk)")
	f.StringVar(&malice, "malice", "", "provider: cheat on purpose to test verification (wrong | lazy | forge | badproof | random[:RATE])")
	f.MarkHidden("malice")
	return cmd
}
