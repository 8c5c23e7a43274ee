GK_SEARCH.sites([["","全县"],["cun","测试村"]]);
