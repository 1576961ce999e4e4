package api

import (
	"encoding"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"time"

	_ "embed"

	"github.com/deco-network/deco/internal/spec"
	"github.com/deco-network/deco/internal/wire"
)

// The committed document is what GET /v1/openapi.json serves; the test
// that regenerates it with -update fails when the file is stale.
//
//go:generate go test -run TestOpenAPIFile -update .

//go:embed openapi.json
var openAPIDocument []byte

func (s *Server) openAPI(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Write(openAPIDocument)
}

// OpenAPI generates the API's OpenAPI 3.1 document, as indented JSON,
// from Routes and the Go types its rows name: a type's JSON encoding
// (its fields' json tags) is its schema. version is the node's version
// (info.version); docs describes types and fields (their Go comments,
// which the generating test reads from the source). The output depends
// on nothing else, so the committed openapi.json can be checked against
// it.
//
// A field with omitempty or omitzero is optional; any other field is
// required, and one that Go can encode as null (a slice, map or pointer)
// is nullable. Named struct types and enumerations are shared schemas
// under components/schemas, named after the Go type; a type that
// marshals itself must have an entry in selfMarshaled, else OpenAPI
// fails rather than guess its encoding.
func OpenAPI(version string, docs Docs) ([]byte, error) { return document(Routes, version, docs) }

