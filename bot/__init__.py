"""Nästa steg: information and contacts after a first asylum rejection, on Telegram."""

__version__ = "0.1.0"
