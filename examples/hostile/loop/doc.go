// Command loop never ends: it spins without calling the host, so only the
// executor's time limit can stop it.
package main
