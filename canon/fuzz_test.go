package canon

import "testing"

var fuzzSeeds = []string{
	"http://:", "http://:80", "https://:443/", "http://[::1]:80/a", "http://a.gov.cn:8080/./x/../y/",
	"HTTP://A.GOV.CN/a%2Fb?utm_source=x&b=2&a=1#f", "http://a/b?q=%zz", "http://a/%E6%94%BF%E5%8A%A1",
	"http://a/b c", "http://user:pw@a/", "http://a?", "http://a/..", "http://a//b//", "http://a/b?x=1&x=0",
	"http://[fe80::1%25en0]/", "http://a:/", "http://a.gov.cn./x", "http://a/;p?q",
}

// FuzzURLIdempotent: canonicalising a canonical URL changes nothing.
func FuzzURLIdempotent(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		once, err := URL(raw)
		if err != nil {
			return
		}
		twice, err := URL(once)
		if err != nil {
			t.Fatalf("URL(%q) = %q, which does not canonicalise: %v", raw, once, err)
		}
		if twice != once {
			t.Fatalf("URL(%q) = %q, but URL(%q) = %q", raw, once, once, twice)
		}
	})
}

func TestURLWithoutHost(t *testing.T) {
	for _, raw := range []string{"http://:", "http://:80", "https://:443/x", "A://::0"} {
		if got, err := URL(raw); err == nil {
			t.Errorf("URL(%q) = %q, want an error (no host)", raw, got)
		}
	}
}
