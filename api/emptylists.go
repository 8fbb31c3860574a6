package api

import (
	"reflect"

	"github.com/danielgtaylor/huma/v2"
)

// Lists are answered [] and never null (emptyLists), and a request omits
// a list it does not give rather than send null: the document says so,
// declaring every list an array and not "array or null" (huma's default).
func init() { huma.DefaultArrayNullable = false }

// emptyLists makes every list in an answer a JSON array: a nil slice,
// however deep (in a struct field, a list element or behind a pointer), is
// answered [] rather than null. What the service returned is not touched:
// the parts that change are copied.
func emptyLists(_ huma.Context, _ string, v any) (any, error) {
	if v == nil {
		return v, nil
	}
	if nv, changed := nonNil(reflect.ValueOf(v), 0); changed {
		return nv.Interface(), nil
	}
	return v, nil
}

// nonNil returns v with its nil slices made empty, and whether it changed.
func nonNil(v reflect.Value, depth int) (reflect.Value, bool) {
	if depth > 32 {
		return v, false
	}
	switch v.Kind() {
	case reflect.Slice:
		if v.IsNil() {
			return reflect.MakeSlice(v.Type(), 0, 0), true
		}
		var out reflect.Value
		for i := range v.Len() {
			nv, changed := nonNil(v.Index(i), depth+1)
			if !changed {
				continue
			}
			if !out.IsValid() {
				out = reflect.MakeSlice(v.Type(), v.Len(), v.Len())
				reflect.Copy(out, v)
			}
			out.Index(i).Set(nv)
		}
		return out, out.IsValid()
	case reflect.Struct:
		var out reflect.Value
		t := v.Type()
		for i := range v.NumField() {
			if !t.Field(i).IsExported() {
				continue
			}
			nv, changed := nonNil(v.Field(i), depth+1)
			if !changed {
				continue
			}
			if !out.IsValid() {
				out = reflect.New(t).Elem()
				out.Set(v)
			}
			out.Field(i).Set(nv)
		}
		return out, out.IsValid()
	case reflect.Pointer:
		if v.IsNil() {
			return v, false
		}
		nv, changed := nonNil(v.Elem(), depth+1)
		if !changed {
			return v, false
		}
		p := reflect.New(v.Type().Elem())
		p.Elem().Set(nv)
		return p, true
	}
	return v, false
}
