-- The verdict-deriving helpers of 007 join the other internal macros in
-- schema gk, so that schema main lists only the public macros analysts
-- call. The loader calls them as gk.derive_*.
CREATE SCHEMA IF NOT EXISTS gk;
CREATE OR REPLACE MACRO gk.derive_verdict(outcome, complete) AS CASE
    WHEN outcome = 'blocked' THEN 'blocked'
    WHEN outcome IN ('failed', 'robots') THEN 'failed'
    WHEN outcome = 'empty' THEN 'suspect'
    WHEN outcome = 'ok' AND coalesce(complete, false) THEN 'complete'
    WHEN outcome = 'ok' THEN 'partial'
    ELSE 'failed' END;
CREATE OR REPLACE MACRO gk.derive_verdict_reason(outcome, complete) AS CASE
    WHEN outcome = 'blocked' THEN '被拦截'
    WHEN outcome = 'robots' THEN 'robots.txt 不允许抓取'
    WHEN outcome = 'failed' THEN '抓取失败'
    WHEN outcome = 'empty' THEN '列表为空, 但没有网站自报为零的证据(旧版本记录)'
    WHEN outcome = 'ok' AND coalesce(complete, false) THEN '已翻至末页(旧版本记录, 未与网站自报总数核对)'
    WHEN outcome = 'ok' THEN '未读完全部页'
    ELSE '结果未知' END;
CREATE OR REPLACE MACRO gk.derive_home_verdict(ok, status, error) AS CASE
    WHEN ok THEN 'complete'
    WHEN coalesce(error, '') LIKE 'blocked%' OR status IN (403, 412) THEN 'blocked'
    ELSE 'failed' END;
DROP MACRO IF EXISTS main.gk_derive_verdict;
DROP MACRO IF EXISTS main.gk_derive_verdict_reason;
DROP MACRO IF EXISTS main.gk_derive_home_verdict;
