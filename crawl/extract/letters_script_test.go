package extract

import (
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// TestScriptAPIHeaders: a shell page's list call is sent with the token
// headers its script sets — from a variable the page assigns, from the
// csrf-token meta, or from $.ajaxSetup — never with other headers; offset
// paging starts at 0 and moves by the limit.
func TestScriptAPIHeaders(t *testing.T) {
	ref := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name, page string
		want       Request
	}{
		{"variable", `<script>var _CSRF = 'abc123';</script><div id="l"></div><script>
$.ajax({url: "/hdjlpt/letter/pubList", type: "POST", headers: {"X-CSRF-TOKEN": _CSRF, "User-Agent": "x"}, data: {offset: 0, limit: 10, site_id: "7"},
 success: function(r){ $("#l").html(r); }});</script>`,
			Request{Method: "POST", URL: "http://a.test/hdjlpt/letter/pubList", Page: 1,
				Form: url.Values{"offset": {"0"}, "limit": {"10"}, "site_id": {"7"}}, Header: map[string]string{"X-CSRF-TOKEN": "abc123"}}},
		{"meta and ajaxSetup", `<head><meta name="csrf-token" content="tok-9"></head><div id="l"></div><script>
$.ajaxSetup({headers: {'X-CSRF-TOKEN': $('meta[name="csrf-token"]').attr('content')}});
$.ajax({url: "/api/letters", type: "GET", data: {pageNo: 1, pageSize: 10}, success: function(r){ $("#l").html(r); }});</script>`,
			Request{Method: "GET", URL: "http://a.test/api/letters?pageNo=1&pageSize=10", Page: 1, Header: map[string]string{"X-CSRF-TOKEN": "tok-9"}}},
		{"none", `<div id="l"></div><script>$.ajax({url: "/api/letters", type: "POST", data: {pageNo: 1}, success: function(r){ $("#l").html(r); }});</script>`,
			Request{Method: "POST", URL: "http://a.test/api/letters", Page: 1, Form: url.Values{"pageNo": {"1"}}}},
	}
	for _, c := range cases {
		lp, err := ExtractLetters(MailAuto, Request{Method: "GET", URL: "http://a.test/hdjl/index.html", Page: 1}, "<html><body>"+c.page+"</body></html>", ref)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff([]Request{c.want}, lp.Next); d != "" {
			t.Errorf("%s: next (-want +got):\n%s", c.name, d)
		}
	}
	// The JSON answer's next request keeps the headers and moves the offset.
	first := cases[0].want
	body := `{"data":{"total":25,"rows":[` + rowsJSON(10) + `]}}`
	lp, err := ExtractLetters(MailAuto, first, body, ref)
	if err != nil {
		t.Fatal(err)
	}
	want := []Request{{Method: "POST", URL: first.URL, Page: 2, Header: first.Header,
		Form: url.Values{"offset": {"10"}, "limit": {"10"}, "site_id": {"7"}}}}
	if d := cmp.Diff(want, lp.Next); d != "" || len(lp.Letters) != 10 {
		t.Errorf("%d letters; next (-want +got):\n%s", len(lp.Letters), d)
	}
}

func rowsJSON(n int) string {
	out := ""
	for i := range n {
		if i > 0 {
			out += ","
		}
		out += `{"id":` + strconv.Itoa(i+1) + `,"title":"信件` + strconv.Itoa(i+1) + `","create_time":"2026-11-0` + strconv.Itoa(i%9+1) + ` 10:00:00","status_name":"已办结"}`
	}
	return out
}

// TestPageToken finds the CSRF token a page writes, wherever it is, and
// nothing on a page without one.
func TestPageToken(t *testing.T) {
	cases := map[string]string{
		`<head><meta name="csrf-token" content="m-1"></head>`:                           "m-1",
		`<form><input type="hidden" name="_token" value="i-2"></form>`:                  "i-2",
		`<script>var SITE = 3; var _CSRF = 'v-3';</script>`:                             "v-3",
		`<script>window.csrfToken = "w-4";</script>`:                                    "w-4",
		`<head><meta name="description" content="x"></head><script>var a='b';</script>`: "",
	}
	for page, want := range cases {
		got, ok := PageToken("<html>" + page + "</html>")
		if got != want || ok != (want != "") {
			t.Errorf("%s: token %q %v, want %q", page, got, ok, want)
		}
	}
}

// TestScriptAPIJSONBody: a list call whose data is JSON.stringify({…}) is
// sent as a JSON body, and the next page moves the page field in it.
func TestScriptAPIJSONBody(t *testing.T) {
	ref := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	page := `<html><body><div id="l"></div><script>
$.ajax({url: "/lyb/api/message/list", type: "POST", contentType: "application/json", data: JSON.stringify({pageNum: n, pageSize: 8, boardId: "szly"}),
 success: function(r){ $("#l").html(r); }});</script></body></html>`
	lp, err := ExtractLetters(MailAuto, Request{Method: "GET", URL: "http://a.test/lyb/index.html", Page: 1}, page, ref)
	if err != nil {
		t.Fatal(err)
	}
	want := Request{Method: "POST", URL: "http://a.test/lyb/api/message/list", Page: 1, Body: `{"boardId":"szly","pageNum":1,"pageSize":8}`}
	if d := cmp.Diff([]Request{want}, lp.Next); d != "" {
		t.Fatalf("next (-want +got):\n%s", d)
	}
	lp, err = ExtractLetters(MailAuto, want, `{"data":{"total":20,"pageSize":8,"list":[`+rowsJSON(8)+`]}}`, ref)
	if err != nil {
		t.Fatal(err)
	}
	next := []Request{{Method: "POST", URL: want.URL, Page: 2, Body: `{"boardId":"szly","pageNum":2,"pageSize":8}`}}
	if d := cmp.Diff(next, lp.Next); d != "" || len(lp.Letters) != 8 {
		t.Errorf("%d letters; next (-want +got):\n%s", len(lp.Letters), d)
	}
}
