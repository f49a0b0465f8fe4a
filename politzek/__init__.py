"""politzek: a registry and accountability ledger for political prisoners."""

__version__ = "0.1.0"
