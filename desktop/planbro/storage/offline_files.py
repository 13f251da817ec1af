"""Where the team store's offline queue keeps its sealed files in the data folder.

The queue itself is storage/postgres/queue.py; its files are listed here, without
psycopg, so that the data folder's re-sealing (reseal.py: a new data key, a rotation)
seals them with the new key too, and a save waiting for the server still opens after
the old key is gone.
"""

from __future__ import annotations

from pathlib import Path

# The folder under the data folder holding every team database's offline files.
FOLDER = "team-offline"
# The folders of one database's queued saves and cached plans, under FOLDER/<scope>/.
QUEUE_DIR, CACHE_DIR = "queue", "cache"
# How a queued save's and a cached plan's files end.
QUEUE_SUFFIX, CACHE_SUFFIX = ".pbq", ".pbc"
# The roles they are sealed as (crypto/sealing.py ROLES).
QUEUE_ROLE, CACHE_ROLE = "queue", "cache"


def bound_to(scope: str, name: str) -> str:
    """What a file is sealed for besides its role: its database's scope and its own name,
    so a file moved to another place in the queue, or another database's, does not open."""
    return f"{scope}/{name}"


def sealed_files(root: Path) -> list[tuple[Path, str, str]]:
    """Every offline file under the data folder `root`, with the role and binding it is
    sealed as (reseal.targets' form)."""
    top = Path(root) / FOLDER
    found: list[tuple[Path, str, str]] = []
    if not top.is_dir():
        return found
    for scope in sorted(p for p in top.iterdir() if p.is_dir()):
        for place, suffix, role in ((QUEUE_DIR, QUEUE_SUFFIX, QUEUE_ROLE),
                                    (CACHE_DIR, CACHE_SUFFIX, CACHE_ROLE)):
            folder = scope / place
            if folder.is_dir():
                found += [(path, role, bound_to(scope.name, path.name))
                          for path in sorted(folder.iterdir())
                          if path.is_file() and path.name.endswith(suffix)]
    return found
