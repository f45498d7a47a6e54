"""gunicorn settings that must follow the application's own (gunicorn reads this file).

gunicorn trusts X-Forwarded-Proto (and so marks a request HTTPS, which turns on HSTS) from
the addresses in `forwarded_allow_ips`, by default 127.0.0.1: any local client could then
claim HTTPS. The application decides whom to trust with S3DASH_TRUSTED_PROXIES (werkzeug's
ProxyFix, api/security.py); gunicorn follows it: nobody with 0, the proxies in front with
1 or more (ProxyFix then picks the right hop).

The application is not preloaded: each worker builds `app:server` after the fork, and the
build settles its heap there (`app.settle_heap`, gc.freeze).
"""

from api.security import parse_proxy_count
from data.settings import get_setting

forwarded_allow_ips = "*" if parse_proxy_count(get_setting("S3DASH_TRUSTED_PROXIES")) else ""