func document(routes []Route, version string, docs Docs) ([]byte, error) {
	g := &generator{schemas: map[string]any{}, names: map[string]reflect.Type{}, docs: docs}
	paths := map[string]map[string]any{}
	for _, rt := range routes {
		op, err := g.operation(rt)
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w", rt.Method, rt.Path, err)
		}
		if paths[rt.Path] == nil {
			paths[rt.Path] = map[string]any{}
		}
		paths[rt.Path][strings.ToLower(rt.Method)] = op
	}
	if _, err := g.schema(reflect.TypeFor[Error]()); err != nil {
		return nil, err
	}
	doc := map[string]any{
		"openapi": "3.1.0",
		"info": map[string]any{
			"title":   "Deco node API",
			"version": version,
			"description": "The HTTP API of a Deco node: submit and follow jobs, upload and download blobs, " +
				"see the network, providers and the wallet. Generated from internal/api/routes.go " +
				"(go generate ./internal/api). Every error answers the Error schema with a stable code.",
		},
		"servers":  []any{map[string]any{"url": "/", "description": "the node serving this document (loopback by default; https when it serves TLS)"}},
		"security": []any{map[string]any{"bearer": []string{}}, map[string]any{"session": []string{}}},
		"paths":    paths,
		"components": map[string]any{
			"schemas": g.schemas,
			"securitySchemes": map[string]any{
				"bearer": map[string]any{"type": "http", "scheme": "bearer",
					"description": "The node's API token (api.token in its config.yaml; `deco init` creates one). Never in a URL."},
				"session": map[string]any{"type": "apiKey", "in": "cookie", "name": "deco_session",
					"description": "A session from POST /v1/session. A request authenticated by it whose method is not GET or HEAD must also send the header X-Deco-Request: 1."},
			},
		},
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// selfMarshaled describes the types whose JSON encoding is their own
// (a MarshalJSON or MarshalText method) or whose Go type says too little.
var selfMarshaled = map[reflect.Type]map[string]any{
	reflect.TypeFor[time.Time]():     {"type": "string", "format": "date-time"},
	reflect.TypeFor[time.Duration](): {"type": "integer", "description": "nanoseconds"},
	reflect.TypeFor[wire.Amount](): {"type": "string",
		"description": "an amount of DECO as a decimal string with at most 6 decimals, e.g. \"0.05\" (requests may also send a number)"},
	reflect.TypeFor[wire.CID](): {"type": "string",
		"description": "a content address: CIDv1, raw codec, sha2-256, base32 (\"bafkrei...\"); empty for no content"},
	reflect.TypeFor[wire.JobID](): {"type": "string", "description": "a job id: 32 lowercase hex characters"},
	reflect.TypeFor[spec.Size](): {"type": "string",
		"description": "a size in bytes, written with a unit when it divides evenly: \"512MiB\", \"1GiB\" (requests may also send a number)"},
	reflect.TypeFor[spec.Duration](): {"type": "string",
		"description": "a duration in Go syntax: \"30s\", \"5m\" (requests may also send a number of seconds)"},
	reflect.TypeFor[json.RawMessage](): {"description": "any JSON value"},
}

// enums lists the values of string types that take a fixed set.
var enums = map[reflect.Type][]string{
	reflect.TypeFor[Code]():      codeStrings(),
	reflect.TypeFor[JobState]():  {string(JobPending), string(JobRunning), string(JobCompleted), string(JobFailed), string(JobCancelled)},
	reflect.TypeFor[TaskState](): {string(TaskPending), string(TaskBidding), string(TaskAssigned), string(TaskRunning), string(TaskVerifying), string(TaskSubmitted), string(TaskVerified), string(TaskRetrying), string(TaskFailed), string(TaskCancelled)},
}

func codeStrings() []string {
	var s []string
	for _, c := range Codes {
		s = append(s, string(c))
	}
	return s
}

// Docs describes Go types and their fields for the document, keyed by
// "import/path.Type" and "import/path.Type.Field".
type Docs map[string]string

type generator struct {
	schemas map[string]any
	names   map[string]reflect.Type // component name -> the type it describes
	docs    Docs
}

func ref(name string) map[string]any { return map[string]any{"$ref": "#/components/schemas/" + name} }

func (g *generator) operation(rt Route) (map[string]any, error) {
	op := map[string]any{
		"operationId": operationID(rt),
		"summary":     rt.Summary,
	}
	if rt.Public {
		op["security"] = []any{} // answers without a token or session
	}
	var params []any
	for _, name := range pathParams(rt.Path) {
		params = append(params, map[string]any{"name": name, "in": "path", "required": true,
			"schema": map[string]any{"type": "string"}, "description": pathParamDocs[name]})
	}
	for _, p := range rt.Query {
		params = append(params, map[string]any{"name": p.Name, "in": "query",
			"schema": map[string]any{"type": p.Type}, "description": p.Doc})
	}
	if params != nil {
		op["parameters"] = params
	}
	content := map[string]any{}
	if rt.Body != nil {
		s, err := g.body(reflect.TypeOf(rt.Body))
		if err != nil {
			return nil, fmt.Errorf("body: %w", err)
		}
		content[mediaType(rt.BodyType)] = map[string]any{"schema": s}
	}
	if rt.Form != nil {
		content["multipart/form-data"] = map[string]any{"schema": formSchema(rt.Form)}
	}
	if len(content) > 0 {
		op["requestBody"] = map[string]any{"required": true, "content": content}
	}
	ok := map[string]any{"description": http.StatusText(rt.Status)}
	switch {
	case rt.ResponseType == "text/event-stream":
		events, desc, err := g.events(rt.Events)
		if err != nil {
			return nil, err
		}
		ok["description"] = desc
		ok["content"] = map[string]any{rt.ResponseType: map[string]any{"schema": map[string]any{"type": "string"}}}
		op["x-events"] = events
	case rt.Response != nil:
		s, err := g.body(reflect.TypeOf(rt.Response))
		if err != nil {
			return nil, fmt.Errorf("response: %w", err)
		}
		ok["content"] = map[string]any{mediaType(rt.ResponseType): map[string]any{"schema": s}}
	}
	responses := map[string]any{fmt.Sprint(rt.Status): ok}
	errs := rt.Errors
	if !rt.Public {
		errs = append(slices.Clone(errs), http.StatusUnauthorized)
	}
	for _, st := range errs {
		responses[fmt.Sprint(st)] = errorResponse(rt.Method, fmt.Sprintf("%s (code %s)", http.StatusText(st), joinCodes(StatusCodes[st])))
	}
	responses["default"] = errorResponse(rt.Method, "Any other failure, such as 500 internal")
	op["responses"] = responses
	return op, nil
}

// formSchema is a multipart body's schema: every named part required,
// other parts files when the form takes them.
func formSchema(f *Form) map[string]any {
	props := map[string]any{}
	var required []string
	for name, doc := range f.Parts {
		props[name] = map[string]any{"type": "string", "description": doc}
		required = append(required, name)
	}
	slices.Sort(required)
	s := map[string]any{"type": "object", "properties": props, "required": required}
	if f.Files != "" {
		s["additionalProperties"] = map[string]any{"type": "string", "contentMediaType": "application/octet-stream", "description": f.Files}
	} else {
		s["additionalProperties"] = false
	}
	return s
}

// errorResponse is an Error body, which a HEAD answer has the header of
// but not the bytes.
func errorResponse(method, desc string) map[string]any {
	r := map[string]any{"description": desc}
	if method != http.MethodHead {
		r["content"] = map[string]any{"application/json": map[string]any{"schema": ref("Error")}}
	}
	return r
}

func joinCodes(cs []Code) string {
	var s []string
	for _, c := range cs {
		s = append(s, string(c))
	}
	return strings.Join(s, " or ")
}

// events lists a stream's events with their data's schemas (the x-events
// extension) and a description naming them.
func (g *generator) events(evs []Event) ([]any, string, error) {
	var list []any
	desc := []string{"A stream of server-sent events:"}
	for _, ev := range evs {
		name := ev.Name
		if name == "" {
			name = "message"
		}
		s, err := g.schema(reflect.TypeOf(ev.Data))
		if err != nil {
			return nil, "", fmt.Errorf("event %s: %w", name, err)
		}
		list = append(list, map[string]any{"name": name, "description": ev.Doc, "data": s})
		desc = append(desc, fmt.Sprintf("`%s`: %s.", name, ev.Doc))
	}
	desc = append(desc, "Comment lines keep the connection alive; clients ignore event names they do not know.")
	return list, strings.Join(desc, " "), nil
}

var pathParamDocs = map[string]string{
	"id":   "a job id, or a unique prefix of one",
	"cid":  "a blob's content address",
	"hash": "a transaction hash (0x and 64 hex digits)",
}

func pathParams(path string) []string {
	var names []string
	for _, seg := range strings.Split(path, "/") {
		if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
			names = append(names, strings.TrimSuffix(strings.Trim(seg, "{}"), "..."))
		}
	}
	return names
}

