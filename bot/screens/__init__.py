"""What a young person sees: screens from content and UI strings, as Telegram HTML."""
