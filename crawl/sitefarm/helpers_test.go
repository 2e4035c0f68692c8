package sitefarm

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// startFarm starts a farm for the test and closes it at the end.
func startFarm(tb testing.TB, opts Options) *Farm {
	tb.Helper()
	f := New(opts)
	if err := f.Start(); err != nil {
		tb.Fatalf("start farm: %v", err)
	}
	tb.Cleanup(f.Close)
	return f
}

// get fetches u and returns status, headers and body.
func get(tb testing.TB, u string) (int, http.Header, []byte) {
	tb.Helper()
	resp, err := http.Get(u)
	if err != nil {
		tb.Fatalf("get %s: %v", u, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatalf("read %s: %v", u, err)
	}
	return resp.StatusCode, resp.Header, b
}

func post(tb testing.TB, u string, form url.Values) (int, []byte) {
	tb.Helper()
	resp, err := http.Post(u, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()))
	if err != nil {
		tb.Fatalf("post %s: %v", u, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatalf("read %s: %v", u, err)
	}
	return resp.StatusCode, b
}

func resolve(tb testing.TB, base, ref string) string {
	tb.Helper()
	b, err := url.Parse(base)
	if err != nil {
		tb.Fatal(err)
	}
	r, err := url.Parse(ref)
	if err != nil {
		tb.Fatal(err)
	}
	return b.ResolveReference(r).String()
}

func unitByID(tb testing.TB, t *Truth, id string) *Unit {
	tb.Helper()
	for _, u := range t.Units {
		if u.ID == id {
			return u
		}
	}
	tb.Fatalf("no unit %s", id)
	return nil
}

func columnByCategory(u *Unit, cat string) *Column {
	for _, c := range u.Columns {
		if c.Category == cat {
			return c
		}
	}
	return nil
}

// getText fetches a page as text, decoding GBK pages (declared in <meta>).
func getText(tb testing.TB, u string) string {
	tb.Helper()
	_, _, body := get(tb, u)
	if utf8.Valid(body) {
		return string(body)
	}
	b, err := simplifiedchinese.GB18030.NewDecoder().Bytes(body)
	if err != nil {
		tb.Fatalf("decode %s: %v", u, err)
	}
	return string(b)
}

// httpGetQuiet is a GET whose failure is expected (fault injection).
func httpGetQuiet(u string) (*http.Response, error) {
	c := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	return c.Get(u)
}
