"""Python's own answers for the OS proxy settings, for test/unit/os-proxy-python.test.ts.

Reads {"mac": [...], "win": [...], "chain": [...]} as JSON on stdin; prints the answers in the same shape.
- mac: urllib.request._proxy_bypass_macosx_sysconf(host, settings), the real function (it is
  module-level on every OS), with socket.gethostbyname answered from the case's table.
- win: getproxies_registry() and proxy_bypass_registry(host), defined by request.py only under
  os.name == 'nt': their definitions are taken from the real source with ast and run here with a
  stand-in winreg module and socket.gethostbyname / socket.getfqdn answered from the case's table.
- chain: botocore's own get_environ_proxies + ProxyConfiguration.proxy_url_for for a URL, with
  urllib's getproxies/proxy_bypass as on that OS (`getproxies_environment() or <OS>`).
"""
import ast
import inspect
import json
import os
import socket
import sys
import textwrap
import types
import urllib.parse
import urllib.request

try:
    import botocore.utils as butils
    from botocore.httpsession import ProxyConfiguration
except ImportError:  # Debian's AWS CLI v2 vendors botocore
    import awscli.botocore.utils as butils
    from awscli.botocore.httpsession import ProxyConfiguration

DNS = {}
FQDN = {}


def gethostbyname(name):
    if name in DNS:
        return DNS[name]
    if all(p.isdigit() for p in name.split('.')) and name.count('.') == 3:
        return name
    raise socket.gaierror(-2, 'Name or service not known')


def getfqdn(name=''):
    return FQDN.get(name.strip(), name.strip())


socket.gethostbyname = gethostbyname
socket.getfqdn = getfqdn

# A stand-in for winreg holding one Internet Settings key.
REGISTRY = {}
winreg = types.ModuleType('winreg')
winreg.HKEY_CURRENT_USER = object()


class _Key:
    def Close(self):
        pass


def _open(root, sub):
    if root is not winreg.HKEY_CURRENT_USER or sub != r'Software\Microsoft\Windows\CurrentVersion\Internet Settings':
        raise FileNotFoundError(2, 'The system cannot find the file specified')
    return _Key()


def _query(key, name):
    for k, v in REGISTRY.items():
        if k.lower() == name.lower():
            return (v, 4 if isinstance(v, int) else 1)
    raise FileNotFoundError(2, 'The system cannot find the file specified')


winreg.OpenKey = _open
winreg.QueryValueEx = _query
sys.modules['winreg'] = winreg

# The Windows functions, from the real request.py source.
source = inspect.getsource(urllib.request)
nt = {'re': urllib.request.re, 'socket': socket, '_splitport': urllib.parse._splitport}
for node in ast.walk(ast.parse(source)):
    if isinstance(node, ast.FunctionDef) and node.name in ('getproxies_registry', 'proxy_bypass_registry'):
        exec(textwrap.dedent(ast.get_source_segment(source, node)), nt)
assert 'getproxies_registry' in nt and 'proxy_bypass_registry' in nt


def scproxy_get_proxies(d):
    """_scproxy._get_proxies (CPython Modules/_scproxy.c, set_proxy/get_proxies), from the dictionary."""
    out = {}
    for proto, prefix in (('http', 'HTTP'), ('https', 'HTTPS'), ('ftp', 'FTP'), ('gopher', 'Gopher'), ('socks', 'SOCKS')):
        if d.get(prefix + 'Enable') and (prefix + 'Proxy') in d:
            host = d[prefix + 'Proxy']
            out[proto] = 'http://%s:%d' % (host, d[prefix + 'Port']) if (prefix + 'Port') in d else 'http://%s' % host
    return out


def scproxy_settings(d):
    s = {'exclude_simple': bool(d.get('ExcludeSimpleHostnames', 0))}
    if 'ExceptionsList' in d:
        s['exceptions'] = tuple(d['ExceptionsList'])
    return s


def tables(case):
    DNS.clear()
    DNS.update(case.get('dns', {}))
    FQDN.clear()
    FQDN.update(case.get('fqdn', {}))
    REGISTRY.clear()
    REGISTRY.update(case.get('registry', {}))


def answer(fn):
    try:
        return fn()
    except Exception as e:  # what the AWS CLI would crash with
        return {'error': type(e).__name__}


data = json.load(sys.stdin)
out = {'mac': [], 'win': [], 'chain': []}
for case in data['mac']:
    tables(case)
    out['mac'].append([answer(lambda: bool(urllib.request._proxy_bypass_macosx_sysconf(h, case['settings']))) for h in case['hosts']])
for case in data['win']:
    tables(case)
    out['win'].append({'proxies': nt['getproxies_registry'](), 'bypass': [answer(lambda: bool(nt['proxy_bypass_registry'](h))) for h in case['hosts']]})
for case in data['chain']:
    tables(case)
    os.environ.clear()
    os.environ.update(case['env'])
    if case['os'] == 'darwin':
        d = case['scutil']
        butils.getproxies = lambda: urllib.request.getproxies_environment() or scproxy_get_proxies(d)
        env_or = lambda host: urllib.request._proxy_bypass_macosx_sysconf(host, scproxy_settings(d))
    else:
        butils.getproxies = lambda: urllib.request.getproxies_environment() or nt['getproxies_registry']()
        env_or = nt['proxy_bypass_registry']
    envp = urllib.request.getproxies_environment()
    butils.proxy_bypass = (lambda host: urllib.request.proxy_bypass_environment(host, envp)) if envp else env_or
    url = case['url']
    out['chain'].append(answer(lambda: ProxyConfiguration(proxies=butils.get_environ_proxies(url)).proxy_url_for(url)))
print(json.dumps(out))
