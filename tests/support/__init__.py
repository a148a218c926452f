"""Support code shared by the tests and the benches: the fake Bot API and running bots."""
