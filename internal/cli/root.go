package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/deco-network/deco/internal/config"
)

// ExitError carries a process exit code through cobra.
type ExitError struct {
	Code int
	Err  error
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit status %d", e.Code)
	}
	return e.Err.Error()
}

func (e *ExitError) Unwrap() error { return e.Err }

type globals struct {
	home     string
	apiURL   string
	token    string
	apiCA    string
	output   string
	logLevel string
	stdout   io.Writer
	stderr   io.Writer
}

func (g *globals) homeDir() config.Home {
	if g.home != "" {
		return config.Home(g.home)
	}
	return config.DefaultHome()
}

func (g *globals) logger() *slog.Logger {
	lvl := slog.LevelInfo
	switch strings.ToLower(g.logLevel) {
	case "debug":
		lvl = slog.LevelDebug
	case "warn":
		lvl = slog.LevelWarn
	case "error":
		lvl = slog.LevelError
	}
	return slog.New(slog.NewTextHandler(g.stderr, &slog.HandlerOptions{Level: lvl}))
}

// Main runs the CLI with args and returns the process exit code.
func Main(args []string) int {
	return run(args, os.Stdout, os.Stderr)
}

func run(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	root := newRoot(stdout, stderr)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return 0
	}
	var ee *ExitError
	if errors.As(err, &ee) {
		if ee.Err != nil {
			fmt.Fprintln(stderr, "Error:", ee.Err)
		}
		return ee.Code
	}
	fmt.Fprintln(stderr, "Error:", err)
	return 1
}

func newRoot(stdout, stderr io.Writer) *cobra.Command {
	g := &globals{stdout: stdout, stderr: stderr}
	root := &cobra.Command{
		Use:           "deco",
		Short:         "Deco: a decentralized compute network with verified results and on-chain settlement",
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	pf := root.PersistentFlags()
	pf.StringVar(&g.home, "home", "", "node home directory (env DECO_HOME, default ~/.deco)")
	pf.StringVar(&g.apiURL, "api", "", "node API URL for client commands (env DECO_API)")
	pf.StringVar(&g.token, "token", "", "node API token (env DECO_TOKEN)")
	pf.StringVar(&g.apiCA, "api-ca", "", "trust this PEM certificate for an https node API, e.g. the node's <home>/api-tls/cert.pem (env DECO_API_CA; default: the one in the node's home)")
	pf.StringVar(&g.logLevel, "log-level", "info", "log level: debug, info, warn, error")
	root.AddCommand(
		newInitCmd(g), newNodeCmd(g), newRunCmd(g), newJobCmd(g), newProvidersCmd(g), newPeersCmd(g),
		newDevnetCmd(g), newDemoCmd(g), newBenchCmd(g), newWalletCmd(g), newSimCmd(g), newVersionCmd(g),
		newStatusCmd(g),
	)
	return root
}

func addOutputFlag(cmd *cobra.Command, g *globals) {
	cmd.Flags().StringVarP(&g.output, "output", "o", "", "output format: json or yaml (default: a table)")
}
