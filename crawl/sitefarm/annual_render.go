package sitefarm

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// annualHandler serves one unit of the annual farm: its 年报 list, the
// reports, and their pictures and attachments.
func annualHandler(u *AnnualUnit) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p := r.URL.Path
		var body, ctype string
		switch {
		case p == "/zfxxgk/ndbg/index.html" || p == "/zfxxgk/ndbg/":
			body, ctype = annualList(u), "text/html; charset=utf-8"
		case u.PolicyURL != "" && p == "/zfxxgk/zcwj/index.html":
			body, ctype = policyList(u), "text/html; charset=utf-8"
		case strings.HasSuffix(p, ".png"):
			body, ctype = "\x89PNG\r\n\x1a\n", "image/png"
		case strings.HasSuffix(p, ".pdf"):
			body, ctype = "%PDF-1.4\n% report\n", "application/pdf"
		default:
			for _, rep := range u.Reports {
				if strings.HasSuffix(rep.URL, p) {
					body, ctype = annualPage(u, rep), "text/html; charset=utf-8"
				}
			}
			for _, pol := range u.Policies {
				if strings.HasSuffix(pol.URL, p) {
					body, ctype = policyPage(u, pol), "text/html; charset=utf-8"
				}
			}
		}
		if body == "" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", ctype)
		w.Write([]byte(body))
	})
}

func annualPath(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		if j := strings.IndexByte(u[i+3:], '/'); j >= 0 {
			return u[i+3+j:]
		}
	}
	return u
}

func annualHead(b *strings.Builder, u *AnnualUnit, title string) {
	fmt.Fprintf(b, "<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n<title>%s</title>\n</head>\n<body>\n", esc(title))
	fmt.Fprintf(b, `<div class="header"><div class="logo"><a href="/">%s</a></div><div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zfxxgk/ndbg/index.html">%s</a></li></ul></div></div>`+"\n", esc(u.Name), esc(u.ColumnName))
}

func annualFoot(b *strings.Builder, u *AnnualUnit) {
	fmt.Fprintf(b, `<div class="footer"><p>主办单位：%s</p></div>`+"\n</body>\n</html>\n", esc(u.Name))
}

func annualList(u *AnnualUnit) string {
	var b strings.Builder
	annualHead(&b, u, u.ColumnName)
	fmt.Fprintf(&b, `<div class="location">当前位置：<a href="/">首页</a> &gt; %s</div>`+"\n", esc(u.ColumnName))
	b.WriteString(`<div class="news-list"><ul>` + "\n")
	for _, rep := range u.Reports {
		fmt.Fprintf(&b, `<li><a href="%s" title="%s">%s</a><span class="date">%s</span></li>`+"\n",
			annualPath(rep.URL), esc(rep.Title), esc(rep.Title), rep.Published.Format("2006-01-02"))
	}
	b.WriteString("</ul>\n")
	b.WriteString(`<div class="pages"><span>上一页</span> <span>下一页</span> <span class="total">共1页</span></div></div>` + "\n")
	annualFoot(&b, u)
	return b.String()
}

func policyList(u *AnnualUnit) string {
	var b strings.Builder
	annualHead(&b, u, "政策文件")
	b.WriteString(`<div class="news-list"><ul>` + "\n")
	for _, p := range u.Policies {
		fmt.Fprintf(&b, `<li><a href="%s" title="%s">%s</a><span class="date">%s</span></li>`+"\n",
			annualPath(p.URL), esc(p.Title), esc(p.Title), p.Published.Format("2006-01-02"))
	}
	b.WriteString("</ul>\n</div>\n")
	annualFoot(&b, u)
	return b.String()
}

func policyPage(u *AnnualUnit, p *AnnualPolicy) string {
	var b strings.Builder
	annualHead(&b, u, p.Title)
	fmt.Fprintf(&b, `<table class="xxgk-table"><tbody><tr><th>发布机构</th><td>%s</td><th>文号</th><td>%s</td></tr><tr><th>发布日期</th><td>%s</td><th>主题分类</th><td>综合政务</td></tr></tbody></table>`+"\n",
		esc(u.Name), esc(p.DocNo), p.Published.Format("2006-01-02"))
	fmt.Fprintf(&b, "<h1>%s</h1>\n<div class=\"article-content\"><p>各有关单位：现将有关事项通知如下，请认真贯彻执行。</p></div>\n", esc(p.Title))
	annualFoot(&b, u)
	return b.String()
}

