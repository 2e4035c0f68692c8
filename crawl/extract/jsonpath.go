package extract

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
)

// decodeJSON parses a JSON answer keeping numbers exact, so epoch
// milliseconds survive as digits.
func decodeJSON(body string) (any, error) {
	dec := json.NewDecoder(strings.NewReader(strings.TrimPrefix(strings.TrimSpace(body), "\ufeff")))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

// lookup follows a dotted path ("data.list", "rows.0.title") into v.
func lookup(v any, path string) (any, bool) {
	if path == "" {
		return v, true
	}
	for _, key := range strings.Split(path, ".") {
		switch x := v.(type) {
		case map[string]any:
			next, ok := x[key]
			if !ok {
				return nil, false
			}
			v = next
		case []any:
			i, err := strconv.Atoi(key)
			if err != nil || i < 0 || i >= len(x) {
				return nil, false
			}
			v = x[i]
		default:
			return nil, false
		}
	}
	return v, true
}

// scalar renders a JSON scalar as text; objects and arrays give "".
func scalar(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return x.String()
	case bool:
		return strconv.FormatBool(x)
	case nil:
		return ""
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return ""
}

// lookupString is lookup then scalar.
func lookupString(v any, path string) (string, bool) {
	x, ok := lookup(v, path)
	if !ok {
		return "", false
	}
	return strings.TrimSpace(scalar(x)), true
}

// lookupInt reads a count that may be a number or a numeric string.
func lookupInt(v any, path string) (int, bool) {
	s, ok := lookupString(v, path)
	if !ok || s == "" {
		return 0, false
	}
	if n, err := strconv.Atoi(s); err == nil {
		return n, true
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && f >= 0 && f < 1e12 {
		return int(f), true
	}
	return 0, false
}

// jsonDateText renders a JSON date value: epoch numbers keep their digits
// (1.7726688e12 is written out in full), strings are kept as they are.
func jsonDateText(v any) string {
	if n, ok := v.(json.Number); ok {
		if f, err := strconv.ParseFloat(n.String(), 64); err == nil && strings.ContainsAny(n.String(), ".eE") && f == float64(int64(f)) {
			return strconv.FormatInt(int64(f), 10)
		}
	}
	return strings.TrimSpace(scalar(v))
}

// firstArray returns the first path among paths that holds an array.
func firstArray(v any, paths ...string) ([]any, string, error) {
	for _, p := range paths {
		if p == "" {
			continue
		}
		if x, ok := lookup(v, p); ok {
			if arr, ok := x.([]any); ok {
				return arr, p, nil
			}
			if x == nil {
				return []any{}, p, nil // "list": null on an empty page
			}
		}
	}
	return nil, "", fmt.Errorf("no list at %s", strings.Join(nonEmpty(paths), " or "))
}

func nonEmpty(ss []string) []string {
	var out []string
	for _, s := range ss {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// looksLikeJSON reports whether a body is meant to be JSON at all.
func looksLikeJSON(body string) bool {
	b := bytes.TrimSpace([]byte(strings.TrimPrefix(body, "\ufeff")))
	return len(b) > 0 && (b[0] == '{' || b[0] == '[')
}
