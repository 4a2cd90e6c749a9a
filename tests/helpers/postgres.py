"""A throwaway PostgreSQL cluster for tests and benchmarks: initdb, pg_ctl, a socket in a temp folder.

The server listens only on a unix socket inside its own temporary folder (no
TCP at all), trusts local connections, and is removed on ``stop()``. initdb
refuses to run as root, so when we are root (CI runs ``bash .ci/run`` as root)
every server command runs as an unprivileged account: ``postgres`` when the
Debian package created it, else ``nobody``.

The binaries are looked up on PATH (``/usr/local/bin`` here), then in Debian's
``/usr/lib/postgresql/NN/bin`` (newest first); ``EDITOR_APP_PG_BIN`` overrides both.
"""

from __future__ import annotations

import atexit
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

NEEDED = ("initdb", "pg_ctl", "postgres")
PORT = 5432  # only names the socket file (.s.PGSQL.5432); there is no TCP listener
SUPERUSER = "postgres"
APP_ROLE = "desk"  # owns the app's databases; deliberately not a superuser


class PostgresUnavailable(RuntimeError):
    """The binaries are missing or the server would not start; the message says why."""


def find_bin_dir() -> Path | None:
    """A folder holding initdb, pg_ctl and postgres, or None."""
    candidates: list[Path] = []
    override = os.environ.get("EDITOR_APP_PG_BIN")
    if override:
        candidates.append(Path(override))
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
        candidates.append(Path(on_path).parent)
    debian = Path("/usr/lib/postgresql")
    if debian.is_dir():
        versions = [p for p in debian.iterdir() if p.name.isdigit()]
        candidates += [p / "bin" for p in sorted(versions, key=lambda p: int(p.name), reverse=True)]
    for folder in candidates:
        if all((folder / name).is_file() and os.access(folder / name, os.X_OK) for name in NEEDED):
            return folder
    return None


def _server_account() -> pwd.struct_passwd | None:
    """The account the server runs as: None means "as ourselves" (we are not root)."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    subprocess.run(
        ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "postgres"],
        check=True,
        capture_output=True,
    )
    return pwd.getpwnam("postgres")


@dataclass
class PostgresCluster:
    """One running server; ``create_database()`` hands out fresh, empty databases."""

    bin_dir: Path
    root: Path
    account: pwd.struct_passwd | None
    _names: itertools.count[int] = field(default_factory=lambda: itertools.count(1))
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def socket_dir(self) -> Path:
        return self.root / "socket"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def log_file(self) -> Path:
        return self.root / "server.log"

    @classmethod
    def start(cls, *, max_connections: int = 100) -> PostgresCluster:
        bin_dir = find_bin_dir()
        if bin_dir is None:
            raise PostgresUnavailable(
                "PostgreSQL server binaries (initdb, pg_ctl, postgres) not found on PATH or in "
                "/usr/lib/postgresql/*/bin; install Debian's 'postgresql' package (.ci/run does)"
            )
        account = _server_account()
        # Under /tmp when another account runs the server: it must reach the folder (a TMPDIR
        # inside /root would not do), and a socket path must stay under ~100 characters.
        root = Path(tempfile.mkdtemp(prefix="editor-app-pg-", dir="/tmp" if account else None))
        cluster = cls(bin_dir=bin_dir, root=root, account=account)
        try:
            cluster._init_and_start(max_connections)
        except BaseException:
            cluster.stop()
            raise
        atexit.register(cluster.stop)  # a crashed run still leaves no server behind
        return cluster

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        kwargs: dict[str, object] = {}
        if self.account is not None:
            kwargs = {"user": self.account.pw_uid, "group": self.account.pw_gid, "extra_groups": []}
        env = {
            "PATH": f"{self.bin_dir}:/usr/bin:/bin",
            "LC_ALL": "C.UTF-8",
            "HOME": str(self.root),
            "TZ": "UTC",
        }
        try:
            return subprocess.run(  # type: ignore[call-overload]
                args, check=True, capture_output=True, text=True, env=env, cwd=self.root, **kwargs
            )
        except subprocess.CalledProcessError as exc:
            log = self.log_file.read_text(errors="replace")[-2000:] if self.log_file.exists() else ""
            raise PostgresUnavailable(
                f"{Path(args[0]).name} failed ({exc.returncode}): {exc.stderr.strip()}\n{log}"
            ) from exc

    def _init_and_start(self, max_connections: int) -> None:
        self.socket_dir.mkdir()
        if self.account is not None:
            for path in (self.root, self.socket_dir):
                os.chown(path, self.account.pw_uid, self.account.pw_gid)
        self._run(
            str(self.bin_dir / "initdb"),
            "-D",
            str(self.data_dir),
            "--username",
            SUPERUSER,
            "--auth",
            "trust",
            "--encoding",
            "UTF8",
            "--no-sync",
        )
        # Durability is pointless for a throwaway cluster; these make it start and commit fast.
        options = " ".join(
            [
                "-c listen_addresses=''",
                f"-c unix_socket_directories='{self.socket_dir}'",
                f"-p {PORT}",
                f"-c max_connections={max_connections}",
                "-c fsync=off",
                "-c synchronous_commit=off",
                "-c full_page_writes=off",
                "-c shared_buffers=64MB",
            ]
        )
        self._run(
            str(self.bin_dir / "pg_ctl"),
            "-D",
            str(self.data_dir),
            "-l",
            str(self.log_file),
            "-o",
            options,
            "-w",
            "-t",
            "60",
            "start",
        )
        self.sql(
            "postgres",
            f"CREATE ROLE {APP_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE",
        )

    def url(self, database: str, *, user: str = APP_ROLE) -> str:
        """A SQLAlchemy URL (psycopg 3) reaching ``database`` over the socket."""
        return f"postgresql+psycopg://{user}@/{database}?host={self.socket_dir}&port={PORT}"

    def conninfo(self, database: str, *, user: str = SUPERUSER) -> str:
        return f"host={self.socket_dir} port={PORT} dbname={database} user={user}"

    def sql(self, database: str, statement: str) -> None:
        """Run one statement as the superuser (autocommit, so CREATE DATABASE works)."""
        import psycopg

        with psycopg.connect(self.conninfo(database), autocommit=True) as conn:
            conn.execute(statement.encode())

    def create_database(self, prefix: str = "test", *, template: str | None = None) -> str:
        """A new database owned by the app role; returns its SQLAlchemy URL.

        Empty by default; with ``template`` (the URL of a database nobody is
        connected to) a copy of it, which is much faster than migrating again.
        """
        from sqlalchemy.engine import make_url

        with self._lock:
            name = f"{prefix}_{next(self._names)}"
        source = make_url(template).database if template else "template0"
        self.sql("postgres", f"CREATE DATABASE {name} OWNER {APP_ROLE} TEMPLATE {source}")
        if template is None:
            # PostgreSQL 15 no longer lets every role create in schema public; the owner needs it.
            self.sql(name, f"ALTER SCHEMA public OWNER TO {APP_ROLE}")
        return self.url(name)

    def drop_database(self, url: str) -> None:
        from sqlalchemy.engine import make_url

        name = make_url(url).database
        self.sql("postgres", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        """Stop the server at once and delete its folder (data, socket, log); safe to repeat."""
        if not self.root.exists():
            return
        try:
            if (self.data_dir / "postmaster.pid").exists():
                self._run(str(self.bin_dir / "pg_ctl"), "-D", str(self.data_dir), "-m", "immediate", "stop")
        except PostgresUnavailable:
            pass
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
