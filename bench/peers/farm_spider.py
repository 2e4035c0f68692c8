#!/usr/bin/python3
"""Scrapy peer of gongkai's crawler.

A Scrapy spider as a team would write it for the same site families
(docs/sites.md): TRS createPageHTML pages, Hanweb jpage datastore with its
dataproxy POST, a JSON list API, generic lists with 下一页, detail pages with
the disclosure metadata block, and mailboxes as HTML tables or a JSON API
with letter detail pages.

It reads the same sites the bench gives gongkai (--sites, written by the
bench from the farm), crawls them with the same concurrency and no delays,
obeys robots.txt, and writes one JSON line per list item (with its detail
metadata) and per letter (with its detail) to --out. Every request that got
an answer is logged to --requests so the bench's net/http floor can fetch
exactly the same pages. The last line on stdout is the result as JSON.

Run with Debian's interpreter and packages:
  /usr/bin/python3 bench/peers/farm_spider.py --sites sites.json --out items.jsonl \
      --requests requests.jsonl --concurrent-units 8 --parallelism 4
"""

import argparse
import json
import math
import re
import time
from urllib.parse import parse_qsl, urlencode, urlparse

import scrapy
from scrapy import signals
from scrapy.crawler import CrawlerProcess
from scrapy.http import FormRequest, Request
from scrapy.selector import Selector

DATE_RE = re.compile(r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})")
LABEL_JUNK = re.compile(r"[\s\u3000:：]+")

# Disclosure metadata labels, after removing spaces and colons.
META_LABELS = {
    "索引号": "index_no",
    "发布机构": "publisher",
    "发文机关": "publisher",
    "成文日期": "formed",
    "发布日期": "published",
    "发文日期": "published",
    "公开日期": "published",
    "文号": "doc_no",
    "发文字号": "doc_no",
    "主题分类": "topic",
    "主题词": "topic",
    "有效性": "validity",
}

REPLIED = ("已回复", "已办结", "已答复", "已反馈")
IN_PROGRESS = ("办理中", "处理中", "正在办理", "已受理", "已转办")
UNREPLIED = ("待回复", "未回复", "待处理", "未办理")


def parse_date(text):
    """Returns YYYY-MM-DD from the first full date in text, or ""."""
    m = DATE_RE.search(text or "")
    if not m:
        return ""
    y, mo, d = (int(x) for x in m.groups())
    return "%04d-%02d-%02d" % (y, mo, d)


def clean_label(text):
    return LABEL_JUNK.sub("", text or "")


def norm_status(raw):
    raw = (raw or "").strip()
    if raw in REPLIED:
        return "replied"
    if raw in IN_PROGRESS:
        return "in_progress"
    if raw in UNREPLIED:
        return "unreplied"
    return "unknown"


def norm_type(raw):
    for t in ("咨询", "投诉", "建议", "求助"):
        if t in (raw or ""):
            return t
    return "其他"


def text_of(sel):
    return "".join(sel.xpath(".//text()").getall()).strip()


