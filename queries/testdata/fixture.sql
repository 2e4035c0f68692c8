-- A small fixed store for the metric tests: four units (two 部门, a 乡镇 and
-- a 街道), five runs in 2026, columns of every class, letters of every
-- type. Dates are chosen around the 2026 holidays (元旦 01-01..03 with
-- make-up Sun 01-04; 春节 02-15..23 with make-up Sat 02-14 and Sat 02-28).
-- expected.golden holds the hand-checked results.

INSERT INTO runs (run_id, period, started_at, finished_at, cutoff, complete, version, config_sha256, loaded_at) VALUES
 ('r20260102', '2025-12', '2026-01-02 08:00', '2026-01-02 12:00', '2026-01-02', true,  'test', NULL, '2026-01-02 13:00'),
 ('r20260202', '2026-01', '2026-02-02 08:00', '2026-02-02 12:00', '2026-02-02', true,  'test', NULL, '2026-02-02 13:00'),
 ('r20260301', '2026-02', '2026-03-01 08:00', NULL,               '2026-03-01', false, 'test', NULL, '2026-03-01 13:00'),
 ('r20260302', '2026-02', '2026-03-02 08:00', '2026-03-02 12:00', '2026-03-02', true,  'test', NULL, '2026-03-02 13:00'),
 ('r20260401', '2026-03', '2026-04-01 08:00', '2026-04-01 12:00', '2026-04-01', true,  'test', NULL, '2026-04-01 13:00');

INSERT INTO units (unit_id, name, kind, kind_group, home_url, must_have_mailbox, last_run) VALUES
 ('fgw',  '发展改革委', '部门', '部门',     'http://fgw.test/',  true, 'r20260401'),
 ('jyj',  '教育局',     '部门', '部门',     'http://jyj.test/',  true, 'r20260401'),
 ('cgz',  '城关镇',     '乡镇', '乡镇街道', NULL,                true, 'r20260401'),
 ('dcjd', '东城街道',   '街道', '乡镇街道', 'http://dcjd.test/', true, 'r20260401');

INSERT INTO columns (unit_id, column_id, name, url, category, category_source, profile, last_run) VALUES
 ('fgw', 'dt', '工作动态', 'http://fgw.test/dt/', '部门动态', 'rule', 'trs', 'r20260401'),
 ('fgw', 'tz', '通知公告', 'http://fgw.test/tz/', '通知公告', 'rule', 'trs', 'r20260401'),
 ('fgw', 'zc', '政策文件', 'http://fgw.test/zc/', '政策文件', 'rule', 'trs', 'r20260401'),
 ('fgw', 'jd', '政策解读', 'http://fgw.test/jd/', '政策解读', 'rule', 'trs', 'r20260401'),
 ('fgw', 'rs', '人事信息', 'http://fgw.test/rs/', '人事信息', 'rule', 'trs', 'r20260401'),
 ('fgw', 'ld', '机构领导', 'http://fgw.test/ld/', '机构领导', 'rule', 'trs', 'r20260401'),
 ('jyj', 'dt', '教育动态', 'http://jyj.test/dt/', '部门动态', 'config', 'hanweb', 'r20260401'),
 ('jyj', 'tz', '通知公告', 'http://jyj.test/tz/', '通知公告', 'rule', 'hanweb', 'r20260401'),
 ('jyj', 'zc', '政策文件', 'http://jyj.test/zc/', '政策文件', 'rule', 'hanweb', 'r20260401'),
 ('jyj', 'jd', '政策解读', 'http://jyj.test/jd/', '政策解读', 'rule', 'hanweb', 'r20260401'),
 ('jyj', 'gh', '规划计划', 'http://jyj.test/gh/', '规划计划', 'rule', 'hanweb', 'r20260401'),
 ('jyj', 'cz', '财政预决算', 'http://jyj.test/cz/', '财政预决算', 'rule', 'hanweb', 'r20260401'),
 ('jyj', 'yf', '依法行政', 'http://jyj.test/yf/', '依法行政', 'rule', 'hanweb', 'r20260401'),
 ('jyj', 'zb', '招标采购', 'http://jyj.test/zb/', '招标采购', 'rule', 'hanweb', 'r20260401'),
 ('jyj', 'sz', '机构设置', 'http://jyj.test/sz/', '机构设置', 'rule', 'hanweb', 'r20260401'),
 ('cgz', 'dt', '乡镇动态', 'http://cgz.test/dt/', '部门动态', 'rule', 'generic', 'r20260401'),
 ('cgz', 'zc', '政策文件', 'http://cgz.test/zc/', '政策文件', 'rule', 'generic', 'r20260401'),
 ('cgz', 'jd', '政策解读', 'http://cgz.test/jd/', '政策解读', 'rule', 'generic', 'r20260401'),
 ('cgz', 'ld', '领导信息', 'http://cgz.test/ld/', '机构领导', 'rule', 'generic', 'r20260401'),
 ('dcjd', 'dt', '街道动态', 'http://dcjd.test/dt/', '部门动态', 'rule', 'json', 'r20260401'),
 ('dcjd', 'tz', '通知公告', 'http://dcjd.test/tz/', '通知公告', 'rule', 'json', 'r20260401'),
 ('dcjd', 'zc', '政策文件', 'http://dcjd.test/zc/', '政策文件', 'rule', 'json', 'r20260401');

