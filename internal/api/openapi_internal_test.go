package api

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// TestDocumentShapes pins how the generator writes what the table says:
// a form body beside a JSON one, a public route without security, an
// event stream's x-events, and a type it cannot describe.
func TestDocumentShapes(t *testing.T) {
	routes := []Route{
		{Method: "POST", Path: "/v1/things", Body: BlobRef{}, Form: &Form{Parts: map[string]string{"spec": "the spec"}, Files: "a file the spec names"},
			Status: http.StatusCreated, Response: BlobRef{}, Errors: []int{http.StatusBadRequest}},
		{Method: "GET", Path: "/v1/things/{id}/events", Public: true, Status: http.StatusOK, ResponseType: "text/event-stream",
			Events: []Event{{"thing", BlobRef{}, "a thing"}}},
	}
	b, err := document(routes, "9.9.9", nil)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Info  struct{ Version string }
		Paths map[string]map[string]struct {
			OperationID string `json:"operationId"`
			Security    *[]any
			RequestBody struct {
				Content map[string]struct {
					Schema map[string]any
				}
			} `json:"requestBody"`
			Responses map[string]any
			Events    []struct {
				Name string
				Data map[string]any
			} `json:"x-events"`
		}
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	post := doc.Paths["/v1/things"]["post"]
	if doc.Info.Version != "9.9.9" || post.OperationID != "postThings" || post.Security != nil {
		t.Fatalf("version %q, operation %q, security %v", doc.Info.Version, post.OperationID, post.Security)
	}
	form := post.RequestBody.Content["multipart/form-data"].Schema
	if req, _ := form["required"].([]any); len(req) != 1 || req[0] != "spec" || form["additionalProperties"] == false {
		t.Fatalf("form schema %v", form)
	}
	if ref := post.RequestBody.Content["application/json"].Schema["$ref"]; ref != "#/components/schemas/BlobRef" {
		t.Fatalf("JSON body schema %v", post.RequestBody.Content["application/json"].Schema)
	}
	for _, st := range []string{"201", "400", "401", "default"} {
		if post.Responses[st] == nil {
			t.Errorf("POST lacks response %s", st)
		}
	}
	get := doc.Paths["/v1/things/{id}/events"]["get"]
	if get.Security == nil || len(*get.Security) != 0 || get.Responses["401"] != nil {
		t.Fatalf("a public route: security %v, 401 %v", get.Security, get.Responses["401"])
	}
	if len(get.Events) != 1 || get.Events[0].Name != "thing" || get.Events[0].Data["$ref"] != "#/components/schemas/BlobRef" {
		t.Fatalf("x-events %+v", get.Events)
	}

	_, err = document([]Route{{Method: "GET", Path: "/x", Status: http.StatusOK, Response: struct{ V any }{}}}, "v", nil)
	if err == nil || !strings.Contains(err.Error(), "no JSON schema") {
		t.Fatalf("an interface field: %v, want an error", err)
	}
}
