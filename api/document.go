package api

import (
	"encoding/json"
	"net/http"
)

// Document returns the OpenAPI document the server serves at
// /api/openapi.json, without a database: `sojourn openapi` prints it for
// client generators and CI's generated-client check.
func Document(cfg Config) ([]byte, error) {
	api := Register(http.NewServeMux(), nil, cfg)
	return json.MarshalIndent(api.OpenAPI(), "", "  ")
}
