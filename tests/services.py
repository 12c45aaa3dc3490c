"""Reachability of the services the suite runs against, checked once up front."""

import os

import psycopg
import redis

POSTGRES_START = "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"
REDIS_START = (
    'redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no'
)


def missing_services() -> list[str]:
    problems = []
    database_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/portal")
    try:
        # The suite creates its own database, so only the server need be up.
        psycopg.connect(
            database_url.replace("postgres://", "postgresql://", 1),
            dbname="postgres",
            connect_timeout=3,
        ).close()
    except psycopg.Error as error:
        problems.append(
            f"PostgreSQL is not reachable at {database_url} ({error.__class__.__name__}).\n"
            f"  Start it with: {POSTGRES_START}\n"
            "  or point DATABASE_URL at a running server."
        )
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/1")
    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        problems.append(
            f"Redis is not reachable at {redis_url} ({error.__class__.__name__}).\n"
            f"  Start it with: {REDIS_START}\n"
            "  or point REDIS_URL at a running server."
        )
    return problems
