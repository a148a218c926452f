# Nästa steg: messages to the staff chat (not seen by young people).
# { $problems } is filled in by the bot: one line per problem, with file and line.

staff-reloaded = ✓ The content is updated and the bot uses it now.
staff-reload-failed =
    ✗ The change is not used: the bot still shows the last working version. Fix this and save again:
    { $problems }
