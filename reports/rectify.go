package reports

import "github.com/gongkai/gongkai/landing"

// rectifyDays is the 整改时限 of every finding of a 问题清单: working days
// from the day the 问题清单 is issued (rectification_deadline).
const rectifyDays = 15

// outcomeLabel is an outcome's Chinese name; an unknown one stays as it is.
func outcomeLabel(o string) string { return landing.OutcomeLabel(o) }
