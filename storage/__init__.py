"""The only place that speaks SQL: models, sessions, migrations and the desk's operations."""
