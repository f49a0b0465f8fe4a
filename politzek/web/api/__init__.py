"""The JSON API (django-ninja): public reads without a token, writes with a per-user token."""
