"""The conversation core and the relay rules: events in, replies out; no Telegram here."""
