package main

import (
	"encoding/binary"
	"fmt"
	"os"
	"strconv"

	"github.com/deco-network/deco/examples/guest/deco"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: counter STEPS WORK")
		os.Exit(2)
	}
	steps, err1 := strconv.ParseUint(os.Args[1], 10, 32)
	work, err2 := strconv.ParseUint(os.Args[2], 10, 32)
	if err1 != nil || err2 != nil || steps == 0 {
		fmt.Fprintln(os.Stderr, "counter: STEPS and WORK are whole numbers, STEPS at least 1")
		os.Exit(2)
	}
	var step, value uint64
	if state, err := deco.Restore(); err != nil {
		fmt.Fprintln(os.Stderr, "counter: restore:", err)
		os.Exit(1)
	} else if len(state) == 16 {
		step, value = binary.LittleEndian.Uint64(state), binary.LittleEndian.Uint64(state[8:])
		fmt.Fprintf(os.Stderr, "counter: resumed at step %d of %d\n", step, steps)
	}
	state := make([]byte, 16)
	for ; step < steps; step++ {
		for range work {
			value = mix(value)
		}
		binary.LittleEndian.PutUint64(state, step+1)
		binary.LittleEndian.PutUint64(state[8:], value)
		if err := deco.Checkpoint(state); err != nil {
			fmt.Fprintln(os.Stderr, "counter:", err) // the work goes on without it
		}
		deco.Progress(int(1000 * (step + 1) / steps))
	}
	out := fmt.Sprintf("counter steps=%d work=%d value=%016x\n", steps, work, value)
	if err := os.WriteFile("/outputs/result.txt", []byte(out), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "counter:", err)
		os.Exit(1)
	}
	fmt.Print(out)
}

// mix is one splitmix64 step.
func mix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	z := x
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}
