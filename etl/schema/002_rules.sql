-- gongkai store, version 2: the assessment rules, one rule set per version,
-- so a past period is re-scored under the rules of its own year. Written by
-- rules.Install; read by the metric macros (queries/sql).

CREATE TABLE IF NOT EXISTS rule_sets (
    version      VARCHAR PRIMARY KEY,
    year         INTEGER NOT NULL,
    source       VARCHAR,
    note         VARCHAR,
    installed_at TIMESTAMP NOT NULL
);
COMMENT ON TABLE rule_sets IS 'Installed rule sets. A metric uses the set whose year is the year of period_from, else the newest (highest year).';

CREATE TABLE IF NOT EXISTS rule_values (
    version VARCHAR NOT NULL,
    key     VARCHAR NOT NULL,
    num     DOUBLE,
    text    VARCHAR,
    PRIMARY KEY (version, key)
);
COMMENT ON TABLE rule_values IS 'Scalar rules by dotted key (timeliness.working_days, home.veto_days, veto.2.min, score.weight.publish …); switches are 1/0.';

CREATE TABLE IF NOT EXISTS rule_classes (
    version      VARCHAR NOT NULL,
    category     VARCHAR NOT NULL,
    class        VARCHAR NOT NULL,
    limit_days   INTEGER,
    limit_months INTEGER,
    veto_key     BOOLEAN NOT NULL,
    deduct_group VARCHAR NOT NULL,
    PRIMARY KEY (version, category)
);
COMMENT ON TABLE rule_classes IS 'Standard category → update class and its limit (days or months; both NULL for static), whether a stale column counts toward veto 2, and its 栏目维护 deduction group (dynamic, key, other).';

CREATE TABLE IF NOT EXISTS rule_deadlines (
    version      VARCHAR NOT NULL,
    letter_type  VARCHAR NOT NULL,
    working_days INTEGER NOT NULL,
    PRIMARY KEY (version, letter_type)
);
COMMENT ON TABLE rule_deadlines IS 'Working days allowed to answer a letter, by type; other types use rule_values letters.default_deadline.';

CREATE TABLE IF NOT EXISTS rule_targets (
    version         VARCHAR NOT NULL,
    scope           VARCHAR NOT NULL,
    subject         VARCHAR NOT NULL,
    yearly          DOUBLE,
    monthly_minimum INTEGER,
    PRIMARY KEY (version, scope, subject)
);
COMMENT ON TABLE rule_targets IS 'Yearly publish targets and monthly minimums; scope kind (subject = 部门/乡镇/街道) or unit (subject = unit_id, wins over kind).';

CREATE TABLE IF NOT EXISTS rule_grades (
    version VARCHAR NOT NULL,
    min     DOUBLE NOT NULL,
    grade   VARCHAR NOT NULL,
    PRIMARY KEY (version, min)
);
COMMENT ON TABLE rule_grades IS 'Grade bands: a total ≥ min earns grade (the highest band that fits); below all bands, rule_values score.fail_grade.';
