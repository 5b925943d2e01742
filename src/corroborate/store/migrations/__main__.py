"""``python -m corroborate.store.migrations``: Alembic's command line for the store."""

import sys

from corroborate.store.migrate import main

main(sys.argv[1:])
