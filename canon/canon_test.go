package canon

import "testing"

func TestURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"HTTP://Example.GOV.cn:80/a/b.html", "http://example.gov.cn/a/b.html"},
		{"https://x.gov.cn:443", "https://x.gov.cn/"},
		{"http://x.gov.cn/a/./b/../c.html#top", "http://x.gov.cn/a/c.html"},
		{"http://x.gov.cn/zwgk/?utm_source=wx&b=2&a=1&spm=3", "http://x.gov.cn/zwgk/?a=1&b=2"},
		{"http://x.gov.cn/list.html?", "http://x.gov.cn/list.html"},
		{"http://127.0.0.1:8080/a//b", "http://127.0.0.1:8080/a/b"},
		{"http://x.gov.cn/%E6%94%BF%E5%8A%A1.html", "http://x.gov.cn/%E6%94%BF%E5%8A%A1.html"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := URL(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("URL(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
	if _, err := URL("/relative/only.html"); err == nil {
		t.Error("relative URL accepted")
	}
}

func TestResolve(t *testing.T) {
	got, err := Resolve("http://x.gov.cn/zwgk/bmdt/index_2.html", "./202603/t20260305_1.html")
	if err != nil {
		t.Fatal(err)
	}
	if want := "http://x.gov.cn/zwgk/bmdt/202603/t20260305_1.html"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	got, _ = Resolve("http://x.gov.cn/zwgk/bmdt/index.html", "../../art/1.html")
	if want := "http://x.gov.cn/art/1.html"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
