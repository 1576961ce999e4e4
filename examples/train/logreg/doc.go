// Package logreg is the model and data of the training example: binary
// logistic regression trained by full-batch gradient descent, split the
// data-parallel way. Each task of a round computes a Partial over its
// shard of the data (the summed gradient, log-loss and correct
// predictions at the round's weights); the consumer adds the Partials up
// (Sum) and takes one step (Step). Since a Partial is a sum, the combined
// gradient is exactly the full-batch gradient whatever the sharding, up to
// the order of floating-point additions.
//
// The data set is synthetic and generated from a seed (Generate): points
// in [-1, 1]^d labelled by a hidden linear rule with 10% of labels
// flipped, so accuracy tops out near 90%. Shards travel as CSV (WriteCSV,
// ReadCSV), floats written so they read back to the same bits. It uses
// no I/O beyond the readers and writers it is given and builds for
// GOOS=wasip1 (the task) as well as natively (the driver, the tests).
//
// Example (one round, in process):
//
//	d := logreg.Generate(7, 4000, 8)
//	w := make([]float64, d.Features()+1) // the last weight is the bias
//	var parts []logreg.Partial
//	for i := 0; i < 4; i++ {
//		p, _ := logreg.Gradient(w, d.Shard(i, 4))
//		parts = append(parts, p)
//	}
//	total := logreg.Sum(parts)
//	w = logreg.Step(w, total, 1.0)
package logreg
