package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"sojourn/api"
)

func init() {
	commands["openapi"] = command{"print the OpenAPI document the server serves at /api/openapi.json", printOpenAPI}
}

// printOpenAPI prints the document without opening a database, for client
// generators (CI's generated-client check uses it).
func printOpenAPI(_ context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("openapi", flag.ContinueOnError)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("openapi takes no arguments, got %q", fs.Args())
	}
	cfg := api.DefaultConfig()
	cfg.Version = version
	doc, err := api.Document(cfg)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(out, "%s\n", doc)
	return err
}
