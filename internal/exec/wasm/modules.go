package wasm

import "sync"

// MinimalMessage is what MinimalModule writes to stdout.
const MinimalMessage = "hello from deco\n"

var (
	minimalOnce  sync.Once
	minimalBytes []byte
	kernelOnce   sync.Once
	kernelBytes  []byte
)

// MinimalModule returns a WASI preview1 module with no language runtime: its
// _start writes MinimalMessage to stdout with one fd_write call and returns.
// It is a few hundred bytes, compiles in microseconds and runs in
// microseconds, so it measures Deco's own per-task overhead (a Go-built
// module spends 20–40 ms starting its runtime). The bytes are produced by
// the encoder in this package; callers must not modify the returned slice.
func MinimalModule() []byte {
	minimalOnce.Do(func() { minimalBytes = minimalSpec().encode() })
	return minimalBytes
}

func minimalSpec() *moduleSpec {
	// Memory layout: iovec {ptr=16, len} at 0, nwritten at 8, message at 16.
	msg := []byte(MinimalMessage)
	iov := []byte{16, 0, 0, 0, byte(len(msg)), 0, 0, 0}
	return &moduleSpec{
		types: []funcType{
			{params: []byte{i32, i32, i32, i32}, results: []byte{i32}}, // fd_write
			{},                     // _start
			{results: []byte{i32}}, // sched_yield
		},
		imports: []importDecl{
			{module: wasiModule, name: "fd_write", typ: 0},
			// Imported (never called) so the executor instruments this module
			// like a Go-built one (see interrupt.go).
			{module: wasiModule, name: "sched_yield", typ: 2},
		},
		funcs: []function{{typ: 1, code: asm(
			i32c(1), // fd: stdout
			i32c(0), // iovs
			i32c(1), // iovs_len
			i32c(8), // nwritten
			call(0),
			opDrop,
		)}},
		memory: 1,
		exports: []exportDecl{
			{name: "_start", kind: exportFunc, index: 2}, // 0 and 1 are the imports
			{name: "memory", kind: exportMemory, index: 0},
		},
		data: []dataSegment{{offset: 0, bytes: iov}, {offset: 16, bytes: msg}},
	}
}

// kernelMaxIter bounds the escape-time loop of the benchmark kernel.
const kernelMaxIter = 256

// kernelModule returns the benchmark kernel: an export
// run(points i32) -> i64 that computes Mandelbrot escape times (at most
// kernelMaxIter iterations) for the first `points` points of a 1024x1024 grid
// over [-2,1]x[-1.25,1.25], row by row, and returns the total number of
// iterations. Float multiply-adds, compares and branches: the inner loop of
// typical compute tasks. No memory; it imports sched_yield only so it is
// instrumented like any task.
func kernelModule() []byte {
	kernelOnce.Do(func() { kernelBytes = kernelSpec().encode() })
	return kernelBytes
}

func kernelSpec() *moduleSpec {
	// Locals: 0 n (param), 1 p, 2 it, 3 total(i64), 4 cr, 5 ci, 6 zr, 7 zi, 8 t.
	const n, p, it, total, cr, ci, zr, zi, t = 0, 1, 2, 3, 4, 5, 6, 7, 8
	code := asm(
		opBlock, blockVoid, // $done
		opLoop, blockVoid, // $points
		lget(p), lget(n), opI32GeU, brIf(1),
		// cr = (p & 1023) * 3/1024 - 2
		lget(p), i32c(1023), opI32And, opF64CvtI32, f64c(3.0/1024), opF64Mul, f64c(2), opF64Sub, lset(cr),
		// ci = ((p >> 10) & 1023) * 2.5/1024 - 1.25
		lget(p), i32c(10), opI32ShrU, i32c(1023), opI32And, opF64CvtI32, f64c(2.5/1024), opF64Mul, f64c(1.25), opF64Sub, lset(ci),
		f64c(0), lset(zr), f64c(0), lset(zi), i32c(0), lset(it),
		opBlock, blockVoid, // $escaped
		opLoop, blockVoid, // $iter
		lget(it), i32c(kernelMaxIter), opI32GeU, brIf(1),
		lget(zr), lget(zr), opF64Mul, lget(zi), lget(zi), opF64Mul, opF64Add, f64c(4), opF64Gt, brIf(1),
		// t = zr*zr - zi*zi + cr; zi = 2*zr*zi + ci; zr = t
		lget(zr), lget(zr), opF64Mul, lget(zi), lget(zi), opF64Mul, opF64Sub, lget(cr), opF64Add, lset(t),
		f64c(2), lget(zr), opF64Mul, lget(zi), opF64Mul, lget(ci), opF64Add, lset(zi),
		lget(t), lset(zr),
		lget(it), i32c(1), opI32Add, lset(it),
		br(0),
		opEnd, // $iter
		opEnd, // $escaped
		lget(total), lget(it), opI64ExtI32, opI64Add, lset(total),
		lget(p), i32c(1), opI32Add, lset(p),
		br(0),
		opEnd, // $points
		opEnd, // $done
		lget(total),
	)
	return &moduleSpec{
		types:   []funcType{{params: []byte{i32}, results: []byte{i64}}, {results: []byte{i32}}, {}},
		imports: []importDecl{{module: wasiModule, name: "sched_yield", typ: 1}}, // see interrupt.go
		funcs: []function{
			{typ: 0, locals: []byte{i32, i32, i64, f64, f64, f64, f64, f64}, code: code},
			{typ: 2}, // _start does nothing; Benchmark calls run
		},
		exports: []exportDecl{
			{name: "run", kind: exportFunc, index: 1},
			{name: "_start", kind: exportFunc, index: 2},
		},
	}
}

// kernelReference is the kernel in Go, used by tests to check the
// hand-assembled module computes what it claims.
func kernelReference(points int32) int64 {
	var total int64
	for p := int32(0); p < points; p++ {
		cr := float64(p&1023)*(3.0/1024) - 2
		ci := float64((p>>10)&1023)*(2.5/1024) - 1.25
		var zr, zi float64
		it := 0
		for ; it < kernelMaxIter; it++ {
			// Explicit conversions forbid fused multiply-add, which wasm
			// never uses either.
			if float64(zr*zr)+float64(zi*zi) > 4 {
				break
			}
			t := float64(zr*zr) - float64(zi*zi) + cr
			zi = float64(float64(2*zr)*zi) + ci
			zr = t
		}
		total += int64(it)
	}
	return total
}
