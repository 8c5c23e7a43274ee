GK_SEARCH.doc(0,0,["sites/village/disclosures/2024-07-01-caiwu-gongkai-q2/index.html","测试村2024年第二季度财务公开",1,2,"2024-07-01",0,"财务公开 测试村村务监督委员会 本季度收支情况如上表，欢迎群众监督。"]);
