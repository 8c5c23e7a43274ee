GK_SEARCH.doc(6,0,["sites/town/disclosures/2024-04-10-cunwu-gongkai-q1/index.html","测试镇2024年第一季度镇务公开",0,2,"2024-04-10",0,"村务公开 2024年4月10日 第一季度完成镇区道路硬化两公里。"]);
