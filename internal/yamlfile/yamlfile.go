// Package yamlfile decodes gongkai's YAML files (the config and the rules)
// strictly and reports every problem with its file, line and field. It
// knows nothing of what the files mean.
package yamlfile

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
)

// Error is one problem in a file, with the line it is on.
type Error struct {
	File  string
	Line  int    // 0 when unknown
	Field string // e.g. units[2].columns[0].url
	Msg   string
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
	}
	if e.Field != "" {
		b.WriteString(": ")
		b.WriteString(e.Field)
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	return b.String()
}

// Decode parses data into v, refusing unknown fields, and returns a
// Validator positioned on the document for the checks that follow.
func Decode(name string, data []byte, v any) (*Validator, error) {
	file, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, decodeError(name, err)
	}
	if err := yaml.UnmarshalWithOptions(data, v, yaml.DisallowUnknownField()); err != nil {
		return nil, decodeError(name, err)
	}
	return &Validator{file: name, ast: file}, nil
}

func decodeError(name string, err error) error {
	var ye yaml.Error
	if errors.As(err, &ye) {
		line := 0
		if tk := ye.GetToken(); tk != nil && tk.Position != nil {
			line = tk.Position.Line
		}
		return &Error{File: name, Line: line, Msg: ye.GetMessage()}
	}
	return &Error{File: name, Msg: err.Error()}
}

// Validator collects problems found after decoding.
type Validator struct {
	file string
	ast  *ast.File
	errs []*Error
}

// Fail records a problem at field (a path like units[2].columns[0].url).
func (v *Validator) Fail(field, format string, args ...any) {
	v.errs = append(v.errs, &Error{File: v.file, Line: v.line(field), Field: field, Msg: fmt.Sprintf(format, args...)})
}

// Err joins the problems in file order (checks that walk maps find them in
// random order), or returns nil.
func (v *Validator) Err() error {
	if len(v.errs) == 0 {
		return nil
	}
	sort.SliceStable(v.errs, func(i, j int) bool {
		a, b := v.errs[i], v.errs[j]
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Error() < b.Error()
	})
	errs := make([]error, len(v.errs))
	for i, e := range v.errs {
		errs[i] = e
	}
	return errors.Join(errs...)
}

// line finds the line of field in the document, or of its closest parent
// that is present (a missing field is reported where its parent is).
func (v *Validator) line(field string) int {
	for f := field; f != ""; f = parentField(f) {
		p, err := yaml.PathString("$." + f)
		if err != nil {
			continue
		}
		n, err := p.FilterFile(v.ast)
		if err != nil || n == nil {
			continue
		}
		if tk := n.GetToken(); tk != nil && tk.Position != nil {
			return tk.Position.Line
		}
	}
	return 0
}

func parentField(f string) string {
	i := strings.LastIndexAny(f, ".[")
	if i <= 0 {
		return ""
	}
	return f[:i]
}
