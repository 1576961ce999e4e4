package main

import (
	"fmt"
	"os"
)

func main() {
	try := func(what string, f func() error) {
		if err := f(); err != nil {
			fmt.Printf("DENIED %s: %v\n", what, err)
			return
		}
		fmt.Printf("ALLOWED %s\n", what)
	}
	read := func(path string) func() error {
		return func() error { _, err := os.ReadFile(path); return err }
	}

	try("read /etc/passwd", read("/etc/passwd"))
	try("read /inputs/../etc/passwd", read("/inputs/../etc/passwd"))
	try("read /inputs/../../../../etc/passwd", read("/inputs/../../../../etc/passwd"))
	try("chdir /inputs and read ../../etc/passwd", func() error {
		if err := os.Chdir("/inputs"); err != nil {
			return err
		}
		defer os.Chdir("/")
		_, err := os.ReadFile("../../etc/passwd")
		return err
	})
	try("list /", func() error {
		entries, err := os.ReadDir("/")
		if err != nil {
			return err
		}
		for _, e := range entries {
			if e.Name() != "inputs" && e.Name() != "outputs" {
				return nil // something beyond the two mounts is visible
			}
		}
		return fmt.Errorf("only the mounts are visible")
	})

	try("create /inputs/new.txt", func() error { return os.WriteFile("/inputs/new.txt", []byte("x"), 0o644) })
	try("overwrite /inputs/secret.txt", func() error {
		f, err := os.OpenFile("/inputs/secret.txt", os.O_WRONLY|os.O_TRUNC, 0)
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = f.Write([]byte("pwned"))
		return err
	})
	try("remove /inputs/secret.txt", func() error { return os.Remove("/inputs/secret.txt") })
	try("rename /inputs/secret.txt", func() error { return os.Rename("/inputs/secret.txt", "/inputs/moved.txt") })
	try("mkdir /inputs/dir", func() error { return os.Mkdir("/inputs/dir", 0o755) })

	try("symlink /outputs/rel -> ../../../etc/passwd and read it", func() error {
		if err := os.Symlink("../../../etc/passwd", "/outputs/rel"); err != nil {
			return err
		}
		_, err := os.ReadFile("/outputs/rel")
		return err
	})
	try("symlink /outputs/abs -> /etc/passwd", func() error { return os.Symlink("/etc/passwd", "/outputs/abs") })
	try("hard link /inputs/secret.txt to /outputs/link", func() error { return os.Link("/inputs/secret.txt", "/outputs/link") })

	try("ordinary: read /inputs/secret.txt", read("/inputs/secret.txt"))
	try("ordinary: write /outputs/ok.txt", func() error { return os.WriteFile("/outputs/ok.txt", []byte("ok\n"), 0o644) })
}
