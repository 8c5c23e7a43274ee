GK_SEARCH.meta({"v":3,"docs":7,"shards":3,"kinds":[["disclosures","三公开"],["matters","四议两公开"],["meetings","会议记录"],["page","页面"],["site","示范点"]],"years":[[2025,0,4]]});
