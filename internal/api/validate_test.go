package api_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
)

// schemaDoc is a decoded OpenAPI document with a validator for the JSON
// Schema subset the generator writes. It is strict where a lenient one
// would hide drift: a schema keyword it does not know, an object field
// the schema does not list, or a value of an unlisted type is an error.
type schemaDoc struct {
	root map[string]any
}

func parseDoc(b []byte) (*schemaDoc, error) {
	var root map[string]any
	if err := json.Unmarshal(b, &root); err != nil {
		return nil, err
	}
	return &schemaDoc{root: root}, nil
}

// operation returns the document's operation for method and path (nil
// when missing).
func (d *schemaDoc) operation(method, path string) map[string]any {
	paths, _ := d.root["paths"].(map[string]any)
	item, _ := paths[path].(map[string]any)
	op, _ := item[strings.ToLower(method)].(map[string]any)
	return op
}

// response returns an operation's documented response for status (nil
// when not documented).
func response(op map[string]any, status int) map[string]any {
	rs, _ := op["responses"].(map[string]any)
	r, _ := rs[fmt.Sprint(status)].(map[string]any)
	return r
}

// mediaSchema returns a response's schema for media type mt, and whether
// it documents that media type.
func mediaSchema(r map[string]any, mt string) (any, bool) {
	content, _ := r["content"].(map[string]any)
	m, ok := content[mt].(map[string]any)
	if !ok {
		return nil, false
	}
	return m["schema"], true
}

// decode parses JSON keeping numbers exact, so an integer schema can
// tell 3 from 3.5.
func decode(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("more than one JSON value")
	}
	return v, nil
}

var knownKeywords = []string{"$ref", "type", "properties", "required", "additionalProperties", "items",
	"enum", "format", "contentEncoding", "contentMediaType", "minimum", "description", "anyOf"}

// validate checks v against schema and returns every mismatch, each with
// the JSON path where it is.
func (d *schemaDoc) validate(schema any, v any, at string) []string {
	s, ok := schema.(map[string]any)
	if !ok {
		return []string{fmt.Sprintf("%s: schema %v is not an object", at, schema)}
	}
	for k := range s {
		if !slices.Contains(knownKeywords, k) {
			return []string{fmt.Sprintf("%s: schema keyword %q is not checked by this validator: teach it", at, k)}
		}
	}
	if r, ok := s["$ref"].(string); ok {
		name, found := strings.CutPrefix(r, "#/components/schemas/")
		comps, _ := d.root["components"].(map[string]any)
		schemas, _ := comps["schemas"].(map[string]any)
		target, exists := schemas[name]
		if !found || !exists {
			return []string{fmt.Sprintf("%s: unresolvable $ref %q", at, r)}
		}
		return d.validate(target, v, at)
	}
	if alts, ok := s["anyOf"].([]any); ok {
		var all []string
		for _, alt := range alts {
			errs := d.validate(alt, v, at)
			if errs == nil {
				return nil
			}
			all = append(all, errs...)
		}
		return []string{fmt.Sprintf("%s: matches no alternative of anyOf: %s", at, strings.Join(all, "; "))}
	}
	if t, ok := s["type"]; ok {
		var types []string
		switch t := t.(type) {
		case string:
			types = []string{t}
		case []any:
			for _, x := range t {
				types = append(types, fmt.Sprint(x))
			}
		}
		if k := kindOf(v); !slices.Contains(types, k) && !(k == "integer" && slices.Contains(types, "number")) {
			return []string{fmt.Sprintf("%s: %s %s, want %s", at, k, short(v), strings.Join(types, " or "))}
		}
	}
	if vals, ok := s["enum"].([]any); ok && !slices.Contains(vals, v) {
		return []string{fmt.Sprintf("%s: %s is not one of %v", at, short(v), vals)}
	}
	var errs []string
	switch v := v.(type) {
	case string:
		if s["format"] == "date-time" {
			if _, err := time.Parse(time.RFC3339Nano, v); err != nil {
				errs = append(errs, fmt.Sprintf("%s: %q is not an RFC 3339 date-time", at, v))
			}
		}
		if s["contentEncoding"] == "base64" {
			if _, err := base64.StdEncoding.DecodeString(v); err != nil {
				errs = append(errs, fmt.Sprintf("%s: not base64: %v", at, err))
			}
		}
	case json.Number:
		if m, ok := s["minimum"].(float64); ok {
			if f, _ := v.Float64(); f < m {
				errs = append(errs, fmt.Sprintf("%s: %s is below the minimum %v", at, v, m))
			}
		}
	case []any:
		if items, ok := s["items"]; ok {
			for i, x := range v {
				errs = append(errs, d.validate(items, x, fmt.Sprintf("%s[%d]", at, i))...)
			}
		}
	case map[string]any:
		props, _ := s["properties"].(map[string]any)
		extra, hasExtra := s["additionalProperties"]
		if b, ok := extra.(bool); ok && !b {
			hasExtra = false // additionalProperties: false
		}
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			switch p, ok := props[k]; {
			case ok:
				errs = append(errs, d.validate(p, v[k], at+"."+k)...)
			case hasExtra:
				errs = append(errs, d.validate(extra, v[k], at+"."+k)...)
			default:
				errs = append(errs, fmt.Sprintf("%s: field %q is not in the document", at, k))
			}
		}
		req, _ := s["required"].([]any)
		for _, r := range req {
			if _, ok := v[r.(string)]; !ok {
				errs = append(errs, fmt.Sprintf("%s: required field %q is missing", at, r))
			}
		}
	}
	return errs
}

