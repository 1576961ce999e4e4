package wasm

import (
	"errors"
	"fmt"
)

// Interrupting a running guest.
//
// wazero can stop a guest when its context is done
// (RuntimeConfig.WithCloseOnContextDone), but it does so by compiling an
// indirect call into a Go function at every loop header. Go-built modules
// enter a loop on every function call, and measured on the render example
// that made guests about four times slower.
//
// A cheaper check that stays in native code (a flag another goroutine sets)
// is not enough: native code is never preempted by the Go scheduler, so a
// guest spinning in it would block every stop-the-world phase of the
// garbage collector, and with it the whole node (wazero issue 1409).
//
// So Deco instruments the module before compiling it with a fuel counter,
// close to Wasmtime's epoch interruption: it adds a mutable i32 global and,
// at the entry of every function and the header of every loop, inserts
//
//	global.get $fuel
//	i32.const 1
//	i32.sub
//	global.set $fuel
//	global.get $fuel      ;; wazero reuses the value just stored: one load
//	i32.eqz
//	if
//	  i32.const fuelPerYield
//	  global.set $fuel
//	  call $sched_yield   ;; the module's own WASI import
//	  drop
//	end
//
// A function whose body reaches a loop header before any branch or call
// (every Go function: its body is one dispatch loop) has its check at the
// header only: one check per call instead of two.
//
// Every fuelPerYield checks the guest calls WASI sched_yield, which is Go
// code: the scheduler and the collector get their chance, and the host side
// (the run's Osyield hook) stops the guest if its time is up. Any endless
// execution passes checks again and again. The fuel never reaches the
// guest's own state, so results stay deterministic.
//
// A module the instrumenter cannot rewrite safely (it does not import
// sched_yield — Go always does —, has a start section, which runs before
// the limits apply, or uses instructions the decoder below does not know,
// e.g. SIMD or exception handling) runs on a second runtime with wazero's
// own mechanism instead: slower, equally safe.

// fuelPerYield is how many checks pass between two host calls; small enough
// to bound the stop latency to well under a millisecond of guest work.
const fuelPerYield = 1 << 16

// errNotInstrumentable: fall back to wazero's termination checks.
var errNotInstrumentable = errors.New("module cannot be instrumented")

// section ids.
const (
	secCustom = 0
	secImport = 2
	secGlobal = 6
	secStart  = 8
	secCode   = 10
)

// sectionRank orders known sections as the binary format requires.
var sectionRank = map[byte]int{1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 13: 6, 6: 7, 7: 8, 8: 9, 9: 10, 12: 11, 10: 12, 11: 13}

type rawSection struct {
	id   byte
	body []byte
}

// instrument returns bin with interrupt checks added, or an error wrapping
// errNotInstrumentable. bin must be a module wazero has validated.
func instrument(bin []byte) ([]byte, error) {
	if len(bin) < 8 {
		return nil, fmt.Errorf("%w: too short", errNotInstrumentable)
	}
	var sections []rawSection
	for b := bin[8:]; len(b) > 0; {
		id := b[0]
		size, n, err := readU32(b[1:])
		if err != nil || uint64(size) > uint64(len(b)-1-n) {
			return nil, fmt.Errorf("%w: malformed section", errNotInstrumentable)
		}
		body := b[1+n : 1+n+int(size)]
		b = b[1+n+int(size):]
		if id == secStart {
			return nil, fmt.Errorf("%w: it has a start section", errNotInstrumentable)
		}
		if id == secCustom && !isNameSection(body) {
			continue // debug info and code metadata would point at shifted offsets
		}
		sections = append(sections, rawSection{id, body})
	}

	importedGlobals, definedGlobals, yield := 0, 0, -1
	for _, s := range sections {
		var err error
		switch s.id {
		case secImport:
			importedGlobals, yield, err = scanImports(s.body)
		case secGlobal:
			var c uint32
			c, _, err = readU32(s.body)
			definedGlobals = int(c)
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %v", errNotInstrumentable, err)
		}
	}
	if yield < 0 {
		return nil, fmt.Errorf("%w: it does not import %s.sched_yield", errNotInstrumentable, wasiModule)
	}
	fuel := appendU32(nil, uint32(importedGlobals+definedGlobals))
	check := asm(
		opGlobalGet, fuel, i32c(1), opI32Sub, opGlobalSet, fuel,
		opGlobalGet, fuel, opI32Eqz, opIf, blockVoid,
		i32c(fuelPerYield), opGlobalSet, fuel,
		call(uint32(yield)), opDrop,
		opEnd,
	)
	newGlobal := asm(i32, byte(0x01), i32c(fuelPerYield), opEnd) // mutable i32

	var out []rawSection
	haveGlobal := false
	for _, s := range sections {
		switch s.id {
		case secGlobal:
			s.body = appendToVec(s.body, newGlobal)
			haveGlobal = true
		case secCode:
			body, err := instrumentCode(s.body, check)
			if err != nil {
				return nil, fmt.Errorf("%w: %v", errNotInstrumentable, err)
			}
			s.body = body
		}
		out = append(out, s)
	}
	if !haveGlobal {
		out = insertSection(out, rawSection{secGlobal, append(appendU32(nil, 1), newGlobal...)})
	}

	res := append([]byte(nil), bin[:8]...)
	for _, s := range out {
		res = append(res, s.id)
		res = appendBytes(res, s.body)
	}
	return res, nil
}

