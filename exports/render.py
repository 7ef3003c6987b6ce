"""The one server-side image renderer: plotly + kaleido over the system Chromium.

One kaleido sync server (one headless Chromium) per process, started on the
first image and reused, so every image after the first costs a fraction of a
second. Nothing is ever downloaded: the browser is `$BROWSER_PATH` if set,
else `/usr/bin/chromium` (Debian package `chromium`).

Thread safety: Streamlit renders each session in its own thread, but kaleido's
sync server matches replies to callers by queue order, so two concurrent calls
could swap their images. Every call therefore goes through one single-worker
executor, which also lets us give up on a call that hangs (kaleido's server
thread dies silently if Chromium cannot start, and its callers would then wait
forever).
"""

from __future__ import annotations

import itertools
import os
import threading
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from importlib.metadata import version
from pathlib import Path
from typing import Any

import kaleido
import plotly.graph_objects as go
from kaleido.errors import ChromeNotFoundError

import config

BROWSER_ENV = config.setting("browser_path").env
DEFAULT_BROWSER = config.setting("browser_path").default
RENDER_TIMEOUT_S = 60.0
# The first call also starts Chromium (1.5–6 s on a busy 2-core machine).
FIRST_CALL_TIMEOUT_S = 120.0

CHROMIUM_MISSING_MSG = (
    "Máy chủ chưa cài trình duyệt Chromium nên chưa tạo được tệp ảnh/PDF/PowerPoint "
    "(nút tải ảnh PNG trên thanh công cụ của biểu đồ vẫn dùng được)."
)
CHROMIUM_MISSING_MSG_EN = (
    "Chromium is not installed on the server, so image/PDF/PowerPoint files cannot be made "
    "(the chart toolbar's own PNG download still works)."
)


class ChromiumMissing(RuntimeError):
    """No usable Chromium: the one sentence to show is `str(exc)`."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(CHROMIUM_MISSING_MSG + (f" [{detail}]" if detail else ""))
        self.detail = detail


class RenderError(RuntimeError):
    """Chromium is there but an image could not be made."""


# kaleido reloads plotly.js in its tab after every image, which is half the
# cost of an image (measured: PNG 0.72 → 0.37 CPU-s, SVG 0.68 → 0.16). We
# reload every EXPORTS_RELOAD_EVERY images instead (config: exports_reload_every),
# which still bounds the tab's memory; 1 is kaleido's stock behaviour. The patch
# touches a private method, so it is applied only to the version verified.
_PATCHED_KALEIDO_VERSION = "1.5.0"
# Set after a failed image: the tab is reloaded when it is next handed back.
_reload_soon = threading.Event()


def _install_lazy_reload(every: int) -> bool:
    from kaleido.kaleido import Kaleido

    if every <= 1 or getattr(Kaleido, "_lazy_reload", False):
        return False
    if version("kaleido") != _PATCHED_KALEIDO_VERSION or not hasattr(Kaleido, "_return_kaleido_tab"):
        return False
    stock = Kaleido._return_kaleido_tab
    returned = itertools.count(1)

    async def return_tab(self, tab) -> None:
        if next(returned) % every == 0 or _reload_soon.is_set():
            _reload_soon.clear()
            await stock(self, tab)  # reload, then back in the queue
        else:
            await self.tabs_ready.put(tab)

    Kaleido._return_kaleido_tab = return_tab
    Kaleido._lazy_reload = True
    return True


def find_browser() -> Path | None:
    """The Chromium to use: `$BROWSER_PATH` if set (and only it), else /usr/bin/chromium.

    An explicit BROWSER_PATH that does not exist is an error, never a silent
    fallback to another browser.
    """
    candidate = config.from_env("browser_path") or DEFAULT_BROWSER
    if candidate.is_file() and os.access(candidate, os.X_OK):
        return candidate
    return None


def browser_available() -> bool:
    return find_browser() is not None


class Renderer:
    """Owns the process's kaleido sync server. Use `get_renderer()`, not the constructor."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._executor: ThreadPoolExecutor | None = None
        self._browser: Path | None = None
        self._broken: str | None = None
        self._calls = 0

    @property
    def started(self) -> bool:
        return self._executor is not None

    @property
    def browser(self) -> Path | None:
        return self._browser

    def _ensure_started(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._broken:
                raise RenderError(self._broken)
            if self._executor is not None:
                return self._executor
            browser = find_browser()
            if browser is None:
                where = config.from_env("browser_path") or DEFAULT_BROWSER
                raise ChromiumMissing(f"không có {where}")
            _install_lazy_reload(config.get("exports_reload_every"))
            kaleido.start_sync_server(n=1, timeout=RENDER_TIMEOUT_S, mathjax=False,
                                      path=str(browser), silence_warnings=True)
            self._browser = browser
            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kaleido-client")
            return self._executor

    def render(self, fig: go.Figure | dict[str, Any], fmt: str, width: int, height: int,
               scale: float = 1.0) -> bytes:
        """Bytes of `fig` as png, svg or pdf, `width`×`height` layout pixels times `scale`."""
        executor = self._ensure_started()
        fig_dict = fig.to_dict() if isinstance(fig, go.Figure) else fig
        opts = {"format": fmt, "width": width, "height": height, "scale": scale}
        future = executor.submit(kaleido.calc_fig_sync, fig_dict, opts=opts)
        timeout = FIRST_CALL_TIMEOUT_S if self._calls == 0 else RENDER_TIMEOUT_S + 10
        try:
            result = future.result(timeout=timeout)
        except FutureTimeout:
            with self._lock:
                self._broken = ("Trình duyệt Chromium không phản hồi khi tạo ảnh; "
                                "hãy khởi động lại ứng dụng.")
            raise RenderError(self._broken) from None
        except ChromeNotFoundError as exc:  # pragma: no cover - checked above
            raise ChromiumMissing(str(exc)) from exc
        except Exception as exc:
            _reload_soon.set()
            raise RenderError(f"Không tạo được ảnh biểu đồ: {exc}") from exc
        self._calls += 1
        return result

    def close(self) -> None:
        with self._lock:
            if self._executor is not None:
                self._executor.shutdown(wait=False)
                self._executor = None
                kaleido.stop_sync_server(silence_warnings=True)


_renderer: Renderer | None = None
_renderer_lock = threading.Lock()


def get_renderer() -> Renderer:
    """The process-wide renderer (created, not started: Chromium starts on the first image)."""
    global _renderer
    with _renderer_lock:
        if _renderer is None:
            _renderer = Renderer()
        return _renderer


def render(fig: go.Figure | dict[str, Any], fmt: str, width: int, height: int, scale: float = 1.0) -> bytes:
    return get_renderer().render(fig, fmt, width, height, scale)