INSERT INTO mailboxes (unit_id, mailbox_id, name, url, format, last_run) VALUES
 ('fgw', 'zxzx', '在线咨询', 'http://fgw.test/zxzx/', 'html', 'r20260401'),
 ('jyj', 'jzxx', '局长信箱', 'http://jyj.test/jzxx/', 'html', 'r20260401'),
 ('cgz', 'zzxx', '镇长信箱', 'http://cgz.test/zzxx/', 'json', 'r20260401');

-- items(unit, canonical_url, url, column, category, title, publish, formed, first_seen_run)
CREATE TEMP TABLE fx_items (unit_id VARCHAR, u VARCHAR, column_id VARCHAR, category VARCHAR, title VARCHAR,
                            publish_date DATE, formed_date DATE, first_seen_run VARCHAR);
INSERT INTO fx_items VALUES
 -- fgw: 部门动态 (i3 formed on 02-15, a Sunday inside 春节; i1 formed on the make-up Sunday 01-04)
 ('fgw', 'http://fgw.test/dt/i1.html', 'dt', '部门动态', '动态一', '2026-01-05', '2026-01-04', 'r20260202'),
 ('fgw', 'http://fgw.test/dt/i2.html', 'dt', '部门动态', '动态二', '2026-02-10', '2026-02-01', 'r20260301'),
 ('fgw', 'http://fgw.test/dt/i3.html', 'dt', '部门动态', '动态三', '2026-03-25', '2026-02-15', 'r20260401'),
 ('fgw', 'http://fgw.test/dt/i4.html', 'dt', '部门动态', '动态四', '2025-12-20', NULL,         'r20260102'),
 ('fgw', 'http://fgw.test/tz/i5.html', 'tz', '通知公告', '通知一', '2026-01-20', '2026-01-16', 'r20260202'),
 ('fgw', 'http://fgw.test/tz/i6.html', 'tz', '通知公告', '通知二', '2025-09-01', NULL,         'r20260102'),
 ('fgw', 'http://fgw.test/zc/p0.html', 'zc', '政策文件', '政策〇', '2025-11-11', '2025-11-05', 'r20260102'),
 ('fgw', 'http://fgw.test/zc/p1.html', 'zc', '政策文件', '政策一', '2026-02-05', '2026-01-30', 'r20260301'),
 ('fgw', 'http://fgw.test/zc/p2.html', 'zc', '政策文件', '政策二', '2026-03-10', NULL,         'r20260401'),
 ('fgw', 'http://fgw.test/jd/j0.html', 'jd', '政策解读', '解读〇', '2025-11-12', NULL,         'r20260102'),
 ('fgw', 'http://fgw.test/jd/j1.html', 'jd', '政策解读', '解读一', '2026-02-06', NULL,         'r20260301'),
 ('fgw', 'http://fgw.test/rs/i7.html', 'rs', '人事信息', '任免一', '2025-06-01', NULL,         'r20260102'),
 ('fgw', 'http://fgw.test/ld/i8.html', 'ld', '机构领导', '局长',   NULL,         NULL,         'r20260102'),
 -- jyj: q2 is back-dated (dated 01-15, first seen 03-02 although the complete 02-02 crawl of zc saw nothing)
 ('jyj', 'http://jyj.test/dt/k1.html', 'dt', '部门动态', '教育动态', '2025-12-01', '2025-11-20', 'r20260102'),
 ('jyj', 'http://jyj.test/tz/k2.html', 'tz', '通知公告', '招生通知', '2025-08-15', NULL,         'r20260102'),
 ('jyj', 'http://jyj.test/zc/q1.html', 'zc', '政策文件', '教育政策', '2026-02-26', '2026-01-26', 'r20260302'),
 ('jyj', 'http://jyj.test/zc/q2.html', 'zc', '政策文件', '补录政策', '2026-01-15', NULL,         'r20260302'),
 -- cgz
 ('cgz', 'http://cgz.test/dt/t1.html', 'dt', '部门动态', '镇动态一', '2026-01-10', '2026-01-09', 'r20260202'),
 ('cgz', 'http://cgz.test/dt/t2.html', 'dt', '部门动态', '镇动态二', '2026-02-25', '2026-02-12', 'r20260302'),
 ('cgz', 'http://cgz.test/dt/t3.html', 'dt', '部门动态', '镇动态三', '2026-03-20', '2026-03-19', 'r20260401'),
 ('cgz', 'http://cgz.test/zc/tp1.html', 'zc', '政策文件', '镇政策', '2026-03-03', '2026-03-02', 'r20260401'),
 ('cgz', 'http://cgz.test/jd/tj1.html', 'jd', '政策解读', '镇解读', '2026-03-04', NULL,         'r20260401'),
 -- dcjd
 ('dcjd', 'http://dcjd.test/dt/s1.html', 'dt', '部门动态', '街道动态一', '2026-01-08', NULL, 'r20260202'),
 ('dcjd', 'http://dcjd.test/dt/s2.html', 'dt', '部门动态', '街道动态二', '2026-02-03', NULL, 'r20260301'),
 ('dcjd', 'http://dcjd.test/tz/s3.html', 'tz', '通知公告', '街道通知',   '2025-12-30', NULL, 'r20260102');

