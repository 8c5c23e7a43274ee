GK_SEARCH.doc(3,0,["sites/village/disclosures/2024-06-28-dibao-gongshi/index.html","测试村2024年低保对象公示",1,2,"2024-06-28",0,"村务公开 经村民代表会议评议，以下家庭拟纳入低保。"]);
