package config

import (
	"strings"
	"testing"
)

const profileFields = `profiles:
  samr:
    family: json
    api: /api/cms/article/search
    method: POST
    body: '{"channelId":"45","pageNo":{page},"pageSize":{size}}'
    items_path: data.list
    html_path: result.content
    detail_url: "/xxgk/content/{id}.html"
    date_format: YYYYMMDD
    page_url: "list_{page}.html"
    render: true
`

func TestParseProfileFields(t *testing.T) {
	c, err := Parse("gongkai.yaml", []byte(profileFields+good))
	if err != nil {
		t.Fatal(err)
	}
	p := c.Profiles["samr"]
	if p.Method != "POST" || p.Body != `{"channelId":"45","pageNo":{page},"pageSize":{size}}` || p.HTMLPath != "result.content" ||
		p.DetailURL != "/xxgk/content/{id}.html" || p.DateFormat != "YYYYMMDD" || p.PageURL != "list_{page}.html" || !p.Render {
		t.Errorf("profile = %+v", p)
	}
	for _, tt := range []struct{ name, yaml, want string }{
		{"bad method", strings.Replace(profileFields, "method: POST", "method: PUT", 1), `profiles.samr.method: must be GET or POST, not "PUT"`},
		{"form and body", strings.Replace(profileFields, "    render: true\n", "    form: \"pageNo={page}\"\n", 1), `profiles.samr.body: a profile posts a form or a body, not both`},
	} {
		_, err := Parse("gongkai.yaml", []byte(tt.yaml+good))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: got %v, want %q", tt.name, err, tt.want)
		}
	}
}
