package reports

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// A GBK page as a site serves it: a script that would rewrite the page, an
// onload handler, a javascript: link, a refresh to the live site.
func gbkPage(t *testing.T) []byte {
	t.Helper()
	src := `<html><head><meta charset="gbk"><meta http-equiv="refresh" content="0;url=http://example.invalid/">
<title>关于开展2026年政务公开工作的通知</title>
<script>document.addEventListener('DOMContentLoaded',function(){document.body.innerHTML='SCRIPT RAN'})</script></head>
<body onload="document.title='HANDLER RAN'"><h1>关于开展2026年政务公开工作的通知</h1>
<p>发布日期：2026-10-11</p><a href="javascript:alert(1)">打印</a><a href="../index.html">返回</a>
<noscript>请启用脚本</noscript></body></html>`
	b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var evidenceMeta = EvidenceMeta{Unit: "市教育局", URL: "http://127.0.0.1:8080/zwgk/tzgg/t20261011_1.html",
	FetchedAt: time.Date(2026, 11, 1, 10, 3, 4, 0, time.UTC), SHA256: strings.Repeat("ab", 32)}

func TestEvidenceHTML(t *testing.T) {
	out, err := EvidenceHTML(gbkPage(t), "text/html", evidenceMeta)
	if err != nil {
		t.Fatal(err)
	}
	s := string(out)
	for _, want := range []string{
		`<meta charset="utf-8"/>`, `script-src &#39;none&#39;`, `<base href="http://127.0.0.1:8080/zwgk/tzgg/t20261011_1.html"/>`,
		`id="gongkai-evidence"`, "单位：市教育局", "采集时间：2026-11-01 10:03:04", "SHA-256：<code>" + evidenceMeta.SHA256,
		"<h1>关于开展2026年政务公开工作的通知</h1>", `<a href="../index.html">返回</a>`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("evidence page lacks %q", want)
		}
	}
	for _, gone := range []string{"<script", "SCRIPT RAN", "onload", "javascript:", "http-equiv=\"refresh\"", "请启用脚本"} {
		if strings.Contains(s, gone) {
			t.Errorf("evidence page still has %q", gone)
		}
	}
}

// TestEvidenceInChromium opens an evidence page in headless Chromium, as a
// unit would in a browser, and checks what it shows: the banner and the
// page's own text, decoded, with nothing the page's scripts would do.
func TestEvidenceInChromium(t *testing.T) {
	bin := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			bin = p
			break
		}
	}
	if bin == "" {
		t.Skip("chromium is not installed (Debian: apt-get install chromium); the browser check of evidence pages needs it")
	}
	out, err := EvidenceHTML(gbkPage(t), "", evidenceMeta)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	page := filepath.Join(dir, "证据.html")
	if err := os.WriteFile(page, out, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--dump-dom", "file://"+page)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	dom, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	s := string(dom)
	for _, want := range []string{"gongkai 采集证据", "单位：市教育局", "关于开展2026年政务公开工作的通知", "发布日期：2026-10-11", evidenceMeta.SHA256} {
		if !strings.Contains(s, want) {
			t.Errorf("the browser shows no %q:\n%s", want, s)
		}
	}
	for _, gone := range []string{"SCRIPT RAN", "HANDLER RAN"} {
		if strings.Contains(s, gone) {
			t.Errorf("a script of the page ran in the browser (%q)", gone)
		}
	}
}
