GK_SEARCH.doc(3,0,["sites/cun/meetings/2025-02-10-liangwei/index.html","两委联席会议",0,1,"2025-02-10",0,"两委联席会议 提议拓宽村道 5 2025-02-10-lukuan 提议 2025年2月10日 会议研究村道拓宽。"]);
