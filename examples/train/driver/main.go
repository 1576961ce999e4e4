package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"strings"

	"github.com/deco-network/deco/examples/train/logreg"
	"github.com/deco-network/deco/examples/train/rounds"
	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/devnet"
	"github.com/deco-network/deco/internal/spec"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "driver:", err)
		os.Exit(1)
	}
}

func run() error {
	jobPath := flag.String("job", "examples/jobs/train.yaml", "one round's job spec")
	n := flag.Int("rounds", 8, "training rounds (one job each)")
	rate := flag.Float64("rate", 4, "learning rate")
	seed := flag.Uint64("seed", 7, "seed of the synthetic data set")
	rows := flag.Int("rows", 4000, "rows in the data set")
	features := flag.Int("features", 8, "features per row")
	apiURL := flag.String("api", os.Getenv("DECO_API"), "node API URL (default: DECO_API, or the devnet in DECO_DEVNET)")
	token := flag.String("token", os.Getenv("DECO_TOKEN"), "node API token")
	flag.Parse()
	if *rows < 1 || *features < 1 {
		return fmt.Errorf("--rows and --features must be positive")
	}

	c, err := client(*apiURL, *token)
	if err != nil {
		return err
	}
	b, err := os.ReadFile(*jobPath)
	if err != nil {
		return err
	}
	job, err := spec.Parse(b)
	if err != nil {
		return fmt.Errorf("%s: %w", *jobPath, err)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	rs, err := rounds.Train(ctx, c, rounds.Config{Job: job, Base: filepath.Dir(*jobPath),
		Data: logreg.Generate(*seed, *rows, *features), Rounds: *n, Rate: *rate, Log: os.Stdout})
	if err != nil {
		return err
	}
	fmt.Printf("weights: %v\n", rs[len(rs)-1].Next)
	return nil
}

// client finds the node to talk to, as the deco CLI does.
func client(base, token string) (*api.Client, error) {
	if base == "" {
		dir := os.Getenv("DECO_DEVNET")
		if dir == "" {
			return nil, fmt.Errorf("no node to talk to: pass --api and --token, or set DECO_DEVNET to a running devnet's directory")
		}
		d, err := devnet.ReadFile(dir)
		if err != nil {
			return nil, err
		}
		n, err := d.Node("")
		if err != nil {
			return nil, err
		}
		base, token = n.API, n.Token
	}
	if !strings.HasPrefix(base, "http://") && !strings.HasPrefix(base, "https://") {
		base = "http://" + base
	}
	return &api.Client{Base: base, Token: token}, nil
}
