"""Alembic migrations, applied on start.

HEAD names the newest revision so that a database already there is recognised without importing
Alembic (about 140 ms of every start); a test checks it against Alembic's own idea of the head."""

HEAD = "0024"