func annualPage(u *AnnualUnit, rep *AnnualReport) string {
	var b strings.Builder
	annualHead(&b, u, rep.Title)
	b.WriteString(`<div class="main detail">` + "\n")
	fmt.Fprintf(&b, `<table class="xxgk-table"><tbody><tr><th>索引号</th><td>%s-%d-0001</td><th>发布机构</th><td>%s</td></tr><tr><th>发布日期</th><td>%s</td><th>主题分类</th><td>政务公开</td></tr></tbody></table>`+"\n",
		u.ID, rep.Year, esc(u.Name), rep.Published.Format("2006-01-02"))
	fmt.Fprintf(&b, "<h1 class=\"article-title\">%s</h1>\n<div class=\"article-content\">\n", esc(rep.Title))
	if len(rep.Paras) > 0 {
		fmt.Fprintf(&b, "<p>%s</p>\n<p>一、总体情况</p>\n<p>%s</p>\n", esc(rep.Paras[0]), esc(rep.Paras[1]))
	}
	switch rep.Markup {
	case "national":
		b.WriteString("<p>二、主动公开政府信息情况</p>\n")
		nationalProactive(&b, rep)
		b.WriteString("<p>三、收到和处理政府信息公开申请情况</p>\n")
		nationalRequests(&b, rep, cellText(rep, plain))
		b.WriteString("<p>四、政府信息公开行政复议、行政诉讼情况</p>\n")
		nationalReviews(&b, rep, cellText(rep, plain), "")
	case "flat", "flat-subtotal":
		flatTables(&b, rep)
	case "word":
		wordTable(&b, rep)
	case "image":
		fmt.Fprintf(&b, `<p style="text-align:center"><img src="%s" alt="%d年度报告表格" width="800"></p>`+"\n", annualPath(rep.File), rep.Year)
	case "pdf":
		fmt.Fprintf(&b, `<p>附件：<a href="%s" target="_blank">%s.pdf</a></p>`+"\n", annualPath(rep.File), esc(rep.Title))
	}
	if len(rep.Paras) > 2 {
		fmt.Fprintf(&b, "<p>五、存在的主要问题及改进情况</p>\n<p>%s</p>\n", esc(rep.Paras[2]))
	}
	b.WriteString("</div>\n</div>\n")
	annualFoot(&b, u)
	return b.String()
}

// Value spellings.
const (
	plain = iota
	fullWidth
	word
)

// cellText returns how a markup writes a cell.
func cellText(rep *AnnualReport, style int) func(key string) string {
	return func(key string) string {
		c := rep.Cells[key]
		if c.Blank {
			if style == word {
				return "&nbsp;"
			}
			return ""
		}
		s := strconv.FormatFloat(c.Value, 'f', -1, 64)
		switch style {
		case fullWidth:
			s = toFullWidth(s)
		case word:
			s = `<p class=MsoNormal align=center style='text-align:center'><span lang=EN-US style='font-size:10.5pt;font-family:"仿宋_GB2312"'>` + s + `<o:p></o:p></span></p>`
		}
		return s
	}
}

func toFullWidth(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return '０' + (r - '0')
		}
		return r
	}, s)
}