-- Every item is listed by its column in every run from its first one
-- (dcjd/dt found nothing in the last run: selector drift), and fgw's i5 is
-- also listed under 工作动态 (it counts once, under 通知公告).
CREATE TEMP TABLE fx_obs AS
SELECT r.run_id, i.unit_id, i.u AS canonical_url, i.column_id, i.publish_date
FROM fx_items i JOIN runs r ON r.run_id >= i.first_seen_run
WHERE NOT (i.unit_id = 'dcjd' AND i.column_id = 'dt' AND r.run_id = 'r20260401')
  AND NOT (i.unit_id = 'dcjd' AND i.column_id = 'tz' AND r.run_id = 'r20260401')
UNION ALL
SELECT r.run_id, 'fgw', 'http://fgw.test/tz/i5.html', 'dt', DATE '2026-01-20'
FROM runs r WHERE r.run_id >= 'r20260202';

INSERT INTO items (unit_id, canonical_url, url, column_id, category, title, publish_date, publish_raw,
    formed_date, formed_raw, list_date, list_date_raw, index_no, publisher, doc_no, topic, validity,
    detail_sha256, first_seen_run, last_seen_run, first_seen_date, last_seen_date)
SELECT i.unit_id, i.u, i.u, i.column_id, i.category, i.title, i.publish_date, CAST(i.publish_date AS VARCHAR),
       i.formed_date, CAST(i.formed_date AS VARCHAR), i.publish_date, CAST(i.publish_date AS VARCHAR),
       NULL, NULL, NULL, NULL, NULL, 'sha-' || i.title, i.first_seen_run,
       (SELECT max(o.run_id) FROM fx_obs o WHERE o.unit_id = i.unit_id AND o.canonical_url = i.u),
       (SELECT r.cutoff FROM runs r WHERE r.run_id = i.first_seen_run),
       (SELECT max(r.cutoff) FROM fx_obs o JOIN runs r ON r.run_id = o.run_id WHERE o.unit_id = i.unit_id AND o.canonical_url = i.u)
