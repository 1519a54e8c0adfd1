"""The `tandem` command: serve, worker, run, migrate, tokens, seed, schema export."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import TypeVar

import uvicorn

from adapters.database import close_db, init_db
from adapters.embedded_redis import EmbeddedRedis
from adapters.metrics_dir import claim_metrics_directory
from adapters.migrate import migrate
from adapters.tracing import configure as configure_tracing
from api import launcher
from api.logs import configure_logging
from api.schema import export_sdl
from domain.auth.services import (
    create_token,
    has_any_token,
    list_tokens,
    revoke_token,
)
from domain.demo import demo_present, seed_demo
from domain.demo.summary import summary_lines
from domain.errors import DomainError, refusals
from domain.settings import (
    SettingError,
    Settings,
    get_settings,
    load_settings,
    override_settings,
)
from workers.supervisor import check_workers, supervise

T = TypeVar("T")


def _with_redis(settings: Settings) -> tuple[Settings, EmbeddedRedis | None]:
    """Settings whose redis_url is set, starting the embedded Redis when REDIS_URL is unset."""
    if settings.redis_url:
        return settings, None
    embedded = EmbeddedRedis(settings.var_dir)
    url = embedded.start()
    resolved = replace(settings, redis_url=url)
    override_settings(resolved)
    return resolved, embedded


def _prepare_var(settings: Settings) -> None:
    settings.var_dir.mkdir(parents=True, exist_ok=True)


async def _migrate(settings: Settings) -> list[str]:
    return await migrate(settings.database_url)


async def _in_db(settings: Settings, run: Callable[[], Awaitable[T]]) -> T:
    await init_db(settings.database_url)
    try:
        return await run()
    finally:
        await close_db()


def cmd_migrate(args: argparse.Namespace) -> int:
    settings = get_settings()
    _prepare_var(settings)
    applied = asyncio.run(_migrate(settings))
    print(f"applied {len(applied)} migration(s)" + (f": {', '.join(applied)}" if applied else ""))
    return 0


def cmd_tokens_create(args: argparse.Namespace) -> int:
    """Prints exactly one line: the new token's secret (shown this once)."""

    async def create() -> str:
        _, raw = await create_token(
            args.name,
            args.role,
            user_email=args.user,
            expires_in_days=args.expires_days,
            user_field="user",
        )
        return raw

    return _token_command(create)


def cmd_tokens_list(args: argparse.Namespace) -> int:
    def when(moment: datetime | None) -> str:
        return moment.strftime("%Y-%m-%d %H:%M") if moment else "-"

    async def rows() -> list[list[str]]:
        tokens = await list_tokens().select_related("user").order_by("id")
        return [
            [
                str(t.id),
                t.name,
                t.role.value,
                t.user.email if t.user else "-",
                when(t.created_at),
                when(t.last_used_at),
                when(t.expires_at),
                when(t.revoked_at),
            ]
            for t in tokens
        ]

    header = ["id", "name", "role", "user", "created", "last used", "expires", "revoked"]
    table = [header, *asyncio.run(_in_db(get_settings(), rows))]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        cells = (cell.ljust(width) for cell, width in zip(row, widths, strict=True))
        print("  ".join(cells).rstrip())
    return 0


def cmd_tokens_revoke(args: argparse.Namespace) -> int:
    async def revoke() -> str:
        token = await revoke_token(args.id)
        return f"revoked token {token.id} ({token.name})"

    return _token_command(revoke)


def _token_command(run: Callable[[], Awaitable[str]]) -> int:
    """Runs a tokens command's use case: prints its one line, or the refusal on stderr (2)."""
    try:
        line = asyncio.run(_in_db(get_settings(), run))
    except DomainError as exc:
        for refusal in refusals(exc):
            print(f"error: {refusal.message}", file=sys.stderr)
        return 2
    print(line)
    return 0


def cmd_schema_export(args: argparse.Namespace) -> int:
    sys.stdout.write(export_sdl())
    return 0


