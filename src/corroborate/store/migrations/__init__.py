"""Alembic's script folder for the store (``env.py``, ``versions/``); see ``store/migrate.py``."""
