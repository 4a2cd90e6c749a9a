"""``python -m editor_app.cli``."""

from editor_app.cli.main import main

raise SystemExit(main())
