package e2e

import (
	"net/http"
	"reflect"
	"testing"

	"sojourn/api"
	"sojourn/service"
	"sojourn/store/storetest"
)

// TestSchemaOwnedByDomain — every type the OpenAPI description is made of
// comes from the domain, the service or the API, never from the store:
// store types changing shape must not change the API.
func TestSchemaOwnedByDomain(t *testing.T) {
	st := storetest.Open(t, "sqlite")
	h := api.Register(http.NewServeMux(), service.New(st, service.DefaultConfig()), api.DefaultConfig())
	reg := h.OpenAPI().Components.Schemas
	seen := map[reflect.Type]bool{}
	var walk func(name string, typ reflect.Type)
	walk = func(name string, typ reflect.Type) {
		for typ.Kind() == reflect.Pointer || typ.Kind() == reflect.Slice || typ.Kind() == reflect.Array || typ.Kind() == reflect.Map {
			typ = typ.Elem()
		}
		if seen[typ] {
			return
		}
		seen[typ] = true
		if typ.PkgPath() == "sojourn/store" {
			t.Errorf("schema %s is built from the store type %s", name, typ)
		}
		if typ.Kind() == reflect.Struct {
			for i := range typ.NumField() {
				walk(name+"."+typ.Field(i).Name, typ.Field(i).Type)
			}
		}
	}
	schemas := reg.Map()
	if len(schemas) < 20 {
		t.Fatalf("only %d schemas", len(schemas))
	}
	for name := range schemas {
		if typ := reg.TypeFromRef("#/components/schemas/" + name); typ != nil {
			walk(name, typ)
		}
	}
}
