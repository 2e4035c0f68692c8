package extract

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"
)

// reRecord is the pattern jpageRecords stands for.
var reRecord = regexp.MustCompile(`(?is)<record>\s*(?:<!\[CDATA\[(.*?)\]\]>|(.*?))\s*</record>`)

func rawSamples(t testing.TB) []string {
	samples := []string{
		"", "<record>", "<record></record>", "<record> \n </record>", "<RECORD><![CDATA[<a href=x>t</a>]]></Record>",
		"<record><![CDATA[ a ]]> </record><record>b</record>", "<record><![CDATA[ a </record><record><![CDATA[b]]></record>",
		"<record><![CDATA[a]]>x</record>", "<record> raw &lt;a&gt; \t</record>", "<record><![CDATA[a]]>", "<record>a]]></record>",
		"<record><![CDATA[x]]]]></record>", "<record><![cdata[lower]]></record>", "x<record>\xff</record>",
		"totalRecord: 45, perPage: '15', groupSize=3, proxyUrl:'/p.jsp'", "<totalrecord> 99 </totalrecord>", "xtotalRecord=5 totalRecord=6",
		"<nextgroup><![CDATA[<a href=\"/m.jsp?webid=1&amp;columnid=2\">]]></nextgroup>", "var xperPage=1; perPage=2",
	}
	for _, dir := range []string{"list", "challenge"} {
		files, _ := filepath.Glob(filepath.Join("testdata", dir, "*"))
		farm, _ := filepath.Glob(filepath.Join(farmPages, "hanweb*"))
		for _, f := range append(files, farm...) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			samples = append(samples, string(b))
		}
	}
	return samples
}

func checkRawScan(t *testing.T, s string) {
	lower := asciiLower(s)
	frags, cdata := jpageRecords(s, lower)
	want := reRecord.FindAllStringSubmatch(s, -1)
	if len(frags) != len(want) {
		t.Fatalf("jpageRecords(%q) found %d records, want %d", s, len(frags), len(want))
	}
	for i, m := range want {
		// A record the regexp reads as CDATA has its first group set.
		wantCDATA := reRecord.FindAllStringSubmatchIndex(s, -1)[i][2] >= 0
		wantFrag := m[2]
		if wantCDATA {
			wantFrag = m[1]
		}
		if frags[i] != wantFrag || cdata[i] != wantCDATA {
			t.Errorf("jpageRecords(%q)[%d] = %q (cdata %v), want %q (cdata %v)", s, i, frags[i], cdata[i], wantFrag, wantCDATA)
		}
	}
	for _, c := range []struct {
		re  *regexp.Regexp
		lit string
	}{{reTotalRecord, "totalrecord"}, {rePerPage, "perpage"}, {reGroupSize, "groupsize"}, {reProxyURL, "proxyurl"}, {reNextGroup, "<nextgroup>"}} {
		if got, want := findFrom(c.re, s, lower, c.lit), c.re.FindStringSubmatch(s); !slices.Equal(got, want) {
			t.Errorf("findFrom(%s, %q) = %q, want %q", c.re, s, got, want)
		}
	}
}

// The hand-written scans must find what the whole-page regexps find.
func TestRawScanAgreesWithRegexp(t *testing.T) {
	for _, s := range rawSamples(t) {
		checkRawScan(t, s)
	}
}

func FuzzRawScan(f *testing.F) {
	for _, s := range []string{"<record><![CDATA[a]]></record>", "<record> b </record>", "totalRecord=3", "<nextgroup>x</nextgroup>"} {
		f.Add(s)
	}
	f.Fuzz(checkRawScan)
}
