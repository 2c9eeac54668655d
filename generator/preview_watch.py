"""What the preview watches for edits: content/ and templates/, through the operating system's
file events, never through a link, each edit asking `mkdocs serve` to rebuild at once.

MkDocs' own watcher is not used for these folders. It polls every half second (a quarter of a
second lost on average between saving a file and the rebuild starting), and its snapshots follow
links: two links in content/ to their own folder make it walk 2^40 paths, and content is
untrusted. Here the events come as they happen (inotify on Linux; a watcher that polls, without
following links, where the system's events cannot be had), and a rebuild is asked for exactly
as MkDocs' own watcher asks: the server's build loop then waits until the edits stop for its
short build delay, and rebuilds once.

Asking goes through the server's rebuild condition, which MkDocs 1.6 (pinned below 2) keeps
private; if that ever changes, `watch` says so and leaves the folders to MkDocs' watcher.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from watchdog.events import (
    DirCreatedEvent, DirDeletedEvent, DirMovedEvent, FileClosedEvent, FileCreatedEvent, FileDeletedEvent,
    FileModifiedEvent, FileMovedEvent, FileSystemEvent, FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserverVFS

log = logging.getLogger("mkdocs.plugins.evidence")

# Events that change a file, the only ones asked of the system. Reading one (opened, closed
# without writing) is not an edit, and each check opens folders and files by the hundred: their
# events, each handled in Python, would slow the check they come from.
EDITS = [FileCreatedEvent, DirCreatedEvent, FileDeletedEvent, DirDeletedEvent, FileModifiedEvent,
         FileMovedEvent, DirMovedEvent, FileClosedEvent]
POLL_SECONDS = 0.5  # the fallback watcher's, as MkDocs' own


class _AskRebuild(FileSystemEventHandler):
    def __init__(self, server: Any) -> None:
        self.server = server

    def on_any_event(self, event: FileSystemEvent) -> None:
        if not event.is_directory or event.event_type != "modified":  # a folder's times: the file's own event follows
            with self.server._rebuild_cond:
                self.server._want_rebuild = True
                self.server._rebuild_cond.notify_all()


def can_ask(server: Any) -> bool:
    """Whether the server has the rebuild condition this module sets (MkDocs 1.6 does)."""
    return hasattr(server, "_rebuild_cond") and hasattr(server, "_want_rebuild")


def watch(server: Any, folders: Iterable[Path]) -> BaseObserver | None:
    """Watch the folders for the server, and the running watcher (to be stopped at shutdown); or
    None, when the server cannot be asked (its own watcher then has the folders)."""
    folders = [str(folder) for folder in folders]
    if not can_ask(server):
        log.warning("This MkDocs cannot be asked to rebuild: its own watcher watches %s instead", ", ".join(folders))
        for folder in folders:
            server.watch(folder)
        return None
    handler = _AskRebuild(server)
    observer = Observer()
    try:
        _start(observer, handler, folders)
    except OSError as exc:  # e.g. the system's limit of watched folders reached
        stop(observer)
        log.info("File events unavailable (%s): the preview polls for edits every %s s", exc, POLL_SECONDS)
        observer = PollingObserverVFS(os.lstat, os.scandir, polling_interval=POLL_SECONDS)
        _start(observer, handler, folders)
    log.info("Watching %s for edits", ", ".join(folders))
    return observer


def _start(observer: BaseObserver, handler: FileSystemEventHandler, folders: list[str]) -> None:
    for folder in folders:
        observer.schedule(handler, folder, recursive=True, event_filter=EDITS)
    observer.start()


def stop(observer: BaseObserver | None) -> None:
    if observer is not None and observer.is_alive():
        observer.stop()
        observer.join(timeout=5)
