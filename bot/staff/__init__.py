"""Tools for staff and evaluators: statistics, translation status, preview."""
