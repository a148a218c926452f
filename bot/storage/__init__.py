"""The local store: remembered languages under pseudonyms, anonymous counts, relays."""
