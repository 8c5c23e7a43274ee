GK_SEARCH.meta({"v":3,"docs":2,"shards":1,"kinds":[["disclosures","三公开"],["matters","四议两公开"],["page","页面"],["site","示范点"]],"years":[[2024,0,1]]});