FROM fx_items i;

INSERT INTO item_observations (run_id, unit_id, canonical_url, column_id, title, publish_date, publish_raw,
    formed_date, formed_raw, list_date, list_date_raw, list_page, position, detail_fetched, list_sha256, detail_sha256, seen_at)
SELECT o.run_id, o.unit_id, o.canonical_url, o.column_id, NULL, o.publish_date, NULL, NULL, NULL, NULL, NULL,
       1, 1, true, NULL, NULL, NULL
FROM fx_obs o;

-- Links: fgw p1 <-> j1 both ways, j0 -> p0 one way, p2 -> another site's
-- page only; cgz tj1 -> tp1 one way; jyj links to a 通知 (not a 解读).
INSERT INTO item_links (unit_id, from_url, to_url, run_id) VALUES
 ('fgw', 'http://fgw.test/zc/p1.html', 'http://fgw.test/jd/j1.html', 'r20260401'),
 ('fgw', 'http://fgw.test/jd/j1.html', 'http://fgw.test/zc/p1.html', 'r20260401'),
 ('fgw', 'http://fgw.test/jd/j0.html', 'http://fgw.test/zc/p0.html', 'r20260401'),
 ('fgw', 'http://fgw.test/zc/p2.html', 'http://www.gov.cn/zhengce/jd.html', 'r20260401'),
 ('cgz', 'http://cgz.test/jd/tj1.html', 'http://cgz.test/zc/tp1.html', 'r20260401'),
 ('jyj', 'http://jyj.test/zc/q1.html', 'http://jyj.test/tz/k2.html', 'r20260401');

-- Column crawls: every column in every run ok, except: dcjd/dt found
-- nothing in the last run (drift); dcjd/tz failed in the last run; the
-- incomplete run r20260301 did not reach jyj, cgz or dcjd. jyj/zc in
-- r20260202 was a complete, successful crawl (back-dated evidence).
INSERT INTO column_runs (run_id, unit_id, column_id, kind, url, profile, encoding, pages, found, total_pages,
    complete, incremental, outcome, error, newest, finished_at)
SELECT r.run_id, c.unit_id, c.column_id, 'column', c.url, c.profile, 'utf-8', 1,
       CASE WHEN c.unit_id = 'dcjd' AND c.column_id = 'dt' AND r.run_id = 'r20260401' THEN 0
            ELSE (SELECT count(*) FROM fx_obs o WHERE o.run_id = r.run_id AND o.unit_id = c.unit_id AND o.column_id = c.column_id) END,
       1, true, false,
       CASE WHEN c.unit_id = 'dcjd' AND c.column_id = 'tz' AND r.run_id = 'r20260401' THEN 'failed'
            WHEN (SELECT count(*) FROM fx_obs o WHERE o.run_id = r.run_id AND o.unit_id = c.unit_id AND o.column_id = c.column_id) = 0 THEN 'empty'
            ELSE 'ok' END,
       NULL, NULL, r.started_at
