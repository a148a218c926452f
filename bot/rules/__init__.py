"""The rules the bot applies: the appeal deadline and opening hours, in Stockholm time."""
