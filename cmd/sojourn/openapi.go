package main

import (
	"context"
	"fmt"
	"io"

	"sojourn/api"
)

func init() {
	commands["openapi"] = command{"print the OpenAPI document the server serves at /api/openapi.json", func(_ context.Context, _ []string, out io.Writer) error {
		cfg := api.DefaultConfig()
		cfg.Version = version
		doc, err := api.Document(cfg)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(out, "%s\n", doc)
		return err
	}}
}
