package e2e

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/deco-network/deco/examples/train/logreg"
	"github.com/deco-network/deco/examples/train/rounds"
	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/devnet"
	"github.com/deco-network/deco/internal/spec"
)

// TestTrainWorkload: the AI-training use case on a 2-provider devnet.
// Logistic regression on a synthetic data set (4000 rows, 8 features,
// from a seed) is trained for 8 rounds, each round one job of
// train.yaml's tasks computing gradients on their shards, the consumer
// averaging them through the node API (examples/train/rounds). Accuracy
// rises every round and the loss falls; every round's weights, accuracy
// and loss equal full-batch gradient descent done here in plain Go.
func TestTrainWorkload(t *testing.T) {
	start := time.Now()
	dir, _ := startDevnet(t, 2)
	up := time.Since(start)
	d, err := devnet.ReadFile(dir)
	if err != nil {
		t.Fatal(err)
	}
	n, err := d.Node("")
	if err != nil {
		t.Fatal(err)
	}
	c := &api.Client{Base: "http://" + strings.TrimPrefix(n.API, "http://"), Token: n.Token}
	b, err := os.ReadFile(filepath.Join(jobsDir(), "train.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	job, err := spec.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	const seed, rows, features, nRounds, rate = 7, 4000, 8, 8, 4.0
	data := logreg.Generate(seed, rows, features)
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	var log strings.Builder
	trainStart := time.Now()
	rs, err := rounds.Train(ctx, c, rounds.Config{Job: job, Base: jobsDir(), Data: data, Rounds: nRounds, Rate: rate, Log: &log})
	took := time.Since(trainStart)
	t.Logf("%d shards of %d rows:\n%s", job.Tasks.Count, rows/job.Tasks.Count, log.String())
	if err != nil {
		t.Fatal(err)
	}

	// The same training in process: full-batch gradient descent, written
	// out here without the example's code.
	w := make([]float64, features+1)
	for r, got := range rs {
		grad := make([]float64, features+1)
		var loss float64
		correct := 0
		for i, x := range data.X {
			z := w[features]
			for j, v := range x {
				z += w[j] * v
			}
			p := 1 / (1 + math.Exp(-z))
			for j, v := range x {
				grad[j] += (p - data.Y[i]) * v
			}
			grad[features] += p - data.Y[i]
			if data.Y[i] == 1 {
				loss -= math.Log(p)
			} else {
				loss -= math.Log(1 - p)
			}
			if (p >= 0.5) == (data.Y[i] == 1) {
				correct++
			}
		}
		acc := float64(correct) / rows
		if math.Abs(got.Accuracy-acc) > 1.5/rows || math.Abs(got.Loss-loss/rows) > 1e-9 {
			t.Fatalf("round %d: accuracy %.4f loss %.12f on Deco, %.4f %.12f in process", r, got.Accuracy, got.Loss, acc, loss/rows)
		}
		for j := range w {
			w[j] -= rate * grad[j] / rows
			if math.Abs(got.Next[j]-w[j]) > 1e-9 {
				t.Fatalf("round %d: weight %d is %.15g on Deco, %.15g in process", r, j, got.Next[j], w[j])
			}
		}
		if r > 0 && (got.Accuracy < rs[r-1].Accuracy || got.Loss >= rs[r-1].Loss) {
			t.Fatalf("round %d: accuracy %.3f and loss %.4f after %.3f and %.4f: training does not progress", r, got.Accuracy, got.Loss, rs[r-1].Accuracy, rs[r-1].Loss)
		}
	}
	if last := rs[len(rs)-1]; last.Accuracy < 0.8 {
		t.Fatalf("accuracy %.3f after %d rounds, want at least 0.8", last.Accuracy, nRounds)
	}
	t.Logf("devnet up in %s; %d rounds took %s; test wall time %s", up.Round(time.Millisecond), nRounds,
		took.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
}
