GK_SEARCH.doc(2,0,["sites/village/cases/2024-06-30-sanhui-yike/index.html","测试村“三会一课”按月落实",1,1,"2024-06-30",0,"测试村的做法是把会议时间固定下来。"]);
