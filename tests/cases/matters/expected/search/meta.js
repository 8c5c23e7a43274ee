GK_SEARCH.meta({"v":2,"docs":5,"shards":2,"sites":[["","全县"],["cun","测试村"]],"kinds":[["disclosures","三公开"],["meetings","会议记录"],["page","页面"],["site","示范点"]],"years":[[2025,0,4]]});
