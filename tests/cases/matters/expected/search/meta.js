GK_SEARCH.meta({"v":1,"docs":4,"shards":1,"sites":[["cun","测试村"]],"kinds":[["disclosures","三公开"],["meetings","会议记录"]],"years":[[2025,0,4]]});
