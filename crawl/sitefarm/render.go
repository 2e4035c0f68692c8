package sitefarm

import (
	"fmt"
	"html"
	"net/http"
	"strings"
	"time"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// render answers a routed request. Pages are built from the model on each
// request; nothing of the truth is copied.
func (f *Farm) render(u *unitModel, mode int, rt route, r *http.Request) response {
	switch rt.kind {
	case rRobots:
		return response{status: 200, ctype: "text/plain; charset=utf-8", body: []byte("User-agent: *\nDisallow: /admin/\n")}
	case rHome:
		return f.renderHome(u, mode)
	case rAdmin:
		return htmlPage(u, 200, adminPage(u))
	case rList:
		if rt.col.spec.block != "" {
			return blockedPage(rt.col.spec.block)
		}
		switch u.spec.family {
		case "trs":
			return renderTRSList(u, mode, rt.col, rt.page)
		case "hanweb":
			return renderHanwebPage(u, mode, rt.col)
		case "json":
			return renderJSONShell(u, rt.col)
		default:
			return renderGenericList(u, mode, rt.col, rt.page)
		}
	case rProxy:
		if rt.col == nil {
			return notFound()
		}
		if rt.col.spec.block != "" {
			return blockedPage(rt.col.spec.block)
		}
		return renderHanwebProxy(u, mode, rt.col, r.Form)
	case rAPI:
		if rt.col == nil {
			return notFound()
		}
		if rt.col.spec.block != "" {
			return blockedPage(rt.col.spec.block)
		}
		return renderJSONAPI(u, mode, rt.col, rt.page, atoiDefault(r.Form.Get("pageSize"), rt.col.pageSize))
	case rItem:
		return renderDetail(u, rt.item)
	case rMail:
		return renderMailList(u, mode, rt.mail, rt.page)
	case rMailAPI:
		return renderMailAPI(u, mode, rt.mail, rt.page, atoiDefault(r.Form.Get("size"), rt.mail.pageSize))
	case rLetter:
		return renderLetter(u, rt.mail, rt.letter)
	}
	return notFound()
}

func (f *Farm) renderHome(u *unitModel, mode int) response {
	h := u.homes[mode]
	if h == nil {
		return notFound()
	}
	if h.Fails {
		return response{status: 500, ctype: "text/html; charset=utf-8",
			body: []byte("<html><body><h1>500 Internal Server Error</h1></body></html>")}
	}
	var b strings.Builder
	pageStart(&b, u, u.spec.name)
	b.WriteString(`<div class="banner"><img src="/images/banner.jpg" alt=""></div>` + "\n")
	b.WriteString(`<div class="news"><div class="hd"><span>最新动态</span>`)
	if len(u.cols) > 0 {
		fmt.Fprintf(&b, `<a class="more" href="%s">更多&gt;&gt;</a>`, u.cols[0].entry)
	}
	b.WriteString("</div>\n<ul>\n")
	for _, it := range u.homeLinks[mode] {
		fmt.Fprintf(&b, `<li><a href="%s" title="%s" target="_blank">%s</a><span class="date">%s</span></li>`+"\n",
			it.path, esc(it.Title), esc(it.Title), it.PublishDate.Format(time.DateOnly))
	}
	b.WriteString("</ul></div>\n")
	b.WriteString(`<div class="links"><a href="/hdjl/">互动交流</a> <a href="/zwgk/">政务公开</a> <a href="/bsfw/">办事服务</a></div>` + "\n")
	pageEnd(&b, u)
	return htmlPage(u, 200, b.String())
}

func htmlPage(u *unitModel, status int, s string) response {
	ct := "text/html; charset=utf-8"
	if u.spec.encoding == "gbk" {
		ct = "text/html" // the charset is only in <meta>, as on many GBK sites
	}
	return response{status: status, ctype: ct, body: []byte(s)}
}

// encode turns a rendered HTML page into the unit's encoding.
func (f *Farm) encode(u *unitModel, resp response) []byte {
	if u.spec.encoding != "gbk" || resp.ctype != "text/html" {
		return resp.body
	}
	out, err := simplifiedchinese.GBK.NewEncoder().Bytes(resp.body)
	if err != nil {
		panic(fmt.Sprintf("sitefarm: page of %s not encodable in GBK: %v", u.id, err))
	}
	return out
}

func pageStart(b *strings.Builder, u *unitModel, title string) {
	b.WriteString("<!DOCTYPE html>\n<html>\n<head>\n")
	if u.spec.encoding == "gbk" {
		b.WriteString(`<meta http-equiv="Content-Type" content="text/html; charset=gbk">` + "\n")
	} else {
		b.WriteString(`<meta charset="utf-8">` + "\n")
	}
	fmt.Fprintf(b, "<title>%s</title>\n", esc(title))
	b.WriteString(`<link rel="stylesheet" href="/css/style.css">` + "\n</head>\n<body>\n")
	fmt.Fprintf(b, `<div class="header"><div class="logo"><a href="/">%s</a></div>`+"\n", esc(u.spec.name))
	b.WriteString(`<div class="nav"><ul><li><a href="/">首页</a></li>`)
	for _, c := range u.cols {
		fmt.Fprintf(b, `<li><a href="%s">%s</a></li>`, c.entry, esc(c.spec.name))
	}
	for _, mm := range u.mails {
		if mm.spec.format == "html" {
			fmt.Fprintf(b, `<li><a href="%s">%s</a></li>`, mm.entry, esc(mm.spec.name))
		}
	}
	b.WriteString("</ul></div></div>\n")
}

func pageEnd(b *strings.Builder, u *unitModel) {
	b.WriteString(`<div class="footer"><div class="flinks"><a href="/">网站首页</a> | <a href="/wzdt.html">网站地图</a> | <a href="/lxwm.html">联系我们</a> | <a href="/admin/login.html">网站管理</a></div>` + "\n")
	fmt.Fprintf(b, "<p>主办单位：%s　政府网站标识码：%d　ICP备案号：闽ICP备%08d号</p>\n", esc(u.spec.name), 3501000000+u.idx, 5000000+u.idx)
	b.WriteString("</div>\n</body>\n</html>\n")
}

func adminPage(u *unitModel) string {
	var b strings.Builder
	pageStart(&b, u, "后台登录")
	b.WriteString(`<form method="post" action="/admin/login.do"><input name="user"><input type="password" name="pwd"><button>登录</button></form>` + "\n")
	pageEnd(&b, u)
	return b.String()
}

// blockedPage is what a WAF answers instead of the list.
func blockedPage(kind string) response {
	if kind == "412" {
		return response{status: http.StatusPreconditionFailed, ctype: "text/html",
			body: []byte(`<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8"><script type="text/javascript" charset="utf-8" src="/9xQ2rT/a7c1.js"></script></head><body><script>$_ts=window['$_ts'];if(!$_ts)$_ts={};$_ts.nsd=31712;$_ts.cd="qxxWrrAlDGlcqqcpEq"</script></body></html>`)}
	}
	return response{status: 200, ctype: "text/html; charset=utf-8",
		header: map[string]string{"Set-Cookie": "__jsluid_h=5f3b2a7c9d; max-age=31536000; path=/; HttpOnly"},
		body:   []byte(`<html><body><script>document.cookie=('_')+('_')+('j')+('s')+('l')+('_')+('c')+('l')+('e')+('a')+('r')+('a')+('n')+('c')+('e')+('=')+(1764+'')+('.123|0|')+('Wn3kF')+(';max-age=3600;path=/');location.href=location.pathname+location.search</script></body></html>`)}
}

func esc(s string) string { return html.EscapeString(s) }
