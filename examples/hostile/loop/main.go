// Command loop never ends: it spins without calling the host, so only the
// executor's time limit can stop it.
package main

var sink int

func main() {
	for i := 0; ; i++ {
		sink = i
	}
}
