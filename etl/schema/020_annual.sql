-- gongkai store, version 20: the 政府信息公开工作年度报告 read by the crawl,
-- report by report and cell by cell (docs/annual-report.md). Checked by the
-- annual_report_* macros against the 勾稽 rules of rule_annual_checks.

ALTER TABLE columns ADD COLUMN annual_report BOOLEAN DEFAULT false;
COMMENT ON COLUMN columns.annual_report IS 'The configuration marks the column as the unit''s 年报 column (annual_report: true); a column of category 政务公开工作专题 is one too.';

CREATE TABLE annual_reports (
    run_id        VARCHAR NOT NULL,
    unit_id       VARCHAR NOT NULL,
    year          INTEGER NOT NULL,
    canonical_url VARCHAR NOT NULL,
    url           VARCHAR NOT NULL,
    column_id     VARCHAR NOT NULL,
    title         VARCHAR NOT NULL,
    published     DATE,
    published_raw VARCHAR,
    status        VARCHAR NOT NULL,
    cells         INTEGER NOT NULL,
    blank_cells   INTEGER NOT NULL,
    attachments   VARCHAR[],
    images        VARCHAR[],
    paragraphs    VARCHAR[],
    evidence      VARCHAR,
    seen_at       TIMESTAMP,
    PRIMARY KEY (run_id, unit_id, canonical_url)
);
COMMENT ON TABLE annual_reports IS 'Each 政府信息公开工作年度报告 a run read in a unit''s 年报 column: its year, 发布日期 and what its page gave.';
COMMENT ON COLUMN annual_reports.run_id IS 'The run that read the report.';
COMMENT ON COLUMN annual_reports.unit_id IS 'The unit.';
COMMENT ON COLUMN annual_reports.year IS 'The year the report covers, from its title (due by 31 January of the year after).';
COMMENT ON COLUMN annual_reports.canonical_url IS 'Canonical URL of the report''s page.';
COMMENT ON COLUMN annual_reports.url IS 'URL of the report''s page as linked.';
COMMENT ON COLUMN annual_reports.column_id IS 'The 年报 column that listed it.';
COMMENT ON COLUMN annual_reports.title IS 'Title of the report.';
COMMENT ON COLUMN annual_reports.published IS '发布日期 (from the detail page, else the list); NULL when not shown or not a date.';
COMMENT ON COLUMN annual_reports.published_raw IS '发布日期 as the page wrote it.';
COMMENT ON COLUMN annual_reports.status IS 'read (tables read into cells), image (tables only as pictures), attachment (report only as a file) or no_table; all but read are 无法核对.';
COMMENT ON COLUMN annual_reports.cells IS 'Cells of the national format read from the page.';
COMMENT ON COLUMN annual_reports.blank_cells IS 'Of those, cells the page left blank (counted as 0 and as 空白).';
COMMENT ON COLUMN annual_reports.attachments IS 'Attached files of the report (PDF, Word, OFD …), absolute URLs.';
COMMENT ON COLUMN annual_reports.images IS 'Pictures in the report''s content, absolute URLs.';
COMMENT ON COLUMN annual_reports.paragraphs IS 'Fingerprints of the report''s text paragraphs without digits, spaces and punctuation, to find text copied from another year.';
COMMENT ON COLUMN annual_reports.evidence IS 'sha256 of the stored snapshot of the page (landing snapshots).';
COMMENT ON COLUMN annual_reports.seen_at IS 'When the page was read, Asia/Shanghai.';

CREATE TABLE annual_report_cells (
    run_id        VARCHAR NOT NULL,
    unit_id       VARCHAR NOT NULL,
    year          INTEGER NOT NULL,
    canonical_url VARCHAR NOT NULL,
    section       VARCHAR NOT NULL,
    row_name      VARCHAR NOT NULL,
    column_name   VARCHAR NOT NULL,
    value         DOUBLE,
    valid         BOOLEAN NOT NULL,
    blank         BOOLEAN NOT NULL,
    raw           VARCHAR,
    evidence      VARCHAR,
    PRIMARY KEY (run_id, unit_id, canonical_url, section, row_name, column_name)
);
COMMENT ON TABLE annual_report_cells IS 'The cells of the national format (国办公开办函〔2021〕30号) read from each report: one row per section, row and column.';
COMMENT ON COLUMN annual_report_cells.run_id IS 'The run that read the report.';
COMMENT ON COLUMN annual_report_cells.unit_id IS 'The unit.';
COMMENT ON COLUMN annual_report_cells.year IS 'The year the report covers.';
COMMENT ON COLUMN annual_report_cells.canonical_url IS 'The report (annual_reports.canonical_url).';
COMMENT ON COLUMN annual_report_cells.section IS '二 (主动公开), 三 (申请) or 四 (复议、诉讼).';
COMMENT ON COLUMN annual_report_cells.row_name IS 'Row of the format: 规章 … 行政事业性收费; 本年新收, 上年结转, 予以公开, 部分公开, 不予公开.1 … 其他处理.3, <group>.小计, 办理结果总计, 结转下年度; 行政复议, 未经复议直接起诉, 复议后起诉.';
COMMENT ON COLUMN annual_report_cells.column_name IS 'Column of the format: 本年制发件数 …; 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计; 结果维持, 结果纠正, 其他结果, 尚未审结, 总计.';
COMMENT ON COLUMN annual_report_cells.value IS 'The number read (万元 for 本年收费金额); 0 when blank; NULL when the text is not a number.';
COMMENT ON COLUMN annual_report_cells.valid IS 'The text is a number or blank.';
COMMENT ON COLUMN annual_report_cells.blank IS 'The page left the cell blank (or wrote / or —).';
COMMENT ON COLUMN annual_report_cells.raw IS 'The cell''s text as the page wrote it.';
COMMENT ON COLUMN annual_report_cells.evidence IS 'Where the cell is: table, row and column of the page''s grid with spans expanded, 1-based (表2第5行第3列).';