FROM columns c CROSS JOIN runs r
WHERE r.run_id <> 'r20260301' OR c.unit_id = 'fgw';

INSERT INTO column_runs (run_id, unit_id, column_id, kind, url, profile, encoding, pages, found, total_pages,
    complete, incremental, outcome, error, newest, finished_at)
SELECT r.run_id, m.unit_id, m.mailbox_id, 'mailbox', m.url, NULL, 'utf-8', 1, 0, 1, true, false, 'ok', NULL, NULL, r.started_at
FROM mailboxes m CROSS JOIN runs r
WHERE r.run_id <> 'r20260301' OR m.unit_id = 'fgw';

-- Home pages: fgw updated two days before each cutoff; jyj not since
-- 2025-12-20; dcjd eleven days before each cutoff (a warning), and its
-- home page failed in the last run. cgz has no home page.
INSERT INTO home_observations (run_id, unit_id, url, ok, status, error, newest_date, newest_raw, newest_url,
    newest_title, sha256, fetched_at)
SELECT r.run_id, u.unit_id, u.home_url, NOT (u.unit_id = 'dcjd' AND r.run_id = 'r20260401'),
       CASE WHEN u.unit_id = 'dcjd' AND r.run_id = 'r20260401' THEN 503 ELSE 200 END, NULL,
       CASE WHEN u.unit_id = 'dcjd' AND r.run_id = 'r20260401' THEN NULL
            WHEN u.unit_id = 'fgw' THEN r.cutoff - 2
            WHEN u.unit_id = 'jyj' THEN DATE '2025-12-20'
            ELSE r.cutoff - 11 END,
       NULL,
       CASE WHEN u.unit_id = 'dcjd' AND r.run_id = 'r20260401' THEN NULL ELSE u.home_url || 'news/' || r.run_id || '.html' END,
       '首页新闻', NULL, r.started_at
FROM units u CROSS JOIN runs r
WHERE u.home_url IS NOT NULL AND (r.run_id <> 'r20260301' OR u.unit_id = 'fgw');

-- Page attempts: the home page and one list page per column and mailbox
-- per run, all fetched, plus: fgw's detail page fetched on the second try
-- in the last run; jyj's detail page blocked by a WAF in the last run;
-- dcjd's home page and tz list failed in the last run (twice each).
INSERT INTO page_attempts (run_id, unit_id, column_id, kind, method, url, attempt, status, bytes, duration_ms,
    outcome, error, sha256, fetched_at)
SELECT cr.run_id, cr.unit_id, cr.column_id, CASE cr.kind WHEN 'column' THEN 'list' ELSE 'mailbox_list' END, 'GET', cr.url, 1, 200, 1000, 10,
       CASE WHEN cr.outcome = 'failed' THEN 'failed' ELSE 'ok' END, NULL, NULL, r.started_at
FROM column_runs cr JOIN runs r ON r.run_id = cr.run_id
UNION ALL
SELECT h.run_id, h.unit_id, NULL, 'home', 'GET', h.url, 1, h.status, 1000, 10,
       CASE WHEN h.ok THEN 'ok' ELSE 'failed' END, NULL, NULL, r.started_at
