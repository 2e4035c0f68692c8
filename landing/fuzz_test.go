package landing

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzReadFile: whatever bytes sit in a landing file (compressed or not,
// cut anywhere), reading it either succeeds or fails with an error naming
// the file; it never panics.
func FuzzReadFile(f *testing.F) {
	line, _ := json.Marshal(Item{RunID: "r1", UnitID: "u01", ColumnID: "gzdt", URL: "http://a/1.html", Title: "政务公开"})
	f.Add(append(line, '\n'), true)
	f.Add([]byte("{\"url\":1}\n{"), true)
	f.Add([]byte("not gzip"), false)
	f.Add([]byte{0x1f, 0x8b, 0x08, 0x00}, false)
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte, compress bool) {
		p := filepath.Join(dir, FileItems)
		if compress {
			var b bytes.Buffer
			zw := gzip.NewWriter(&b)
			zw.Write(data)
			zw.Close()
			data = b.Bytes()
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		err := ReadFile(p, func(Item) error { return nil })
		if err != nil && !strings.Contains(err.Error(), p) {
			t.Fatalf("error %q does not name the file", err)
		}
	})
}

// FuzzReadManifest: a manifest of any content is read or refused with an
// error naming it.
func FuzzReadManifest(f *testing.F) {
	f.Add([]byte(`{"run_id":"r1","cutoff":"2026-11-01","complete":true,"units":[{"unit_id":"u01","done":true}]}`))
	f.Add([]byte(`{"run_id": "r`))
	f.Add([]byte(`{"started_at":"yesterday"}`))
	f.Add([]byte{})
	root := f.TempDir()
	r, err := CreateRun(root, "r1")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if err := os.WriteFile(r.ManifestPath(), data, 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := r.ReadManifest(); err != nil && !strings.Contains(err.Error(), r.ManifestPath()) {
			t.Fatalf("error %q does not name the manifest", err)
		}
		if err := r.CheckMeta(); err == nil {
			t.Fatal("CheckMeta passed a run without units.json")
		}
	})
}
