package policy

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"
	"unicode/utf8"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"

	"sojourn"
)

// The input types a pack may declare.
const (
	TypeBool       = "bool"
	TypeInt        = "int"
	TypeDouble     = "double"
	TypeString     = "string"
	TypeDate       = "date"
	TypeStringList = "list(string)"
)

// inputType is a declared input type; it converts caller values to CEL
// values (bind) and back to the snapshot form (native).
type inputType uint8

const (
	tBool inputType = iota + 1
	tInt
	tDouble
	tString
	tDate
	tStringList
)

var typeNames = map[string]inputType{
	TypeBool: tBool, TypeInt: tInt, TypeDouble: tDouble,
	TypeString: tString, TypeDate: tDate, TypeStringList: tStringList,
}

// parseType returns the input type named s.
func parseType(s string) (inputType, bool) {
	t, ok := typeNames[s]
	return t, ok
}

// String returns the name of t as written in packs.
func (t inputType) String() string {
	for name, u := range typeNames {
		if u == t {
			return name
		}
	}
	return "unknown"
}

// celType returns the CEL type of values of t.
func (t inputType) celType() *cel.Type {
	switch t {
	case tBool:
		return cel.BoolType
	case tInt:
		return cel.IntType
	case tDouble:
		return cel.DoubleType
	case tString:
		return cel.StringType
	case tDate:
		return cel.TimestampType
	default:
		return cel.ListType(cel.StringType)
	}
}

// bind validates a caller value v against t and returns it as a CEL value.
func (t inputType) bind(v any) (ref.Val, error) {
	switch t {
	case tBool:
		if b, ok := v.(bool); ok {
			return types.Bool(b), nil
		}
	case tInt:
		return bindInt(v)
	case tDouble:
		return bindDouble(v)
	case tString:
		return bindString(v)
	case tDate:
		return bindDate(v)
	case tStringList:
		return bindStringList(v)
	}
	return nil, typeMismatch(t, v)
}

// native returns the snapshot form of a value bound by t: bool, int64,
// float64, string, sojourn.Date or []string.
func (t inputType) native(v ref.Val) any {
	switch t {
	case tDate:
		return sojourn.DateOf(v.(types.Timestamp).Time)
	case tStringList:
		return slices.Clone(v.Value().([]string))
	default:
		return v.Value()
	}
}

func typeMismatch(t inputType, v any) error {
	if v == nil {
		return fmt.Errorf("must be a %s, got null", t)
	}
	return fmt.Errorf("must be a %s, got %T", t, v)
}

func bindInt(v any) (ref.Val, error) {
	switch n := v.(type) {
	case int:
		return types.Int(n), nil
	case int32:
		return types.Int(n), nil
	case int64:
		return types.Int(n), nil
	case float64:
		if n == math.Trunc(n) && n >= math.MinInt64 && n < math.MaxInt64 {
			return types.Int(int64(n)), nil
		}
		return nil, errors.New("must be a whole number")
	case json.Number:
		i, err := n.Int64()
		if err != nil {
			return nil, errors.New("must be a whole number")
		}
		return types.Int(i), nil
	}
	return nil, typeMismatch(tInt, v)
}

func bindDouble(v any) (ref.Val, error) {
	var f float64
	switch n := v.(type) {
	case float64:
		f = n
	case float32:
		f = float64(n)
	case int:
		f = float64(n)
	case int64:
		f = float64(n)
	case json.Number:
		var err error
		if f, err = n.Float64(); err != nil {
			return nil, errors.New("must be a number")
		}
	default:
		return nil, typeMismatch(tDouble, v)
	}
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil, errors.New("must be a finite number")
	}
	return types.Double(f), nil
}

func bindString(v any) (ref.Val, error) {
	s, ok := v.(string)
	if !ok {
		return nil, typeMismatch(tString, v)
	}
	if !utf8.ValidString(s) {
		return nil, errors.New("must be valid UTF-8 text")
	}
	return types.String(s), nil
}

func bindDate(v any) (ref.Val, error) {
	var d sojourn.Date
	switch x := v.(type) {
	case sojourn.Date:
		d = x
	case time.Time:
		d = sojourn.DateOf(x)
	case string:
		p, err := sojourn.ParseDate(x)
		if err != nil {
			return nil, fmt.Errorf("must be a date: %v", err)
		}
		d = p
	default:
		return nil, typeMismatch(tDate, v)
	}
	if d.IsZero() {
		return nil, errors.New("must be a date, got the zero date")
	}
	return types.Timestamp{Time: d.Time()}, nil
}

func bindStringList(v any) (ref.Val, error) {
	switch x := v.(type) {
	case []string:
		return stringList(x)
	case []any:
		list := make([]string, len(x))
		for i, e := range x {
			s, ok := e.(string)
			if !ok {
				return nil, fmt.Errorf("element %d must be a string, got %T", i, e)
			}
			list[i] = s
		}
		return stringList(list)
	}
	return nil, typeMismatch(tStringList, v)
}

func stringList(list []string) (ref.Val, error) {
	for i, s := range list {
		if !utf8.ValidString(s) {
			return nil, fmt.Errorf("element %d must be valid UTF-8 text", i)
		}
	}
	return types.NewStringList(types.DefaultTypeAdapter, list), nil
}
