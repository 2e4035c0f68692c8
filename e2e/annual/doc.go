// Package annual tests the 年度报告审核 end to end: the annual farm's
// 年报 columns crawled, loaded and checked, against the farm's truth of
// what each report shows and what a check must find.
package annual
