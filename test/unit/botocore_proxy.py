"""The proxy botocore (the AWS CLI's HTTP layer) picks for each case: reads a JSON list of
{"env": {...}, "url": "..."} on stdin and prints the proxy URL (or null) for each, in order.
Works with AWS CLI v1 (package botocore) and Debian's AWS CLI v2 (awscli.botocore)."""
import json
import os
import sys

try:
    from botocore.utils import get_environ_proxies
    from botocore.httpsession import ProxyConfiguration
except ImportError:
    from awscli.botocore.utils import get_environ_proxies
    from awscli.botocore.httpsession import ProxyConfiguration

out = []
for case in json.load(sys.stdin):
    os.environ.clear()
    os.environ.update(case["env"])
    proxies = get_environ_proxies(case["url"])
    out.append(ProxyConfiguration(proxies=proxies).proxy_url_for(case["url"]))
print(json.dumps(out))
