package filename

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestClean(t *testing.T) {
	long := strings.Repeat("长", 100) // 300 bytes
	for _, tc := range []struct {
		in   string
		max  int
		want string
	}{
		{"区教育局", 0, "区教育局"},
		{`教育/局:*?[测试]"<>|`, 0, "教育_局___[测试]____"},
		{"../../etc/passwd", 0, "_.._etc_passwd"},
		{"CON", 0, "_CON"},
		{"con.txt", 0, "_con.txt"},
		{"lpt1", 0, "_lpt1"},
		{" . ", 0, "_"},
		{"a\x00b", 0, "ab"},
		{long, 0, strings.Repeat("长", 66)},
		{long, 10, "长长长"},
		{"ab长", 4, "ab"},
		{"\xff\xfe", 0, "_"},
	} {
		if got := Clean(tc.in, tc.max); got != tc.want {
			t.Errorf("Clean(%q, %d) = %q, want %q", tc.in, tc.max, got, tc.want)
		}
	}
}

// A unit name of 76 Chinese characters used to make a name too long to
// create; Make's names can always be created.
func TestMakeCreatable(t *testing.T) {
	dir := t.TempDir()
	name := Make("问题清单_"+strings.Repeat("某某市某某区人民政府", 10)+"_u01", ".xlsx")
	if len(name) > MaxBytes || !strings.HasSuffix(name, ".xlsx") {
		t.Fatalf("Make = %q (%d bytes)", name, len(name))
	}
	if err := os.WriteFile(filepath.Join(dir, name), nil, 0o644); err != nil {
		t.Fatalf("create %q: %v", name, err)
	}
}

// FuzzMake: whatever the text, the name is valid UTF-8, at most MaxBytes,
// keeps the extension, holds no separator, control or reserved character,
// is no reserved device name, and can be created.
func FuzzMake(f *testing.F) {
	for _, s := range []string{"区教育局", "../../x", "CON", strings.Repeat("长", 90), " . ", "a/b\\c", "\x00", "nul.txt"} {
		f.Add(s)
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, s string) {
		name := Make(s, ".xlsx")
		if len(name) > MaxBytes || !utf8.ValidString(name) || !strings.HasSuffix(name, ".xlsx") {
			t.Fatalf("Make(%q) = %q", s, name)
		}
		base := strings.TrimSuffix(name, ".xlsx")
		if base == "" || strings.ContainsAny(name, "/\\<>:\"|?*\x00") || strings.HasPrefix(name, ".") || strings.HasSuffix(base, " ") {
			t.Fatalf("Make(%q) = %q", s, name)
		}
		for _, r := range name {
			if r < 0x20 || r == 0x7F {
				t.Fatalf("Make(%q) = %q has a control character", s, name)
			}
		}
		dev := strings.ToUpper(base)
		if i := strings.IndexByte(dev, '.'); i >= 0 {
			dev = dev[:i]
		}
		if reserved[strings.TrimSpace(dev)] {
			t.Fatalf("Make(%q) = %q is a reserved device name", s, name)
		}
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, nil, 0o644); err != nil {
			t.Fatalf("create %q: %v", name, err)
		}
		os.Remove(p)
	})
}
