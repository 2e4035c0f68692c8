// Package yamlfile decodes gongkai's YAML files (the config and the rules)
// strictly and reports every problem with its file, line and field. It
// knows nothing of what the files mean.
package yamlfile

import (
	"bytes"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/goccy/go-yaml"
	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
	"golang.org/x/text/encoding/simplifiedchinese"
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

// bom is the UTF-8 byte-order mark some Windows editors put first.
const bom = "\ufeff"

// Decode parses data into v, refusing unknown fields, and returns a
// Validator positioned on the document for the checks that follow. The
// file must be UTF-8 (a byte-order mark is allowed); a type error names
// the YAML path (units[3].columns[0].url), not a Go type.
func Decode(name string, data []byte, v any) (*Validator, error) {
	data = bytes.TrimPrefix(data, []byte(bom))
	if err := checkUTF8(name, data); err != nil {
		return nil, err
	}
	file, err := parser.ParseBytes(data, 0)
	if err != nil {
		return nil, decodeError(name, nil, err)
	}
	if err := yaml.UnmarshalWithOptions(data, v, yaml.DisallowUnknownField()); err != nil {
		return nil, decodeError(name, file, err)
	}
	return &Validator{file: name, ast: file}, nil
}

// checkUTF8 refuses text that is not UTF-8, naming the first bad line and
// saying what it looks like: a file saved as GBK (common on Chinese
// Windows) would otherwise decode into garbled names without a word.
func checkUTF8(name string, data []byte) error {
	if utf8.Valid(data) {
		return nil
	}
	line := 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		if r == '\n' {
			line++
		}
		i += size
	}
	msg := "the file is not UTF-8; save it as UTF-8"
	if _, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data); err == nil {
		msg = "the file is not UTF-8 (it looks like GBK/GB18030); save it as UTF-8"
	}
	return &Error{File: name, Line: line, Msg: msg}
}

func decodeError(name string, file *ast.File, err error) error {
	var ye yaml.Error
	if !errors.As(err, &ye) {
		return &Error{File: name, Msg: err.Error()}
	}
	tk := ye.GetToken()
	e := &Error{File: name, Msg: ye.GetMessage()}
	if tk != nil && tk.Position != nil {
		e.Line = tk.Position.Line
		e.Field = pathAt(file, tk)
	}
	var te *yaml.TypeError
	var ne *yaml.UnexpectedNodeTypeError
	var ue *yaml.UnknownFieldError
	switch {
	case errors.As(err, &te):
		e.Msg = fmt.Sprintf("want %s, got %s", goKind(te.DstType), tokenText(tk))
	case errors.As(err, &ne):
		e.Msg = fmt.Sprintf("want %s, got %s", nodeKind(ne.Expected), tokenText(tk))
	case errors.As(err, &ue):
		// The key's own path names the unknown field; its parent says
		// where it stands.
		e.Field = parentField(e.Field)
	}
	return e
}

// pathAt finds the YAML path (without the leading "$.") of the node the
// token belongs to: the deepest node starting at the token's position.
func pathAt(file *ast.File, tk *token.Token) string {
	if file == nil || tk == nil || tk.Position == nil {
		return ""
	}
	var path string
	for _, doc := range file.Docs {
		ast.Walk(visitor(func(n ast.Node) {
			if t := n.GetToken(); t != nil && t.Position != nil &&
				t.Position.Line == tk.Position.Line && t.Position.Column == tk.Position.Column {
				if p := n.GetPath(); p != "" {
					path = p
				}
			}
		}), doc)
	}
	path = strings.TrimPrefix(strings.TrimPrefix(path, "$"), ".")
	return path
}

type visitor func(ast.Node)

func (v visitor) Visit(n ast.Node) ast.Visitor {
	v(n)
	return v
}

// goKind says in the file's words what a Go type wants.
func goKind(t reflect.Type) string {
	if t == nil {
		return "another kind of value"
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.Bool:
		return "true or false"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "a whole number"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "text"
	case reflect.Slice, reflect.Array:
		return "a list (lines starting with -)"
	case reflect.Map, reflect.Struct:
		return "a mapping (key: value lines)"
	}
	return "another kind of value"
}

func nodeKind(t ast.NodeType) string {
	switch t {
	case ast.MappingType, ast.MappingValueType:
		return "a mapping (key: value lines)"
	case ast.SequenceType:
		return "a list (lines starting with -)"
	case ast.StringType:
		return "text"
	case ast.IntegerType:
		return "a whole number"
	case ast.FloatType:
		return "a number"
	case ast.BoolType:
		return "true or false"
	}
	return t.YAMLName()
}

// tokenText shows the offending value as written, shortened.
func tokenText(tk *token.Token) string {
	if tk == nil {
		return "something else"
	}
	v := tk.Value
	if r := []rune(v); len(r) > 40 {
		v = string(r[:40]) + "…"
	}
	switch tk.Type {
	case token.SequenceStartType, token.SequenceEntryType:
		return "a list"
	case token.MappingStartType, token.MappingValueType:
		return "a mapping"
	}
	return strconv.Quote(v)
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
