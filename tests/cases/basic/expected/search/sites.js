GK_SEARCH.sites([["","全县"],["town","测试镇"],["village","测试村"]]);
