// Command train is one task of a round of data-parallel training
// (logistic regression, examples/train/logreg): it reads its shard of the
// data set and the round's weights, and writes the shard's Partial: the
// summed gradient, log-loss and number of correct predictions at those
// weights. The driver (examples/train/driver) submits one job per round,
// adds the tasks' Partials up, takes a gradient step and sends the new
// weights with the next round. Build it with GOOS=wasip1 GOARCH=wasm (see
// examples/gen.go); it is committed as train/train.wasm.
//
// Usage:
//
//	train [--data /inputs/shard.csv] [--weights /inputs/weights.json]
//
// Inputs: the shard as CSV (logreg.WriteCSV: features then the 0/1
// label), the weights as a JSON array of numbers (one per feature, then
// the bias).
//
// Output /outputs/partial.json: {"rows":N,"grad":[...],"loss":L,"correct":C}
// (logreg.Partial).
package main