class FarmSpider(scrapy.Spider):
    name = "farm"

    def __init__(self, sites=None, **kw):
        super().__init__(**kw)
        self.sites = sites
        self.details = {}  # detail URL -> parsed detail
        self.pending = {}  # detail URL -> list entries waiting for it

    @classmethod
    def from_crawler(cls, crawler, *args, **kw):
        spider = super().from_crawler(crawler, *args, **kw)
        crawler.signals.connect(spider.response_received, signal=signals.response_received)
        spider.reqlog = open(crawler.settings.get("BENCH_REQUEST_LOG"), "w", encoding="utf-8")
        return spider

    def closed(self, reason):
        self.reqlog.close()

    def response_received(self, response, request, spider):
        body = request.body.decode("utf-8") if request.body else ""
        self.reqlog.write(json.dumps({"method": request.method, "url": request.url, "body": body,
                                      "content_type": request.headers.get("Content-Type", b"").decode()},
                                     ensure_ascii=False) + "\n")

    # Each unit is its own host:port; a slot per host keeps the per-host
    # limit per unit, as gongkai's per-host parallelism does.
    def req(self, url, callback, unit, **kw):
        meta = kw.pop("meta", {})
        meta["download_slot"] = urlparse(url).netloc
        meta["unit"] = unit
        return Request(url, callback=callback, meta=meta, **kw)

    def start_requests(self):
        for u in self.sites["units"]:
            if u.get("home"):
                yield self.req(u["home"], self.parse_home, u)
            for c in u["columns"]:
                kw = {"cb_kwargs": {"column": c}}
                if u["family"] == "json":
                    yield self.req(c["api"].replace("{page}", "1"), self.parse_json_list, u, **kw)
                elif u["family"] == "hanweb":
                    yield self.req(c["url"], self.parse_hanweb, u, **kw)
                elif u["family"] == "trs":
                    yield self.req(c["url"], self.parse_trs, u, **kw)
                else:
                    yield self.req(c["url"], self.parse_generic, u, **kw)
            for m in u["mailboxes"]:
                kw = {"cb_kwargs": {"mailbox": m}}
                if m["format"] == "json":
                    yield self.req(m["url"].replace("{page}", "1"), self.parse_mail_json, u, **kw)
                else:
                    yield self.req(m["url"], self.parse_mail_html, u, **kw)

    # Home page: the newest dated link.
    def parse_home(self, response):
        newest = ""
        for li in response.css("li"):
            newest = max(newest, parse_date(text_of(li)))
        yield {"kind": "home", "unit": response.meta["unit"]["id"], "newest": newest}

    # Column lists.
    def list_entry(self, response, column, href, title, list_date, page, pos):
        return {"unit": response.meta["unit"]["id"], "column": column["id"], "url": response.urljoin(href),
                "list_title": title, "list_date": list_date, "list_page": page, "position": pos}

    def parse_trs(self, response, column, page=1):
        for pos, li in enumerate(response.css("ul.list > li")):
            a = li.css("a")
            title = a.attrib.get("title") or text_of(a)
            entry = self.list_entry(response, column, a.attrib["href"], title, parse_date(text_of(li.css("span"))), page, pos)
            yield from self.detail(response, entry)
        if page == 1:
            m = re.search(r"createPageHTML\(\s*(\d+)", response.text) or re.search(r"countPage\s*=\s*(\d+)", response.text)
            total = int(m.group(1)) if m else 1
            for k in range(1, total):
                yield self.req(response.urljoin("index_%d.html" % k), self.parse_trs, response.meta["unit"],
                               cb_kwargs={"column": column, "page": k + 1})

    def parse_generic(self, response, column, page=1):
        for pos, li in enumerate(response.css("div.news-list li")):
            a = li.css("a")
            title = a.attrib.get("title") or text_of(a)
            # Month-day only; the detail page gives the year.
            entry = self.list_entry(response, column, a.attrib["href"], title, "", page, pos)
            yield from self.detail(response, entry)
        nxt = response.xpath('//a[normalize-space(text())="下一页"]/@href').get()
        if nxt:
            yield self.req(response.urljoin(nxt), self.parse_generic, response.meta["unit"],
                           cb_kwargs={"column": column, "page": page + 1})

    def hanweb_records(self, response, column, text, first_pos, page_size):
        for k, rec in enumerate(re.findall(r"<record><!\[CDATA\[(.*?)\]\]></record>", text, re.S)):
            li = Selector(text=rec)
            a = li.css("a")
            title = a.attrib.get("title") or text_of(a)
            pos = first_pos + k
            entry = self.list_entry(response, column, a.attrib["href"], title, parse_date(text_of(li.css("span"))),
                                    pos // page_size + 1, pos % page_size)
            yield from self.detail(response, entry)

    def parse_hanweb(self, response, column):
        text = response.text
        per = int(re.search(r"perPage:\s*(\d+)", text).group(1))
        group = int(re.search(r"groupSize:\s*(\d+)", text).group(1))
        total = int(re.search(r"totalRecord:\s*(\d+)", text).group(1))
        yield from self.hanweb_records(response, column, text, 0, per)
        nextgroup = re.search(r"<nextgroup><!\[CDATA\[<a href=\"([^\"]*)\"", text)
        params = dict(parse_qsl(urlparse(nextgroup.group(1).replace("&amp;", "&")).query)) if nextgroup else {}
        form = {"col": "1", "appid": params.get("appid", "1"), "webid": params.get("webid", "1"),
                "path": params.get("path", "/"), "columnid": params.get("columnid", ""),
                "sourceContentType": "1", "unitid": params.get("unitid", ""),
                "webname": params.get("webname", ""), "permissiontype": params.get("permissiontype", "0")}
        step = per * group
        for start in range(step + 1, total + 1, step):
            end = min(start + step - 1, total)
            url = response.urljoin("/module/web/jpage/dataproxy.jsp?" + urlencode(
                {"startrecord": start, "endrecord": end, "perpage": per}))
            yield FormRequest(url, formdata=form, callback=self.parse_hanweb_proxy,
                              meta={"download_slot": urlparse(url).netloc, "unit": response.meta["unit"]},
                              cb_kwargs={"column": column, "first_pos": start - 1, "per": per})

    def parse_hanweb_proxy(self, response, column, first_pos, per):
        yield from self.hanweb_records(response, column, response.text, first_pos, per)

    def parse_json_list(self, response, column, page=1):
        data = json.loads(response.text)["data"]
        size = int(data.get("pageSize") or len(data["list"]) or 1)
        for pos, it in enumerate(data["list"]):
            pt = it.get("publishTime")
            if isinstance(pt, (int, float)):
                list_date = time.strftime("%Y-%m-%d", time.gmtime(pt / 1000 + 8 * 3600))
            else:
                list_date = parse_date(str(pt))
            entry = self.list_entry(response, column, it["url"], it["title"], list_date, page, pos)
            yield from self.detail(response, entry)
        if page == 1:
            for k in range(2, math.ceil(int(data["total"]) / size) + 1):
                yield self.req(column["api"].replace("{page}", str(k)), self.parse_json_list, response.meta["unit"],
                               cb_kwargs={"column": column, "page": k})

    # Detail pages: fetched once per URL; an item listed in two columns
    # gives one record per column.
    def detail(self, response, entry):
        url = entry["url"]
        if url in self.details:
            yield self.item(entry, self.details[url])
            return
        waiting = self.pending.setdefault(url, [])
        waiting.append(entry)
        if len(waiting) == 1:
            yield self.req(url, self.parse_detail, response.meta["unit"])

    def parse_detail(self, response):
        d = {"title": text_of(response.css("h1")) or response.css("title::text").get("").strip(), "links": []}
        labels = response.xpath("//table//th | //dl/dt | //span[@class='label']")
        for lab in labels:
            key = META_LABELS.get(clean_label(text_of(lab)))
            if not key:
                continue
            val = text_of(lab.xpath("following-sibling::*[1]"))
            d[key] = parse_date(val) if key in ("formed", "published") else val
        host = urlparse(response.url).netloc
        for href in response.css("div.related a::attr(href)").getall():
            u = response.urljoin(href)
            if urlparse(u).netloc == host:
                d["links"].append(u)
        self.details[response.url] = d
        for entry in self.pending.pop(response.url, []):
            yield self.item(entry, d)

    def item(self, entry, d):
        out = {"kind": "item"}
        out.update(entry)
        out.update(d)
        if not out.get("published"):
            out["published"] = entry["list_date"]
        return out

    # Mailboxes.
    def parse_mail_html(self, response, mailbox):
        heads = [text_of(th) for th in response.css("table.letter-list thead th")]
        col = {h: i for i, h in enumerate(heads)}
        for tr in response.css("table.letter-list tbody tr"):
            cells = tr.css("td")

            def cell(name):
                i = col.get(name)
                return text_of(cells[i]) if i is not None and i < len(cells) else ""

            href = tr.css("a::attr(href)").get()
            letter = {"kind": "letter", "unit": response.meta["unit"]["id"], "mailbox": mailbox["id"],
                      "no": cell("信件编号"), "title": cell("标题"), "type_raw": cell("类型"),
                      "received": parse_date(cell("来信时间")), "status_raw": cell("状态"),
                      "handler": cell("办理单位"), "replied": parse_date(cell("回复时间")),
                      "url": response.urljoin(href) if href else ""}
            yield from self.letter(response, letter)
        nxt = response.xpath('//a[normalize-space(text())="下一页"]/@href').get()
        if nxt:
            yield self.req(response.urljoin(nxt), self.parse_mail_html, response.meta["unit"],
                           cb_kwargs={"mailbox": mailbox})

    def parse_mail_json(self, response, mailbox, page=1):
        data = json.loads(response.text)
        rows = data.get("rows") or []
        for r in rows:
            letter = {"kind": "letter", "unit": response.meta["unit"]["id"], "mailbox": mailbox["id"],
                      "no": r.get("letterNo", ""), "title": r.get("title", ""), "type_raw": r.get("type", ""),
                      "received": parse_date(r.get("createTime")), "status_raw": r.get("status", ""),
                      "handler": r.get("deptName", ""), "replied": parse_date(r.get("replyTime")),
                      "url": response.urljoin(r["detailUrl"]) if r.get("detailUrl") else ""}
            yield from self.letter(response, letter)
        size = int(dict(parse_qsl(urlparse(response.url).query)).get("size") or len(rows) or 1)
        if page == 1:
            for k in range(2, math.ceil(int(data.get("total", 0)) / size) + 1):
                yield self.req(mailbox["url"].replace("{page}", str(k)), self.parse_mail_json, response.meta["unit"],
                               cb_kwargs={"mailbox": mailbox, "page": k})

    def letter(self, response, letter):
        letter["type"] = norm_type(letter["type_raw"])
        letter["status"] = norm_status(letter["status_raw"])
        if letter["url"]:
            yield self.req(letter["url"], self.parse_letter, response.meta["unit"], cb_kwargs={"letter": letter})
        else:
            yield letter

    def parse_letter(self, response, letter):
        fields = {clean_label(text_of(th)): text_of(th.xpath("following-sibling::td[1]"))
                  for th in response.css("table th")}
        handler = fields.get("答复单位") or fields.get("办理单位")
        replied = fields.get("答复时间") or fields.get("回复时间")
        content = fields.get("答复内容") or fields.get("回复内容")
        letter["shows_handler"] = bool(handler)
        letter["shows_reply_time"] = bool(replied)
        letter["shows_reply_content"] = bool(content)
        if handler and not letter["handler"]:
            letter["handler"] = handler
        if replied and not letter["replied"]:
            letter["replied"] = parse_date(replied)
        letter["received"] = letter["received"] or parse_date(fields.get("来信时间"))
        yield letter


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sites", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--requests", required=True)
    ap.add_argument("--concurrent-units", type=int, default=8)
    ap.add_argument("--parallelism", type=int, default=4)
    ap.add_argument("--retries", type=int, default=3)
    args = ap.parse_args()
    with open(args.sites, encoding="utf-8") as f:
        sites = json.load(f)
    process = CrawlerProcess(settings={
        "BOT_NAME": "gongkai-bench",
        "USER_AGENT": "gongkai-bench-scrapy/1",
        "ROBOTSTXT_OBEY": True,
        "CONCURRENT_REQUESTS": args.concurrent_units * args.parallelism,
        "CONCURRENT_REQUESTS_PER_DOMAIN": args.parallelism,
        # Scrapy's setting for crawls over many hosts ("Broad Crawls"):
        # the next request goes to the host with the fewest in flight, so
        # one host's backlog does not starve the others.
        "SCHEDULER_PRIORITY_QUEUE": "scrapy.pqueues.DownloaderAwarePriorityQueue",
        "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": False,
        "RETRY_TIMES": args.retries,
        "DOWNLOAD_TIMEOUT": 30,
        "COOKIES_ENABLED": False,
        "TELNETCONSOLE_ENABLED": False,
        "LOG_LEVEL": "INFO",
        "LOGSTATS_INTERVAL": 10,
        "REQUEST_FINGERPRINTER_IMPLEMENTATION": "2.7",
        "FEEDS": {args.out: {"format": "jsonlines", "encoding": "utf8", "overwrite": True}},
        "BENCH_REQUEST_LOG": args.requests,
    })
    crawler = process.create_crawler(FarmSpider)
    start = time.monotonic()
    process.crawl(crawler, sites=sites)
    process.start()
    seconds = time.monotonic() - start
    stats = crawler.stats.get_stats()
    print(json.dumps({"seconds": seconds, "count": stats.get("response_received_count", 0),
                      "info": {"items": stats.get("item_scraped_count", 0),
                               "requests": stats.get("downloader/request_count", 0),
                               "scrapy": scrapy.__version__}}))


if __name__ == "__main__":
    main()