FROM home_observations h JOIN runs r ON r.run_id = h.run_id;
INSERT INTO page_attempts (run_id, unit_id, column_id, kind, method, url, attempt, status, bytes, duration_ms,
    outcome, error, sha256, fetched_at) VALUES
 ('r20260401', 'dcjd', 'tz', 'list', 'GET', 'http://dcjd.test/tz/', 2, 503, 0, 10, 'failed', 'status 503', NULL, '2026-04-01 08:05'),
 ('r20260401', 'dcjd', NULL, 'home', 'GET', 'http://dcjd.test/', 2, 503, 0, 10, 'failed', 'status 503', NULL, '2026-04-01 08:05'),
 ('r20260401', 'fgw', 'dt', 'detail', 'GET', 'http://fgw.test/dt/i3.html', 1, NULL, 0, 10, 'failed', 'timeout', NULL, '2026-04-01 08:01'),
 ('r20260401', 'fgw', 'dt', 'detail', 'GET', 'http://fgw.test/dt/i3.html', 2, 200, 900, 10, 'ok', NULL, NULL, '2026-04-01 08:02'),
 ('r20260401', 'jyj', 'zc', 'detail', 'GET', 'http://jyj.test/zc/q1.html', 1, 403, 0, 10, 'blocked', 'waf challenge', NULL, '2026-04-01 08:01');

-- Letters. fgw: L1 咨询 sent Friday 02-13 before the make-up Saturday,
-- answered 02-27 (5 working days: 02-14, 24, 25, 26, 27); L2 投诉 same day,
-- in progress at 03-02, answered 03-09; L3 咨询 answered late and without
-- its reply text; L4 建议 answered in 4 days; L8 其他 of 03-20, state
-- unknown at 04-01, not yet due (15 working days: 04-13). jyj: L5 咨询 of 2025-11-10
-- never answered (veto 5); L6 求助 in progress past its deadline; L7 咨询
-- answered late, page without 答复单位. cgz has a mailbox and no letters;
-- dcjd has no mailbox.
INSERT INTO letters (unit_id, mailbox_id, letter_key, letter_no, url, title, type, type_raw, received_at,
    received_date, received_raw, status, status_raw, handler, replied_at, replied_date, replied_raw,
    shows_reply_time, shows_handler, shows_reply_content, detail_sha256, first_seen_run, last_seen_run) VALUES
 ('fgw', 'zxzx', 'L1', 'L1', 'http://fgw.test/zxzx/L1.html', '咨询一', '咨询', '咨询', '2026-02-13 10:00', '2026-02-13', NULL, 'replied', '已回复', '发改委', '2026-02-27 09:00', '2026-02-27', NULL, true, true, true, 'sha-L1', 'r20260302', 'r20260401'),
 ('fgw', 'zxzx', 'L2', 'L2', 'http://fgw.test/zxzx/L2.html', '投诉一', '投诉', '投诉', '2026-02-13 11:00', '2026-02-13', NULL, 'replied', '已回复', '发改委', '2026-03-09 09:00', '2026-03-09', NULL, true, true, true, 'sha-L2', 'r20260302', 'r20260401'),
 ('fgw', 'zxzx', 'L3', 'L3', 'http://fgw.test/zxzx/L3.html', '咨询二', '咨询', '咨询', '2026-03-05 10:00', '2026-03-05', NULL, 'replied', '已回复', '发改委', '2026-03-16 09:00', '2026-03-16', NULL, true, true, false, 'sha-L3', 'r20260401', 'r20260401'),
 ('fgw', 'zxzx', 'L8', 'L8', 'http://fgw.test/zxzx/L8.html', '其他一', '其他', '其它', '2026-03-20 10:00', '2026-03-20', NULL, 'unknown', '', NULL, NULL, NULL, NULL, NULL, NULL, NULL, 'sha-L8', 'r20260401', 'r20260401'),
 ('fgw', 'zxzx', 'L4', 'L4', 'http://fgw.test/zxzx/L4.html', '建议一', '建议', '建议', '2026-01-05 10:00', '2026-01-05', NULL, 'replied', '已回复', '发改委', '2026-01-09 09:00', '2026-01-09', NULL, true, true, true, 'sha-L4', 'r20260202', 'r20260401'),
 ('jyj', 'jzxx', 'L5', 'L5', 'http://jyj.test/jzxx/L5.html', '咨询三', '咨询', '咨询', '2025-11-10 10:00', '2025-11-10', NULL, 'unreplied', '未回复', NULL, NULL, NULL, NULL, false, false, false, 'sha-L5', 'r20260102', 'r20260401'),
 ('jyj', 'jzxx', 'L6', 'L6', 'http://jyj.test/jzxx/L6.html', '求助一', '求助', '求助', '2026-03-02 10:00', '2026-03-02', NULL, 'in_progress', '办理中', NULL, NULL, NULL, NULL, false, false, false, 'sha-L6', 'r20260401', 'r20260401'),
 ('jyj', 'jzxx', 'L7', 'L7', 'http://jyj.test/jzxx/L7.html', '咨询四', '咨询', '咨询', '2026-02-13 10:00', '2026-02-13', NULL, 'replied', '已回复', NULL, '2026-03-02 09:00', '2026-03-02', NULL, true, false, true, 'sha-L7', 'r20260302', 'r20260401');

