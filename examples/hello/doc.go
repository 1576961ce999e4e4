// Command hello is the smallest useful Deco task, used by the end-to-end
// tests to check that arguments, environment, inputs and outputs travel
// correctly. Build it with GOOS=wasip1 GOARCH=wasm (see examples/gen.go);
// it is committed as hello/hello.wasm and embedded as examples.HelloWASM.
//
// It reads DECO_TASK_INDEX (I, default 0) and DECO_TASK_COUNT (N, default
// 1) and prints to stdout:
//
//	hello from task I of N
//	args: A1 A2 ...
//
// Then it writes /outputs/result.txt, exactly these lines ("\n"-terminated):
//
//	task I of N
//	square I*I
//	args A1 A2 ...               ("args" alone when there are none)
//	input PATH SIZE SHA256       one line per regular file under /inputs,
//	...                          PATH relative to /inputs with "/",
//	                             SIZE in bytes, SHA256 in lower-case hex,
//	                             sorted by PATH
//	inputs K                     K = number of input lines above
//
// If /inputs does not exist there are no input lines ("inputs 0"). If the
// environment variable HELLO_EXIT is set to a number, hello exits with that
// status after writing its outputs (to test failure handling).
package main