func kindOf(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case string:
		return "string"
	case json.Number:
		if _, err := v.Int64(); err == nil || !strings.ContainsAny(v.String(), ".eE") {
			return "integer"
		}
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("unknown(%T)", v)
}

func short(v any) string {
	b, _ := json.Marshal(v)
	if len(b) > 80 {
		return string(b[:80]) + "..."
	}
	return string(b)
}

// TestValidator checks that the conformance test's validator catches
// each kind of drift, on the generated document's own schemas.
func TestValidator(t *testing.T) {
	b, err := os.ReadFile("openapi.json")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := parseDoc(b)
	if err != nil {
		t.Fatal(err)
	}
	ref := func(name string) any { return map[string]any{"$ref": "#/components/schemas/" + name} }
	good := `{"id":"0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0f","name":"n","state":"running","reason":"","tasks":2,"verified":1,"failed":0,"created_at":"2026-01-02T03:04:05Z"}`
	tests := []struct {
		name, schema, json, want string // want: a part of the first error; "" for valid
	}{
		{"valid", "JobSummary", good, ""},
		{"optional field", "JobSummary", strings.Replace(good, `"tasks":2`, `"tasks":2,"ended_at":"2026-01-02T03:04:06Z"`, 1), ""},
		{"missing required", "JobSummary", strings.Replace(good, `"name":"n",`, ``, 1), `required field "name"`},
		{"unknown field", "JobSummary", strings.Replace(good, `"tasks":2`, `"tasks":2,"colour":"red"`, 1), `field "colour" is not in the document`},
		{"wrong type", "JobSummary", strings.Replace(good, `"tasks":2`, `"tasks":"2"`, 1), "body.tasks: string"},
		{"fraction for an integer", "JobSummary", strings.Replace(good, `"tasks":2`, `"tasks":2.5`, 1), "body.tasks: number"},
		{"not in the enum", "JobSummary", strings.Replace(good, `"running"`, `"sleeping"`, 1), "is not one of"},
		{"bad date-time", "JobSummary", strings.Replace(good, `2026-01-02T03:04:05Z`, `yesterday`, 1), "RFC 3339"},
		{"null where not nullable", "JobSummary", strings.Replace(good, `"name":"n"`, `"name":null`, 1), "body.name: null"},
		{"null where nullable", "NodeInfo", `{"peer_id":"p","did":"d","evm_address":"e","addrs":null,"roles":["consumer"],"version":"v","peers":0,"started":"2026-01-02T03:04:05Z","tls":false}`, ""},
		{"nested", "ProviderView", `{"peer":"p","evm_address":"e","ask":"0.01","slots":1,"free_slots":1,"cores":1,"memory":-1,"benchmark":1,"runtime":"r","latency_ns":1,"expires":"2026-01-02T03:04:05Z","reliability":1,"reputation":{"score":1,"valid":0,"unchecked":0,"invalid":0,"faults":0,"suspect":"no"}}`, "below the minimum"},
		{"bad base64", "TaskView", `{"index":0,"state":"verified","reason":"","price":"0","attempts":[],"exit_code":0,"duration_ms":1,"updated_at":"2026-01-02T03:04:05Z","signature":"%%"}`, "not base64"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, err := decode([]byte(tt.json))
			if err != nil {
				t.Fatal(err)
			}
			errs := doc.validate(ref(tt.schema), v, "body")
			switch {
			case tt.want == "" && errs != nil:
				t.Fatalf("valid value refused: %v", errs)
			case tt.want != "" && (errs == nil || !strings.Contains(errs[0], tt.want)):
				t.Fatalf("errors %q, want one saying %q", errs, tt.want)
			}
		})
	}
}
