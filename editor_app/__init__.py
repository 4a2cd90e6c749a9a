"""editor_app: a desktop editorial review desk."""

__version__ = "0.1.0"
