package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/deco-network/deco/examples/train/logreg"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "train:", err)
		os.Exit(1)
	}
}

func run() error {
	dataPath := flag.String("data", "/inputs/shard.csv", "this task's shard of the data set (CSV)")
	weightsPath := flag.String("weights", "/inputs/weights.json", "the round's weights (JSON array: features, then the bias)")
	out := flag.String("out", "/outputs", "directory to write partial.json to")
	flag.Parse()

	f, err := os.Open(*dataPath)
	if err != nil {
		return err
	}
	data, err := logreg.ReadCSV(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", *dataPath, err)
	}
	b, err := os.ReadFile(*weightsPath)
	if err != nil {
		return err
	}
	var w []float64
	if err := json.Unmarshal(b, &w); err != nil {
		return fmt.Errorf("%s: %w", *weightsPath, err)
	}
	p, err := logreg.Gradient(w, data)
	if err != nil {
		return fmt.Errorf("%s and %s: %w", *dataPath, *weightsPath, err)
	}
	b, err = json.Marshal(p)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(*out, "partial.json"), append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("write partial.json: %w", err)
	}
	fmt.Printf("%d rows: loss %.4f, accuracy %.3f at these weights\n", p.Rows, p.Loss/float64(max(p.Rows, 1)), float64(p.Correct)/float64(max(p.Rows, 1)))
	return nil
}
