package config

import (
	"strings"
	"testing"
)

// FuzzParse: any bytes give a config or an error that names the file; never
// a panic.
func FuzzParse(f *testing.F) {
	f.Add([]byte(good))
	f.Add([]byte("\ufeff" + good))
	f.Add([]byte("crawl: 5\n"))
	f.Add([]byte("units:\n  - id: [\n"))
	f.Add([]byte("units: {a: b}\n"))
	f.Add([]byte("\xb9\xab\xbf\xaa: x\n"))
	f.Add([]byte("profiles:\n  p:\n    family: generic\n    item: 'a[href'\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse("fuzz.yaml", data)
		if err != nil {
			for _, line := range strings.Split(err.Error(), "\n") {
				if !strings.HasPrefix(line, "fuzz.yaml") {
					t.Fatalf("error line %q does not name the file", line)
				}
			}
			return
		}
		if len(c.Units) == 0 {
			t.Fatal("a config without units was accepted")
		}
	})
}

// FuzzParseByteSize: a size that parses is never negative.
func FuzzParseByteSize(f *testing.F) {
	for _, s := range []string{"8MiB", "512KiB", "1000", "2MB", "1.5GiB", "-1", "1e400MiB", "NaNMiB", "InfGiB"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := ParseByteSize(s)
		if err == nil && n < 0 {
			t.Fatalf("ParseByteSize(%q) = %d", s, n)
		}
	})
}
