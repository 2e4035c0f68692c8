package reports

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"strings"
	"time"

	nethtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// EvidenceMeta says what a page snapshot is: whose, where from, when.
type EvidenceMeta struct {
	Unit string // the unit's name
	URL  string // the page's address when fetched
	// FetchedAt is Asia/Shanghai wall time, as the store keeps timestamps.
	FetchedAt time.Time
	SHA256    string // the snapshot's hash: what the page said, byte for byte
}

// EvidenceHTML turns a page as fetched into a self-contained evidence
// page a unit can open: decoded to UTF-8, its scripts and active content
// removed and forbidden (so the page shows what the crawler read, and
// opening it runs nothing), relative links resolved against its address,
// and a banner saying whose page it is, where and when it was fetched, and
// the hash that ties it to the snapshot store.
func EvidenceHTML(body []byte, contentType string, m EvidenceMeta) ([]byte, error) {
	r, err := charset.NewReader(bytes.NewReader(body), contentType)
	if err != nil {
		return nil, fmt.Errorf("evidence page: decode: %w", err)
	}
	doc, err := nethtml.Parse(r)
	if err != nil {
		return nil, fmt.Errorf("evidence page: parse: %w", err)
	}
	inert(doc)
	head, bodyEl := find(doc, atom.Head), find(doc, atom.Body)
	if head == nil || bodyEl == nil {
		return nil, fmt.Errorf("evidence page: no head or body")
	}
	// First in head, so they apply before anything the page declares.
	for _, n := range []*nethtml.Node{
		element(atom.Meta, "charset", "utf-8"),
		element(atom.Meta, "http-equiv", "Content-Security-Policy", "content", "script-src 'none'; object-src 'none'; frame-src 'none'"),
		element(atom.Base, "href", m.URL),
	} {
		head.InsertBefore(n, head.FirstChild)
	}
	banner, err := nethtml.ParseFragment(strings.NewReader(bannerHTML(m)), bodyEl)
	if err != nil {
		return nil, fmt.Errorf("evidence page: banner: %w", err)
	}
	for i := len(banner) - 1; i >= 0; i-- {
		bodyEl.InsertBefore(banner[i], bodyEl.FirstChild)
	}
	var out bytes.Buffer
	if err := nethtml.Render(&out, doc); err != nil {
		return nil, fmt.Errorf("evidence page: render: %w", err)
	}
	return out.Bytes(), nil
}

// bannerID marks the banner, so tests and readers can find it.
const bannerID = "gongkai-evidence"

func bannerHTML(m EvidenceMeta) string {
	e := html.EscapeString
	fetched := ""
	if !m.FetchedAt.IsZero() {
		fetched = m.FetchedAt.Format("2006-01-02 15:04:05")
	}
	return `<div id="` + bannerID + `" style="all:initial;display:block;box-sizing:border-box;width:100%;padding:8px 12px;` +
		`background:#fff3cd;border-bottom:2px solid #c9a227;font:14px/1.6 sans-serif;color:#222">` +
		`<b>gongkai 采集证据</b>（页面按采集时原样保存，已转为 UTF-8，脚本已禁用）<br>` +
		`单位：` + e(m.Unit) + `<br>` +
		`地址：<a href="` + e(m.URL) + `">` + e(m.URL) + `</a><br>` +
		`采集时间：` + e(fetched) + `（北京时间）<br>` +
		`SHA-256：<code>` + e(m.SHA256) + `</code></div>`
}

// inert removes what would run or load active content: script, noscript
// (its fallback content would show as if scripts were off, which they now
// are, but it was not what the crawler read), iframes, objects, embeds,
// event handler attributes and javascript: URLs.
func inert(n *nethtml.Node) {
	for c := n.FirstChild; c != nil; {
		next := c.NextSibling
		if c.Type == nethtml.ElementNode {
			switch c.DataAtom {
			case atom.Script, atom.Noscript, atom.Iframe, atom.Frame, atom.Object, atom.Embed, atom.Applet:
				n.RemoveChild(c)
				c = next
				continue
			case atom.Meta:
				// A refresh would leave the evidence for the live site.
				if strings.EqualFold(attr(c, "http-equiv"), "refresh") {
					n.RemoveChild(c)
					c = next
					continue
				}
			}
			kept := c.Attr[:0]
			for _, a := range c.Attr {
				v := strings.ToLower(strings.TrimSpace(a.Val))
				if strings.HasPrefix(strings.ToLower(a.Key), "on") || strings.HasPrefix(v, "javascript:") {
					continue
				}
				kept = append(kept, a)
			}
			c.Attr = kept
		}
		inert(c)
		c = next
	}
}

func find(n *nethtml.Node, a atom.Atom) *nethtml.Node {
	if n.Type == nethtml.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := find(c, a); f != nil {
			return f
		}
	}
	return nil
}

func attr(n *nethtml.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}

func element(a atom.Atom, kv ...string) *nethtml.Node {
	n := &nethtml.Node{Type: nethtml.ElementNode, DataAtom: a, Data: a.String()}
	for i := 0; i+1 < len(kv); i += 2 {
		n.Attr = append(n.Attr, nethtml.Attribute{Key: kv[i], Val: kv[i+1]})
	}
	return n
}

