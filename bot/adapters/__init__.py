"""The Telegram adapters (python-telegram-bot, aiogram, webhook) and the terminal.

They only translate between a transport and the core.
"""
