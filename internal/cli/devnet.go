package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"github.com/deco-network/deco/internal/cheat"
	"github.com/deco-network/deco/internal/devnet"
)

func newDevnetCmd(g *globals) *cobra.Command {
	var (
		providers, slots int
		dir, chainRPC    string
		ready            time.Duration
		noChain          bool
		malicious        int
		malice, zkKeys   string
	)
	cmd := &cobra.Command{
		Use:   "devnet --providers N [--dir DIR]",
		Short: "Start a local network: one consumer and N providers as separate processes on loopback",
		Long: `devnet starts a consumer node and N provider nodes as separate OS processes on
127.0.0.1 with free ports, bootstrapped to each other. Once every node is up and the
consumer sees every provider's offer it writes DIR/devnet.json; client commands use it
when DECO_DEVNET=DIR is set. Ctrl-C (or SIGTERM) stops every node.`,
		Example: "  deco devnet --providers 3 --dir /tmp/devnet &\n  export DECO_DEVNET=/tmp/devnet\n  deco providers",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if providers < 1 || providers > 64 {
				return fmt.Errorf("--providers must be between 1 and 64")
			}
			if malicious < 0 || malicious > providers {
				return fmt.Errorf("--malicious must be between 0 and --providers (%d)", providers)
			}
			if _, err := cheat.Parse(malice); err != nil {
				return fmt.Errorf("--malice: %w", err)
			}
			if dir == "" {
				d, err := os.MkdirTemp("", "deco-devnet-")
				if err != nil {
					return err
				}
				dir = d
			}
			if zkKeys != "" {
				k, err := filepath.Abs(zkKeys)
				if err != nil {
					return fmt.Errorf("--zk-keys: %w", err)
				}
				zkKeys = k
			}
			abs, err := filepath.Abs(dir)
			if err != nil {
				return err
			}
			dn, err := devnet.Start(cmd.Context(), devnet.Options{Dir: abs, Providers: providers, Slots: slots, Ready: ready,
				ChainRPC: chainRPC, NoChain: noChain, Malicious: malicious, Malice: malice, ZKKeys: zkKeys, Log: cmd.ErrOrStderr()})
			if dn != nil {
				defer dn.Stop()
			}
			if err != nil {
				return err
			}
			fmt.Fprintf(cmd.OutOrStdout(), "Devnet up: 1 consumer + %d providers.\n\n  export DECO_DEVNET=%s\n  deco providers\n  deco run --wasm FILE --tasks 4 --wait\n  deco run --circuit mimc-chain --set seed={{index}} --set n=10 --tasks 3 --wait\n\nNode logs: %s/<node>/node.log. Press Ctrl-C to stop.\n", providers, abs, abs)
			// A node that dies (crash, kill -9) is reported; the rest keep running.
			for {
				select {
				case <-cmd.Context().Done():
					fmt.Fprintln(cmd.ErrOrStderr(), "stopping devnet")
					return nil
				case err := <-dn.Died():
					fmt.Fprintln(cmd.ErrOrStderr(), "warning:", err)
				}
			}
		},
	}
	cmd.Flags().IntVar(&providers, "providers", 3, "number of provider nodes")
	cmd.Flags().IntVar(&slots, "slots", 2, "task slots per provider")
	cmd.Flags().StringVar(&dir, "dir", "", "directory for node homes and devnet.json (default: a new temp dir)")
	cmd.Flags().DurationVar(&ready, "ready-timeout", 90*time.Second, "how long to wait for the network to come up")
	cmd.Flags().StringVar(&chainRPC, "chain-rpc", "", "use this EVM JSON-RPC node (e.g. geth --dev) instead of the embedded chain")
	cmd.Flags().BoolVar(&noChain, "no-chain", false, "run without payments")
	cmd.Flags().IntVar(&malicious, "malicious", 0, "make the last K providers cheat on purpose (see --malice), to watch verification catch them")
	cmd.Flags().StringVar(&zkKeys, "zk-keys", "", "zk key cache shared by the devnet's nodes (default <dir>/zk); reuse one across devnets to set circuits up once")
	cmd.Flags().StringVar(&malice, "malice", cheat.Random, "how the --malicious providers cheat: wrong | lazy | forge | badproof (zk) | random[:RATE]")
	return cmd
}
