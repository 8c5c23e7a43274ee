GK_SEARCH.doc(0,0,["sites/cun/disclosures/2025-04-20-cunwu/index.html","村道拓宽决议公开",0,0,"2025-04-20",0,"村务公开 2025年4月20日 4月2日村民代表会议通过村道拓宽修改方案。"]);
