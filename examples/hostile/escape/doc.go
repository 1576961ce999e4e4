// Command escape tries to get out of its sandbox and prints one line per
// attempt: "DENIED <attempt>: <error>" when the sandbox refused, "ALLOWED
// <attempt>" when it did not. A correct sandbox allows only the last group
// (ordinary use of /inputs and /outputs). Attempts:
//
//   - read host files: /etc/passwd, /inputs/../etc/passwd, ../../etc/passwd
//     relative to /inputs, and list "/";
//   - write to /inputs: create a file, overwrite the input, remove it,
//     rename it, make a directory;
//   - leave /outputs through links: symlink to ../../../etc/passwd and to
//     /etc/passwd, hard link an input into /outputs;
//   - ordinary use: read /inputs/secret.txt, write /outputs/ok.txt.
package main
