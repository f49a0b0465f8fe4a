"""Accountability: the officials who produce political cases, their dossiers, the sanctions
already on them and the gaps, and the automatic-cost rules (issue 8)."""
