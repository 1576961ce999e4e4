// Package video is the transcoding example's codec work, shared by the
// WebAssembly task (examples/transcode), the clip tool that makes and
// joins segments (examples/transcode/clip) and the tests that redo a
// task's work natively:
//
//   - Y4M (YUV4MPEG2, 4:2:0) frames in and out: ReadY4M, WriteY4M;
//   - Synth: frame i of a deterministic test clip (no file to download);
//   - Half: a frame converted to RGB at half the width and height (each
//     output pixel the mean of a 2×2 block);
//   - EncodeGIF: frames as an animated GIF (Plan 9 palette, Floyd–Steinberg
//     dithering); Join: segment GIFs concatenated into one.
//
// Every function is integer arithmetic only, so a segment transcoded
// under WebAssembly is byte for byte what the same call gives natively.
//
// Example (one task's work):
//
//	frames, err := video.ReadY4M(in)
//	small := make([]*image.RGBA, len(frames))
//	for i, f := range frames { small[i] = video.Half(f) }
//	err = video.EncodeGIF(out, small, 4) // 4/100 s per frame: 25 fps
package video
