// Command montecarlo prices a European call option under Black–Scholes by
// Monte Carlo: each task simulates PATHS terminal prices of the
// underlying from its own random stream (seeded from --seed and the task
// index, so tasks are independent and every replica of a task draws the
// same numbers) and writes the sums the consumer needs to combine all
// tasks into one price with an error bar. The error bar shrinks as
// 1/sqrt(tasks × paths); combine/ does the combining, and the closed-form
// Black–Scholes price says how close it came. Build it with GOOS=wasip1
// GOARCH=wasm (see examples/gen.go); it is committed as
// montecarlo/montecarlo.wasm.
//
// Usage:
//
//	montecarlo [--seed S] [--task I] [--paths N] [--spot S0] [--strike K]
//	           [--rate R] [--vol SIGMA] [--years T]
//
// Defaults: S=1, N=200000, S0=100, K=105, R=0.05, SIGMA=0.2, T=1; I comes
// from DECO_TASK_INDEX when --task is absent.
//
// Output /outputs/result.json, one object:
//
//	{"task":I,"seed":S,"paths":N,"sum":Σx,"sum_sq":Σx²,
//	 "spot":S0,"strike":K,"rate":R,"vol":SIGMA,"years":T}
//
// where x = e^(−RT)·max(S_T − K, 0) is one path's discounted payoff. The
// mean of x over all tasks' paths is the price; its standard error is
// sqrt((Σx²/n − mean²)/n). The output is a pure function of the arguments.
package main
