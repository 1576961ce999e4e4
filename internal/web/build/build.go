package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/evanw/esbuild/pkg/api"
)

// entries are the bundles index.html loads; each is written as
// assets/<name>-<content hash>.<ext> so a browser may cache it forever.
var entries = []string{"main.js", "style.css"}

// build bundles src into out: out/assets holds the hashed bundles and
// out/index.html is src/index.html with {{main.js}} and {{style.css}}
// replaced by the bundles' paths. out is emptied first, so a file removed
// from src disappears from out.
func build(src, out string) error {
	abs, err := filepath.Abs(src)
	if err != nil {
		return err
	}
	var points []string
	for _, e := range entries {
		points = append(points, filepath.Join(abs, e))
	}
	res := api.Build(api.BuildOptions{
		// esbuild hashes paths relative to the working directory: fix it
		// so the bytes do not depend on where the build runs from.
		AbsWorkingDir:     abs,
		EntryPoints:       points,
		Bundle:            true,
		Outdir:            filepath.Join(out, "assets"),
		EntryNames:        "[name]-[hash]",
		AssetNames:        "[name]-[hash]",
		Format:            api.FormatESModule,
		Target:            api.ES2020,
		MinifyWhitespace:  true,
		MinifySyntax:      true,
		MinifyIdentifiers: true,
		Charset:           api.CharsetUTF8,
		LegalComments:     api.LegalCommentsNone,
		Metafile:          true,
		Write:             false,
		LogLevel:          api.LogLevelSilent,
	})
	if len(res.Errors) > 0 {
		var msgs []string
		for _, m := range api.FormatMessages(res.Errors, api.FormatMessagesOptions{Kind: api.ErrorMessage}) {
			msgs = append(msgs, strings.TrimSpace(m))
		}
		return errors.New(strings.Join(msgs, "\n"))
	}
	names := map[string]string{} // entry file name -> URL path of its bundle
	files := map[string][]byte{}
	for _, f := range res.OutputFiles {
		rel, err := filepath.Rel(out, f.Path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		files[rel] = f.Contents
		base := filepath.Base(rel)
		for _, e := range entries {
			stem, ext := strings.TrimSuffix(e, filepath.Ext(e)), filepath.Ext(e)
			if strings.HasPrefix(base, stem+"-") && strings.HasSuffix(base, ext) {
				names[e] = "/" + rel
			}
		}
	}
	page, err := os.ReadFile(filepath.Join(src, "index.html"))
	if err != nil {
		return err
	}
	html := string(page)
	for _, e := range entries {
		p, ok := names[e]
		if !ok {
			return fmt.Errorf("esbuild wrote no bundle for %s", e)
		}
		if !strings.Contains(html, "{{"+e+"}}") {
			return fmt.Errorf("src/index.html does not load {{%s}}", e)
		}
		html = strings.ReplaceAll(html, "{{"+e+"}}", p)
	}
	files["index.html"] = []byte(html)
	icon, err := os.ReadFile(filepath.Join(src, "favicon.svg"))
	if err != nil {
		return err
	}
	files["favicon.svg"] = icon

	if err := os.RemoveAll(out); err != nil {
		return err
	}
	paths := make([]string, 0, len(files))
	for p := range files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	for _, p := range paths {
		dst := filepath.Join(out, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(dst, files[p], 0o644); err != nil {
			return err
		}
	}
	return nil
}
