"""The Content-Security-Policy every page carries, as a <meta http-equiv> so it holds on any host
and from file://.

Pages have no inline script, no inline style and no style attribute, and load nothing from
another host: everything comes from the site itself ('self'). The one exception is the preview
that `mkdocs serve` gives an editor, into which MkDocs injects its live-reload script inline.
"""

from __future__ import annotations

_DIRECTIVES = (
    ("default-src", "'self'"),
    ("base-uri", "'none'"),
    ("form-action", "'self'"),
    ("object-src", "'none'"),
)


def content_security_policy(live_reload: bool = False) -> str:
    """The policy; with live_reload, MkDocs' injected inline reload script may run (preview only)."""
    directives = list(_DIRECTIVES)
    if live_reload:
        directives.append(("script-src", "'self' 'unsafe-inline'"))
    return "; ".join(f"{name} {value}" for name, value in directives)
