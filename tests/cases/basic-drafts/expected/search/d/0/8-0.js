GK_SEARCH.doc(8,0,["sites/town/work/2024-04-02-zhen-dangyuan-peixun/index.html","测试镇举办党员集中培训",1,8,"2024-04-02",0,"测试镇 · 工作记录 2024年4月2日 中共测试镇委员会 镇党委在党校举办为期两天的党员集中培训，共86名党员参加。 标签：党员教育training"]);
