package wasm

import "math"

// A tiny WebAssembly binary encoder, just enough to hand-assemble the
// runtime-free modules this package embeds (MinimalModule and the benchmark
// kernel). Writing them as Go keeps them reviewable and reproducible without
// a wasm toolchain. Reference: WebAssembly Core Specification 2.0, chapter 5.

// Value types.
const (
	i32 byte = 0x7f
	i64 byte = 0x7e
	f64 byte = 0x7c
)

// Opcodes used by the embedded modules.
const (
	opBlock     byte = 0x02
	opLoop      byte = 0x03
	opIf        byte = 0x04
	opEnd       byte = 0x0b
	opBr        byte = 0x0c
	opBrIf      byte = 0x0d
	opCall      byte = 0x10
	opDrop      byte = 0x1a
	opLocalGet  byte = 0x20
	opLocalSet  byte = 0x21
	opGlobalGet byte = 0x23
	opGlobalSet byte = 0x24
	opI32Const  byte = 0x41
	opI64Const  byte = 0x42
	opF64Const  byte = 0x44
	opI32Eqz    byte = 0x45
	opI32GeU    byte = 0x4f
	opF64Gt     byte = 0x64
	opI32Add    byte = 0x6a
	opI32Sub    byte = 0x6b
	opI32And    byte = 0x71
	opI32ShrU   byte = 0x76
	opI64Add    byte = 0x7c
	opF64Add    byte = 0xa0
	opF64Sub    byte = 0xa1
	opF64Mul    byte = 0xa2
	opI64ExtI32 byte = 0xad // i64.extend_i32_u
	opF64CvtI32 byte = 0xb8 // f64.convert_i32_u
	blockVoid   byte = 0x40
)

// funcType is a function signature.
type funcType struct{ params, results []byte }

// function is a function body with its extra locals (one entry per local).
type function struct {
	typ    int
	locals []byte
	code   []byte // instructions without the final end
}

// moduleSpec describes a module with at most one memory.
type moduleSpec struct {
	types   []funcType
	imports []importDecl
	funcs   []function
	memory  uint32 // min pages; 0 = no memory
	exports []exportDecl
	data    []dataSegment
}

type importDecl struct {
	module, name string
	typ          int
}

// Export kinds.
const (
	exportFunc   byte = 0x00
	exportMemory byte = 0x02
)

type exportDecl struct {
	name  string
	kind  byte
	index uint32
}

type dataSegment struct {
	offset int32
	bytes  []byte
}

func (m *moduleSpec) encode() []byte {
	out := []byte{0x00, 'a', 's', 'm', 0x01, 0x00, 0x00, 0x00}
	section := func(id byte, body []byte) {
		out = append(out, id)
		out = appendU32(out, uint32(len(body)))
		out = append(out, body...)
	}

	var b []byte
	b = appendU32(b, uint32(len(m.types)))
	for _, t := range m.types {
		b = append(b, 0x60)
		b = appendBytes(b, t.params)
		b = appendBytes(b, t.results)
	}
	section(1, b)

	if len(m.imports) > 0 {
		b = appendU32(nil, uint32(len(m.imports)))
		for _, im := range m.imports {
			b = appendName(b, im.module)
			b = appendName(b, im.name)
			b = append(b, 0x00)
			b = appendU32(b, uint32(im.typ))
		}
		section(2, b)
	}

	b = appendU32(nil, uint32(len(m.funcs)))
	for _, f := range m.funcs {
		b = appendU32(b, uint32(f.typ))
	}
	section(3, b)

	if m.memory > 0 {
		b = appendU32(nil, 1)
		b = append(b, 0x00)
		b = appendU32(b, m.memory)
		section(5, b)
	}

	b = appendU32(nil, uint32(len(m.exports)))
	for _, e := range m.exports {
		b = appendName(b, e.name)
		b = append(b, e.kind)
		b = appendU32(b, e.index)
	}
	section(7, b)

	b = appendU32(nil, uint32(len(m.funcs)))
	for _, f := range m.funcs {
		var body []byte
		body = appendU32(body, uint32(len(f.locals)))
		for _, l := range f.locals {
			body = appendU32(body, 1)
			body = append(body, l)
		}
		body = append(body, f.code...)
		body = append(body, opEnd)
		b = appendU32(b, uint32(len(body)))
		b = append(b, body...)
	}
	section(10, b)

	if len(m.data) > 0 {
		b = appendU32(nil, uint32(len(m.data)))
		for _, d := range m.data {
			b = append(b, 0x00, opI32Const)
			b = appendS64(b, int64(d.offset))
			b = append(b, opEnd)
			b = appendU32(b, uint32(len(d.bytes)))
			b = append(b, d.bytes...)
		}
		section(11, b)
	}
	return out
}

func appendU32(b []byte, v uint32) []byte {
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if v == 0 {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}

func appendS64(b []byte, v int64) []byte {
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if (v == 0 && c&0x40 == 0) || (v == -1 && c&0x40 != 0) {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}

func appendBytes(b, v []byte) []byte { return append(appendU32(b, uint32(len(v))), v...) }

func appendName(b []byte, s string) []byte { return appendBytes(b, []byte(s)) }

// asm assembles instructions; each argument is an opcode byte, an
// immediate built by one of the helpers below, or a []byte sequence.
func asm(parts ...any) []byte {
	var b []byte
	for _, p := range parts {
		switch v := p.(type) {
		case byte:
			b = append(b, v)
		case []byte:
			b = append(b, v...)
		default:
			panic("asm: unsupported part")
		}
	}
	return b
}

func i32c(v int32) []byte { return appendS64([]byte{opI32Const}, int64(v)) }

func f64c(v float64) []byte {
	bits := math.Float64bits(v)
	b := []byte{opF64Const}
	for i := 0; i < 8; i++ {
		b = append(b, byte(bits>>(8*i)))
	}
	return b
}

func lget(i uint32) []byte   { return appendU32([]byte{opLocalGet}, i) }
func lset(i uint32) []byte   { return appendU32([]byte{opLocalSet}, i) }
func br(depth uint32) []byte { return appendU32([]byte{opBr}, depth) }
func brIf(d uint32) []byte   { return appendU32([]byte{opBrIf}, d) }
func call(f uint32) []byte   { return appendU32([]byte{opCall}, f) }
