# A static file nested deeper than the system's path limit (PATH_MAX, 4096
# bytes) cannot be copied: one error names the folder (issue 22: such files
# vanished from the site without a word). One level at a time, relative to
# the last: the whole path is too long for a single call.
python3 -c '
import os
os.chdir("content/static")
for i in range(1, 151):
    name = "folder-with-a-long-name-%d" % i
    os.mkdir(name)
    os.chdir(name)
open("deep.txt", "w").write("deep\n")'
