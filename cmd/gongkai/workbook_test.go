package main

import (
	"archive/zip"
	"crypto/sha256"
	"fmt"
	"io"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/xuri/excelize/v2"

	"github.com/gongkai/gongkai/crawl/sitefarm"
	"github.com/gongkai/gongkai/landing"
	"github.com/gongkai/gongkai/reports"
)

// checkWorkbookCounts reopens the scorecard and compares its 信息发布 sheet,
// unit by unit and category by category, with the expected counts.
func checkWorkbookCounts(t *testing.T, path string, truth *sitefarm.Truth, want map[string]map[string]int) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("信息发布")
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]string{}
	for _, u := range truth.Units {
		byName[u.Name] = u.ID
	}
	header := -1
	for i, r := range rows {
		if len(r) > 0 && r[0] == "单位" {
			header = i
			break
		}
	}
	if header < 0 {
		t.Fatalf("信息发布 has no header row starting with 单位: %q", rows)
	}
	cols := rows[header]
	got := map[string]map[string]int{}
	totals := map[string]int{}
	for _, r := range rows[header+1:] {
		if len(r) == 0 {
			continue
		}
		id, ok := byName[r[0]]
		if !ok {
			continue
		}
		for j, name := range cols {
			if j >= len(r) {
				break
			}
			n, err := strconv.Atoi(r[j])
			if err != nil {
				continue
			}
			switch {
			case name == "发布数量":
				totals[id] = n
			case isCategory(name) && n > 0:
				if got[id] == nil {
					got[id] = map[string]int{}
				}
				got[id][name] = n
			}
		}
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("workbook 信息发布 counts (-truth +workbook):\n%s", diff)
	}
	for id, cats := range want {
		sum := 0
		for _, n := range cats {
			sum += n
		}
		if totals[id] != sum {
			t.Errorf("workbook 发布数量 of %s = %d, truth %d", id, totals[id], sum)
		}
	}
}

func isCategory(s string) bool {
	for _, c := range []string{"机构领导", "机构设置", "部门动态", "通知公告", "人事信息", "政策文件", "政策解读",
		"规划计划", "依法行政", "财政预决算", "招标采购", "重点领域", "民生公益", "政务公开工作专题", "依申请公开", "其他"} {
		if c == s {
			return true
		}
	}
	return false
}

// checkEvidenceLinks follows a workbook's links into its 证据 folder: each
// resolves to a file named by a snapshot's hash, holding that snapshot's
// evidence page. It returns how many links it followed.
func checkEvidenceLinks(t *testing.T, book, landingDir string) int {
	t.Helper()
	zr, err := zip.OpenReader(book)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	re := regexp.MustCompile(`Target="([^"]+\.html)"`)
	snaps := landing.SnapshotStore(landingDir)
	seen := map[string]bool{}
	for _, f := range zr.File {
		if !strings.HasPrefix(f.Name, "xl/worksheets/_rels/") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(b), -1) {
			if strings.Contains(m[1], "://") {
				continue // a page on the site itself
			}
			rel, err := url.PathUnescape(m[1])
			if err != nil || !strings.HasPrefix(rel, reports.EvidenceDir+"/") {
				t.Errorf("evidence link %q is not into %s/", m[1], reports.EvidenceDir)
				continue
			}
			if seen[rel] {
				continue
			}
			seen[rel] = true
			page, err := os.ReadFile(filepath.Join(filepath.Dir(book), filepath.FromSlash(rel)))
			if err != nil {
				t.Errorf("evidence link %s resolves to no file: %v", rel, err)
				continue
			}
			sum := strings.TrimSuffix(path.Base(rel), ".html")
			body, err := snaps.Get(sum)
			if err != nil {
				t.Errorf("evidence %s: no snapshot: %v", rel, err)
				continue
			}
			if got := fmt.Sprintf("%x", sha256.Sum256(body)); got != sum {
				t.Errorf("evidence %s holds a snapshot whose hash is %s", rel, got)
			}
			if !strings.Contains(string(page), "SHA-256：<code>"+sum) {
				t.Errorf("evidence page %s does not show its hash", rel)
			}
		}
	}
	return len(seen)
}
