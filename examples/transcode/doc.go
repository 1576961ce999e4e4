// Command transcode is one task of a video transcoding job: it decodes a
// segment of a clip (Y4M, 4:2:0), scales every frame to half its width
// and height and re-encodes the segment as an animated GIF. A job of N
// tasks transcodes N segments side by side; clip/ makes the segments
// and joins the results. The work is examples/transcode/video's, so a
// test can redo it natively and compare frame by frame. Build it with
// GOOS=wasip1 GOARCH=wasm (see examples/gen.go); it is committed as
// transcode/transcode.wasm.
//
// Usage:
//
//	transcode --in /inputs/segment-I.y4m [--delay 4]
//
// Outputs:
//   - /outputs/segment.gif: the segment at half size, --delay hundredths
//     of a second per frame.
//   - /outputs/segment.json: {"frames":F,"width":W/2,"height":H/2}
package main
