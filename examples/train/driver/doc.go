// Command driver trains the example logistic-regression model on a Deco
// node, one job per round (examples/train/rounds), and prints each
// round's accuracy and loss. It generates the data set from --seed, so
// nothing is downloaded, and talks to the node given by --api/--token
// (or DECO_API/DECO_TOKEN, or the consumer of the devnet in DECO_DEVNET).
//
//	export DECO_DEVNET=/tmp/devnet   # a running `deco devnet --dir /tmp/devnet`
//	go run ./examples/train/driver --job examples/jobs/train.yaml --rounds 8
//
// prints, for the defaults:
//
//	round 0: accuracy 0.258, loss 0.6931 (job b15eadc9, 12.45s)
//	round 1: accuracy 0.743, loss 0.5127 (job 45e26c2e, 662ms)
//	round 2: accuracy 0.755, loss 0.4775 (job fb9323ad, 861ms)
//	...
//	round 7: accuracy 0.857, loss 0.4240 (job 57c63166, 643ms)
//	weights: [-0.28807704725820066 -1.3670154139674673 ...]
//
// (The first round also compiles the program on each provider.)
package main