func isNameSection(body []byte) bool {
	n, k, err := readU32(body)
	return err == nil && uint64(n) <= uint64(len(body)-k) && string(body[k:k+int(n)]) == "name"
}

// appendToVec appends one encoded element to a section holding a vector.
func appendToVec(body, elem []byte) []byte {
	count, n, _ := readU32(body) // validated module
	res := appendU32(nil, count+1)
	res = append(res, body[n:]...)
	return append(res, elem...)
}

// insertSection places s before the first section that must follow it.
func insertSection(secs []rawSection, s rawSection) []rawSection {
	for i, t := range secs {
		if r, ok := sectionRank[t.id]; ok && r > sectionRank[s.id] {
			return append(secs[:i:i], append([]rawSection{s}, secs[i:]...)...)
		}
	}
	return append(secs, s)
}

// scanImports counts imported globals and finds the function index of
// the WASI sched_yield import (-1 if none).
func scanImports(body []byte) (globals, yield int, err error) {
	r := reader{b: body}
	count := r.u32()
	funcs := 0
	yield = -1
	for i := uint32(0); i < count && r.err == nil; i++ {
		module := string(r.name())
		name := string(r.name())
		switch kind := r.byte(); kind {
		case 0x00: // func
			r.u32()
			if module == wasiModule && name == "sched_yield" {
				yield = funcs
			}
			funcs++
		case 0x01: // table
			r.valType()
			r.limits()
		case 0x02: // memory
			r.limits()
		case 0x03: // global
			r.valType()
			r.byte()
			globals++
		default:
			return 0, -1, fmt.Errorf("unknown import kind %#x", kind)
		}
	}
	return globals, yield, r.err
}

// instrumentCode rewrites the code section.
func instrumentCode(body, check []byte) ([]byte, error) {
	r := reader{b: body}
	count := r.u32()
	out := appendU32(nil, count)
	for i := uint32(0); i < count && r.err == nil; i++ {
		size := r.u32()
		fn := r.take(int(size))
		if r.err != nil {
			break
		}
		rewritten, err := instrumentFunc(fn, check)
		if err != nil {
			return nil, fmt.Errorf("function %d: %w", i, err)
		}
		out = appendBytes(out, rewritten)
	}
	if r.err == nil && r.pos != len(r.b) {
		r.err = errors.New("trailing bytes")
	}
	return out, r.err
}

func instrumentFunc(fn, check []byte) ([]byte, error) {
	r := reader{b: fn}
	groups := r.u32()
	for i := uint32(0); i < groups && r.err == nil; i++ {
		r.u32()
		r.valType()
	}
	if r.err != nil {
		return nil, r.err
	}
	out := make([]byte, 0, len(fn)+len(fn)/8+len(check))
	out = append(out, fn[:r.pos]...)
	if !opensWithLoop(r) {
		out = append(out, check...)
	}
	for r.pos < len(r.b) && r.err == nil {
		start := r.pos
		op := r.byte()
		isLoop := op == opLoop
		r.immediates(op)
		out = append(out, r.b[start:r.pos]...)
		if isLoop {
			out = append(out, check...)
		}
	}
	return out, r.err
}

// opensWithLoop reports whether the body at r reaches a loop header
// before any instruction that branches, calls or may trap: only local and
// global accesses, constants and block openings come first. Such a body
// passes its loop's check on every call, so it needs no check at entry.
func opensWithLoop(r reader) bool {
	for r.pos < len(r.b) && r.err == nil {
		op := r.byte()
		switch op {
		case opLoop:
			return true
		case opBlock, 0x01, opLocalGet, opLocalSet, 0x22, opGlobalGet, opGlobalSet, opI32Const, opI64Const, opF64Const, 0x43:
			r.immediates(op) // block, nop, local.get/set/tee, global.get/set, constants
		default:
			return false
		}
	}
	return false
}