// nationalProactive writes section 二 as the format does: one table, a
// header row per item of 条例 Art. 20.
func nationalProactive(b *strings.Builder, rep *AnnualReport) {
	v := cellText(rep, plain)
	b.WriteString(`<table border="1" cellspacing="0" cellpadding="0" width="100%">` + "\n")
	b.WriteString(`<tr><td colspan="4">第二十条第（一）项</td></tr>` + "\n")
	b.WriteString(`<tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>` + "\n")
	for _, row := range []string{"规章", "行政规范性文件"} {
		fmt.Fprintf(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n", row,
			v("二/"+row+"/本年制发件数"), v("二/"+row+"/本年废止件数"), v("二/"+row+"/现行有效件数"))
	}
	for _, part := range []struct {
		item, col, unit string
		rows            []string
	}{
		{"第二十条第（五）项", "本年处理决定数量", "", []string{"行政许可"}},
		{"第二十条第（六）项", "本年处理决定数量", "", []string{"行政处罚", "行政强制"}},
		{"第二十条第（八）项", "本年收费金额", "（单位：万元）", []string{"行政事业性收费"}},
	} {
		fmt.Fprintf(b, `<tr><td colspan="4">%s</td></tr>`+"\n", part.item)
		fmt.Fprintf(b, `<tr><td>信息内容</td><td colspan="3">%s%s</td></tr>`+"\n", part.col, part.unit)
		for _, row := range part.rows {
			fmt.Fprintf(b, `<tr><td>%s</td><td colspan="3">%s</td></tr>`+"\n", row, v("二/"+row+"/"+part.col))
		}
	}
	b.WriteString("</table>\n")
}

