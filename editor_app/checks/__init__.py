"""Review checks: turn an article into the list of things a copy editor must look at.

``run_checks`` runs every registered check; ``recheck`` re-runs only edited blocks
plus the article-wide checks, so the GUI can check while the editor types.
"""

from editor_app.checks.engine import recheck, run_checks
from editor_app.checks.registry import registered_checks

__all__ = ["recheck", "registered_checks", "run_checks"]
