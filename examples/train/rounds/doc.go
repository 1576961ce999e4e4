// Package rounds runs the training example on a Deco node: synchronous
// data-parallel gradient descent, one job per round. Train uploads the
// program and the data set's shards once (content addressed, so every
// round names the same blobs), then for each round uploads the weights,
// submits the round's job through the node API (task i reads shard i and
// the weights), waits for it, adds the tasks' Partials up in task order
// and takes one step. The consumer does the averaging; providers only
// ever see their shard and the current weights.
//
// Example:
//
//	c := &api.Client{Base: "http://127.0.0.1:7370", Token: token}
//	job, _ := spec.Parse(trainYAML) // examples/jobs/train.yaml
//	rs, err := rounds.Train(ctx, c, rounds.Config{Job: job, Base: "examples/jobs",
//		Data: logreg.Generate(7, 4000, 8), Rounds: 8, Rate: 4, Log: os.Stdout})
package rounds
