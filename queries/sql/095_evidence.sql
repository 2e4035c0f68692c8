-- 证据: the page snapshots behind findings. An analyst, the workbook
-- writer and `gongkai evidence` find what a hash or an address was: whose
-- page, fetched when, in which run.

-- page_evidence(target): the snapshot named by target, a SHA-256 or a page
-- address (NULL: every snapshot), with the unit and the newest fetch that
-- stored it; one row per snapshot, newest first.
CREATE OR REPLACE MACRO page_evidence(target) AS TABLE
SELECT p.sha256, p.unit_id, u.name AS unit_name, p.url, p.fetched_at, p.run_id, p.kind
FROM page_attempts p
LEFT JOIN units u ON u.unit_id = p.unit_id
WHERE p.sha256 IS NOT NULL AND p.sha256 <> '' AND (target IS NULL OR p.sha256 = target OR p.url = target)
QUALIFY row_number() OVER (PARTITION BY p.sha256 ORDER BY p.fetched_at DESC, p.run_id DESC) = 1
ORDER BY p.fetched_at DESC, p.sha256;
COMMENT ON MACRO TABLE page_evidence IS 'Snapshots named by a SHA-256 or a page address (NULL: all): unit, URL, newest fetch time (Asia/Shanghai), run, page kind. SELECT * FROM page_evidence(''https://…'')';
