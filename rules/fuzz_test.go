package rules

import (
	"os"
	"strings"
	"testing"
)

// FuzzParse: any bytes give rules or an error naming the file on every
// line; never a panic.
func FuzzParse(f *testing.F) {
	builtin, err := os.ReadFile("2026.yaml")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(builtin)
	f.Add([]byte("\ufeff" + string(builtin)))
	f.Add([]byte("timeliness: {working_days: -1}\n"))
	f.Add([]byte("scorecard:\n  grades: [1, 2]\n"))
	f.Add([]byte("year: [\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := Parse("fuzz.yaml", data)
		if err == nil {
			return
		}
		for _, line := range strings.Split(err.Error(), "\n") {
			if !strings.HasPrefix(line, "fuzz.yaml") {
				t.Fatalf("error line %q does not name the file", line)
			}
		}
	})
}
