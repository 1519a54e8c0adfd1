"""A partial index so the dispatcher finds undispatched events without scanning the outbox."""

_UNDISPATCHED = (
    "CREATE INDEX IF NOT EXISTS events_undispatched_idx ON events (id) WHERE dispatched_at IS NULL"
)

SQL = {"postgres": [_UNDISPATCHED], "sqlite": [_UNDISPATCHED]}