INSERT INTO letter_observations (run_id, unit_id, mailbox_id, letter_key, status, status_raw, handler,
    replied_at, replied_date, detail_sha256, seen_at)
SELECT r.run_id, l.unit_id, l.mailbox_id, l.letter_key,
       CASE WHEN l.letter_key = 'L2' AND r.run_id < 'r20260401' THEN 'in_progress' ELSE l.status END,
       NULL,
       CASE WHEN l.letter_key = 'L2' AND r.run_id < 'r20260401' THEN NULL ELSE l.handler END,
       CASE WHEN l.letter_key = 'L2' AND r.run_id < 'r20260401' THEN NULL ELSE l.replied_at END,
       CASE WHEN l.letter_key = 'L2' AND r.run_id < 'r20260401' THEN NULL ELSE l.replied_date END,
       l.detail_sha256, r.started_at
FROM letters l JOIN runs r ON r.run_id >= l.first_seen_run AND r.run_id <> 'r20260301';

-- Verdicts, as a crawler that writes them would: an empty list is a
-- verified empty (the site said 暂无信息), ok lists were read to their
-- last page, and dcjd's tz list and home page failed in the last run.
UPDATE column_runs SET verdict = CASE outcome WHEN 'ok' THEN 'complete' WHEN 'empty' THEN 'empty' ELSE outcome END,
    verdict_derived = false, distinct_items = found, last_page_seen = outcome <> 'failed', details_failed = 0, rendered = false;
UPDATE home_observations SET verdict = CASE WHEN ok THEN 'complete' ELSE 'failed' END, verdict_derived = false;
UPDATE runs SET default_cutoff = complete;

-- Evidence cases. cgz's mailbox was blocked in the last run: 无可用信箱
-- must not fire on it and 互动回应 waits (待核实). fgw's i9 was listed in
-- the last run but its detail page failed: listed, not verified, not
-- counted. jyj's k3 (dated 01-20) was listed by dt on 03-02 and was gone
-- by 04-01 (a complete read of dt no longer listed it and its page
-- answered 404): known as of 03-02, removed as of 04-01.
UPDATE column_runs SET outcome = 'blocked', verdict = 'blocked', verdict_reason = 'WAF 挑战页'
WHERE run_id = 'r20260401' AND unit_id = 'cgz' AND kind = 'mailbox';
UPDATE page_attempts SET outcome = 'blocked', status = 403, error = 'waf challenge'
WHERE run_id = 'r20260401' AND unit_id = 'cgz' AND kind = 'mailbox_list';
INSERT INTO items (unit_id, canonical_url, url, column_id, category, title, publish_date, publish_raw,
    list_date, list_date_raw, first_seen_run, last_seen_run, first_seen_date, last_seen_date,
    detail_fetched_run, detail_failed_run, removed_run, removed_url, removed_status) VALUES
 ('fgw', 'http://fgw.test/dt/i9.html', 'http://fgw.test/dt/i9.html', 'dt', '部门动态', '动态九', '2026-03-26', '2026-03-26',
  '2026-03-26', '2026-03-26', 'r20260401', 'r20260401', '2026-04-01', '2026-04-01', NULL, 'r20260401', NULL, NULL, NULL),
 ('jyj', 'http://jyj.test/dt/k3.html', 'http://jyj.test/dt/k3.html', 'dt', '部门动态', '已删动态', '2026-01-20', '2026-01-20',
  '2026-01-20', '2026-01-20', 'r20260302', 'r20260302', '2026-03-02', '2026-03-02', 'r20260302', NULL,
  'r20260401', 'http://jyj.test/dt/k3.html', 404);
