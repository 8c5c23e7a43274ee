GK_SEARCH.doc(5,0,["sites/village/work/2024-06-01-caogao/index.html","草稿：测试村修路计划",2,8,"2024-06-01",0,"测试村 · 工作记录 2024年6月1日 草稿正文DRAFT-BODY-K2，尚未审核。 标签：training"]);
