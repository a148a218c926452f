# Nästa steg: the button for a section's recording (content/audio/<language>/<section-id>.ogg).

button-listen = 🔊 Lyssna
