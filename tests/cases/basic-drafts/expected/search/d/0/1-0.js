GK_SEARCH.doc(1,0,["sites/village/assessments/2024-06-30-wuge-hao-zicha/index.html","测试村2024年“五个好”自查",1,0,"2024-06-30",0,"自查得分85分。"]);
