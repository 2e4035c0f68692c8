package etl

import "testing"

func TestCategorize(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, configured string
		want, source     string
	}{
		{"工作动态", "", "部门动态", SourceRule},
		{"本局动态", "", "部门动态", SourceRule},
		{"部门动态", "", "部门动态", SourceRule},
		{"镇街动态", "", "部门动态", SourceRule},
		{"乡镇动态", "", "部门动态", SourceRule},
		{"工作信息", "", "部门动态", SourceRule},
		{"图片新闻", "", "部门动态", SourceRule},
		{"要闻", "", "部门动态", SourceRule},
		{" 工作 动态 ", "", "部门动态", SourceRule},
		{"通知公告", "", "通知公告", SourceRule},
		{"公示公告", "", "通知公告", SourceRule},
		{"通知", "", "通知公告", SourceRule},
		{"政策文件", "", "政策文件", SourceRule},
		{"规范性文件", "", "政策文件", SourceRule},
		{"文件", "", "政策文件", SourceRule},
		{"政府文件", "", "政策文件", SourceRule},
		{"政策解读", "", "政策解读", SourceRule},
		{"解读", "", "政策解读", SourceRule},
		{"政策文件解读", "", "政策解读", SourceRule},
		{"人事信息", "", "人事信息", SourceRule},
		{"人事任免", "", "人事信息", SourceRule},
		{"招录", "", "人事信息", SourceRule},
		{"规划计划", "", "规划计划", SourceRule},
		{"发展规划", "", "规划计划", SourceRule},
		{"工作计划", "", "规划计划", SourceRule},
		{"计划总结", "", "规划计划", SourceRule},
		{"财政预决算", "", "财政预决算", SourceRule},
		{"预决算", "", "财政预决算", SourceRule},
		{"财政资金", "", "财政预决算", SourceRule},
		{"部门预算", "", "财政预决算", SourceRule},
		{"部门决算", "", "财政预决算", SourceRule},
		{"机构领导", "", "机构领导", SourceRule},
		{"领导信息", "", "机构领导", SourceRule},
		{"领导分工", "", "机构领导", SourceRule},
		{"机构设置", "", "机构设置", SourceRule},
		{"机构职能", "", "机构设置", SourceRule},
		{"内设机构", "", "机构设置", SourceRule},
		{"依法行政", "", "依法行政", SourceRule},
		{"行政执法", "", "依法行政", SourceRule},
		{"行政执法公示", "", "依法行政", SourceRule},
		{"双随机", "", "依法行政", SourceRule},
		{"招标采购", "", "招标采购", SourceRule},
		{"政府采购", "", "招标采购", SourceRule},
		{"招标公告", "", "招标采购", SourceRule},
		{"重点领域", "", "重点领域", SourceRule},
		{"重点领域信息公开", "", "重点领域", SourceRule},
		{"民生公益", "", "民生公益", SourceRule},
		{"政务公开工作专题", "", "政务公开工作专题", SourceRule},
		{"政务公开", "", "政务公开工作专题", SourceRule},
		{"年度报告", "", "政务公开工作专题", SourceRule},
		{"政府信息公开年度报告", "", "政务公开工作专题", SourceRule},
		{"依申请公开", "", "依申请公开", SourceRule},
		{"便民服务", "", CategoryOther, SourceUnmapped},
		{"", "", CategoryOther, SourceUnmapped},
		{"工作动态", "通知公告", "通知公告", SourceConfig},
		{"便民服务", "民生公益", "民生公益", SourceConfig},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/"+tt.configured, func(t *testing.T) {
			got, src := Categorize(tt.name, tt.configured)
			if got != tt.want || src != tt.source {
				t.Errorf("Categorize(%q, %q) = %q, %q; want %q, %q", tt.name, tt.configured, got, src, tt.want, tt.source)
			}
		})
	}
}
