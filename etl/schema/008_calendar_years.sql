-- gongkai store, version 8: which years of the calendar follow a published
-- State Council holiday schedule. A year without one has only weekends in
-- the calendar, which is a guess: a working-day span that touches it is an
-- error naming the year (gk_wd_year_ok in queries/sql/000_helpers.sql).

CREATE TABLE calendar_years (
    year     INTEGER PRIMARY KEY,
    official BOOLEAN NOT NULL,
    source   VARCHAR NOT NULL
);
COMMENT ON TABLE calendar_years IS 'One row per year of the calendar: whether its working days follow an official holiday schedule. A working-day span touching a year that does not is an error naming the year and the config setting that fixes it (calendar.overrides).';
COMMENT ON COLUMN calendar_years.year IS 'The year.';
COMMENT ON COLUMN calendar_years.official IS 'True when the year''s holidays and make-up working days are known: from the State Council notice built in, or entered by the office in calendar.overrides.';
COMMENT ON COLUMN calendar_years.source IS 'state_council (the notice is built in), overrides (the config gives the year''s days) or none (weekends only: not usable for working-day spans).';

COMMENT ON TABLE calendar IS 'Every day from 2015 to 2035 with its working-day flag: the State Council holiday schedule (with make-up working days, 调休) where calendar_years says the year is official, local overrides, and weekends only for the other years (never used for a working-day span).';
