"""Loading and validating what staff edit: content/ and locales/."""
