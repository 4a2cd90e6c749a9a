"""The Qt front end.

Start-up rule: the modules the first paint needs (``main_window``,
``views.review_page``, ``views.article_view``, ``theme``, ``error_dialog``,
``workers``, ``undo``, ``window_state``, ``views.workflow_bar``) do not touch
``PySide6.QtCore.Qt`` at import time or while the window shell is built. PySide
creates every enum class of that namespace on first touch, about 120 of them,
~40 ms on Python 3.11; they import ``Qt`` inside the functions that run later.
``tests/ui/test_startup.py`` checks that the first paint leaves it untouched.
"""
