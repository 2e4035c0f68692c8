-- gongkai store, version 21: the 勾稽 rules of the 年度报告, written by
-- rules.Install with the rest of a rule set (rules/2026.yaml, annual_report).

CREATE TABLE IF NOT EXISTS rule_annual_checks (
    version   VARCHAR NOT NULL,
    name      VARCHAR NOT NULL,
    instance  VARCHAR NOT NULL,
    optional  BOOLEAN NOT NULL,
    lhs       VARCHAR[] NOT NULL,
    rhs       VARCHAR[] NOT NULL,
    formula   VARCHAR NOT NULL,
    PRIMARY KEY (version, name, instance)
);
COMMENT ON TABLE rule_annual_checks IS '勾稽 rules of the 年度报告, one row per rule and instance (column, row or group it is applied to): the sum of the lhs cells must equal the sum of the rhs cells; cells are section/row/column. optional rules apply only when the report has their first lhs cell.';
