package reports

import (
	"strings"
	"testing"
)

func TestBreakableURL(t *testing.T) {
	for in, want := range map[string]string{
		"http://a.gov.cn/x/list.html?id=3&p=2": "http:/\u200b/\u200ba.gov.cn/\u200bx/\u200blist.html?\u200bid=\u200b3&\u200bp=\u200b2",
		"政务公开":                                 "政务公开",
		"":                                     "",
	} {
		got := breakableURL(in)
		if got != want {
			t.Errorf("breakableURL(%q) = %q, want %q", in, got, want)
		}
		if strings.ReplaceAll(got, string(zwsp), "") != in {
			t.Errorf("breakableURL(%q) changed the address", in)
		}
	}
}