// reader decodes the parts of the binary format the instrumenter needs.
// Errors are sticky: after the first, every method returns zero values.
type reader struct {
	b   []byte
	pos int
	err error
}

func (r *reader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf(format, args...)
	}
}

func (r *reader) byte() byte {
	if r.err != nil || r.pos >= len(r.b) {
		r.fail("unexpected end")
		return 0
	}
	c := r.b[r.pos]
	r.pos++
	return c
}

func (r *reader) take(n int) []byte {
	if r.err != nil || n < 0 || n > len(r.b)-r.pos {
		r.fail("unexpected end")
		return nil
	}
	s := r.b[r.pos : r.pos+n]
	r.pos += n
	return s
}

func (r *reader) u32() uint32 {
	if r.err != nil {
		return 0
	}
	v, n, err := readU32(r.b[r.pos:])
	if err != nil {
		r.fail("%v", err)
		return 0
	}
	r.pos += n
	return v
}

// leb skips a LEB128 integer of any width up to 64 bits.
func (r *reader) leb() {
	for i := 0; i < 10; i++ {
		if r.byte()&0x80 == 0 {
			return
		}
	}
	r.fail("LEB128 integer too long")
}

func (r *reader) name() []byte { return r.take(int(r.u32())) }

func (r *reader) limits() {
	flags := r.byte()
	r.leb()
	if flags&0x01 != 0 {
		r.leb()
	}
}

// valType accepts the single-byte value types: numbers, v128, funcref,
// externref. GC-proposal reference types are not supported.
func (r *reader) valType() {
	switch t := r.byte(); t {
	case 0x7f, 0x7e, 0x7d, 0x7c, 0x7b, 0x70, 0x6f:
	default:
		r.fail("unsupported value type %#x", t)
	}
}

func (r *reader) blockType() {
	if r.err != nil || r.pos >= len(r.b) {
		r.fail("unexpected end")
		return
	}
	switch r.b[r.pos] {
	case blockVoid, 0x7f, 0x7e, 0x7d, 0x7c, 0x7b, 0x70, 0x6f:
		r.pos++
	default:
		r.leb() // type index (s33)
	}
}

func (r *reader) memArg() {
	align := r.u32()
	if align&0x40 != 0 { // multi-memory: memory index follows
		r.u32()
	}
	r.leb() // offset
}

// immediates skips the immediates of op.
func (r *reader) immediates(op byte) {
	switch {
	case op == 0x00, op == 0x01, op == 0x05, op == opEnd, op == 0x0f, op == opDrop, op == 0x1b, op == 0xd1:
		// unreachable, nop, else, end, return, drop, select, ref.is_null
	case op == opBlock, op == opLoop, op == 0x04:
		r.blockType()
	case op == opBr, op == opBrIf, op == opCall, op == 0x12, op == 0xd2:
		r.u32() // label, function (call, return_call, ref.func)
	case op == 0x0e: // br_table
		n := r.u32()
		for i := uint32(0); i <= n && r.err == nil; i++ {
			r.u32()
		}
	case op == 0x11, op == 0x13: // call_indirect, return_call_indirect
		r.u32()
		r.u32()
	case op == 0x1c: // select t*
		n := r.u32()
		for i := uint32(0); i < n && r.err == nil; i++ {
			r.valType()
		}
	case op >= 0x20 && op <= 0x26: // local.*, global.*, table.get/set
		r.u32()
	case op >= 0x28 && op <= 0x3e: // loads and stores
		r.memArg()
	case op == 0x3f, op == 0x40: // memory.size, memory.grow
		r.u32()
	case op == opI32Const, op == opI64Const:
		r.leb()
	case op == 0x43:
		r.take(4)
	case op == opF64Const:
		r.take(8)
	case op >= 0x45 && op <= 0xc4: // numeric, including sign extension
	case op == 0xd0: // ref.null
		r.blockType() // a heap type is encoded like a block type
	case op == 0xfc:
		r.prefixedFC()
	default:
		r.fail("unsupported opcode %#x", op)
	}
}

func (r *reader) prefixedFC() {
	switch sub := r.u32(); {
	case sub <= 7: // saturating truncation
	case sub == 8, sub == 10, sub == 12, sub == 14: // memory.init, memory.copy, table.init, table.copy
		r.u32()
		r.u32()
	case sub == 9, sub == 11, sub == 13, sub == 15, sub == 16, sub == 17:
		// data.drop, memory.fill, elem.drop, table.grow, table.size, table.fill
		r.u32()
	default:
		r.fail("unsupported opcode 0xfc %d", sub)
	}
}
