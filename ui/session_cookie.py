"""The session cookie of local accounts: two small server routes and the page's half of the trade.

Streamlit pages talk to the browser over a websocket and cannot set a cookie; an HttpOnly
cookie needs an HTTP response. `st.App` (Streamlit 1.67) serves extra Starlette routes in
the same process, so `sessions_app.py` mounts these two:

- `POST /api/dx-session/claim` with a one-time code in the body (issued at sign-in,
  valid two minutes, single use, stored only as a hash) answers with
  `Set-Cookie: dx_session=<new random token>; HttpOnly; SameSite=Strict; Path=/`, plus
  `Secure` when the request came over https, and Max-Age = what is left of the session's
  absolute lifetime. Only the token's sha256 is stored, on the session row.
- `POST /api/dx-session/clear` answers with the same cookie expired (sign-out).

Both refuse a request whose `Origin` is not this host (no other site can make a browser
trade a code, e.g. to sign a victim into the attacker's account). The page sends the code
with `fetch` from a tiny script (`cookie_script`) right after sign-in.

Residual risks, stated plainly: the one-time code is in the page for an instant (a script
injected into the page could redeem it first; such a script could act in the page anyway);
the cookie itself is HttpOnly, so page scripts cannot read it. A stolen cookie works until
the session ends (sign-out, sign-out everywhere, reset, idle or absolute lifetime).
Served by plain `streamlit run dashboard.py` there is no route: `ENABLED` stays False,
no code is issued and a reload signs a local account out (the old behaviour, failing safe).
"""

from __future__ import annotations

import json
import logging
from urllib.parse import urlsplit

import config
from auth.sessions import COOKIE_NAME, lifetimes_in_force, redeem_claim
from auth.settings import load_auth_settings
from auth.users import utcnow

ENABLED = False     # set by `routes()`: only then does sign-in hand the browser a code
CLAIM_PATH = "/api/dx-session/claim"
CLEAR_PATH = "/api/dx-session/clear"

log = logging.getLogger("dashboard.sessions")


def _base_path() -> str:
    from streamlit import config as st_config

    base = (st_config.get_option("server.baseUrlPath") or "").strip("/")
    return f"/{base}" if base else ""


def _same_origin(request) -> bool:
    origin = request.headers.get("origin")
    return bool(origin) and urlsplit(origin).netloc == request.headers.get("host")


def _secure(request) -> bool:
    if request.url.scheme == "https":
        return True
    return bool(config.get("trusted_proxy")) and request.headers.get("x-forwarded-proto", "").lower() == "https"


def _redeem(code: str) -> tuple[str, int] | None:
    from ui.state import get_store

    store = get_store()
    life = lifetimes_in_force(load_auth_settings(store.cursor()).session_idle_minutes)
    return redeem_claim(store, code, utcnow(), life)


def _set(response, request, token: str, max_age: int) -> None:
    response.set_cookie(COOKIE_NAME, token, max_age=max_age, path=_base_path() or "/", httponly=True,
                        samesite="strict", secure=_secure(request))


async def _claim(request):
    from starlette.concurrency import run_in_threadpool
    from starlette.responses import Response

    if not _same_origin(request):
        return Response(status_code=403)
    code = (await request.body())[:256].decode("ascii", errors="replace").strip()
    try:
        result = await run_in_threadpool(_redeem, code)
    except Exception:  # the page keeps working without the cookie; the reason goes to the log
        log.exception("Could not issue a session cookie")
        return Response(status_code=500)
    if result is None:
        return Response(status_code=403)
    response = Response(status_code=204)
    _set(response, request, *result)
    return response


async def _clear(request):
    from starlette.responses import Response

    if not _same_origin(request):
        return Response(status_code=403)
    response = Response(status_code=204)
    _set(response, request, "", 0)
    return response


def routes() -> list:
    """The Starlette routes for `st.App(..., routes=routes())`; turns the cookie trade on."""
    global ENABLED
    from starlette.routing import Route

    ENABLED = True
    return [Route(CLAIM_PATH, _claim, methods=["POST"]), Route(CLEAR_PATH, _clear, methods=["POST"])]


def cookie_script(code: str | None) -> str:
    """The page's half: POST the one-time `code` (or, with None, ask to clear the cookie)."""
    path = _base_path() + (CLAIM_PATH if code is not None else CLEAR_PATH)
    body = json.dumps(code or "")
    return (f"<script>fetch({json.dumps(path)}, {{method: 'POST', body: {body}, credentials: 'same-origin',"
            f" headers: {{'Content-Type': 'text/plain'}}}});</script>")
