// Command combine turns the tasks of a montecarlo job into one option
// price with its error bar, and prints the Black–Scholes closed form
// beside it. It reads every DIR/<task>/outputs/result.json that `deco job
// get --output-dir DIR` (or `deco job submit --wait --output-dir DIR`)
// wrote:
//
//	go run ./examples/montecarlo/combine DIR
//
// It prints how the estimate tightens as tasks are added (the first 1, 2,
// 4, ... tasks) and the estimate over all of them:
//
//	tasks  paths    price   ± std. error
//	1      200000   8.0448  0.0296
//	2      400000   8.0277  0.0209
//	4      800000   8.0369  0.0148
//	8      1600000  8.0241  0.0104
//	16     3200000  8.0171  0.0074
//	closed form 8.0214: the estimate is 0.6 std. errors away
//
// Pooling is exact: the price is Σsum/Σpaths and the standard error
// sqrt((Σsum_sq/n − price²)/n) over all n paths.
package main
