"""Alembic migrations, applied on start.

HEAD names the newest revision so that a database already there is recognised without importing
Alembic (about 140 ms of every start); a test checks it against Alembic's own idea of the head."""

HEAD = "0028"


def first_site() -> str:
    """Inside a migration: the profile's first site, which the rows from before sites belong to
    (`first_site`, handed over by storage.db), or the example profile's when Alembic runs on its own."""
    from alembic import op

    config = op.get_context().config
    first = config.attributes.get("first_site") if config is not None else None
    if first:
        return str(first)
    from forms.profile import load_profile

    return load_profile().first_site
