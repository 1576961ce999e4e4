// Command counter is a long task that survives its provider: a chain of
// STEPS steps, each mixing a 64-bit value WORK times (splitmix64), that
// saves its state (step, value) after every step with deco.Checkpoint,
// reports deco.Progress, and on start continues from deco.Restore's
// state if the task was moved. It writes /outputs/result.txt:
//
//	counter steps=STEPS work=WORK value=<16 hex digits>
//
// the same whether the run was interrupted or not, and the same as the C
// version in c/ computes.
//
// Usage: counter STEPS WORK
package main
