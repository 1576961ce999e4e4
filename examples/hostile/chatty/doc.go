// Command chatty prints a line, computes for a while, and prints again,
// --lines times (default 3), then "chatty done": a long task whose logs
// must reach its consumer while it runs. --work sets the work between
// lines in millions of loop iterations (default 200). Guest clocks are
// virtual, so it computes instead of sleeping.
package main
