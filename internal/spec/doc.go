// Package spec defines the job spec a user writes in YAML (or that
// `deco run` builds from flags), its defaults and its validation. Errors
// name the field path and the reason, e.g.
//
//	tasks.count: must be between 1 and 100000, got 0
//
// It is part of the pure core: Parse takes bytes, never a file name; the
// CLI reads files and uploads local paths, turning them into content
// addresses (Resolved).
//
//	j, err := spec.Parse(yamlBytes)   // decode + defaults + Validate
//	args := j.ArgsFor(3)              // {{index}} and {{count}} expanded
//	v := j.Policy()                   // verification: receipt | replicate:K | adaptive (default) | zk
//
// Every figure is bounded by what a provider's offer can hold (memory,
// timeout, max_output, disk, cpu, gpu, task count), and the default
// deposit, price.max × the task count × the replicas the policy pays for a
// task (Verification.Paid: K under replicate:K, 2 under adaptive), must be
// an amount: an overflow is an error, never a wrapped deposit.
//
// A zk job names a circuit (circuit: {name: mimc, set: {steps: 10}})
// instead of a WASM program.
package spec
