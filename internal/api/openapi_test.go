package api_test

import (
	"bytes"
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/deco-network/deco/internal/api"
	"github.com/deco-network/deco/internal/node"
)

var update = flag.Bool("update", false, "rewrite openapi.json from the code (go generate ./internal/api)")

// TestOpenAPIFile fails when the committed openapi.json (what the node
// serves) is not what the code generates.
func TestOpenAPIFile(t *testing.T) {
	docs := sourceDocs(t)
	doc, err := api.OpenAPI(node.Version, docs)
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("openapi.json", doc, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	committed, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(committed, doc) {
		t.Fatal("internal/api/openapi.json differs from what the code generates: run `go generate ./internal/api` and commit the file")
	}
	again, err := api.OpenAPI(node.Version, docs)
	if err != nil || !bytes.Equal(again, doc) {
		t.Fatalf("OpenAPI is not deterministic (%v)", err)
	}
}

// sourceDocs reads the Go comments of the types the API's answers are
// made of (packages api, spec and wire): a type's doc comment, and a
// field's doc comment or, failing that, its line comment.
func sourceDocs(t *testing.T) api.Docs {
	t.Helper()
	docs := api.Docs{}
	const mod = "github.com/deco-network/deco/internal/"
	for pkg, dir := range map[string]string{"api": ".", "spec": "../spec", "wire": "../wire"} {
		fset := token.NewFileSet()
		pkgs, err := parser.ParseDir(fset, dir, func(fi fs.FileInfo) bool { return !strings.HasSuffix(fi.Name(), "_test.go") }, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range pkgs {
			for _, f := range p.Files {
				for _, decl := range f.Decls {
					gd, ok := decl.(*ast.GenDecl)
					if !ok || gd.Tok != token.TYPE {
						continue
					}
					for _, sp := range gd.Specs {
						ts := sp.(*ast.TypeSpec)
						key := mod + pkg + "." + ts.Name.Name
						if doc := ts.Doc; doc != nil {
							docs[key] = oneLine(doc.Text())
						} else if gd.Doc != nil && len(gd.Specs) == 1 {
							docs[key] = oneLine(gd.Doc.Text())
						}
						st, ok := ts.Type.(*ast.StructType)
						if !ok {
							continue
						}
						for _, fld := range st.Fields.List {
							text := fld.Doc.Text()
							if text == "" {
								text = fld.Comment.Text()
							}
							for _, name := range fld.Names {
								if text != "" {
									docs[key+"."+name.Name] = oneLine(text)
								}
							}
						}
					}
				}
			}
		}
	}
	return docs
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
