// Command deco is the single binary of the Deco network: node, client,
// devnet, demo, simulator and benchmarks.
package main

import (
	"os"

	"github.com/deco-network/deco/internal/cli"
)

func main() { os.Exit(cli.Main(os.Args[1:])) }
