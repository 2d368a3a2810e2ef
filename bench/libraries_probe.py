"""The floor under the desk's cold start: the libraries it cannot show a board without (Textual to
draw it, SQLAlchemy's ORM to read it, pydantic and pydantic-settings for its forms and settings)
imported, and nothing else done."""

import os
import time

import pydantic_settings  # noqa: F401
import sqlalchemy.orm  # noqa: F401
import textual.app  # noqa: F401

print(f"{(time.time() - float(os.environ['BENCH_T0'])) * 1000:.1f}", flush=True)
os._exit(0)  # as the other probes end