// operationID names an operation after its method and path:
// GET /v1/jobs/{id}/logs is getJobsIdLogs.
func operationID(rt Route) string {
	var b strings.Builder
	b.WriteString(strings.ToLower(rt.Method))
	for _, seg := range strings.Split(rt.Path, "/") {
		seg = strings.Trim(seg, "{}.")
		if seg == "" || seg == "v1" {
			continue
		}
		for _, part := range strings.FieldsFunc(seg, func(r rune) bool { return r == '.' || r == '_' || r == '-' }) {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

func mediaType(t string) string {
	if t == "" {
		return "application/json"
	}
	return t
}

// body is the schema of a whole request or response body: raw bytes for
// []byte, a string for a string, else the JSON schema of the type. A
// top-level slice is never null (writeJSON sends [] for a nil one).
func (g *generator) body(t reflect.Type) (map[string]any, error) {
	switch {
	case t == reflect.TypeFor[[]byte]():
		return map[string]any{"type": "string", "contentMediaType": "application/octet-stream"}, nil
	case t.Kind() == reflect.String:
		return map[string]any{"type": "string"}, nil
	}
	return g.schema(t)
}

// schema is the JSON schema of values of type t.
func (g *generator) schema(t reflect.Type) (map[string]any, error) {
	if s, ok := selfMarshaled[t]; ok {
		return clone(s), nil
	}
	if vals, ok := enums[t]; ok {
		if err := g.define(t, func() (map[string]any, error) {
			return map[string]any{"type": "string", "enum": vals}, nil
		}); err != nil {
			return nil, err
		}
		return ref(t.Name()), nil
	}
	if t.Kind() != reflect.Pointer && (t.Implements(reflect.TypeFor[json.Marshaler]()) || t.Implements(reflect.TypeFor[encoding.TextMarshaler]()) ||
		reflect.PointerTo(t).Implements(reflect.TypeFor[json.Marshaler]()) || reflect.PointerTo(t).Implements(reflect.TypeFor[encoding.TextMarshaler]())) {
		return nil, fmt.Errorf("type %s marshals itself: describe its encoding in selfMarshaled", t)
	}
	switch t.Kind() {
	case reflect.Bool:
		return map[string]any{"type": "boolean"}, nil
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return map[string]any{"type": "integer"}, nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return map[string]any{"type": "integer", "minimum": 0}, nil
	case reflect.Float32, reflect.Float64:
		return map[string]any{"type": "number"}, nil
	case reflect.String:
		return map[string]any{"type": "string"}, nil
	case reflect.Pointer:
		return g.schema(t.Elem())
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			return map[string]any{"type": "string", "contentEncoding": "base64"}, nil
		}
		items, err := g.schema(t.Elem())
		if err != nil {
			return nil, err
		}
		return map[string]any{"type": "array", "items": items}, nil
	case reflect.Map:
		if t.Key().Kind() != reflect.String {
			return nil, fmt.Errorf("map %s: only string keys have a JSON schema here", t)
		}
		vals, err := g.schema(t.Elem())
		if err != nil {
			return nil, err
		}
		return map[string]any{"type": "object", "additionalProperties": vals}, nil
	case reflect.Struct:
		if t.Name() == "" {
			return g.object(t)
		}
		if err := g.define(t, func() (map[string]any, error) { return g.object(t) }); err != nil {
			return nil, err
		}
		return ref(t.Name()), nil
	}
	return nil, fmt.Errorf("type %s (%s) has no JSON schema: give the field a concrete type", t, t.Kind())
}

// define adds t's schema under its Go name once (a placeholder first, so
// recursive types end at a reference).
func (g *generator) define(t reflect.Type, build func() (map[string]any, error)) error {
	name := t.Name()
	if prev, ok := g.names[name]; ok {
		if prev != t {
			return fmt.Errorf("two types are called %s (%s and %s): rename one, the document names schemas after Go types", name, prev, t)
		}
		return nil
	}
	g.names[name] = t
	s, err := build()
	if err != nil {
		return err
	}
	if doc, ok := typeDocs[t]; ok {
		s["description"] = doc
	} else if doc := g.docs[t.PkgPath()+"."+t.Name()]; doc != "" {
		s["description"] = doc
	}
	g.schemas[name] = s
	return nil
}

// typeDocs describes shared schemas whose Go comments a client needs.
var typeDocs = map[reflect.Type]string{
	reflect.TypeFor[Error](): "The body of every error response: what was wrong and what to do (error), a stable code to branch on, " +
		"and for an invalid job spec one entry per faulty field (fields).",
	reflect.TypeFor[Code](): "A stable error code. unauthorized (401, or 403 for a session's write without X-Deco-Request), " +
		"invalid (400), not_found (404), conflict and no_chain (409), payment (402), quota (507), too_large (413), " +
		"internal (500), unavailable (503: the node is not ready or lacks the part the request needs).",
	reflect.TypeFor[JobState]():  "A job's state: pending, running, then completed, failed or cancelled.",
	reflect.TypeFor[TaskState](): "A task's state.",
}

// object is the schema of a struct as encoding/json writes it: embedded
// structs' fields promoted, json:"-" and unexported fields left out.
func (g *generator) object(t reflect.Type) (map[string]any, error) {
	props := map[string]any{}
	var required []string
	if err := g.fields(t, props, &required, map[string]bool{}); err != nil {
		return nil, err
	}
	s := map[string]any{"type": "object", "properties": props}
	if required != nil {
		slices.Sort(required)
		s["required"] = required
	}
	return s, nil
}

func (g *generator) fields(t reflect.Type, props map[string]any, required *[]string, seen map[string]bool) error {
	var embedded []reflect.Type
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		ft := f.Type
		if f.Anonymous && name == "" {
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				embedded = append(embedded, ft) // promoted after this level's own fields, which win
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if seen[name] {
			continue
		}
		seen[name] = true
		if strings.Contains(","+opts+",", ",string,") {
			return fmt.Errorf("%s.%s: the ,string option is not described", t, f.Name)
		}
		s, err := g.schema(ft)
		if err != nil {
			return fmt.Errorf("%s.%s: %w", t, f.Name, err)
		}
		optional := strings.Contains(","+opts+",", ",omitempty,") || strings.Contains(","+opts+",", ",omitzero,")
		if !optional {
			*required = append(*required, name)
			if k := ft.Kind(); (k == reflect.Slice || k == reflect.Map || k == reflect.Pointer) && selfMarshaled[ft] == nil {
				s = nullable(s)
			}
		}
		if doc := g.docs[t.PkgPath()+"."+t.Name()+"."+f.Name]; doc != "" {
			s = described(s, doc)
		}
		props[name] = s
	}
	for _, et := range embedded {
		if err := g.fields(et, props, required, seen); err != nil {
			return err
		}
	}
	return nil
}

// described gives s a field's description, before its type's own.
func described(s map[string]any, doc string) map[string]any {
	s = clone(s)
	if typeDoc, ok := s["description"].(string); ok {
		doc += " (" + typeDoc + ")"
	}
	s["description"] = doc
	return s
}

// nullable lets s be null too (a nil slice, map or pointer encodes so).
func nullable(s map[string]any) map[string]any {
	if typ, ok := s["type"].(string); ok {
		s = clone(s)
		s["type"] = []string{typ, "null"}
		return s
	}
	return map[string]any{"anyOf": []any{s, map[string]any{"type": "null"}}}
}

func clone(s map[string]any) map[string]any {
	c := make(map[string]any, len(s))
	for k, v := range s {
		c[k] = v
	}
	return c
}
