-- wrk: PUT a 64 KiB body to the (presigned) URL given on the command line, over and over.
wrk.method = "PUT"
wrk.body = string.rep("0123456789abcdef", 4096)
wrk.headers["Content-Type"] = "application/octet-stream"
