GK_SEARCH.doc(4,0,["sites/cun/index.html","测试村",1,4,"",0,"村 书记、主任一肩挑的测试村。"]);
