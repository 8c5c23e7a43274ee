GK_SEARCH.meta({"v":1,"docs":1,"shards":1,"sites":[["cun","测试村"]],"kinds":[["disclosures","三公开"]],"years":[[2024,0,1]]});