// nationalRequests writes section 三 as the format does: a grid of row
// and column spans.
func nationalRequests(b *strings.Builder, rep *AnnualReport, v func(string) string) {
	cols := append(append([]string{}, farmApplicants...), "总计")
	vals := func(row string) {
		for _, c := range cols {
			fmt.Fprintf(b, "<td>%s</td>", v("三/"+row+"/"+c))
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString(`<table border="1" cellspacing="0" cellpadding="0" width="100%">` + "\n")
	b.WriteString(`<tr><td rowspan="3" colspan="3">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</td><td colspan="7">申请人情况</td></tr>` + "\n")
	b.WriteString(`<tr><td rowspan="2">自然人</td><td colspan="5">法人或其他组织</td><td rowspan="2">总计</td></tr>` + "\n")
	b.WriteString("<tr><td>商业企业</td><td>科研机构</td><td>社会公益组织</td><td>法律服务机构</td><td>其他</td></tr>\n")
	b.WriteString(`<tr><td colspan="3">一、本年新收政府信息公开申请数量</td>`)
	vals("本年新收")
	b.WriteString(`<tr><td colspan="3">二、上年结转政府信息公开申请数量</td>`)
	vals("上年结转")
	n := 3
	for _, g := range farmGroups {
		n += len(g.items)
	}
	fmt.Fprintf(b, `<tr><td rowspan="%d">三、本年度办理结果</td><td colspan="2">（一）予以公开</td>`, n)
	vals("予以公开")
	b.WriteString(`<tr><td colspan="2">（二）部分公开（区分处理的，只计这一情形，不计其他情形）</td>`)
	vals("部分公开")
	for _, g := range farmGroups {
		for i, item := range g.items {
			b.WriteString("<tr>")
			if i == 0 {
				fmt.Fprintf(b, `<td rowspan="%d">%s</td>`, len(g.items), g.label)
			}
			fmt.Fprintf(b, "<td>%d．%s</td>", i+1, esc(item))
			vals(g.id + "." + strconv.Itoa(i+1))
		}
	}
	b.WriteString(`<tr><td colspan="2">（七）总计</td>`)
	vals("办理结果总计")
	b.WriteString(`<tr><td colspan="3">四、结转下年度继续办理</td>`)
	vals("结转下年度")
	b.WriteString("</table>\n")
}

// nationalReviews writes section 四 as the format does: groups across,
// results below them. open is written before the table's first row, for
// markups that keep every section in one table.
func nationalReviews(b *strings.Builder, rep *AnnualReport, v func(string) string, open string) {
	if open == "" {
		b.WriteString(`<table border="1" cellspacing="0" cellpadding="0" width="100%">` + "\n")
	}
	b.WriteString(`<tr><td colspan="5">行政复议</td><td colspan="10">行政诉讼</td></tr>` + "\n<tr>")
	for _, r := range farmReviewResults {
		fmt.Fprintf(b, `<td rowspan="2">%s</td>`, r)
	}
	b.WriteString(`<td colspan="5">未经复议直接起诉</td><td colspan="5">复议后起诉</td></tr>` + "\n<tr>")
	for range 2 {
		for _, r := range farmReviewResults {
			fmt.Fprintf(b, "<td>%s</td>", r)
		}
	}
	b.WriteString("</tr>\n<tr>")
	for _, g := range farmReviewGroups {
		for _, r := range farmReviewResults {
			fmt.Fprintf(b, "<td>%s</td>", v("四/"+g+"/"+r))
		}
	}
	b.WriteString("</tr>\n")
	if open == "" {
		b.WriteString("</table>\n")
	}
}

// flatTables writes a CMS editor's tables: th headers, one label column,
// group headings as rows of their own, spaced labels, full-width digits
// with units, and the review table turned round.
func flatTables(b *strings.Builder, rep *AnnualReport) {
	v := cellText(rep, fullWidth)
	b.WriteString("<p><strong>二、主动公开政府信息情况</strong></p>\n")
	b.WriteString(`<table class="ke-table"><thead><tr><th>信 息 内 容</th><th>本年制发件数</th><th>本年废止件数</th><th>现行有效件数</th></tr></thead><tbody>` + "\n")
	for _, row := range []string{"规章", "行政规范性文件"} {
		fmt.Fprintf(b, "<tr><td>%s</td><td>%s件</td><td>%s件</td><td>%s件</td></tr>\n", row,
			v("二/"+row+"/本年制发件数"), v("二/"+row+"/本年废止件数"), v("二/"+row+"/现行有效件数"))
	}
	b.WriteString("</tbody></table>\n")
	b.WriteString(`<table class="ke-table"><thead><tr><th>信 息 内 容</th><th>本年处理决定数量</th></tr></thead><tbody>` + "\n")
	for _, row := range []string{"行政许可", "行政处罚", "行政强制"} {
		fmt.Fprintf(b, "<tr><td>%s</td><td>%s</td></tr>\n", row, v("二/"+row+"/本年处理决定数量"))
	}
	b.WriteString("</tbody></table>\n")
	fmt.Fprintf(b, `<table class="ke-table"><tr><th>信息内容</th><th>本年收费金额</th></tr><tr><td>行政事业性收费</td><td>%s万元</td></tr></table>`+"\n", v("二/行政事业性收费/本年收费金额"))

	b.WriteString("<p><strong>三、收到和处理政府信息公开申请情况</strong></p>\n")
	cols := append(append([]string{}, farmApplicants...), "总计")
	b.WriteString(`<table class="ke-table"><thead><tr><th rowspan="2">项　目</th><th rowspan="2">自 然 人</th><th colspan="5">法人或其他组织</th><th rowspan="2">总　计</th></tr>` + "\n<tr>")
	for _, c := range farmApplicants[1:] {
		fmt.Fprintf(b, "<th>%s</th>", c)
	}
	b.WriteString("</tr></thead><tbody>\n")
	row := func(label, key string) {
		fmt.Fprintf(b, "<tr><td>%s</td>", esc(label))
		for _, c := range cols {
			fmt.Fprintf(b, "<td>%s</td>", v("三/"+key+"/"+c))
		}
		b.WriteString("</tr>\n")
	}
	row("一、本年新收政府信息公开申请数量", "本年新收")
	row("二、上年结转政府信息公开申请数量", "上年结转")
	b.WriteString(`<tr><td colspan="8">三、本年度办理结果</td></tr>` + "\n")
	row("（一）予以公开", "予以公开")
	row("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "部分公开")
	for _, g := range farmGroups {
		if rep.Markup == "flat-subtotal" {
			row(g.label+"小计", g.id+".小计")
		} else {
			fmt.Fprintf(b, `<tr><td colspan="8">%s</td></tr>`+"\n", g.label)
		}
		for i, item := range g.items {
			row(toFullWidth(strconv.Itoa(i+1))+"、"+item, g.id+"."+strconv.Itoa(i+1))
		}
	}
	row("（七）总计", "办理结果总计")
	row("四、结转下年度继续办理", "结转下年度")
	b.WriteString("</tbody></table>\n")

	b.WriteString("<p><strong>四、政府信息公开行政复议、行政诉讼情况</strong></p>\n")
	b.WriteString(`<table class="ke-table"><tr><th>类 别</th>`)
	for _, r := range farmReviewResults {
		fmt.Fprintf(b, "<th>%s</th>", r)
	}
	b.WriteString("</tr>\n")
	for i, g := range farmReviewGroups {
		label := []string{"行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）"}[i]
		fmt.Fprintf(b, "<tr><td>%s</td>", label)
		for _, r := range farmReviewResults {
			fmt.Fprintf(b, "<td>%s</td>", v("四/"+g+"/"+r))
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</table>\n")
}

// wordTable writes a report pasted from Word: every section in one
// MsoNormalTable, section headings as rows, values inside paragraphs and
// spans, numbered rows as （1）.
func wordTable(b *strings.Builder, rep *AnnualReport) {
	v := cellText(rep, word)
	p := func(s string) string {
		return `<p class=MsoNormal align=center style='text-align:center'><span style='font-size:10.5pt;font-family:"仿宋_GB2312"'>` + s + `</span></p>`
	}
	b.WriteString(`<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 width=600 style='border-collapse:collapse'>` + "\n")
	fmt.Fprintf(b, "<tr><td colspan=10>%s</td></tr>\n", p("<b>二、主动公开政府信息情况</b>"))
	fmt.Fprintf(b, "<tr><td colspan=10>%s</td></tr>\n", p("第二十条第（一）项"))
	fmt.Fprintf(b, "<tr><td colspan=4>%s</td><td colspan=2>%s</td><td colspan=2>%s</td><td colspan=2>%s</td></tr>\n", p("信息内容"), p("本年制发件数"), p("本年废止件数"), p("现行有效件数"))
	for _, row := range []string{"规章", "行政规范性文件"} {
		fmt.Fprintf(b, "<tr><td colspan=4>%s</td><td colspan=2>%s</td><td colspan=2>%s</td><td colspan=2>%s</td></tr>\n", p(row),
			v("二/"+row+"/本年制发件数"), v("二/"+row+"/本年废止件数"), v("二/"+row+"/现行有效件数"))
	}
	for _, part := range []struct {
		item, col string
		rows      []string
	}{
		{"第二十条第（五）项", "本年处理决定数量", []string{"行政许可"}},
		{"第二十条第（六）项", "本年处理决定数量", []string{"行政处罚", "行政强制"}},
		{"第二十条第（八）项", "本年收费金额（单位：万元）", []string{"行政事业性收费"}},
	} {
		fmt.Fprintf(b, "<tr><td colspan=10>%s</td></tr>\n", p(part.item))
		fmt.Fprintf(b, "<tr><td colspan=4>%s</td><td colspan=6>%s</td></tr>\n", p("信息内容"), p(part.col))
		for _, row := range part.rows {
			col := strings.TrimSuffix(part.col, "（单位：万元）")
			fmt.Fprintf(b, "<tr><td colspan=4>%s</td><td colspan=6>%s</td></tr>\n", p(row), v("二/"+row+"/"+col))
		}
	}
	fmt.Fprintf(b, "<tr><td colspan=10>%s</td></tr>\n", p("<b>三、收到和处理政府信息公开申请情况</b>"))
	var inner strings.Builder
	nationalRequests(&inner, rep, v)
	s := inner.String()
	s = strings.TrimPrefix(s, `<table border="1" cellspacing="0" cellpadding="0" width="100%">`+"\n")
	s = strings.TrimSuffix(s, "</table>\n")
	for i := 1; i <= 8; i++ {
		s = strings.ReplaceAll(s, "<td>"+strconv.Itoa(i)+"．", "<td>（"+strconv.Itoa(i)+"）")
	}
	b.WriteString(s)
	fmt.Fprintf(b, "<tr><td colspan=10>%s</td></tr>\n", p("<b>四、政府信息公开行政复议、行政诉讼情况</b>"))
	nationalReviews(b, rep, v, "open")
	b.WriteString("</table>\n")
}
