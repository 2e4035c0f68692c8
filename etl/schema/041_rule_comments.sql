-- Every column of the rule tables and of schema_migrations described in
-- the store, as every other table's are (docs/schema.md says the same).

COMMENT ON TABLE schema_migrations IS 'The schema files applied to this store, one row each; a file is applied once, in name order.';
COMMENT ON COLUMN schema_migrations.version IS 'The number the file name starts with.';
COMMENT ON COLUMN schema_migrations.name IS 'The file name, e.g. 001_init.sql.';
COMMENT ON COLUMN schema_migrations.applied_at IS 'When it was applied (Asia/Shanghai).';

COMMENT ON COLUMN rule_sets.version IS 'Rule set version, e.g. 2026.';
COMMENT ON COLUMN rule_sets.year IS 'The year whose periods it scores.';
COMMENT ON COLUMN rule_sets.source IS 'Where it came from: builtin:<file> or the rules file''s path.';
COMMENT ON COLUMN rule_sets.note IS 'The rules file''s note, if any.';
COMMENT ON COLUMN rule_sets.installed_at IS 'When it was installed (Asia/Shanghai).';

COMMENT ON COLUMN rule_values.version IS 'Rule set (rule_sets.version).';
COMMENT ON COLUMN rule_values.key IS 'Dotted key, e.g. timeliness.working_days.';
COMMENT ON COLUMN rule_values.num IS 'The value when it is a number (switches 1/0).';
COMMENT ON COLUMN rule_values.text IS 'The value when it is text (score.fail_grade).';

COMMENT ON COLUMN rule_classes.version IS 'Rule set (rule_sets.version).';
COMMENT ON COLUMN rule_classes.category IS 'Standard category, e.g. 通知公告.';
COMMENT ON COLUMN rule_classes.class IS 'Update class: dynamic, periodic, annual or static.';
COMMENT ON COLUMN rule_classes.limit_days IS 'Days a column of the class may go without a new item; NULL when limited in months or static.';
COMMENT ON COLUMN rule_classes.limit_months IS 'Months a column of the class may go without a new item; NULL when limited in days or static.';
COMMENT ON COLUMN rule_classes.veto_key IS 'Whether a stale column of the category counts toward veto 2.';
COMMENT ON COLUMN rule_classes.deduct_group IS '栏目维护 deduction group: dynamic, key or other.';

COMMENT ON COLUMN rule_deadlines.version IS 'Rule set (rule_sets.version).';
COMMENT ON COLUMN rule_deadlines.letter_type IS 'Letter type, e.g. 咨询.';
COMMENT ON COLUMN rule_deadlines.working_days IS 'Working days allowed to answer.';

COMMENT ON COLUMN rule_targets.version IS 'Rule set (rule_sets.version).';
COMMENT ON COLUMN rule_targets.scope IS 'kind or unit.';
COMMENT ON COLUMN rule_targets.subject IS 'The kind (部门, 乡镇, 街道) or the unit_id.';
COMMENT ON COLUMN rule_targets.yearly IS 'Items to publish in a year; NULL for none.';
COMMENT ON COLUMN rule_targets.monthly_minimum IS 'Items below which a month is 空白; NULL for none.';

COMMENT ON COLUMN rule_grades.version IS 'Rule set (rule_sets.version).';
COMMENT ON COLUMN rule_grades.min IS 'Lowest total of the band.';
COMMENT ON COLUMN rule_grades.grade IS 'The grade, e.g. 优秀.';

COMMENT ON COLUMN rule_annual_checks.version IS 'Rule set (rule_sets.version).';
COMMENT ON COLUMN rule_annual_checks.name IS 'The rule''s name.';
COMMENT ON COLUMN rule_annual_checks.instance IS 'The column, row or group it is applied to.';
COMMENT ON COLUMN rule_annual_checks.optional IS 'Applies only when the report has the first lhs cell.';
COMMENT ON COLUMN rule_annual_checks.lhs IS 'Cells (section/row/column) summed on the left.';
COMMENT ON COLUMN rule_annual_checks.rhs IS 'Cells summed on the right.';
COMMENT ON COLUMN rule_annual_checks.formula IS 'The rule as written in the rules file.';

COMMENT ON COLUMN rule_topics.version IS 'Rule set (rule_sets.version).';
COMMENT ON COLUMN rule_topics.topic IS 'The topic.';
COMMENT ON COLUMN rule_topics.position IS 'Its order in the list.';
COMMENT ON COLUMN rule_topics.term IS 'One of its terms.';

COMMENT ON COLUMN rule_words.version IS 'Rule set (rule_sets.version).';
COMMENT ON COLUMN rule_words.kind IS 'dictionary, stop, forward or response_category.';
COMMENT ON COLUMN rule_words.word IS 'The word (or category).';
