package reports

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path"
	"strconv"
	"strings"
)

// linkSet collects a workbook's external hyperlinks, sheet by sheet, so
// they can be written in one pass when the file is saved. excelize's
// SetCellHyperLink scans every existing link and relationship of the sheet
// on each call, which makes tens of thousands of links take minutes; the
// links are instead added to the saved package in linear time (addLinks).
type linkSet struct {
	sheets map[string][]link
}

type link struct {
	cell string
	url  string
}

// add records a hyperlink on a cell. It reports false, and records
// nothing, when the address is not linkable or the sheet already holds
// Excel's maximum of links: the cell then keeps its plain text.
func (l *linkSet) add(sheet, cell, url string) bool {
	if !linkable(url) || len(l.sheets[sheet]) >= maxSheetLinks {
		return false
	}
	if l.sheets == nil {
		l.sheets = map[string][]link{}
	}
	l.sheets[sheet] = append(l.sheets[sheet], link{cell, url})
	return true
}

// addFile records a link to a file beside the workbook (a relative path the
// workbook itself chose, such as 证据/<sha256>.html).
func (l *linkSet) addFile(sheet, cell, rel string) bool {
	if len(l.sheets[sheet]) >= maxSheetLinks {
		return false
	}
	if l.sheets == nil {
		l.sheets = map[string][]link{}
	}
	l.sheets[sheet] = append(l.sheets[sheet], link{cell, rel})
	return true
}

const (
	relHyperlink = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
	nsRel        = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
	nsPkgRel     = "http://schemas.openxmlformats.org/package/2006/relationships"
)

// hyperlinksFollowers are the worksheet elements that the schema puts after
// <hyperlinks>; the links go before the first of them.
var hyperlinksFollowers = []string{
	"<printOptions", "<pageMargins", "<pageSetup", "<headerFooter", "<rowBreaks",
	"<colBreaks", "<customProperties", "<cellWatches", "<ignoredErrors",
	"<smartTags", "<drawing", "<legacyDrawing", "<legacyDrawingHF", "<drawingHF",
	"<picture", "<oleObjects", "<controls", "<webPublishItems", "<tableParts",
	"<extLst", "</worksheet>",
}

// addLinks copies the xlsx package src to dst, adding the links to their
// sheets: a <hyperlinks> element in each sheet part and one relationship
// per link in the sheet's relationship part. Parts without links are
// copied as they are, without recompressing.
func addLinks(src, dst string, links *linkSet) error {
	zr, err := zip.OpenReader(src)
	if err != nil {
		return fmt.Errorf("open workbook: %w", err)
	}
	defer zr.Close()
	parts, err := sheetParts(&zr.Reader)
	if err != nil {
		return err
	}
	// part path -> links, and rels path -> part path
	byPart := map[string][]link{}
	for sheet, ls := range links.sheets {
		p, ok := parts[sheet]
		if !ok {
			return fmt.Errorf("add links: no sheet %q", sheet)
		}
		byPart[p] = ls
	}
	relsOf := func(part string) string {
		return path.Join(path.Dir(part), "_rels", path.Base(part)+".rels")
	}
	existing := map[string]*zip.File{}
	for _, zf := range zr.File {
		existing[zf.Name] = zf
	}
	// The relationship ids of the new links start above those in use.
	firstID := map[string]int{}
	relsOut := map[string][]byte{}
	for part, ls := range byPart {
		rp := relsOf(part)
		var rels relationships
		if zf, ok := existing[rp]; ok {
			data, err := readPart(zf)
			if err != nil {
				return err
			}
			if err := xml.Unmarshal(data, &rels); err != nil {
				return fmt.Errorf("read %s: %w", rp, err)
			}
		}
		next := 1
		for _, r := range rels.Rels {
			if n, err := strconv.Atoi(strings.TrimPrefix(r.ID, "rId")); err == nil && n >= next {
				next = n + 1
			}
		}
		firstID[part] = next
		relsOut[rp] = encodeRels(rels.Rels, ls, next)
	}

	out, err := os.Create(dst)
	if err != nil {
		return fmt.Errorf("create workbook: %w", err)
	}
	zw := zip.NewWriter(out)
	fail := func(err error) error {
		zw.Close()
		out.Close()
		os.Remove(dst)
		return err
	}
	for _, zf := range zr.File {
		if data, ok := relsOut[zf.Name]; ok {
			if err := writePart(zw, zf.Name, data); err != nil {
				return fail(err)
			}
			delete(relsOut, zf.Name)
			continue
		}
		ls, ok := byPart[zf.Name]
		if !ok {
			if err := zw.Copy(zf); err != nil {
				return fail(fmt.Errorf("copy %s: %w", zf.Name, err))
			}
			continue
		}
		if err := rewriteSheet(zw, zf, ls, firstID[zf.Name]); err != nil {
			return fail(err)
		}
	}
	for name, data := range relsOut {
		if err := writePart(zw, name, data); err != nil {
			return fail(err)
		}
	}
	if err := zw.Close(); err != nil {
		out.Close()
		os.Remove(dst)
		return fmt.Errorf("finish workbook: %w", err)
	}
	if err := out.Close(); err != nil {
		os.Remove(dst)
		return fmt.Errorf("close workbook: %w", err)
	}
	return nil
}

