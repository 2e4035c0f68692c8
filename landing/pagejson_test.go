package landing

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"testing"
	"time"
)

// TestAppendPageAsEncodingJSON: a page record is written byte for byte as
// encoding/json writes it, for every field filled or empty and for strings
// with quotes, control bytes, invalid UTF-8, U+2028/U+2029 and HTML
// characters.
func TestAppendPageAsEncodingJSON(t *testing.T) {
	shanghai := time.FixedZone("CST", 8*3600)
	pages := []Page{
		{},
		{RunID: "r1", UnitID: "u01", Kind: PageDetail, Method: "GET", URL: "http://127.0.0.1:8080/a?b=1&c=<2>", Attempt: 1, Status: 200,
			Bytes: 5234, DurationMS: 12, Outcome: OutcomeOK, SHA256: Hash([]byte("x")), FetchedAt: time.Date(2026, 12, 7, 19, 3, 4, 120000000, time.UTC)},
		{RunID: "r1", UnitID: "u01", ColumnID: "gzdt", Kind: PageList, Method: "POST", URL: "http://a/列表.html", Attempt: 3,
			Outcome: OutcomeFailed, Error: "Get \"http://a/\": dial tcp: connection refused\n\t\x00\x1f\x7f", FetchedAt: time.Date(2026, 1, 2, 3, 4, 5, 6, shanghai), Rendered: true},
		{RunID: "r\u2028", UnitID: "u\u2029", URL: "\xff\xfe bad \xe4\xb8 utf-8 \\ \" \b \f \r", Outcome: OutcomeBlocked, Error: "<script>&</script>", FetchedAt: time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC)},
	}
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", "\"", "\\", "\n", "\x01", "\x7f", "\xff", "\xe4\xb8", "政", "\u2028", "\u2029", "<", "&", "é", "\U0001F600", "\xed\xa0\x80"}
	str := func() string {
		var b []byte
		for range rng.IntN(12) {
			b = append(b, alphabet[rng.IntN(len(alphabet))]...)
		}
		return string(b)
	}
	for range 2000 {
		pages = append(pages, Page{RunID: str(), UnitID: str(), ColumnID: str(), Kind: str(), Method: str(), URL: str(),
			Attempt: rng.IntN(5) - 1, Status: rng.IntN(600), Bytes: rng.Int64N(1 << 40), DurationMS: rng.Int64N(1000) - 10,
			Outcome: str(), Error: str(), SHA256: str(), Rendered: rng.IntN(2) == 0,
			FetchedAt: time.Unix(rng.Int64N(4e9), rng.Int64N(1e9)).In(shanghai)})
	}
	for i, p := range pages {
		var want bytes.Buffer
		enc := json.NewEncoder(&want)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(p); err != nil {
			t.Fatal(err)
		}
		if got := appendPage(nil, p); !bytes.Equal(got, want.Bytes()) {
			t.Fatalf("page %d:\n got %s\nwant %s", i, got, want.Bytes())
		}
	}
}

// TestAddPageOddTime: a time encoding/json refuses is refused by AddPage
// too.
func TestAddPageOddTime(t *testing.T) {
	r, err := CreateRun(t.TempDir(), "r1")
	if err != nil {
		t.Fatal(err)
	}
	w, err := r.UnitWriter("u01")
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	if err := w.AddPage(Page{RunID: "r1", FetchedAt: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)}); err == nil {
		t.Fatal("a year past 9999 was written")
	}
}
