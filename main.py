"""Open the editor_app desktop window: ``python main.py [FILE]``."""

import sys

from editor_app.app import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