type relationships struct {
	Rels []relationship `xml:"Relationship"`
}

type relationship struct {
	ID         string `xml:"Id,attr"`
	Type       string `xml:"Type,attr"`
	Target     string `xml:"Target,attr"`
	TargetMode string `xml:"TargetMode,attr,omitempty"`
}

func encodeRels(old []relationship, ls []link, first int) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<Relationships xmlns="` + nsPkgRel + `">`)
	rel := func(id, typ, target, mode string) {
		b.WriteString(`<Relationship Id="`)
		xml.EscapeText(&b, []byte(id))
		b.WriteString(`" Type="`)
		xml.EscapeText(&b, []byte(typ))
		b.WriteString(`" Target="`)
		xml.EscapeText(&b, []byte(target))
		b.WriteString(`"`)
		if mode != "" {
			b.WriteString(` TargetMode="` + mode + `"`)
		}
		b.WriteString(`/>`)
	}
	for _, r := range old {
		rel(r.ID, r.Type, r.Target, r.TargetMode)
	}
	for i, l := range ls {
		rel("rId"+strconv.Itoa(first+i), relHyperlink, l.url, "External")
	}
	b.WriteString(`</Relationships>`)
	return b.Bytes()
}

// rewriteSheet copies a sheet part, declaring the relationships namespace
// on its root when missing and inserting the <hyperlinks> element after
// the sheet data.
func rewriteSheet(zw *zip.Writer, zf *zip.File, ls []link, first int) error {
	rc, err := zf.Open()
	if err != nil {
		return fmt.Errorf("open %s: %w", zf.Name, err)
	}
	defer rc.Close()
	w, err := zw.CreateHeader(&zip.FileHeader{Name: zf.Name, Method: zip.Deflate, Modified: zf.Modified})
	if err != nil {
		return fmt.Errorf("create %s: %w", zf.Name, err)
	}
	br := bufio.NewReaderSize(rc, 1<<16)
	// The root start tag: everything up to the first '>' after "<worksheet".
	head, err := readThrough(br, "<worksheet")
	if err != nil {
		return fmt.Errorf("read %s: %w", zf.Name, err)
	}
	root, err := br.ReadString('>')
	if err != nil {
		return fmt.Errorf("read %s: %w", zf.Name, err)
	}
	if !strings.Contains(root, `xmlns:r="`) {
		root = ` xmlns:r="` + nsRel + `"` + root
	}
	if _, err := io.WriteString(w, head+root); err != nil {
		return fmt.Errorf("write %s: %w", zf.Name, err)
	}
	// Cell text is XML-escaped, so the end tag of the sheet data cannot
	// appear inside it.
	rest, err := copyThrough(w, br, []byte("</sheetData>"))
	if err != nil {
		return fmt.Errorf("rewrite %s: %w", zf.Name, err)
	}
	tail, err := io.ReadAll(rest)
	if err != nil {
		return fmt.Errorf("read %s: %w", zf.Name, err)
	}
	at := len(tail)
	for _, tag := range hyperlinksFollowers {
		if i := bytes.Index(tail, []byte(tag)); i >= 0 && i < at {
			at = i
		}
	}
	var b bytes.Buffer
	b.Write(tail[:at])
	b.WriteString(`<hyperlinks>`)
	for i, l := range ls {
		b.WriteString(`<hyperlink ref="` + l.cell + `" r:id="rId` + strconv.Itoa(first+i) + `"/>`)
	}
	b.WriteString(`</hyperlinks>`)
	b.Write(tail[at:])
	if _, err := w.Write(b.Bytes()); err != nil {
		return fmt.Errorf("write %s: %w", zf.Name, err)
	}
	return nil
}

