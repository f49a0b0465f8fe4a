"""Data in and out: import profiles and importers."""
