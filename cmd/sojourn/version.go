package main

import (
	"context"
	"fmt"
	"io"
)

func init() {
	commands["version"] = command{"print the version", func(_ context.Context, _ []string, out io.Writer) error {
		_, err := fmt.Fprintln(out, "sojourn", version)
		return err
	}}
}