INSERT INTO item_observations (run_id, unit_id, canonical_url, column_id, title, publish_date, list_date, list_page, position,
    detail_fetched, detail_error) VALUES
 ('r20260401', 'fgw', 'http://fgw.test/dt/i9.html', 'dt', '动态九', '2026-03-26', '2026-03-26', 1, 0, false, 'status 503'),
 ('r20260302', 'jyj', 'http://jyj.test/dt/k3.html', 'dt', '已删动态', '2026-01-20', '2026-01-20', 1, 0, true, NULL);
INSERT INTO page_attempts (run_id, unit_id, column_id, kind, method, url, attempt, status, bytes, duration_ms,
    outcome, error, sha256, fetched_at) VALUES
 ('r20260401', 'jyj', 'dt', 'detail', 'GET', 'http://jyj.test/dt/k3.html', 1, 404, 0, 10, 'failed', 'status 404', NULL, '2026-04-01 08:03');

-- 政务舆情: what the letters say. fgw's L1, L2 and L3 are one matter
-- (锦绣花园's lift) written three times, the latest (L3) with no reply
-- shown: an open repeat; L1's and jyj's L7's replies only forward the
-- letter. L6 carries terms of two topics (交通出行 has more hits). L5's
-- and L8's texts have no reply; cgz and dcjd have no letters.
INSERT INTO letter_texts (unit_id, mailbox_id, letter_key, title, content, reply, run_id, seen_at) VALUES
 ('fgw', 'zxzx', 'L4', '建议增加公交线路', '建议在城东新区增加一条公交线路，方便居民出行。',
  '感谢您的建议，我局已将城东新区新增公交线路纳入今年线网优化方案，预计三季度开通运行。', 'r20260202', '2026-02-02 08:30'),
 ('fgw', 'zxzx', 'L1', '小区电梯故障', '锦绣花园3号楼电梯故障已停运一个月，物业不作为。',
  '您的来信已转交相关部门办理。', 'r20260302', '2026-03-02 08:30'),
 ('fgw', 'zxzx', 'L2', '小区电梯故障', '锦绣花园3号楼电梯故障已停运一个月，物业仍不作为。',
  '经核查，物业公司已于3月8日更换电梯主板，电梯恢复运行，我局将持续督促物业履行维修责任。', 'r20260401', '2026-04-01 08:30'),
 ('fgw', 'zxzx', 'L3', '锦绣花园电梯又坏了', '锦绣花园3号楼电梯故障又停运了，物业仍不作为。', NULL, 'r20260401', '2026-04-01 08:30'),
 ('fgw', 'zxzx', 'L8', '咨询营业执照办理', '个体户营业执照在哪里办理？', NULL, 'r20260401', '2026-04-01 08:30'),
 ('jyj', 'jzxx', 'L5', '咨询入学', '随迁子女入学需要哪些材料？', NULL, 'r20260102', '2026-01-02 08:30'),
 ('jyj', 'jzxx', 'L6', '学校门口交通拥堵', '实验小学门口上下学时段交通拥堵，建议增设交通协管员。', NULL, 'r20260401', '2026-04-01 08:30'),
 ('jyj', 'jzxx', 'L7', '咨询学位', '请问城东学区的学位还有吗？', '您的来信已转交相关部门办理。', 'r20260302', '2026-03-02 08:30');
