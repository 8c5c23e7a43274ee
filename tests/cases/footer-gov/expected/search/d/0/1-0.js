GK_SEARCH.doc(1,0,["sites/cun/index.html","测试村",1,3,"",0,"村 测试村简介。"]);