def cmd_seed(args: argparse.Namespace) -> int:
    if not args.demo:
        print("nothing to do: pass --demo", file=sys.stderr)
        return 2

    async def seed() -> tuple[bool, dict[str, int]]:
        present = await demo_present()
        return present, await seed_demo()

    present, summary = asyncio.run(_in_db(get_settings(), seed))
    print("The demo company was already loaded:" if present else "Demo company loaded:")
    for line in summary_lines(summary):
        print(f"  {line}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    settings, embedded = _with_redis(get_settings())
    os.environ["REDIS_URL"] = settings.redis_url or ""
    configure_logging(settings.log_level)
    _prepare_var(settings)
    metrics_dir = claim_metrics_directory(settings.var_dir)
    # Before any metric exists: the uvicorn processes sum their figures there (api/metrics.py).
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(metrics_dir.path)
    try:
        uvicorn.run(
            "api.asgi:app",
            host=args.host,
            port=args.port,
            workers=args.workers,
            log_config=None,
            proxy_headers=True,
        )
    finally:
        metrics_dir.release()
        if embedded:
            embedded.stop()
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    if args.check:
        healthy = asyncio.run(check_workers(get_settings()))
        print("ok" if healthy else "no worker sent a heartbeat in the last 30 s")
        return 0 if healthy else 1
    settings, embedded = _with_redis(get_settings())
    configure_logging(settings.log_level)
    configure_tracing("tandem-worker")
    try:
        asyncio.run(supervise(settings))
    finally:
        if embedded:
            embedded.stop()
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    """API + one worker (+ embedded Redis), all stopped together on Ctrl-C; exits 1 when the
    API cannot take its port or a child stops on its own."""
    settings = get_settings()
    url = launcher.base_url(args.host, args.port)
    if launcher.port_in_use(args.host, args.port):
        print(
            f"tandem run: {args.host}:{args.port} is already in use; "
            "pick another port with --port (make run PORT=…)",
            file=sys.stderr,
        )
        return 1
    _prepare_var(settings)
    settings, embedded = _with_redis(settings)
    try:
        configure_logging(settings.log_level)
        asyncio.run(_migrate(settings))
        env = {
            **os.environ,
            "REDIS_URL": settings.redis_url or "",
            "DATABASE_URL": settings.database_url,
        }
        tandem = [sys.executable, "-m", "api.cli"]
        with launcher.Children() as children:
            children.start(
                "API", [*tandem, "serve", "--host", args.host, "--port", str(args.port)], env
            )
            children.start("worker", [*tandem, "worker"], env)
            if not children.wait_until_answering(f"{url}/healthz", timeout=120):
                if children.stopping:
                    return 0
                print(
                    f"tandem run: the API did not start on {args.host}:{args.port} (see its log "
                    "above); stopping",
                    file=sys.stderr,
                )
                return 1
            _print_first_admin_token(settings, url)
            print(f"Tandem is running: {url}/graphql (Ctrl-C stops it)", flush=True)
            gone = children.wait()
            if gone is not None:
                name, code = gone
                print(f"tandem run: the {name} stopped (exit {code}); stopping", file=sys.stderr)
                return 1
        print("Tandem stopped.", flush=True)
        return 0
    finally:
        if embedded:
            embedded.stop()


def _print_first_admin_token(settings: Settings, url: str) -> None:
    async def first_token() -> str | None:
        if await has_any_token():
            return None
        _, raw = await create_token("admin", "ADMIN")
        return raw

    raw = asyncio.run(_in_db(settings, first_token))
    if raw:
        print("=" * 72)
        print("First start: an ADMIN token was created. It is shown once; keep it safe:")
        print(f"  {raw}")
        print(f"  curl -H 'Authorization: Bearer {raw}' -H 'Content-Type: application/json' \\")
        print(f'       -d \'{{"query":"{{ __typename }}"}}\' {url}/graphql')
        print("=" * 72, flush=True)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tandem", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="the ASGI app (uvicorn)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.set_defaults(func=cmd_serve)

    run = sub.add_parser("run", help="migrate, then the API and one worker together")
    run.add_argument("--host", default="127.0.0.1")
    run.add_argument("--port", type=int, default=8000)
    run.set_defaults(func=cmd_run)

    worker = sub.add_parser("worker", help="one arq worker (with the sweeper)")
    worker.add_argument(
        "--check", action="store_true", help="exit 0 when a worker beat in the last 30 s"
    )
    worker.set_defaults(func=cmd_worker)
    sub.add_parser("migrate", help="apply database migrations").set_defaults(func=cmd_migrate)

    tokens = sub.add_parser("tokens", help="API tokens").add_subparsers(
        dest="action", required=True
    )
    create = tokens.add_parser("create", help="print a new token (one line)")
    create.add_argument("--name", required=True)
    create.add_argument("--role", required=True)
    create.add_argument("--user", metavar="EMAIL", help="issue it for this user")
    create.add_argument("--expires-days", type=int, metavar="N", help="stop it after N days")
    create.set_defaults(func=cmd_tokens_create)
    listing = tokens.add_parser("list", help="the tokens (never their secrets)")
    listing.set_defaults(func=cmd_tokens_list)
    revoke = tokens.add_parser("revoke", help="revoke a token: 401 from then on")
    revoke.add_argument("id", type=int)
    revoke.set_defaults(func=cmd_tokens_revoke)

    seed = sub.add_parser("seed", help="load data")
    seed.add_argument("--demo", action="store_true")
    seed.set_defaults(func=cmd_seed)

    schema = sub.add_parser("schema", help="GraphQL schema").add_subparsers(
        dest="action", required=True
    )
    schema.add_parser("export", help="print the SDL").set_defaults(func=cmd_schema_export)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        load_settings()  # every command checks the whole configuration first
    except SettingError as error:
        print(error, file=sys.stderr)
        return 2
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
