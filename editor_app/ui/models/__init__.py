"""Qt item models over service results; they hold domain objects, never database rows."""
