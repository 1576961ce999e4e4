package wasm

import "errors"

// memoryMinPages returns the initial size, in 64 KiB pages, of the memory
// the module defines (0 if it defines none). It reads only the section
// headers and the memory section of a module wazero already validated.
// Run needs it before instantiation: wazero allocates the initial memory
// unconditionally, so a module asking for more than the limit up front is
// refused before it gets there.
func memoryMinPages(bin []byte) (uint32, error) {
	if len(bin) < 8 {
		return 0, errors.New("too short")
	}
	b := bin[8:]
	for len(b) > 0 {
		id := b[0]
		size, n, err := readU32(b[1:])
		if err != nil {
			return 0, err
		}
		b = b[1+n:]
		if uint64(size) > uint64(len(b)) {
			return 0, errors.New("section runs past the end")
		}
		body := b[:size]
		b = b[size:]
		if id != 5 {
			continue
		}
		count, n, err := readU32(body)
		if err != nil || count == 0 {
			return 0, err
		}
		body = body[n:]
		if len(body) < 2 {
			return 0, errors.New("truncated memory section")
		}
		minPages, _, err := readU32(body[1:]) // body[0] is the limits flag
		return minPages, err
	}
	return 0, nil
}

func readU32(b []byte) (v uint32, n int, err error) {
	for shift := 0; n < len(b) && n < 5; shift += 7 {
		c := b[n]
		n++
		v |= uint32(c&0x7f) << shift
		if c&0x80 == 0 {
			return v, n, nil
		}
	}
	return 0, 0, errors.New("bad LEB128 integer")
}
