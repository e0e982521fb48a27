"""cpdsl: a language for child protection plans, and cplint, its linter."""

__version__ = "0.1.0"
