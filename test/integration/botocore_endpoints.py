"""The endpoint host botocore (the AWS CLI's library) resolves for each case, without any network:
reads a JSON list of {"service", "config", "env"} on stdin (config: the text of the config file's
[default] section), prints the host of client.meta.endpoint_url for each, in order.
Works with AWS CLI v1 (package botocore) and Debian's AWS CLI v2 (awscli.botocore)."""
import json
import os
import sys
import tempfile
from urllib.parse import urlparse

try:
    import botocore.session as sessions
except ImportError:
    import awscli.botocore.session as sessions

out = []
with tempfile.TemporaryDirectory() as tmp:
    for i, case in enumerate(json.load(sys.stdin)):
        config = os.path.join(tmp, f"config{i}")
        with open(config, "w") as f:
            f.write("[default]\n" + case["config"])
        os.environ.clear()
        os.environ.update({
            "AWS_CONFIG_FILE": config,
            "AWS_SHARED_CREDENTIALS_FILE": os.path.join(tmp, "none"),
            "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE",
            "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            **case["env"],
        })
        client = sessions.Session().create_client(case["service"])
        out.append(urlparse(client.meta.endpoint_url).hostname)
print(json.dumps(out))
