"""Planbro: handleplaner efter serviceloven § 141 og § 142."""

# The version printed by `planbro --version` and stamped into documents.
__version__ = "0.1.0"
