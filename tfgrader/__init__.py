"""The ``tfgrader`` command (see :mod:`tfgrader.cli`)."""
