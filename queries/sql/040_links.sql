-- 解读关联率: 政策文件 items published in the period that are linked with a
-- 政策解读 item of the same unit, by a stored link from either page to the
-- other. Links to other units' pages or to non-解读 pages do not count.

CREATE OR REPLACE MACRO gk.policy_links(f, t, as_of) AS TABLE
WITH pl_p AS (SELECT CAST(f AS DATE) AS pl_f, CAST(t AS DATE) AS pl_t, CAST(as_of AS DATE) AS pl_cd),
pol AS (
    SELECT * FROM gk.published((SELECT pl_f FROM pl_p), (SELECT pl_t FROM pl_p), (SELECT pl_cd FROM pl_p))
    WHERE category = '政策文件'
),
interp AS (SELECT unit_id, canonical_url FROM gk.items((SELECT pl_cd FROM pl_p)) WHERE category = '政策解读'),
out_l AS (
    SELECT DISTINCT l.unit_id, l.from_url AS policy, l.to_url AS interp
    FROM item_links l JOIN interp ON interp.unit_id = l.unit_id AND interp.canonical_url = l.to_url
),
in_l AS (
    SELECT DISTINCT l.unit_id, l.to_url AS policy, l.from_url AS interp
    FROM item_links l JOIN interp ON interp.unit_id = l.unit_id AND interp.canonical_url = l.from_url
),
per AS (
    SELECT coalesce(o.unit_id, i.unit_id) AS unit_id, coalesce(o.policy, i.policy) AS policy,
           bool_or(o.interp IS NOT NULL AND i.interp IS NOT NULL) AS both_ways
    FROM out_l o FULL JOIN in_l i ON i.unit_id = o.unit_id AND i.policy = o.policy AND i.interp = o.interp
    GROUP BY ALL
),
outs AS (SELECT unit_id, from_url, count(*) AS links_out FROM item_links GROUP BY ALL)
SELECT pol.unit_id, pol.canonical_url, pol.url, pol.title, pol.publish_date, pol.detail_sha256,
       per.policy IS NOT NULL AS linked,
       coalesce(per.both_ways, false) AS both_ways,
       coalesce(outs.links_out, 0) AS links_out
FROM pol
LEFT JOIN per ON per.unit_id = pol.unit_id AND per.policy = pol.canonical_url
LEFT JOIN outs ON outs.unit_id = pol.unit_id AND outs.from_url = pol.canonical_url;

CREATE OR REPLACE MACRO gk.interpretation_links(f, t, as_of, ver) AS TABLE
WITH n AS (
    SELECT unit_id, count(*) AS policies,
           count(*) FILTER (WHERE linked) AS linked,
           count(*) FILTER (WHERE both_ways) AS both_ways
    FROM gk.policy_links(f, t, as_of) GROUP BY unit_id
)
SELECT u.unit_id, u.unit_name, u.kind, u.kind_group,
       coalesce(n.policies, 0) AS policies, coalesce(n.linked, 0) AS linked,
       coalesce(n.both_ways, 0) AS both_ways,
       coalesce(n.policies, 0) - coalesce(n.linked, 0) AS unlinked,
       CASE WHEN n.policies > 0 THEN n.linked / n.policies END AS rate
FROM gk.units(ver) u
LEFT JOIN n ON n.unit_id = u.unit_id;

CREATE OR REPLACE MACRO interpretation_links(period_from, period_to, cutoff := NULL) AS TABLE
SELECT s.* REPLACE (round(s.rate, 4) AS rate), c.items_complete AS coverage_complete
FROM gk.interpretation_links(period_from, period_to, gk.cutoff(period_to, cutoff), gk.rule_version(period_from)) s
JOIN gk.coverage(gk.cutoff(period_to, cutoff)) c ON c.unit_id = s.unit_id
ORDER BY s.kind_group, s.unit_id;

CREATE OR REPLACE MACRO unlinked_policies(period_from, period_to, cutoff := NULL) AS TABLE
SELECT u.unit_id, u.unit_name, u.kind, u.kind_group, p.url, p.title, p.publish_date, p.links_out, p.detail_sha256
FROM gk.policy_links(period_from, period_to, gk.cutoff(period_to, cutoff)) p
JOIN gk.units(gk.rule_version(period_from)) u ON u.unit_id = p.unit_id
WHERE NOT p.linked
ORDER BY u.kind_group, u.unit_id, p.publish_date, p.url;
