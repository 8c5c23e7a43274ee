GK_SEARCH.doc(7,0,["sites/town/work/2024-04-02-zhen-dangyuan-peixun/index.html","测试镇举办党员集中培训",0,5,"2024-04-02",0,"中共测试镇委员会 党员教育 training 2024年4月2日 镇党委在党校举办为期两天的党员集中培训，共86名党员参加。"]);
