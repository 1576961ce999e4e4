// Command deco is the single binary of the Deco network. All of its logic
// lives in internal/cli; main only hands over the arguments.
package main
