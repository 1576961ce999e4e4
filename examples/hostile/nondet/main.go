package main

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	mrand "math/rand/v2"
	"os"
	"time"
)

func main() {
	start := time.Now()
	fmt.Println("now", start.UTC().Format(time.RFC3339Nano))
	time.Sleep(1500 * time.Millisecond)
	fmt.Println("slept", time.Since(start) >= 1500*time.Millisecond)
	fmt.Println("elapsed", time.Since(start))

	b := make([]byte, 16)
	rand.Read(b)
	fmt.Println("crypto/rand", hex.EncodeToString(b))
	fmt.Println("math/rand", mrand.Uint64())

	m := map[int]bool{}
	for i := 0; i < 32; i++ {
		m[i] = true
	}
	fmt.Print("map order")
	for k := range m {
		fmt.Print(" ", k)
	}
	fmt.Println()

	fmt.Println("env", os.Environ())
	fmt.Println("pid", os.Getpid())
	host, _ := os.Hostname()
	fmt.Println("hostname", host)
}