// EvidenceDir is the folder beside a workbook that holds its evidence
// pages; the workbook's 证据 cells link into it relatively, so a workbook
// sent with its folder carries its evidence.
const EvidenceDir = "证据"

// SnapshotReader gives a page snapshot's bytes by its SHA-256 (the landing
// snapshot store).
type SnapshotReader interface {
	Get(sha256 string) ([]byte, error)
}

// WriteEvidence writes the evidence page of the snapshot named by target
// (a SHA-256 or a page address, see the page_evidence macro) into dir as
// <sha256>.html and returns its path. An existing file is kept: a snapshot
// never changes.
func WriteEvidence(ctx context.Context, db *sql.DB, snaps SnapshotReader, dir, target string) (string, error) {
	m, err := LookupEvidence(ctx, db, target)
	if err != nil {
		return "", err
	}
	path := filepath.Join(dir, m.SHA256+".html")
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	page, err := EvidencePage(snaps, m)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("evidence: %w", err)
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, page, 0o644); err != nil {
		return "", fmt.Errorf("evidence: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return "", fmt.Errorf("evidence: %w", err)
	}
	return path, nil
}

// EvidencePage reads a snapshot and makes its evidence page.
func EvidencePage(snaps SnapshotReader, m EvidenceMeta) ([]byte, error) {
	body, err := snaps.Get(m.SHA256)
	if err != nil {
		return nil, fmt.Errorf("evidence %s: %w", m.SHA256, err)
	}
	return EvidenceHTML(body, "", m)
}

// LookupEvidence finds what a snapshot is, by its SHA-256 or its page's
// address (the newest fetch), through the page_evidence macro.
func LookupEvidence(ctx context.Context, db *sql.DB, target string) (EvidenceMeta, error) {
	var m EvidenceMeta
	var unit sql.NullString
	err := db.QueryRowContext(ctx, `SELECT sha256, coalesce(unit_name, unit_id), url, fetched_at FROM page_evidence(?) LIMIT 1`, target).
		Scan(&m.SHA256, &unit, &m.URL, &m.FetchedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return m, fmt.Errorf("evidence: no stored page is %q (give a SHA-256 or a page address the crawl fetched)", target)
	}
	if err != nil {
		return m, fmt.Errorf("evidence: %w", err)
	}
	m.Unit = unit.String
	return m, nil
}

// evidenceSet writes the evidence pages a workbook's 证据 cells link to,
// each once, into the workbook's 证据 folder. What it cannot write (a
// snapshot missing from the store) leaves the cell as the bare hash and is
// counted, never fatal: the hash still names the page.
type evidenceSet struct {
	ctx    context.Context
	db     *sql.DB
	snaps  SnapshotReader
	dir    string // absolute path of the 证据 folder
	meta   map[string]EvidenceMeta
	done   map[string]bool
	failed int
}

func newEvidenceSet(ctx context.Context, opts Options, bookDir string) *evidenceSet {
	if opts.Snapshots == nil {
		return nil
	}
	return &evidenceSet{ctx: ctx, db: opts.DB, snaps: opts.Snapshots, dir: filepath.Join(bookDir, EvidenceDir)}
}

// link writes the evidence page of hash when needed and returns the
// workbook-relative path to link, or false.
func (s *evidenceSet) link(hash string) (string, bool) {
	if s == nil || !isSHA256(hash) {
		return "", false
	}
	rel := EvidenceDir + "/" + hash + ".html"
	if s.done[hash] {
		return rel, true
	}
	if s.meta == nil {
		if err := s.load(); err != nil {
			s.failed++
			return "", false
		}
	}
	m, ok := s.meta[hash]
	if !ok {
		s.failed++
		return "", false
	}
	path := filepath.Join(s.dir, hash+".html")
	if _, err := os.Stat(path); err != nil {
		page, err := EvidencePage(s.snaps, m)
		if err == nil {
			err = os.MkdirAll(s.dir, 0o755)
		}
		if err == nil {
			err = os.WriteFile(path, page, 0o644)
		}
		if err != nil {
			s.failed++
			return "", false
		}
	}
	s.done[hash] = true
	return rel, true
}

// load reads what every snapshot is in one query.
func (s *evidenceSet) load() error {
	rows, err := s.db.QueryContext(s.ctx, `SELECT sha256, coalesce(unit_name, unit_id), url, fetched_at FROM page_evidence(NULL)`)
	if err != nil {
		return fmt.Errorf("evidence: %w", err)
	}
	defer rows.Close()
	s.meta, s.done = map[string]EvidenceMeta{}, map[string]bool{}
	for rows.Next() {
		var m EvidenceMeta
		var unit sql.NullString
		if err := rows.Scan(&m.SHA256, &unit, &m.URL, &m.FetchedAt); err != nil {
			return fmt.Errorf("evidence: %w", err)
		}
		m.Unit = unit.String
		s.meta[m.SHA256] = m
	}
	return rows.Err()
}

func isSHA256(s string) bool {
	if len(s) != 64 {
		return false
	}
	for _, c := range s {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return false
		}
	}
	return true
}