// readThrough returns the text up to and including marker.
func readThrough(br *bufio.Reader, marker string) (string, error) {
	var sb strings.Builder
	for !strings.HasSuffix(sb.String(), marker) {
		c, err := br.ReadByte()
		if err != nil {
			return "", err
		}
		sb.WriteByte(c)
	}
	return sb.String(), nil
}

// copyThrough copies from r to w up to and including the first marker,
// in large blocks, and returns the rest of r.
func copyThrough(w io.Writer, r io.Reader, marker []byte) (io.Reader, error) {
	buf := make([]byte, 1<<20)
	keep := 0 // bytes at the start of buf carried over from the last block
	for {
		n, err := io.ReadFull(r, buf[keep:])
		n += keep
		if i := bytes.Index(buf[:n], marker); i >= 0 {
			end := i + len(marker)
			if _, werr := w.Write(buf[:end]); werr != nil {
				return nil, werr
			}
			return io.MultiReader(bytes.NewReader(buf[end:n]), r), nil
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return nil, fmt.Errorf("no %s", marker)
		}
		if err != nil {
			return nil, err
		}
		// Keep the tail that could begin a marker split across blocks.
		keep = len(marker) - 1
		if _, werr := w.Write(buf[:n-keep]); werr != nil {
			return nil, werr
		}
		copy(buf, buf[n-keep:n])
	}
}

func readPart(zf *zip.File) ([]byte, error) {
	rc, err := zf.Open()
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", zf.Name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", zf.Name, err)
	}
	return data, nil
}

func writePart(zw *zip.Writer, name string, data []byte) error {
	w, err := zw.Create(name)
	if err != nil {
		return fmt.Errorf("create %s: %w", name, err)
	}
	if _, err := w.Write(data); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}

// sheetParts maps sheet names to their part paths, from the workbook and
// its relationships.
func sheetParts(zr *zip.Reader) (map[string]string, error) {
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			RID  string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels relationships
	for _, zf := range zr.File {
		switch zf.Name {
		case "xl/workbook.xml":
			data, err := readPart(zf)
			if err != nil {
				return nil, err
			}
			if err := xml.Unmarshal(data, &wb); err != nil {
				return nil, fmt.Errorf("read workbook part: %w", err)
			}
		case "xl/_rels/workbook.xml.rels":
			data, err := readPart(zf)
			if err != nil {
				return nil, err
			}
			if err := xml.Unmarshal(data, &rels); err != nil {
				return nil, fmt.Errorf("read workbook relationships: %w", err)
			}
		}
	}
	target := map[string]string{}
	for _, r := range rels.Rels {
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(t, "/")
		} else {
			t = path.Join("xl", t)
		}
		target[r.ID] = t
	}
	out := map[string]string{}
	for _, s := range wb.Sheets {
		out[s.Name] = target[s.RID]
	}
	return out, nil
}
