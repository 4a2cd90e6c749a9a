"""Allow ``python -m editor_app`` to open the desktop app."""

from editor_app.app import main

raise SystemExit(main())
